package spec

import (
	"fmt"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Limits of ConfigCat's API that validation enforces.
const (
	MaxNameLength            = 255
	MaxProductNameLength     = 1000
	MaxDescriptionLength     = 1000
	MaxAttributeLength       = 1000
	MaxListItemHintLength    = 1500
	MaxComparisonValueLength = 65535
	MaxStringValueLength     = 100000
	MaxColorLength           = 255
	MaxWebhookContentLength  = 15000
	MaxHeaderValueLength     = 1000
)

// Validate checks a state against ConfigCat's rules and flagsync's own, all at once: names and keys present,
// unique (case-insensitively) and within ConfigCat's limits, references to environments, tags, segments and
// flags resolved, values fitting their flag's type, comparators matching their values, percentages summing to
// 100, prerequisites without cycles, webhooks and permission groups well formed. The state should be normalized
// (see Normalize); it need not come from YAML, in which case errors carry a Path instead of a position.
// Warnings (see Error.Warning) are left out: Check returns them too.
func Validate(s *State) Errors {
	failures, _ := Check(s)
	return failures
}

// Check is Validate that also returns the warnings: what ConfigCat accepts and stores but will not act as
// written, such as a comparison value no SDK can parse.
func Check(s *State) (failures, warnings Errors) {
	failures, warnings = validate(s, nil).sorted().split()
	return failures, warnings
}

// validator collects errors; pos (possibly nil) knows where fields were written.
type validator struct {
	pos  *positions
	errs Errors
}

func validate(s *State, pos *positions) Errors {
	v := &validator{pos: pos}
	v.state(s)
	return v.errs
}

// errorf reports a problem with field of obj; path names the object for states without positions.
func (v *validator) errorf(obj any, field, path, format string, args ...any) {
	v.errs.add(v.pos.at(obj, field), path, format, args...)
}

// warnf reports a warning about field of obj, as errorf does.
func (v *validator) warnf(obj any, field, path, format string, args ...any) {
	v.errs.warn(v.pos.at(obj, field), path, format, args...)
}

// where describes a position for "also at" messages.
func where(p Pos) string {
	if p.IsZero() {
		return ""
	}
	return " (also at " + p.String() + ")"
}

func (v *validator) state(s *State) {
	if s == nil {
		return
	}
	v.length(s, "organization", "", "organization", s.Organization, 0, MaxNameLength)
	v.ignore(s, s.Ignore, "")
	if sf := s.Safety; sf != nil {
		if p := sf.MaxDeletePercent; p != nil && (*p < 0 || *p > 100) {
			v.errorf(sf, "maxDeletePercent", "safety", "safety: maxDeletePercent is %d; use a percentage from 0 to 100", *p)
		}
		if m := sf.MinExisting; m != nil && *m < 0 {
			v.errorf(sf, "minExisting", "safety", "safety: minExisting is %d; use 0 or more", *m)
		}
	}
	if im := s.Impact; im != nil && (im.Users < 0 || im.Users > MaxImpactUsers) {
		v.errorf(im, "users", "impact", "impact: users is %d; use 1 to %d (default %d)", im.Users, MaxImpactUsers, DefaultImpactUsers)
	}
	var items []named
	for _, p := range s.Products {
		if p == nil {
			v.errs.add(Pos{}, "", "a product is nil")
			continue
		}
		items = append(items, named{p, p.Name, p.RenamedFrom, p.Name})
		v.product(s, p)
	}
	v.unique("product", "name", items)
	v.tests(s)
}

// named is an object with a name (or key), for uniqueness and rename checks.
type named struct {
	obj         any
	name        string
	renamedFrom string
	path        string
}

// unique reports names declared twice and renames that collide with declared names.
func (v *validator) unique(kind, field string, items []named) {
	seen := map[string]named{}
	for _, it := range items {
		if it.name == "" {
			continue
		}
		if first, dup := seen[Key(it.name)]; dup {
			v.errorf(it.obj, field, it.path, "%s %q is declared twice%s; names are compared case-insensitively, merge "+
				"the two or rename one", kind, it.name, where(v.pos.at(first.obj, field)))
			continue
		}
		seen[Key(it.name)] = it
	}
	from := map[string]named{}
	for _, it := range items {
		if it.renamedFrom == "" {
			continue
		}
		switch other, ok := seen[Key(it.renamedFrom)]; {
		case Same(it.renamedFrom, it.name):
			v.errorf(it.obj, "renamedFrom", it.path, "%s %q: renamedFrom names the %s itself; remove renamedFrom",
				kind, it.name, kind)
		case ok:
			v.errorf(it.obj, "renamedFrom", it.path, "%s %q: renamedFrom %q is also a declared %s%s; the old name "+
				"must not be declared, or the rename would delete it", kind, it.name, it.renamedFrom, kind,
				where(v.pos.at(other.obj, field)))
		}
		if first, dup := from[Key(it.renamedFrom)]; dup {
			v.errorf(it.obj, "renamedFrom", it.path, "%s %q: %s %q is also renamed from %q; only one can take it over",
				kind, it.name, kind, first.name, it.renamedFrom)
		}
		from[Key(it.renamedFrom)] = it
	}
}

// name checks a required name's length.
func (v *validator) name(obj any, field, path, what, name string, limit int) {
	if name == "" {
		v.errorf(obj, field, path, "%s has no %s; add %s:", what, field, field)
		return
	}
	v.length(obj, field, path, what, name, 1, limit)
	if r, mixed := mixedLookalike(name); mixed {
		v.warnf(obj, field, path, "%s %q mixes Latin letters with %s, a look-alike of a Latin letter, so it is not "+
			"the name it looks like; retype it in one script", field, name, describeRune(r))
	}
}

// asciiKey reports a flag key (or a reference to one) that holds a non-ASCII character, naming it: ConfigCat
// allows only ASCII letters, digits, _ and - in keys.
func (v *validator) asciiKey(obj any, field, path, what, label, key string) bool {
	r, found := firstNonASCII(key)
	if found {
		v.errorf(obj, field, path, "%s: %s %q: %s is not an ASCII letter; use only ASCII letters, digits, _ "+
			"and -", what, label, key, describeRune(r))
	}
	return found
}

// length checks an optional text's length in characters.
func (v *validator) length(obj any, field, path, what, s string, lo, hi int) {
	if n := len([]rune(s)); n < lo || n > hi {
		v.errorf(obj, field, path, "%s: %s is %d characters long; ConfigCat allows %d to %d", what, field, n, lo, hi)
	}
}

// order checks that an order fits ConfigCat's 32-bit field.
func (v *validator) order(obj any, path, what string, o *int) {
	if o != nil && (*o < math.MinInt32 || *o > math.MaxInt32) {
		v.errorf(obj, "order", path, "%s: order %d does not fit 32 bits", what, *o)
	}
}

// optionalOneOf checks an enumerated field the files may leave out: empty, or one of allowed.
func (v *validator) optionalOneOf(obj any, field, path, what, val string, allowed []string) {
	if val == "" || slices.Contains(allowed, val) {
		return
	}
	v.errorf(obj, field, path, "%s: %s %q is not one of %s", what, field, val, strings.Join(allowed, ", "))
}

// valueOwner checks a valueOwner setting of a product, environment, config or flag.
func (v *validator) valueOwner(obj any, path, what, owner string) {
	if owner == "" || slices.Contains(ValueOwners, owner) {
		return
	}
	v.errorf(obj, "valueOwner", path, "%s: valueOwner %q is neither %s (the files decide the values) nor %s (the "+
		"files give only the initial values, the ConfigCat dashboard decides afterwards); write one of them",
		what, owner, ValueOwnerGit, ValueOwnerDashboard)
}

// known lists names for "unknown X" messages.
func known(names []string) string {
	if len(names) == 0 {
		return " (none declared)"
	}
	if len(names) > 10 {
		return " (known: " + strings.Join(names[:10], ", ") + fmt.Sprintf(" and %d more)", len(names)-10)
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}

func (v *validator) ignore(obj any, ig *Ignore, objPath string) {
	if ig == nil {
		return
	}
	lists := map[string][]string{"flags": ig.Flags, "configs": ig.Configs, "environments": ig.Environments,
		"tags": ig.Tags, "segments": ig.Segments, "permissionGroups": ig.PermissionGroups, "webhooks": ig.Webhooks,
		"integrations": ig.Integrations}
	for _, kind := range sortedKeys(lists) {
		for _, p := range lists[kind] {
			if _, err := path.Match(Key(p), ""); err != nil || p == "" {
				v.errorf(ig, kind+":"+Key(p), objPath, "ignore %s: %q is not a valid pattern (use * ? and [a-z] as in "+
					"path.Match)", kind, p)
			} else if glob, literal, ok := regexpAsGlob(p); ok {
				v.errorf(ig, kind+":"+Key(p), objPath, "ignore %s: \"%s\" looks like a regular expression, but ignore "+
					"patterns are globs (* ? [a-z]); write \"%s\" (%s)", kind, p, glob, literal)
			}
		}
	}
}

// ignored returns the first pattern of either list that matches name, case-insensitively.
func ignored(name string, lists ...[]string) string {
	for _, l := range lists {
		for _, p := range l {
			if ok, _ := path.Match(Key(p), Key(name)); ok {
				return p
			}
		}
	}
	return ""
}

// ignoreLists returns the state's and the product's ignore patterns of one kind.
func ignoreLists(s *State, p *Product, pick func(*Ignore) []string) [][]string {
	var out [][]string
	for _, ig := range []*Ignore{s.Ignore, p.Ignore} {
		if ig != nil {
			out = append(out, pick(ig))
		}
	}
	return out
}

func (v *validator) checkIgnored(obj any, field, path, kind, name string, lists [][]string) {
	if p := ignored(name, lists...); p != "" && name != "" {
		v.errorf(obj, field, path, "%s %q matches the ignore pattern %q, so flagsync would leave it alone; remove "+
			"the declaration or the pattern", kind, name, p)
	}
}

func (v *validator) product(s *State, p *Product) {
	path := p.Name
	what := fmt.Sprintf("product %q", p.Name)
	v.name(p, "name", path, "a product", p.Name, MaxProductNameLength)
	v.length(p, "description", path, what, p.Description, 0, MaxDescriptionLength)
	v.length(p, "renamedFrom", path, what, p.RenamedFrom, 0, MaxProductNameLength)
	v.order(p, path, what, p.Order)
	v.valueOwner(p, path, what, p.ValueOwner)
	v.ignore(p, p.Ignore, path)

	envNames := v.environments(s, p)
	v.preferences(p, envNames)
	v.tags(s, p)
	v.segments(s, p)
	var cfgs []named
	for _, c := range p.Configs {
		if c == nil {
			v.errs.add(p.Pos, path, "a config is nil")
			continue
		}
		cfgs = append(cfgs, named{c, c.Name, c.RenamedFrom, path + "/" + c.Name})
		v.config(s, p, c, envNames)
	}
	v.unique("config", "name", cfgs)
	v.webhooks(s, p, envNames)
	v.permissionGroups(s, p, envNames)
	v.integrations(s, p, envNames)
}

func (v *validator) environments(s *State, p *Product) []string {
	var names []string
	eachNamed(v, s, p, "environment", p.Environments, func(ig *Ignore) []string { return ig.Environments },
		func(e *Environment) (string, string) { return e.Name, e.RenamedFrom },
		func(e *Environment, path, what string) {
			v.length(e, "description", path, what, e.Description, 0, MaxDescriptionLength)
			v.order(e, path, what, e.Order)
			v.valueOwner(e, path, what, e.ValueOwner)
			v.color(e, path, what, e.Color)
			names = append(names, e.Name)
		})
	return names
}

// eachNamed checks a product's list of objects of a kind identified by name (noun, such as "permission
// group"): none nil, each name and renamedFrom, that no ignore pattern matches a declared one, then check's
// checks of its own fields; and last, that the names are unique.
func eachNamed[T any](v *validator, s *State, p *Product, noun string, objs []*T, ignored func(*Ignore) []string,
	id func(*T) (name, renamedFrom string), check func(t *T, path, what string)) {
	var items []named
	lists := ignoreLists(s, p, ignored)
	for _, t := range objs {
		if t == nil {
			v.errs.add(p.Pos, p.Name, "%s is nil", withArticle(noun))
			continue
		}
		name, renamedFrom := id(t)
		path := p.Name + "/" + name
		what := fmt.Sprintf("%s %q", noun, name)
		v.name(t, "name", path, withArticle(noun), name, MaxNameLength)
		v.length(t, "renamedFrom", path, what, renamedFrom, 0, MaxNameLength)
		v.checkIgnored(t, "name", path, noun, name, lists)
		check(t, path, what)
		items = append(items, named{t, name, renamedFrom, path})
	}
	v.unique(noun, "name", items)
}

// withArticle is the noun with its indefinite article: "an environment", "a tag".
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func (v *validator) color(obj any, path, what, c string) {
	v.length(obj, "color", path, what, c, 0, MaxColorLength)
	_, tag := obj.(*Tag)
	switch {
	case c == "" || validColor(c, tag):
	case tag:
		v.warnf(obj, "color", path, "%s: color %q is not one of %s, an HTML colour name or #rrggbb; ConfigCat "+
			"stores it, but the Dashboard may not show it: pick one of those", what, c, strings.Join(TagColors, ", "))
	default:
		v.errorf(obj, "color", path, "%s: color %q is neither an HTML colour name (such as blue), #rrggbb nor "+
			"rgb(r, g, b)", what, c)
	}
}

func (v *validator) preferences(p *Product, envs []string) {
	pr := p.Preferences
	if pr == nil {
		return
	}
	what := fmt.Sprintf("product %q: preferences", p.Name)
	v.optionalOneOf(pr, "keyGenerationMode", p.Name, what, pr.KeyGenerationMode, KeyGenerationModes)
	for field, list := range map[string][]string{"reasonRequiredEnvironments": pr.ReasonRequiredEnvironments,
		"approveRequiredEnvironments": pr.ApproveRequiredEnvironments} {
		for _, e := range list {
			if p.Environment(e) == nil {
				v.errorf(pr, field+":"+Key(e), p.Name, "%s: %s names unknown environment %q%s", what, field, e, known(envs))
			}
		}
	}
}

func (v *validator) tags(s *State, p *Product) {
	eachNamed(v, s, p, "tag", p.Tags, func(ig *Ignore) []string { return ig.Tags },
		func(t *Tag) (string, string) { return t.Name, t.RenamedFrom },
		func(t *Tag, path, what string) { v.color(t, path, what, t.Color) })
}

func (v *validator) segments(s *State, p *Product) {
	eachNamed(v, s, p, "segment", p.Segments, func(ig *Ignore) []string { return ig.Segments },
		func(sg *Segment) (string, string) { return sg.Name, sg.RenamedFrom },
		func(sg *Segment, path, what string) {
			v.length(sg, "description", path, what, sg.Description, 0, MaxDescriptionLength)
			v.name(sg, "attribute", path, what, sg.Attribute, MaxAttributeLength)
			if k := legacyComparatorKind(sg.Comparator); k == "" {
				v.errorf(sg, "comparator", path, "%s: comparator %q is not a segment comparator; use one of %s", what,
					sg.Comparator, strings.Join(LegacyComparators, ", "))
			} else {
				v.legacyValue(sg, path, what, sg.Comparator, k, sg.Value, "a condition on this segment never "+
					"matches (isIn and isNotIn alike)")
			}
		})
}

// legacyValue checks a v1 or segment comparison value, which is raw text (lists comma-separated). ConfigCat
// stores any text; what its SDKs cannot read is a warning, whose consequence says what never matches.
func (v *validator) legacyValue(obj any, path, what, comparator, kind, val, consequence string) {
	if strings.TrimSpace(val) == "" {
		v.errorf(obj, "value", path, "%s: %s needs a value", what, comparator)
		return
	}
	v.length(obj, "value", path, what, val, 1, MaxComparisonValueLength)
	switch kind {
	case compareNumber:
		if _, ok := SDKNumber(val); !ok {
			v.warnf(obj, "value", path, "%s: SDKs cannot read %q as a number, so %s; write a number such as 2.5 "+
				"(a comma is read as the decimal point)", what, val, consequence)
		}
	case compareSemVer:
		if !isSemVer(val) {
			v.warnf(obj, "value", path, "%s: %q is not a semantic version such as 1.2.3, so %s; fix the version",
				what, val, consequence)
		}
	case compareList + "+" + compareSemVer:
		for i, item := range strings.Split(val, ",") {
			switch item = strings.TrimSpace(item); {
			case item == "":
				v.warnf(obj, "value", path, "%s: item %d of the list is empty, and SDKs skip it: it never matches; "+
					"remove the extra comma", what, i+1)
			case !isSemVer(item):
				v.warnf(obj, "value", path, "%s: %q is not a semantic version such as 1.2.3, and SDKs skip a list "+
					"holding one, so %s; fix or remove it", what, item, consequence)
			}
		}
	}
}

func (v *validator) webhooks(s *State, p *Product, envs []string) {
	seen := map[string]*Webhook{}
	lists := ignoreLists(s, p, func(ig *Ignore) []string { return ig.Webhooks })
	for _, w := range p.Webhooks {
		if w == nil {
			v.errs.add(p.Pos, p.Name, "a webhook is nil")
			continue
		}
		path := p.Name + "/webhook " + w.URL
		what := fmt.Sprintf("webhook %q", w.URL)
		if w.Config == "" {
			v.errorf(w, "config", path, "%s: config is required", what)
		} else if p.Config(w.Config) == nil {
			v.errorf(w, "config", path, "%s: unknown config %q%s", what, w.Config, known(names(p.Configs, cfgName)))
		}
		if w.Environment == "" {
			v.errorf(w, "environment", path, "%s: environment is required", what)
		} else if p.Environment(w.Environment) == nil {
			v.errorf(w, "environment", path, "%s: unknown environment %q%s", what, w.Environment, known(envs))
		}
		if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.errorf(w, "url", path, "webhook: url %q is not an absolute http(s) URL", w.URL)
		} else {
			v.length(w, "url", path, what, w.URL, 7, 1000)
		}
		v.optionalOneOf(w, "method", path, what, strings.ToLower(w.Method), WebhookMethods)
		v.length(w, "content", path, what, w.Content, 0, MaxWebhookContentLength)
		v.checkIgnored(w, "url", path, "webhook", w.URL, lists)
		for _, h := range w.Headers {
			v.header(w, path, what, h)
		}
		if first, dup := seen[WebhookKey(w)]; dup {
			v.errorf(w, "url", path, "%s is declared twice for config %q and environment %q%s", what, w.Config,
				w.Environment, where(first.Pos))
		}
		seen[WebhookKey(w)] = w
	}
}

func (v *validator) header(w *Webhook, path, what string, h *WebhookHeader) {
	if h == nil {
		v.errorf(w, "headers", path, "%s: a header is nil", what)
		return
	}
	what = fmt.Sprintf("%s: header %q", what, h.Key)
	// A header has no position of its own; its fields do when it came from YAML.
	at := func(field string) (any, string) {
		if v.pos.has(h, field) {
			return h, field
		}
		return w, "headers"
	}
	obj, field := at("key")
	v.name(obj, field, path, what, h.Key, MaxNameLength)
	if h.Key != "" && !headerNamePattern.MatchString(h.Key) {
		v.errorf(obj, field, path, "%s: the name is not an HTTP header name; use letters, digits and !#$%%&'*+-.^_`|~ "+
			"only (no spaces, colons or line breaks)", what)
	}
	if o, f := at("value"); h.Value != "" {
		obj, field = o, f
	}
	switch {
	case h.Secure && h.Value != "":
		v.errorf(obj, field, path, "%s is secure, so its value must not be in the files; put it in an environment "+
			"variable and name it with valueFromEnv", what)
	case h.Secure && h.ValueFromEnv == "":
		v.errorf(obj, field, path, "%s is secure and needs valueFromEnv, the environment variable holding its value",
			what)
	case h.Value != "" && h.ValueFromEnv != "":
		v.errorf(obj, field, path, "%s sets both value and valueFromEnv; keep one", what)
	case h.Value == "" && h.ValueFromEnv == "":
		v.errorf(obj, field, path, "%s needs a value (or valueFromEnv)", what)
	}
	v.length(obj, field, path, what, h.Value, 0, MaxHeaderValueLength)
	if !headerValuePattern.MatchString(h.Value) {
		v.errorf(obj, field, path, "%s: the value contains a line break or a NUL character, which a header value "+
			"cannot hold; put it on one line", what)
	}
	if h.ValueFromEnv != "" && !v.asciiKey(obj, field, path, what, "valueFromEnv", h.ValueFromEnv) &&
		!envVarPattern.MatchString(h.ValueFromEnv) {
		v.errorf(obj, field, path, "%s: valueFromEnv %q is not an environment variable name", what, h.ValueFromEnv)
	}
}

// headerNamePattern is an HTTP token (RFC 9110 section 5.6.2), the syntax of a header name; headerValuePattern
// is a header value without the characters that would end it or split it into two headers.
var (
	headerNamePattern  = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	headerValuePattern = regexp.MustCompile(`^[^\r\n\x00]*$`)
)

func (v *validator) permissionGroups(s *State, p *Product, envs []string) {
	eachNamed(v, s, p, "permission group", p.PermissionGroups, func(ig *Ignore) []string { return ig.PermissionGroups },
		func(g *PermissionGroup) (string, string) { return g.Name, g.RenamedFrom },
		func(g *PermissionGroup, path, what string) { v.permissionGroup(g, p, envs, path, what) })
}

// permissionGroup checks a permission group's access settings and permissions.
func (v *validator) permissionGroup(g *PermissionGroup, p *Product, envs []string, path, what string) {
	v.optionalOneOf(g, "accessType", path, what, g.AccessType, AccessTypes)
	v.optionalOneOf(g, "newEnvironmentAccessType", path, what, g.NewEnvironmentAccessType, EnvironmentAccessTypes)
	v.optionalOneOf(g, "approvalPermissionType", path, what, g.ApprovalPermissionType, ApprovalPermissionTypes)
	v.optionalOneOf(g, "newEnvironmentApprovalPermissionType", path, what, g.NewEnvironmentApprovalPermissionType,
		EnvironmentApprovalPermissionTypes)
	if len(g.EnvironmentAccess) > 0 && g.AccessType != "custom" {
		v.errorf(g, "environmentAccess", path, "%s: environmentAccess applies only with accessType: custom", what)
	}
	if len(g.EnvironmentApprovalPermissions) > 0 && g.ApprovalPermissionType != "custom" {
		v.errorf(g, "environmentApprovalPermissions", path, "%s: environmentApprovalPermissions applies only "+
			"with approvalPermissionType: custom", what)
	}
	v.envMap(g, "environmentAccess", path, what, p, envs, g.EnvironmentAccess, EnvironmentAccessTypes)
	v.envMap(g, "environmentApprovalPermissions", path, what, p, envs, g.EnvironmentApprovalPermissions,
		EnvironmentApprovalPermissionTypes)
	if pm := g.Permissions; pm.DeleteConfig && (!pm.CreateOrUpdateConfig || !pm.DeleteSetting) {
		v.errorf(g, "permissions", path, "%s: deleteConfig is not allowed without createOrUpdateConfig and "+
			"deleteSetting", what)
	}
}

func (v *validator) envMap(g *PermissionGroup, field, path, what string, p *Product, envs []string,
	m map[string]string, allowed []string) {
	for _, e := range sortedKeys(m) {
		if p.Environment(e) == nil {
			v.errorf(g, field+":"+Key(e), path, "%s: %s names unknown environment %q%s", what, field, e, known(envs))
		}
		if !slices.Contains(allowed, m[e]) {
			v.errorf(g, field+":"+Key(e), path, "%s: %s of %q is %q, not one of %s", what, field, e, m[e],
				strings.Join(allowed, ", "))
		}
	}
}

func names[T any](items []T, nameOf func(T) string) []string {
	var out []string
	for _, it := range items {
		out = append(out, nameOf(it))
	}
	return out
}

// regexpAsGlob reports whether an ignore pattern is written as a regular expression rather than a glob, with
// the glob it most likely means (^support.*$ → support*) and how to write the construct literally in a glob. The
// constructs taken for a regular expression are a leading ^, a trailing unescaped $, ".*", ".+" and the
// escapes \d, \w and \s: a name or key rarely holds them, and a glob keeps a way to say each literally.
func regexpAsGlob(p string) (glob, literal string, ok bool) {
	switch {
	case strings.HasPrefix(p, "^"):
		literal = `a leading ^ is written \^`
	case strings.HasSuffix(p, "$") && !strings.HasSuffix(p, `\$`):
		literal = `a trailing $ is written \$`
	case strings.Contains(p, ".*") || strings.Contains(p, ".+"):
		literal = "a dot before * is written [.]*"
	case strings.Contains(p, `\d`) || strings.Contains(p, `\w`) || strings.Contains(p, `\s`):
		literal = `a letter d, w or s is written without \`
	default:
		return "", "", false
	}
	glob = strings.NewReplacer(".*", "*", ".+", "?*", `\d+`, "[0-9]*", `\d`, "[0-9]", `\w+`, "?*", `\w`, "?",
		`\s`, "?").Replace(p)
	start := strings.HasPrefix(glob, "^")
	end := strings.HasSuffix(glob, "$") && !strings.HasSuffix(glob, `\$`)
	glob = strings.TrimPrefix(glob, "^")
	if end {
		glob = strings.TrimSuffix(glob, "$")
	}
	switch { // a regular expression anchored at one end only matches anything at the other
	case start && !end && !strings.HasSuffix(glob, "*"):
		glob += "*"
	case end && !start && !strings.HasPrefix(glob, "*"):
		glob = "*" + glob
	}
	return glob, literal, true
}
