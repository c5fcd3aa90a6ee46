package configcat

import (
	"fmt"
	"unique"

	"github.com/flagsync/flagsync/spec"
)

// readContext resolves the ids met while reading a config's formulas into names.
type readContext struct {
	segments map[string]string // segment names by id
	flags    map[int32]readFlag
}

type readFlag struct {
	key  string
	typ  spec.FlagType
	vars variationSet
}

// FormulaV2 builds a v2 flag's formula in one environment from ev: rules in order, then ev.Percentages as a
// trailing rule with no conditions (ConfigCat's form of flag-level percentage options), the default value,
// and the percentage attribute (nil for Identifier). Values of flags with predefined variations are sent by
// variation id when refs knows one.
func FormulaV2(flagKey string, ev *spec.EnvValue, refs Resolver) (UpdateEvaluationFormula, error) {
	var f UpdateEvaluationFormula
	if ev == nil {
		return f, fmt.Errorf("flag %q: no value", flagKey)
	}
	def, err := valueRef(flagKey, ev.Default, refs)
	if err != nil {
		return f, fmt.Errorf("flag %q: default: %w", flagKey, err)
	}
	f.DefaultValue = def
	f.TargetingRules = []TargetingRule{}
	for i, r := range ev.Rules {
		wr, err := ruleV2(flagKey, r, refs)
		if err != nil {
			return f, fmt.Errorf("flag %q: rule %d: %w", flagKey, i+1, err)
		}
		f.TargetingRules = append(f.TargetingRules, wr)
	}
	if len(ev.Percentages) > 0 {
		opts, err := percentagesV2(flagKey, ev.Percentages, refs)
		if err != nil {
			return f, fmt.Errorf("flag %q: percentages: %w", flagKey, err)
		}
		f.TargetingRules = append(f.TargetingRules, TargetingRule{Conditions: []Condition{}, PercentageOptions: opts})
	}
	if ev.PercentageAttribute != "" && ev.PercentageAttribute != spec.DefaultPercentageAttribute {
		a := ev.PercentageAttribute
		f.PercentageEvaluationAttribute = &a
	}
	return f, nil
}

func ruleV2(flagKey string, r *spec.Rule, refs Resolver) (TargetingRule, error) {
	wr := TargetingRule{Conditions: []Condition{}}
	if len(r.If) == 0 {
		return wr, fmt.Errorf("a rule needs at least one condition")
	}
	for j, c := range r.If {
		wc, err := conditionV2(c, refs)
		if err != nil {
			return wr, fmt.Errorf("condition %d: %w", j+1, err)
		}
		wr.Conditions = append(wr.Conditions, wc)
	}
	switch {
	case r.Serve != nil && len(r.Percentages) > 0:
		return wr, fmt.Errorf("a rule serves either a value or percentages, not both")
	case r.Serve != nil:
		v, err := valueRef(flagKey, *r.Serve, refs)
		if err != nil {
			return wr, err
		}
		wr.Value = &v
	case len(r.Percentages) > 0:
		opts, err := percentagesV2(flagKey, r.Percentages, refs)
		if err != nil {
			return wr, err
		}
		wr.PercentageOptions = opts
	default:
		return wr, fmt.Errorf("a rule must serve a value or percentages")
	}
	return wr, nil
}

func percentagesV2(flagKey string, ps []*spec.PercentageOption, refs Resolver) ([]PercentageOption, error) {
	out := make([]PercentageOption, 0, len(ps))
	for _, p := range ps {
		v, err := valueRef(flagKey, p.Serve, refs)
		if err != nil {
			return nil, err
		}
		out = append(out, PercentageOption{Percentage: int32(p.Percent), Value: v})
	}
	return out, nil
}

func conditionV2(c *spec.Condition, refs Resolver) (Condition, error) {
	switch {
	case c.Attribute != "":
		uc := UserCondition{ComparisonAttribute: c.Attribute, Comparator: c.Comparator}
		switch {
		case IsListComparator(c.Comparator):
			if len(c.Values) == 0 {
				return Condition{}, fmt.Errorf("comparator %s needs a list of values", c.Comparator)
			}
			for _, it := range c.Values {
				uc.ComparisonValue.ListValue = append(uc.ComparisonValue.ListValue, ListValue{Value: it.Value, Hint: strPtr(it.Hint)})
			}
		case spec.IsNumberComparator(c.Comparator):
			f, err := parseNumber(c.Value)
			if err != nil {
				return Condition{}, fmt.Errorf("comparator %s: %w", c.Comparator, err)
			}
			uc.ComparisonValue.DoubleValue = &f
		default:
			s := c.Value
			uc.ComparisonValue.StringValue = &s
		}
		return Condition{UserCondition: &uc}, nil
	case c.Segment != "":
		if refs == nil {
			return Condition{}, fmt.Errorf("segment %q: no ids to resolve it", c.Segment)
		}
		id, err := refs.SegmentID(c.Segment)
		if err != nil {
			return Condition{}, err
		}
		cmp := c.Comparator
		if cmp == "" {
			cmp = "isIn"
		}
		return Condition{SegmentCondition: &SegmentCondition{SegmentID: id, Comparator: cmp}}, nil
	case c.Flag != "":
		if refs == nil {
			return Condition{}, fmt.Errorf("flag %q: no ids to resolve it", c.Flag)
		}
		id, typ, err := refs.Setting(c.Flag)
		if err != nil {
			return Condition{}, err
		}
		cmp, want := "equals", c.Equals
		if c.DoesNotEqual != nil {
			cmp, want = "doesNotEqual", c.DoesNotEqual
		}
		if want == nil || (c.Equals != nil && c.DoesNotEqual != nil) {
			return Condition{}, fmt.Errorf("prerequisite flag %q needs exactly one of equals and doesNotEqual", c.Flag)
		}
		v := convertTo(*want, typ)
		wv, err := valueRef(c.Flag, v, refs)
		if err != nil {
			return Condition{}, err
		}
		return Condition{PrerequisiteFlagCondition: &PrerequisiteFlagCondition{
			PrerequisiteSettingID: id, Comparator: cmp, PrerequisiteComparisonValue: wv}}, nil
	}
	return Condition{}, fmt.Errorf("a condition needs an attribute, a segment or a flag")
}

// envValueFromV2 reads a v2 formula into an EnvValue.
func envValueFromV2(sf *SettingFormula, rc *readContext) (*spec.EnvValue, error) {
	self := rc.flags[sf.Setting.SettingID]
	typ := spec.FlagType(sf.Setting.SettingType)
	ev := &spec.EnvValue{PercentageAttribute: deref(sf.PercentageEvaluationAttribute)}
	if ev.PercentageAttribute == spec.DefaultPercentageAttribute {
		ev.PercentageAttribute = ""
	}
	def, err := valueFromWire(sf.DefaultValue, typ, self.vars)
	if err != nil {
		return nil, fmt.Errorf("default value: %w", err)
	}
	ev.Default = def
	for i, r := range sf.TargetingRules {
		if len(r.Conditions) == 0 && i == len(sf.TargetingRules)-1 && len(r.PercentageOptions) > 0 && r.Value == nil {
			if ev.Percentages, err = percentagesFromV2(r.PercentageOptions, typ, self.vars); err != nil {
				return nil, fmt.Errorf("percentage options: %w", err)
			}
			continue
		}
		rule := &spec.Rule{}
		for j, c := range r.Conditions {
			sc, err := conditionFromV2(c, rc)
			if err != nil {
				return nil, fmt.Errorf("rule %d: condition %d: %w", i+1, j+1, err)
			}
			rule.If = append(rule.If, sc)
		}
		if r.Value != nil {
			v, err := valueFromWire(*r.Value, typ, self.vars)
			if err != nil {
				return nil, fmt.Errorf("rule %d: %w", i+1, err)
			}
			rule.Serve = &v
		} else if rule.Percentages, err = percentagesFromV2(r.PercentageOptions, typ, self.vars); err != nil {
			return nil, fmt.Errorf("rule %d: %w", i+1, err)
		}
		ev.Rules = append(ev.Rules, rule)
	}
	return ev, nil
}

func percentagesFromV2(ps []PercentageOption, typ spec.FlagType, vars variationSet) ([]*spec.PercentageOption, error) {
	var out []*spec.PercentageOption
	for _, p := range ps {
		v, err := valueFromWire(p.Value, typ, vars)
		if err != nil {
			return nil, err
		}
		out = append(out, &spec.PercentageOption{Percent: int(p.Percentage), Serve: v})
	}
	return out, nil
}

// shared is s, or an equal string read before: a large account repeats a few attributes and comparators in
// thousands of conditions, each decoded into a string of its own.
func shared(s string) string { return unique.Make(s).Value() }

func conditionFromV2(c Condition, rc *readContext) (*spec.Condition, error) {
	switch {
	case c.UserCondition != nil:
		u := c.UserCondition
		sc := &spec.Condition{Attribute: shared(u.ComparisonAttribute), Comparator: shared(u.Comparator)}
		cv := u.ComparisonValue
		switch {
		case cv.ListValue != nil:
			for _, it := range cv.ListValue {
				sc.Values = append(sc.Values, spec.ListItem{Value: it.Value, Hint: deref(it.Hint)})
			}
		case cv.DoubleValue != nil:
			sc.Value = formatNumber(*cv.DoubleValue)
		case cv.StringValue != nil:
			sc.Value = *cv.StringValue
		}
		return sc, nil
	case c.SegmentCondition != nil:
		name, ok := rc.segments[c.SegmentCondition.SegmentID]
		if !ok {
			return nil, fmt.Errorf("unknown segment %s", c.SegmentCondition.SegmentID)
		}
		return &spec.Condition{Segment: name, Comparator: shared(c.SegmentCondition.Comparator)}, nil
	case c.PrerequisiteFlagCondition != nil:
		p := c.PrerequisiteFlagCondition
		pre, ok := rc.flags[p.PrerequisiteSettingID]
		if !ok {
			return nil, fmt.Errorf("unknown prerequisite flag %d", p.PrerequisiteSettingID)
		}
		v, err := valueFromWire(p.PrerequisiteComparisonValue, pre.typ, pre.vars)
		if err != nil {
			return nil, fmt.Errorf("prerequisite flag %q: %w", pre.key, err)
		}
		sc := &spec.Condition{Flag: pre.key}
		if p.Comparator == "doesNotEqual" {
			sc.DoesNotEqual = &v
		} else {
			sc.Equals = &v
		}
		return sc, nil
	}
	return nil, fmt.Errorf("a condition has none of userCondition, segmentCondition and prerequisiteFlagCondition")
}
