package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// fieldValue formats a field's JSON value for people: strings quoted, lists in brackets, "(none)" when unset.
func fieldValue(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "(none)"
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return string(raw)
	}
	return formatAny(v)
}

func formatAny(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		return strconv.Quote(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatAny(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + formatAny(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// objectFields lists the set fields of a created object as name and formatted value, in model order, without
// the fields the change's title already shows.
func objectFields(o any, skip ...string) [][2]string {
	if f, ok := o.(*spec.Flag); ok && f != nil && slices.Contains(skip, "environments") {
		// the values are shown apart: encoding them only to skip them was most of a large plan's rendering
		meta := *f
		meta.Values = nil
		o = &meta
	}
	b, err := json.Marshal(o)
	if err != nil {
		return nil
	}
	// decode into an ordered list of keys: encoding/json writes struct fields in declaration order
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out [][2]string
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return out
		}
		var v any
		if err := d.Decode(&v); err != nil {
			return out
		}
		k, _ := t.(string)
		if slices.Contains(skip, k) {
			continue
		}
		out = append(out, [2]string{k, formatAny(v)})
	}
	return out
}

// isPlain reports whether a value is a plain default, shown on one line.
func isPlain(v *spec.EnvValue) bool {
	return v != nil && len(v.Rules) == 0 && len(v.Percentages) == 0 && v.PercentageAttribute == ""
}

// envValueLines renders a flag's formula in one environment as YAML-ish lines, in evaluation order: rules,
// percentages, then the default.
func envValueLines(v *spec.EnvValue) []string {
	if v == nil {
		return nil
	}
	var out []string
	if len(v.Rules) > 0 {
		out = append(out, "rules:")
		for _, r := range v.Rules {
			out = append(out, "  - if: "+conditions(r.If))
			if r.Serve != nil {
				out = append(out, "    serve: "+r.Serve.String())
			}
			if len(r.Percentages) > 0 {
				out = append(out, "    percentages: "+percentages(r.Percentages))
			}
		}
	}
	if len(v.Percentages) > 0 {
		out = append(out, "percentages: "+percentages(v.Percentages))
	}
	if v.PercentageAttribute != "" {
		out = append(out, "percentageAttribute: "+v.PercentageAttribute)
	}
	return append(out, "default: "+v.Default.String())
}

func conditions(cs []*spec.Condition) string {
	if len(cs) == 0 {
		return "everyone"
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = condition(c)
	}
	return strings.Join(parts, " and ")
}

func condition(c *spec.Condition) string {
	switch {
	case c.Segment != "":
		return fmt.Sprintf("segment %s %q", c.Comparator, c.Segment)
	case c.Flag != "":
		switch {
		case c.Equals != nil:
			return fmt.Sprintf("flag %q equals %s", c.Flag, c.Equals.String())
		case c.DoesNotEqual != nil:
			return fmt.Sprintf("flag %q doesNotEqual %s", c.Flag, c.DoesNotEqual.String())
		}
		return fmt.Sprintf("flag %q", c.Flag)
	}
	if len(c.Values) > 0 {
		items := make([]string, len(c.Values))
		for i, it := range c.Values {
			items[i] = strconv.Quote(it.Value)
			if it.Hint != "" {
				items[i] += " (" + it.Hint + ")"
			}
		}
		return fmt.Sprintf("%s %s [%s]", c.Attribute, c.Comparator, strings.Join(items, ", "))
	}
	return fmt.Sprintf("%s %s %q", c.Attribute, c.Comparator, c.Value)
}

func percentages(ps []*spec.PercentageOption) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%d%% %s", p.Percent, p.Serve.String())
	}
	return strings.Join(parts, ", ")
}

// flagLines renders a flag's metadata and the given environment values as YAML-ish lines, for the per-flag
// diffs of the Markdown plan. meta may be nil when only values change.
func flagLines(key string, meta *spec.Flag, envs []string, values map[string]*spec.EnvValue) []string {
	out := []string{"key: " + key}
	if meta != nil {
		for _, f := range objectFields(meta, "key", "environments") {
			out = append(out, f[0]+": "+f[1])
		}
		if len(envs) == 0 {
			envs, values = envNames(meta.Values), meta.Values
		}
	}
	if len(envs) > 0 {
		out = append(out, "environments:")
		for _, env := range envs {
			v := values[env]
			if v == nil {
				continue
			}
			out = append(out, "  "+env+":")
			for _, l := range envValueLines(v) {
				out = append(out, "    "+l)
			}
		}
	}
	return out
}

// envNames returns the environments of a flag's values, sorted case-insensitively.
func envNames(values map[string]*spec.EnvValue) []string {
	envs := make([]string, 0, len(values))
	for env := range values {
		envs = append(envs, env)
	}
	sort.Slice(envs, func(i, j int) bool { return spec.Key(envs[i]) < spec.Key(envs[j]) })
	return envs
}

// label names a change's object the way people read it, without its product, config or flag when those are
// shown by the grouping.
func label(c *planner.Change) string { return c.Address.Self(c.Kind) }

// notes are the parenthesised remarks after a change's label.
func notes(c *planner.Change) string {
	var n []string
	if c.Kind == planner.KindFlag && c.Op != planner.Update && c.Type != "" {
		n = append(n, string(c.Type))
	}
	if c.RenamedFrom != "" {
		n = append(n, "renamed from "+strconv.Quote(c.RenamedFrom))
	}
	if c.InitFrom != "" {
		n = append(n, "renamed from "+strconv.Quote(c.InitFrom)+", starting from its values and tags")
	}
	if c.RenamedTo != "" {
		n = append(n, "renamed to "+strconv.Quote(c.RenamedTo))
	}
	if c.Reason == planner.ReasonResendSecrets {
		n = append(n, "sends its secrets again from "+strings.Join(c.After.Secrets(), ", "))
	}
	if c.Reason == planner.ReasonTypeChanged {
		if c.Op == planner.Delete {
			n = append(n, "its type cannot change: deleted and created again")
		} else {
			n = append(n, "created again with the new type")
		}
	}
	if len(n) == 0 {
		return ""
	}
	return " (" + strings.Join(n, "; ") + ")"
}

// createdFields lists what a created object will be, for the text and Markdown renderings.
func createdFields(c *planner.Change) [][2]string {
	if c.After == nil {
		return nil
	}
	if c.Kind == planner.KindFlag {
		skip := []string{"key", "type", "environments"}
		if c.After.Flag.Name == c.After.Flag.Key {
			skip = append(skip, "name")
		}
		return objectFields(c.After.Flag, skip...)
	}
	if o := c.After.Of(c.Kind); o != nil {
		return objectFields(o, c.Kind.IdentityFields()...)
	}
	return nil
}

// budgetLine is the closing sentence about the cost of applying the plan.
func budgetLine(b *applier.Budget) string {
	n := b.Total()
	calls := "API calls"
	if n == 1 {
		calls = "API call"
	}
	return fmt.Sprintf("Apply will make %d %s, at least %s within ConfigCat's rate limits.", n, calls, b.MinDuration.String())
}

// countsLine is the summary sentence of a plan.
func countsLine(p *planner.Plan) string {
	c, u, d := p.Counts()
	return fmt.Sprintf("Plan: %d to create, %d to update, %d to delete.", c, u, d)
}

// DashboardLine says how many values the plan leaves to the dashboard (valueOwner: dashboard), so that nobody
// wonders why an edit of them, in the files or in the dashboard, shows nothing; empty when there are none.
func DashboardLine(p *planner.Plan) string {
	if p.DashboardValues == 0 {
		return ""
	}
	line := numbered(p.DashboardValues, "value is", "values are") + " left to the dashboard (valueOwner: dashboard) and not compared with the files"
	switch p.DashboardDiffering {
	case 0:
		return line + "."
	case 1:
		return line + "; 1 of them differs from the files."
	}
	return line + fmt.Sprintf("; %d of them differ from the files.", p.DashboardDiffering)
}

// SecretsLine says how many webhooks and integrations the plan leaves alone although their secrets may have
// changed, since ConfigCat never returns a secret, and how to send rotated ones; empty when there are none.
func SecretsLine(p *planner.Plan) string {
	if p.UncomparedSecrets == 0 {
		return ""
	}
	return numbered(p.UncomparedSecrets, "webhook or integration has", "webhooks and integrations have") + " secrets (valueFromEnv) that ConfigCat never returns, so they are not compared; " +
		"after rotating one, plan and apply with --resend-secrets to send them again."
}

// numbered is n with the words for one or for many: numbered(1, "value is", "values are") is "1 value is".
func numbered(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// NoteLines are the lines about what the plan does not compare (DashboardLine, SecretsLine), those that apply.
func NoteLines(p *planner.Plan) []string {
	var out []string
	for _, line := range []string{DashboardLine(p), SecretsLine(p)} {
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// refusedLine is the closing sentence of a plan apply would refuse, in place of the summary: it says why, and
// that nothing will be applied.
func refusedLine(p *planner.Plan) string {
	var why []string
	switch n := len(p.Problems); {
	case n == 1:
		why = append(why, "1 problem must be fixed before apply")
	case n > 1:
		why = append(why, fmt.Sprintf("%d problems must be fixed before apply", n))
	}
	switch n := p.FailedTests; {
	case n == 1:
		why = append(why, "1 test expectation fails")
	case n > 1:
		why = append(why, fmt.Sprintf("%d test expectations fail", n))
	}
	if len(p.Unsafe) > 0 && !p.Forced {
		if len(why) == 0 {
			return "Plan refused: the plan is unsafe; rerun with --force to apply it. Nothing will be applied."
		}
		why = append(why, "the plan is unsafe (rerun with --force)")
	}
	return "Plan refused: " + strings.Join(why, ", and ") + ". Nothing will be applied."
}

const noChanges = "No changes. The account matches the files."
