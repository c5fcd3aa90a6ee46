package planner

import (
	"fmt"
	"unicode/utf8"

	"github.com/flagsync/flagsync/spec"
)

// Limits are ConfigCat's plan-dependent limits: the featureFlagLimitations the values GETs return, and
// maxPredefinedVariations from the organization's limitations. A zero field is unknown and not checked.
type Limits struct {
	MaxPercentageOptionCount          int
	MaxTargetingRuleCount             int
	MaxComparisonValueLength          int
	MaxComparisonValueListLength      int
	MaxComparisonValueListItemLength  int
	MaxStringFlagValueLength          int
	MaxConditionPerTargetingRuleCount int
	MaxPredefinedVariations           int
}

// formulaKnown reports whether the limits on formulas are known (ConfigCat reports them all together).
func (l Limits) formulaKnown() bool { return l.MaxTargetingRuleCount > 0 }

// NeedsOrganizationLimits reports whether checking the plan's writes needs limits that have does not hold:
// maxPredefinedVariations when the plan creates a flag with predefined variations or changes a flag's
// variations, and the formula limits when the plan writes values and no values GET reported them (no v2
// config was read). Both come from one GET of the organization's limitations.
func NeedsOrganizationLimits(p *Plan, have Limits) bool {
	for _, c := range p.Changes {
		switch {
		case c.Kind == KindVariation && c.Op != Delete && have.MaxPredefinedVariations == 0:
			return true
		case c.Kind == KindFlag && c.Op == Create && c.After != nil && c.After.Flag != nil &&
			len(c.After.Flag.Variations) > 0 && have.MaxPredefinedVariations == 0:
			return true
		case (c.Kind == KindValues || c.Kind == KindFlag && c.Op == Create) && !have.formulaKnown():
			return true
		}
	}
	return false
}

// limitCheck collects the problems of one change against the limits.
type limitCheck struct {
	l    Limits
	kind Kind
	addr Address
	v2   bool
	// flagsIn is, for a values change, the desired state: a problem the files give no position for is placed
	// at the declaration of addr's flag in it, looked up only then, since finding a flag scans its config.
	flagsIn  *spec.State
	problems []Problem
}

func (lc *limitCheck) over(pos spec.Pos, n, limit int, format string, args ...any) {
	if limit <= 0 || n <= limit {
		return
	}
	if pos.IsZero() && lc.flagsIn != nil {
		pos = flagPos(lc.flagsIn, lc.addr, lc.addr.Flag)
	}
	msg := fmt.Sprintf(format, args...)
	lc.problems = append(lc.problems, Problem{Kind: lc.kind, Address: lc.addr, Pos: pos,
		Message: fmt.Sprintf("%s: %d, but the organization's plan allows at most %d; shorten it, or raise the limit with a plan that allows more", msg, n, limit)})
}

// limitProblems checks every value, rule and variation the plan writes against the limits. desired, when not
// nil, gives the position of values declared without one.
func limitProblems(p *Plan, current, desired *spec.State, l Limits) []Problem {
	var out []Problem
	listed := map[AddressKey]bool{} // flags whose variation list was checked
	configVersion := configVersions(p, current)
	for _, c := range p.Changes {
		lc := &limitCheck{l: l, kind: c.Kind, addr: c.Address}
		switch {
		case c.Kind == KindValues:
			lc.v2 = configVersion(c.Address) == spec.EvaluationV2
			lc.flagsIn = desired
			for _, v := range c.Values {
				lc.addr.Flag = v.Key
				lc.envValue(v.Key, c.Address.Environment, v.Type, v.After)
			}
		case c.Kind == KindFlag && c.Op != Delete && c.After != nil && c.After.Flag != nil:
			f := c.After.Flag
			if first(listed, c.Address) {
				lc.variations(f.Key, f.Type, f.Variations, f.Pos)
			}
			if c.Op == Create {
				for env, ev := range f.Values {
					lc.stringValue(orPos(ev.Pos, f.Pos), f.Type, ev.Default, "flag %q: the default in %s", f.Key, env)
				}
			}
		case c.Kind == KindVariation && c.Op != Delete && c.After != nil && c.After.Variation != nil:
			v := c.After.Variation
			lc.stringValue(v.Pos, c.Type, v.Value, "flag %q: variation %s", c.Address.Flag, c.Address.Name)
			if first(listed, c.Address) {
				lc.over(v.Pos, len(c.After.Variations), l.MaxPredefinedVariations, "flag %q: predefined variations", c.Address.Flag)
			}
		}
		out = append(out, lc.problems...)
	}
	return out
}

// first reports whether the flag at a is met for the first time, and marks it met.
func first(met map[AddressKey]bool, a Address) bool {
	return once(met, Address{Product: a.Product, Config: a.Config, Flag: a.Flag})
}

// flagPos is where desired declares the flag key in the config at a, or zero.
func flagPos(desired *spec.State, a Address, key string) spec.Pos {
	if desired == nil {
		return spec.Pos{}
	}
	if dp := desired.Product(a.Product); dp != nil {
		return desiredFlagPos(dp, a.Config, key)
	}
	return spec.Pos{}
}

func (lc *limitCheck) variations(key string, typ spec.FlagType, vs []*spec.Variation, pos spec.Pos) {
	if len(vs) == 0 {
		return
	}
	lc.over(orPos(vs[0].Pos, pos), len(vs), lc.l.MaxPredefinedVariations, "flag %q: predefined variations", key)
	for _, v := range vs {
		lc.stringValue(orPos(v.Pos, pos), typ, v.Value, "flag %q: variation %s", key, v.Value.String())
	}
}

// envValue checks one flag's formula in one environment.
func (lc *limitCheck) envValue(key, env string, typ spec.FlagType, ev *spec.EnvValue) {
	if ev == nil {
		return
	}
	pos := ev.Pos
	what := fmt.Sprintf("flag %q in %s", key, env)
	lc.over(pos, len(ev.Rules), lc.l.MaxTargetingRuleCount, "%s: targeting rules", what)
	lc.over(pos, len(ev.Percentages), lc.l.MaxPercentageOptionCount, "%s: percentage options", what)
	lc.stringValue(pos, typ, ev.Default, "%s: the default", what)
	lc.options(ev.Percentages, pos, typ, what)
	for i, r := range ev.Rules {
		rpos := orPos(r.Pos, pos)
		rwhat := fmt.Sprintf("%s rule %d", what, i+1)
		lc.over(rpos, len(r.If), lc.l.MaxConditionPerTargetingRuleCount, "%s: conditions", rwhat)
		lc.over(rpos, len(r.Percentages), lc.l.MaxPercentageOptionCount, "%s: percentage options", rwhat)
		if r.Serve != nil {
			lc.stringValue(rpos, typ, *r.Serve, "%s: the served value", rwhat)
		}
		lc.options(r.Percentages, rpos, typ, rwhat)
		if lc.v2 {
			lc.conditions(r.If, rpos, rwhat)
		}
	}
}

func (lc *limitCheck) options(opts []*spec.PercentageOption, pos spec.Pos, typ spec.FlagType, what string) {
	for _, o := range opts {
		lc.stringValue(orPos(o.Pos, pos), typ, o.Serve, "%s: the value served to %d%%", what, o.Percent)
	}
}

// conditions checks the comparison values of a v2 rule's user conditions: ConfigCat limits text values and list
// items by length and lists by count.
func (lc *limitCheck) conditions(cs []*spec.Condition, pos spec.Pos, what string) {
	for j, c := range cs {
		if c.Attribute == "" {
			continue
		}
		cpos := orPos(c.Pos, pos)
		cwhat := fmt.Sprintf("%s condition %d", what, j+1)
		lc.over(cpos, utf8.RuneCountInString(c.Value), lc.l.MaxComparisonValueLength, "%s: the comparison value's length", cwhat)
		lc.over(cpos, len(c.Values), lc.l.MaxComparisonValueListLength, "%s: comparison values", cwhat)
		for k, it := range c.Values {
			lc.over(cpos, utf8.RuneCountInString(it.Value), lc.l.MaxComparisonValueListItemLength, "%s: the length of comparison value %d", cwhat, k+1)
		}
	}
}

// stringValue checks the length of a string flag's value.
func (lc *limitCheck) stringValue(pos spec.Pos, typ spec.FlagType, v spec.Value, format string, args ...any) {
	if typ != spec.TypeString {
		return
	}
	lc.over(pos, utf8.RuneCountInString(v.Text()), lc.l.MaxStringFlagValueLength, format+"'s length", args...)
}

func orPos(p, fallback spec.Pos) spec.Pos {
	if p.IsZero() {
		return fallback
	}
	return p
}
