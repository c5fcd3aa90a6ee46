// Package spectest generates random valid desired states, for property tests of everything that consumes a
// spec.State (writer round trips, planner convergence, client conversions).
package spectest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Options bounds the size of a random state; zero fields take small defaults.
type Options struct {
	Products     int // at most this many products (default 2)
	Environments int // per product (default 3)
	Configs      int // per product (default 2)
	Flags        int // per config (default 6)
	Rules        int // per flag and environment (default 3)
	// Plain makes names, keys and text values plain ASCII words, for tests that print them.
	Plain bool
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Products, 2)
	def(&o.Environments, 3)
	def(&o.Configs, 2)
	def(&o.Flags, 6)
	def(&o.Rules, 3)
	return o
}

// RandomState returns a random state that passes spec.Validate, normalized. It uses every feature of the
// format: v1 and v2 configs, all flag types, predefined variations, every condition kind and comparator shape,
// rule and environment percentages, tags, segments, webhooks, permission groups, preferences, renames, ignore
// patterns and safety settings. It also holds what ConfigCat accepts but spec.Check warns about (invalid
// versions, empty list items, v1 number text SDKs cannot read) and decimal commas, and, unless opts.Plain, text
// that other YAML readers would take for a number, boolean, null or date in names, keys and text fields. The
// same r gives the same state.
func RandomState(r *rand.Rand, opts Options) *spec.State {
	g := &gen{r: r, o: opts.withDefaults(), used: map[string]bool{}}
	s := &spec.State{}
	if g.chance(2) {
		s.Organization = g.name("Org")
	}
	if g.chance(3) {
		s.Ignore = &spec.Ignore{Flags: []string{"zzIgnored*"}, Tags: []string{"zz-ignored-*"}}
	}
	if g.chance(3) {
		s.Safety = &spec.Safety{MaxDeletePercent: ptr(r.IntN(101)), MinExisting: ptr(r.IntN(20))}
	}
	for range 1 + r.IntN(g.o.Products) {
		s.Products = append(s.Products, g.product())
	}
	spec.Normalize(s)
	return s
}

type gen struct {
	r    *rand.Rand
	o    Options
	seq  int
	p    *spec.Product
	envs []string
	used map[string]bool // lookalike words already taken as names or keys, which must be unique
}

func ptr[T any](v T) *T { return &v }

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

var words = []string{"alpha", "beta", "Checkout", "dark mode", "Ünïcode", "true", "42", "null", "a: b", "#hash",
	"- dash", "quote \"q\"", "it's", "  spaced  ", "Web shop", "*star", "[list]", "{map}", "yes", "1.5", "~",
	"a long sentence that goes on and on past the eighty columns where YAML encoders like to fold plain text, " +
		"with  double spaces,\ttabs and a trailing space "}

// lookalikes are texts that some YAML reader (1.1 or 1.2) takes for a boolean, a null, a number or a timestamp.
var lookalikes = []string{"on", "off", "no", "y", "N", "Yes", "NULL", "False", "1.10", "0x1F", "0o17", "017",
	"1_000", "1e3", ".inf", "-.Inf", ".nan", "12:30", "1:20:30.5", "2024-01-01", "<<", "="}

// lookalikeWords are the lookalikes that can be names and flag keys (one each, since both are unique).
var lookalikeWords = []string{"on", "off", "no", "y", "yes", "null", "true", "False"}

// name returns a unique name starting with prefix, or now and then a unique text that reads as a number,
// boolean, null or date in other YAML readers.
func (g *gen) name(prefix string) string {
	g.seq++
	if g.o.Plain {
		return fmt.Sprintf("%s%d", prefix, g.seq)
	}
	if g.chance(6) {
		return g.lookalikeName()
	}
	return fmt.Sprintf("%s %s %d", prefix, words[g.r.IntN(len(words))], g.seq)
}

// lookalikeName returns a unique name that other YAML readers would not read as text.
func (g *gen) lookalikeName() string {
	if w := g.unusedWord(); w != "" && g.chance(2) {
		return w
	}
	formats := []string{"%d", "1.%d0", "0x%X", "0%d", "%d:30", "%d_000", "%de3", "%04d-01-01"}
	return fmt.Sprintf(formats[g.r.IntN(len(formats))], g.seq)
}

// unusedWord returns a lookalike word not yet used as a name or key, or "".
func (g *gen) unusedWord() string {
	w := lookalikeWords[g.r.IntN(len(lookalikeWords))]
	if g.used[strings.ToLower(w)] {
		return ""
	}
	g.used[strings.ToLower(w)] = true
	return w
}

// text returns arbitrary text, sometimes empty unless nonEmpty.
func (g *gen) text(nonEmpty bool) string {
	if g.o.Plain {
		return "text" + strconv.Itoa(g.r.IntN(100))
	}
	switch g.r.IntN(8) {
	case 0:
		if !nonEmpty {
			return ""
		}
	case 1:
		return "line one\nline two\n"
	case 2:
		return "tab\tand trailing space "
	case 3:
		return lookalikes[g.r.IntN(len(lookalikes))]
	}
	return words[g.r.IntN(len(words))]
}

func (g *gen) maybeOrder() *int {
	if g.chance(2) {
		return ptr(g.r.IntN(10) - 2)
	}
	return nil
}

// product draws a product and everything in it. The draws are made in a fixed order, so that a seed always
// gives the same state.
func (g *gen) product() *spec.Product {
	p := &spec.Product{Name: g.name("Product"), Order: g.maybeOrder()}
	g.p = p
	if g.chance(2) {
		p.Description = g.text(false)
	}
	if g.chance(4) {
		p.RenamedFrom = g.name("Old product")
	}
	if g.chance(4) {
		p.Prune = ptr(g.chance(2))
	}
	if g.chance(4) {
		p.Ignore = &spec.Ignore{Configs: []string{"zz legacy*"}, Webhooks: []string{"https://zz.example.com/*"}}
	}
	g.envs = nil
	for range 1 + g.r.IntN(g.o.Environments) {
		e := g.environment()
		p.Environments = append(p.Environments, e)
		g.envs = append(g.envs, e.Name)
	}
	for range g.r.IntN(4) {
		p.Tags = append(p.Tags, g.tag())
	}
	for range g.r.IntN(3) {
		p.Segments = append(p.Segments, g.segment())
	}
	if g.chance(2) {
		p.Preferences = g.preferences()
	}
	for range 1 + g.r.IntN(g.o.Configs) {
		p.Configs = append(p.Configs, g.config())
	}
	for range g.r.IntN(3) {
		p.Webhooks = append(p.Webhooks, g.webhook())
	}
	for range g.r.IntN(3) {
		p.PermissionGroups = append(p.PermissionGroups, g.group())
	}
	return p
}

func (g *gen) environment() *spec.Environment {
	e := &spec.Environment{Name: g.name("Env"), Order: g.maybeOrder()}
	if g.chance(2) {
		e.Color = []string{"#c62828", "blue", "#abc", "C62828", "rgb(198, 40, 40)"}[g.r.IntN(5)]
	}
	if g.chance(3) {
		e.Description = g.text(false)
	}
	if g.chance(5) {
		e.RenamedFrom = g.name("Old env")
	}
	return e
}

func (g *gen) tag() *spec.Tag {
	t := &spec.Tag{Name: g.name("tag")}
	if g.chance(2) {
		t.Color = []string{"panther", "whale", "#00ff00", "neon"}[g.r.IntN(4)] // neon: stored, warned about
	}
	return t
}

func (g *gen) segment() *spec.Segment {
	sg := &spec.Segment{Name: g.name("Segment"), Attribute: "Email"}
	sg.Comparator, sg.Value = g.legacyComparison()
	if g.chance(2) {
		sg.Description = g.text(false)
	}
	return sg
}

// preferences draws preferences that name the product's first environment.
func (g *gen) preferences() *spec.Preferences {
	return &spec.Preferences{
		ReasonRequired:    g.chance(2),
		KeyGenerationMode: spec.KeyGenerationModes[g.r.IntN(len(spec.KeyGenerationModes))],
		ShowVariationID:   g.chance(2), MandatorySettingHint: g.chance(2), ApproveRequired: g.chance(2),
		ReasonRequiredEnvironments: []string{g.envs[0]},
	}
}

func (g *gen) webhook() *spec.Webhook {
	g.seq++
	w := &spec.Webhook{
		Config:      g.p.Configs[g.r.IntN(len(g.p.Configs))].Name,
		Environment: g.envs[g.r.IntN(len(g.envs))],
		URL:         fmt.Sprintf("https://hooks.example.com/%d?x=1", g.seq),
		Method:      spec.WebhookMethods[g.r.IntN(2)],
	}
	if g.chance(2) {
		w.Content = `{"changed": "##ConfigName##"}`
	}
	if g.chance(2) {
		w.Headers = []*spec.WebhookHeader{{Key: "X-Plain", Value: "v1"}, {Key: "Authorization", Secure: true,
			ValueFromEnv: "HOOK_TOKEN"}}
	}
	return w
}

func (g *gen) group() *spec.PermissionGroup {
	pg := &spec.PermissionGroup{Name: g.name("Group"), AccessType: "readOnly",
		NewEnvironmentAccessType: "none", ApprovalPermissionType: "cannotApprove",
		NewEnvironmentApprovalPermissionType: "cannotApprove"}
	pg.Permissions.CreateOrUpdateSetting = g.chance(2)
	pg.Permissions.ViewSdkKey = g.chance(2)
	if g.chance(2) {
		pg.Permissions.CreateOrUpdateConfig, pg.Permissions.DeleteSetting, pg.Permissions.DeleteConfig = true, true, true
	}
	if g.chance(2) {
		pg.AccessType = "custom"
		pg.EnvironmentAccess = map[string]string{}
		for _, e := range g.envs {
			pg.EnvironmentAccess[e] = spec.EnvironmentAccessTypes[g.r.IntN(3)]
		}
	}
	if g.chance(2) {
		pg.ApprovalPermissionType = "custom"
		pg.EnvironmentApprovalPermissions = map[string]string{g.envs[0]: "canApproveOthers"}
	}
	if g.chance(5) {
		pg.RenamedFrom = g.name("Old group")
	}
	return pg
}

func (g *gen) config() *spec.Config {
	c := &spec.Config{Name: g.name("Config"), Order: g.maybeOrder(), EvaluationVersion: spec.EvaluationV2}
	if g.chance(3) {
		c.EvaluationVersion = spec.EvaluationV1
	}
	if g.chance(3) {
		c.Description = g.text(false)
	}
	if g.chance(5) {
		c.RenamedFrom = g.name("Old config")
	}
	for range 1 + g.r.IntN(g.o.Flags) {
		c.Flags = append(c.Flags, g.flag(c))
	}
	return c
}

func (g *gen) flag(c *spec.Config) *spec.Flag {
	g.seq++
	f := &spec.Flag{
		Key:   fmt.Sprintf("%s%d", []string{"flag", "Feature_", "x-"}[g.r.IntN(3)], g.seq),
		Type:  spec.FlagType(spec.FlagTypes[g.r.IntN(4)]),
		Order: g.maybeOrder(),
	}
	if w := g.unusedWord(); w != "" && !g.o.Plain && g.chance(4) {
		f.Key = w
	}
	if g.chance(2) {
		f.Name = g.name("Flag")
	}
	mandatory := g.p.Preferences != nil && g.p.Preferences.MandatorySettingHint
	if g.chance(2) || mandatory {
		f.Hint = g.text(false)
		if strings.TrimSpace(f.Hint) == "" {
			f.Hint = "hint"
		}
	}
	if g.chance(6) {
		f.RenamedFrom = fmt.Sprintf("old%d", g.seq)
	}
	for _, t := range g.p.Tags {
		if g.chance(2) {
			f.Tags = append(f.Tags, t.Name)
		}
	}
	if f.Type == spec.TypeString && g.chance(4) {
		f.IsJSON = true
	}
	if g.chance(5) && f.Type == spec.TypeBoolean {
		f.Variations = []*spec.Variation{{Value: spec.BoolValue(true), Name: "On"}, {Value: spec.BoolValue(false)}}
	} else if g.chance(5) && f.Type != spec.TypeBoolean {
		seen := map[spec.Value]bool{}
		for range 2 + g.r.IntN(3) {
			v := g.freeValue(f)
			if !seen[v] {
				seen[v] = true
				f.Variations = append(f.Variations, &spec.Variation{Value: v, Name: g.text(false)})
			}
		}
	}
	f.Values = map[string]*spec.EnvValue{}
	if g.chance(3) {
		d := g.value(f)
		for _, e := range g.envs {
			f.Values[e] = &spec.EnvValue{Default: d}
		}
		return f
	}
	for _, e := range g.envs {
		f.Values[e] = g.envValue(c, f)
	}
	return f
}

// freeValue returns any value of the flag's type.
func (g *gen) freeValue(f *spec.Flag) spec.Value {
	switch f.Type {
	case spec.TypeBoolean:
		return spec.BoolValue(g.chance(2))
	case spec.TypeInt:
		return spec.IntValue([]int64{0, 1, -7, math.MaxInt32, math.MinInt32, g.r.Int64N(1000)}[g.r.IntN(6)])
	case spec.TypeDouble:
		return spec.DoubleValue([]float64{0, 1, -2.5, 3.14159, 1e21, 1e-7, g.r.Float64() * 100}[g.r.IntN(7)])
	}
	if f.IsJSON {
		return spec.StringValue([]string{`{"a": 1}`, `[1, 2]`, `"text"`, `true`}[g.r.IntN(4)])
	}
	return spec.StringValue(g.text(false))
}

// value returns a value the flag may serve.
func (g *gen) value(f *spec.Flag) spec.Value {
	if len(f.Variations) > 0 {
		return f.Variations[g.r.IntN(len(f.Variations))].Value
	}
	return g.freeValue(f)
}

func (g *gen) envValue(c *spec.Config, f *spec.Flag) *spec.EnvValue {
	ev := &spec.EnvValue{Default: g.value(f)}
	v1 := c.EvaluationVersion == spec.EvaluationV1
	for range g.r.IntN(g.o.Rules + 1) {
		ev.Rules = append(ev.Rules, g.rule(c, f, v1))
	}
	if g.chance(3) {
		ev.Percentages = g.percentages(f)
		if !v1 && g.chance(2) {
			ev.PercentageAttribute = "Country"
		}
	}
	return ev
}

func (g *gen) rule(c *spec.Config, f *spec.Flag, v1 bool) *spec.Rule {
	r := &spec.Rule{}
	n := 1
	if !v1 {
		n += g.r.IntN(3)
	}
	for range n {
		r.If = append(r.If, g.condition(c, f, v1))
	}
	if !v1 && g.chance(3) {
		r.Percentages = g.percentages(f)
	} else {
		r.Serve = ptr(g.value(f))
	}
	return r
}

func (g *gen) percentages(f *spec.Flag) []*spec.PercentageOption {
	if f.Type == spec.TypeBoolean && len(f.Variations) < 2 {
		p := g.r.IntN(101)
		return []*spec.PercentageOption{{Percent: p, Serve: spec.BoolValue(true)},
			{Percent: 100 - p, Serve: spec.BoolValue(false)}}
	}
	if f.Type == spec.TypeBoolean {
		p := g.r.IntN(101)
		return []*spec.PercentageOption{{Percent: p, Serve: f.Variations[0].Value},
			{Percent: 100 - p, Serve: f.Variations[1].Value}}
	}
	var opts []*spec.PercentageOption
	left := 100
	for range 1 + g.r.IntN(3) {
		p := g.r.IntN(left + 1)
		opts = append(opts, &spec.PercentageOption{Percent: p, Serve: g.value(f)})
		left -= p
	}
	opts[len(opts)-1].Percent += left // the last option takes what is left
	return opts
}

func (g *gen) condition(c *spec.Config, f *spec.Flag, v1 bool) *spec.Condition {
	switch k := g.r.IntN(4); {
	case k == 0 && len(g.p.Segments) > 0:
		cd := &spec.Condition{Segment: g.p.Segments[g.r.IntN(len(g.p.Segments))].Name, Comparator: "isIn"}
		if g.chance(2) {
			cd.Comparator = "isNotIn"
		}
		return cd
	case k == 1 && !v1 && len(c.Flags) > 0:
		pre := c.Flags[g.r.IntN(len(c.Flags))] // flags created earlier: no cycles
		v := g.value(pre)
		if g.chance(2) {
			return &spec.Condition{Flag: pre.Key, Equals: &v}
		}
		return &spec.Condition{Flag: pre.Key, DoesNotEqual: &v}
	case v1:
		cd := &spec.Condition{Attribute: []string{"Email", "Country", "AppVersion"}[g.r.IntN(3)]}
		cd.Comparator, cd.Value = g.legacyComparison()
		return cd
	}
	cd := &spec.Condition{Attribute: []string{"Email", "Identifier", "Custom attr"}[g.r.IntN(3)],
		Comparator: spec.UserComparators[g.r.IntN(len(spec.UserComparators))]}
	switch {
	case strings.HasPrefix(cd.Comparator, "semVer") && !strings.HasSuffix(cd.Comparator, "OneOf"):
		cd.Value = g.version()
	case strings.HasPrefix(cd.Comparator, "dateTime"):
		cd.Value = strconv.FormatInt(1700000000+g.r.Int64N(1e8), 10)
	case spec.IsNumberComparator(cd.Comparator):
		cd.Value = strconv.FormatFloat(float64(g.r.IntN(2000))/4-100, 'f', -1, 64)
	case strings.Contains(cd.Comparator, "Equal"):
		cd.Value = g.text(true)
	default:
		cd.Values = g.listItems(strings.HasPrefix(cd.Comparator, "semVer"))
	}
	return cd
}

// listItems returns the items of a v2 list comparison value; now and then one is empty, or, in a version
// list, not a version.
func (g *gen) listItems(versions bool) []spec.ListItem {
	var items []spec.ListItem
	for i := range 1 + g.r.IntN(3) {
		item := spec.ListItem{Value: g.text(true)}
		switch {
		case versions:
			item.Value = fmt.Sprintf("1.%d.%d", i, g.r.IntN(9))
			if g.chance(6) {
				item.Value = g.badVersion()
			}
		case i > 0:
			item.Value += strconv.Itoa(i)
		}
		if g.chance(8) {
			item.Value = ""
		}
		if g.chance(3) {
			item.Hint = g.text(false)
		}
		items = append(items, item)
	}
	return items
}

// version returns a semantic version, or now and then text that ConfigCat stores but SDKs cannot compare.
func (g *gen) version() string {
	if g.chance(5) {
		return g.badVersion()
	}
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(5), g.r.IntN(20), g.r.IntN(9))
}

// badVersions are not semantic versions, though people write them as such.
var badVersions = []string{"3.0.", "2", "v1.2.3", "1.02.3", "1.2", "latest"}

func (g *gen) badVersion() string { return badVersions[g.r.IntN(len(badVersions))] }

// legacyComparison returns a v1 / segment comparator and a raw comparison value: one that fits it or, now and
// then, one ConfigCat stores but SDKs skip (an invalid version, an empty list item, text that is no number) or
// read in their own way (a decimal comma).
func (g *gen) legacyComparison() (string, string) {
	c := spec.LegacyComparators[g.r.IntN(len(spec.LegacyComparators))]
	switch {
	case c == "semVerIsOneOf" || c == "semVerIsNotOneOf":
		return c, []string{"1.0.0, 2.1.0", "1.0.0,,2.0.0", "1.0.0, " + g.badVersion(), "1.0.0,"}[g.r.IntN(4)]
	case strings.HasPrefix(c, "semVer"):
		if g.chance(4) {
			return c, g.badVersion()
		}
		return c, fmt.Sprintf("%d.%d.0", g.r.IntN(5), g.r.IntN(9))
	case spec.IsNumberComparator(c):
		if g.chance(3) {
			return c, []string{"2,5", " -0,75 ", "ten", "1,000,000", "1.10"}[g.r.IntN(5)]
		}
		return c, strconv.Itoa(g.r.IntN(100))
	}
	if g.chance(4) {
		return c, g.text(true)
	}
	return c, "a@example.com,b@example.com"
}
