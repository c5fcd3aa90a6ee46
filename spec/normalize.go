package spec

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DefaultPercentageAttribute is the user attribute ConfigCat computes percentages from when none is set.
const DefaultPercentageAttribute = "Identifier"

// Normalize puts a state into the canonical form both sides of a diff share, in place, so that two states that
// mean the same compare equal: defaults filled in, the flag-value shorthand folded into Values for every
// environment, values converted to their flag's type, unordered lists sorted, and objects sorted as ConfigCat
// lists them (by order, then name). It never fails: what cannot be normalized is left for validation to report.
func Normalize(s *State) {
	for _, p := range s.Products {
		if p != nil {
			normalizeProduct(p)
		}
	}
	sortByOrder(s.Products, func(p *Product) (*int, string) { return p.Order, p.Name })
}

func normalizeProduct(p *Product) {
	sortByOrder(p.Environments, func(e *Environment) (*int, string) { return e.Order, e.Name })
	sortByOrder(p.Configs, func(c *Config) (*int, string) { return c.Order, c.Name })
	sortByOrder(p.Tags, func(t *Tag) (*int, string) { return nil, t.Name })
	sortByOrder(p.Segments, func(s *Segment) (*int, string) { return nil, s.Name })
	sortByOrder(p.PermissionGroups, func(g *PermissionGroup) (*int, string) { return nil, g.Name })
	for _, g := range p.PermissionGroups {
		if g != nil {
			normalizeGroup(p, g)
		}
	}
	if pr := p.Preferences; pr != nil {
		sortNames(pr.ReasonRequiredEnvironments)
		sortNames(pr.ApproveRequiredEnvironments)
		if pr.KeyGenerationMode == "" {
			pr.KeyGenerationMode = "camelCase"
		}
	}
	for _, w := range p.Webhooks {
		if w == nil {
			continue
		}
		if w.Method == "" {
			w.Method = "get"
		}
		w.Method = strings.ToLower(w.Method)
	}
	sortByOrder(p.Webhooks, func(w *Webhook) (*int, string) { return nil, WebhookKey(w) })
	for _, in := range p.Integrations {
		if in != nil {
			normalizeIntegration(in)
		}
	}
	sortByOrder(p.Integrations, func(in *Integration) (*int, string) { return nil, IntegrationKey(in) })
	for _, c := range p.Configs {
		if c == nil {
			continue
		}
		if c.EvaluationVersion == "" {
			c.EvaluationVersion = EvaluationV2
		}
		for _, f := range c.Flags {
			if f != nil {
				normalizeFlag(p, f)
			}
		}
		sortByOrder(c.Flags, func(f *Flag) (*int, string) { return f.Order, f.Key })
	}
}

// WebhookKey is a webhook's identity: its config, environment, URL and method.
func WebhookKey(w *Webhook) string {
	return Key(w.Config) + "\x00" + Key(w.Environment) + "\x00" + w.URL + "\x00" + strings.ToLower(w.Method)
}

func normalizeFlag(p *Product, f *Flag) {
	if f.Name == "" {
		f.Name = f.Key
	}
	sortNames(f.Tags)
	f.Tags = dedupNames(f.Tags)
	for _, v := range f.Variations {
		if v != nil {
			v.Value = convert(v.Value, f.Type)
		}
	}
	if f.Values == nil && (f.Value != nil || len(p.Environments) > 0) {
		f.Values = map[string]*EnvValue{}
	}
	// Values keyed by a different spelling of an environment's name take the environment's spelling.
	for name, ev := range f.Values {
		if e := p.Environment(name); e != nil && e.Name != name {
			delete(f.Values, name)
			f.Values[e.Name] = ev
		}
	}
	if f.Value != nil {
		for _, e := range p.Environments {
			if e == nil {
				continue
			}
			if _, ok := f.Values[e.Name]; !ok {
				f.Values[e.Name] = &EnvValue{Default: *f.Value}
			}
		}
		f.Value = nil
	}
	if len(f.Values) == 0 {
		f.Values = nil
	}
	for _, ev := range f.Values {
		normalizeEnvValue(f.Type, ev)
	}
}

func normalizeEnvValue(flagType FlagType, ev *EnvValue) {
	if ev == nil {
		return
	}
	ev.Default = convert(ev.Default, flagType)
	if ev.PercentageAttribute == DefaultPercentageAttribute {
		ev.PercentageAttribute = ""
	}
	for _, o := range ev.Percentages {
		if o != nil {
			o.Serve = convert(o.Serve, flagType)
		}
	}
	for _, r := range ev.Rules {
		if r == nil {
			continue
		}
		if r.Serve != nil {
			r.Serve = convert(*r.Serve, flagType).Ptr()
		}
		for _, o := range r.Percentages {
			if o != nil {
				o.Serve = convert(o.Serve, flagType)
			}
		}
		for _, c := range r.If {
			if c == nil {
				continue
			}
			if c.Segment != "" && c.Comparator == "" {
				c.Comparator = "isIn"
			}
			if c.Attribute != "" && c.Value != "" && strings.HasPrefix(c.Comparator, "dateTime") {
				c.Value = unixSeconds(c.Value)
			}
			if c.Attribute != "" && c.Value != "" && IsNumberComparator(c.Comparator) {
				// finite only: ParseFloat also reads Infinity and NaN, which would come back as +Inf and NaN
				if f, err := strconv.ParseFloat(c.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
					c.Value = strconv.FormatFloat(f, 'f', -1, 64)
				}
			}
		}
	}
}

// unixSeconds turns an RFC 3339 time into Unix seconds (with a fraction when it has one); anything else is
// returned as it is.
func unixSeconds(v string) string {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(v))
	if err != nil {
		return v
	}
	if t.Nanosecond() == 0 {
		return strconv.FormatInt(t.Unix(), 10)
	}
	return strconv.FormatFloat(float64(t.UnixNano())/1e9, 'f', -1, 64)
}

// IsNumberComparator reports whether a v2 user comparator compares numbers (dateTime ones: Unix seconds).
func IsNumberComparator(c string) bool {
	return strings.HasPrefix(c, "number") || strings.HasPrefix(c, "dateTime")
}

func convert(v Value, flagType FlagType) Value {
	if c, err := v.Convert(flagType); err == nil {
		return c
	}
	return v
}

// sortByOrder sorts objects as ConfigCat lists them: those with an order first, by order, then by
// case-insensitive name; nil entries (left for validation to report) go last.
func sortByOrder[T any](items []*T, key func(*T) (*int, string)) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i] == nil || items[j] == nil {
			return items[j] == nil && items[i] != nil
		}
		oi, ni := key(items[i])
		oj, nj := key(items[j])
		if (oi == nil) != (oj == nil) {
			return oi != nil // ordered ones first
		}
		if oi != nil && *oi != *oj {
			return *oi < *oj
		}
		return Key(ni) < Key(nj)
	})
}

func sortNames(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return Key(names[i]) < Key(names[j]) })
}

func dedupNames(names []string) []string {
	out := names[:0]
	for i, n := range names {
		if i > 0 && Same(n, names[i-1]) {
			continue
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Product returns the product named name, or nil.
func (s *State) Product(name string) *Product { return find(s.Products, name, productName) }

// Environment returns the product's environment named name, or nil.
func (p *Product) Environment(name string) *Environment { return find(p.Environments, name, envName) }

// Config returns the product's config named name, or nil.
func (p *Product) Config(name string) *Config { return find(p.Configs, name, cfgName) }

// Tag returns the product's tag named name, or nil.
func (p *Product) Tag(name string) *Tag { return find(p.Tags, name, tagName) }

// Segment returns the product's segment named name, or nil.
func (p *Product) Segment(name string) *Segment { return find(p.Segments, name, segName) }

// PermissionGroup returns the product's permission group named name, or nil.
func (p *Product) PermissionGroup(name string) *PermissionGroup {
	return find(p.PermissionGroups, name, groupName)
}

// Flag returns the config's flag with key key, or nil.
func (c *Config) Flag(key string) *Flag { return find(c.Flags, key, flagKey) }

// The name functions tolerate nil entries, so that validating a hand-built state cannot panic.

func productName(p *Product) string {
	if p == nil {
		return ""
	}
	return p.Name
}

func envName(e *Environment) string {
	if e == nil {
		return ""
	}
	return e.Name
}

func cfgName(c *Config) string {
	if c == nil {
		return ""
	}
	return c.Name
}

func tagName(t *Tag) string {
	if t == nil {
		return ""
	}
	return t.Name
}

func segName(s *Segment) string {
	if s == nil {
		return ""
	}
	return s.Name
}

func groupName(g *PermissionGroup) string {
	if g == nil {
		return ""
	}
	return g.Name
}

func flagKey(f *Flag) string {
	if f == nil {
		return ""
	}
	return f.Key
}

func find[T any](items []T, name string, nameOf func(T) string) T {
	for _, it := range items {
		if Same(nameOf(it), name) {
			return it
		}
	}
	var zero T
	return zero
}

// Defaults of a permission group's access settings, which flagsync always sends.
const (
	DefaultAccessType                           = "readOnly"
	DefaultNewEnvironmentAccessType             = "none"
	DefaultApprovalPermissionType               = "cannotApprove"
	DefaultNewEnvironmentApprovalPermissionType = "cannotApprove"
)

// normalizeGroup fills a permission group's access defaults and, for custom access, gives every environment of
// the product an entry: the ones not listed get the access of new environments, as ConfigCat keeps one entry per
// environment.
func normalizeGroup(p *Product, g *PermissionGroup) {
	fill := func(s *string, def string) {
		if *s == "" {
			*s = def
		}
	}
	fill(&g.AccessType, DefaultAccessType)
	fill(&g.NewEnvironmentAccessType, DefaultNewEnvironmentAccessType)
	fill(&g.ApprovalPermissionType, DefaultApprovalPermissionType)
	fill(&g.NewEnvironmentApprovalPermissionType, DefaultNewEnvironmentApprovalPermissionType)
	g.EnvironmentAccess = perEnvironment(p, g.AccessType == "custom", g.EnvironmentAccess, g.NewEnvironmentAccessType)
	g.EnvironmentApprovalPermissions = perEnvironment(p, g.ApprovalPermissionType == "custom",
		g.EnvironmentApprovalPermissions, g.NewEnvironmentApprovalPermissionType)
}

// perEnvironment returns m with an entry for every environment of p (def where missing, names spelt as the
// environments are) when custom is true, and m unchanged otherwise.
func perEnvironment(p *Product, custom bool, m map[string]string, def string) map[string]string {
	if !custom || len(p.Environments) == 0 {
		return m
	}
	out := make(map[string]string, len(p.Environments))
	for name, v := range m {
		if e := p.Environment(name); e != nil {
			name = e.Name
		}
		out[name] = v
	}
	for _, e := range p.Environments {
		if e == nil {
			continue
		}
		if _, ok := out[e.Name]; !ok {
			out[e.Name] = def
		}
	}
	return out
}
