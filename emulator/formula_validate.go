package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"slices"
	"strings"
	"unicode/utf8"
)

// checkFormula validates a v2 formula for setting x of config c and returns its stored form. Messages are the
// real API's where the behaviour doc confirms them (Q9); the rest come from Behaviour.
func (s *Server) checkFormula(st *store, c *config, x *setting, in *wire.EvaluationFormula) (*wire.EvaluationFormula, error) {
	lim := s.b.Limits
	out := &wire.EvaluationFormula{TargetingRules: make([]wire.TargetingRule, 0, len(in.TargetingRules))}
	var err error
	if out.DefaultValue, err = s.resolveValue(x, in.DefaultValue, "", s.b.InvalidDefaultValueMessage); err != nil {
		return nil, err
	}
	if in.PercentageEvaluationAttribute != nil {
		if err := checkLength("PercentageEvaluationAttribute", *in.PercentageEvaluationAttribute, 0, 1000); err != nil {
			return nil, err
		}
		out.PercentageEvaluationAttribute = clonePtr(in.PercentageEvaluationAttribute)
	}
	if int32(len(in.TargetingRules)) > lim.MaxTargetingRuleCount {
		return nil, badRequest("", "Too many targeting rules.")
	}
	for i, r := range in.TargetingRules {
		hasValue, hasOptions := r.Value != nil, len(r.PercentageOptions) > 0
		if hasValue == hasOptions {
			return nil, badRequest("", s.b.InvalidRuleMessage)
		}
		if len(r.Conditions) == 0 && (i != len(in.TargetingRules)-1 || !hasOptions) {
			return nil, badRequest("", s.b.InvalidRuleMessage)
		}
		if int32(len(r.Conditions)) > lim.MaxConditionPerTargetingRuleCount {
			return nil, badRequest("", "Too many conditions in a targeting rule.")
		}
		nr := wire.TargetingRule{Conditions: make([]wire.Condition, 0, len(r.Conditions)), PercentageOptions: []wire.PercentageOption{}}
		for _, cd := range r.Conditions {
			ncd, err := s.checkCondition(st, c, x, cd)
			if err != nil {
				return nil, err
			}
			nr.Conditions = append(nr.Conditions, ncd)
		}
		if hasValue {
			v, err := s.resolveValue(x, *r.Value, "", "Invalid term value.")
			if err != nil {
				return nil, err
			}
			nr.Value = &v
		}
		if hasOptions {
			if nr.PercentageOptions, err = s.checkOptions(x, r.PercentageOptions); err != nil {
				return nil, err
			}
		}
		out.TargetingRules = append(out.TargetingRules, nr)
	}
	return out, nil
}

func (s *Server) checkOptions(x *setting, opts []wire.PercentageOption) ([]wire.PercentageOption, error) {
	if int32(len(opts)) > s.b.Limits.MaxPercentageOptionCount {
		return nil, badRequest("", "Too many percentage options.")
	}
	out := make([]wire.PercentageOption, len(opts))
	sum := int32(0)
	for i, o := range opts {
		if o.Percentage < 0 || o.Percentage > 100 {
			return nil, badRequest("", "Invalid percentage option value.")
		}
		v, err := s.resolveValue(x, o.Value, "", "Invalid percentage option value.")
		if err != nil {
			return nil, err
		}
		sum += o.Percentage
		out[i] = wire.PercentageOption{Percentage: o.Percentage, Value: v}
	}
	if s.b.EnforcePercentageSum && sum != 100 {
		return nil, badRequest("", s.b.PercentageSumMessage)
	}
	if s.b.EnforceBooleanTwoOptions && x.Type == "boolean" &&
		(len(out) != 2 || scalarOf(out[0].Value).equal(scalarOf(out[1].Value))) {
		return nil, badRequest("", s.b.BooleanOptionsMessage)
	}
	return out, nil
}

func (s *Server) checkCondition(st *store, c *config, x *setting, cd wire.Condition) (wire.Condition, error) {
	n := 0
	for _, set := range []bool{cd.UserCondition != nil, cd.SegmentCondition != nil, cd.PrerequisiteFlagCondition != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return wire.Condition{}, badRequest("", s.b.InvalidRuleMessage)
	}
	switch {
	case cd.UserCondition != nil:
		u, err := s.checkUserCondition(*cd.UserCondition)
		return wire.Condition{UserCondition: u}, err
	case cd.SegmentCondition != nil:
		sg := st.Segments[strings.ToLower(cd.SegmentCondition.SegmentID)]
		if sg == nil || sg.ProductID != c.ProductID {
			return wire.Condition{}, badRequest("", s.b.InvalidSegmentMessage)
		}
		if !segmentComparators[cd.SegmentCondition.Comparator] {
			return wire.Condition{}, badRequest("", "The value '"+cd.SegmentCondition.Comparator+"' is not valid.")
		}
		return wire.Condition{SegmentCondition: &wire.SegmentCondition{SegmentID: sg.ID, Comparator: cd.SegmentCondition.Comparator}}, nil
	}
	p := cd.PrerequisiteFlagCondition
	pre := st.Settings[p.PrerequisiteSettingID]
	if pre == nil || pre.ConfigID != x.ConfigID {
		return wire.Condition{}, badRequest("", "Prerequisite setting not found.")
	}
	if pre.ID == x.ID {
		return wire.Condition{}, badRequest("", "Circular dependency detected. "+x.Key+" ➔ "+x.Key)
	}
	if !prerequisiteComparators[p.Comparator] {
		return wire.Condition{}, badRequest("", "The value '"+p.Comparator+"' is not valid.")
	}
	v, err := s.resolveValue(pre, p.PrerequisiteComparisonValue, "", "Invalid prerequisite value.")
	if err != nil {
		return wire.Condition{}, err
	}
	return wire.Condition{PrerequisiteFlagCondition: &wire.PrerequisiteFlagCondition{PrerequisiteSettingID: pre.ID, Comparator: p.Comparator, PrerequisiteComparisonValue: v}}, nil
}

func (s *Server) checkUserCondition(u wire.UserCondition) (*wire.UserCondition, error) {
	lim := s.b.Limits
	if err := checkRequired("ComparisonAttribute", u.ComparisonAttribute, 1, 1000); err != nil {
		return nil, err
	}
	kind, ok := userComparators[u.Comparator]
	if !ok {
		return nil, badRequest("", "The value '"+u.Comparator+"' is not valid.")
	}
	out := &wire.UserCondition{ComparisonAttribute: u.ComparisonAttribute, Comparator: u.Comparator}
	switch kind {
	case slotList:
		if len(u.ComparisonValue.ListValue) == 0 {
			return nil, badRequest("", "ListValue field must be set")
		}
		if int32(len(u.ComparisonValue.ListValue)) > lim.MaxComparisonValueListLength {
			return nil, badRequest("", "Too many comparison values.")
		}
		out.ComparisonValue.ListValue = make([]wire.ListValue, len(u.ComparisonValue.ListValue))
		for i, it := range u.ComparisonValue.ListValue {
			if int32(utf8.RuneCountInString(it.Value)) > lim.MaxComparisonValueListItemLength {
				return nil, badRequest("", "Comparison value is too long.")
			}
			if err := checkOptional("Hint", it.Hint, 1500); err != nil {
				return nil, err
			}
			out.ComparisonValue.ListValue[i] = wire.ListValue{Value: it.Value, Hint: clonePtr(it.Hint)}
		}
	case slotString:
		if u.ComparisonValue.StringValue == nil {
			return nil, badRequest("", "StringValue field must be set")
		}
		if int32(utf8.RuneCountInString(*u.ComparisonValue.StringValue)) > lim.MaxComparisonValueLength {
			return nil, badRequest("", "Comparison value is too long.")
		}
		out.ComparisonValue.StringValue = clonePtr(u.ComparisonValue.StringValue)
	case slotDouble:
		if u.ComparisonValue.DoubleValue == nil {
			return nil, badRequest("", "DoubleValue field must be set")
		}
		out.ComparisonValue.DoubleValue = clonePtr(u.ComparisonValue.DoubleValue)
	}
	return out, nil
}

// circularMessage names a cycle [written, prerequisite, ..., written] as ConfigCat does: the path from the
// prerequisite back to the flag being written (choices.go).
func circularMessage(st *store, cycle []int32) string {
	keys := make([]string, 0, len(cycle)-1)
	for _, id := range cycle[1:] {
		keys = append(keys, st.Settings[id].Key)
	}
	return "Circular dependency detected. " + strings.Join(keys, " ➔ ")
}

// checkCycles looks for a prerequisite cycle through any of the changed settings, with the new formulas in
// place of the stored ones.
func checkCycles(st *store, envID string, changed map[int32]*wire.EvaluationFormula) error {
	edges := func(id int32) []int32 {
		f := changed[id]
		if f == nil {
			if v := st.Values[valueKey(id, envID)]; v != nil {
				f = v.V2
			}
		}
		var out []int32
		for cd := range formulaConditions(f) {
			if cd.PrerequisiteFlagCondition != nil {
				out = append(out, cd.PrerequisiteFlagCondition.PrerequisiteSettingID)
			}
		}
		return out
	}
	for start := range changed {
		path := []int32{start}
		onPath := map[int32]bool{start: true}
		done := map[int32]bool{}
		var walk func(id int32) []int32
		walk = func(id int32) []int32 {
			for _, next := range edges(id) {
				if next == start {
					return append(slices.Clone(path), start)
				}
				if onPath[next] || done[next] {
					continue
				}
				path, onPath[next] = append(path, next), true
				if cyc := walk(next); cyc != nil {
					return cyc
				}
				path, onPath[next], done[next] = path[:len(path)-1], false, true
			}
			return nil
		}
		if cyc := walk(start); cyc != nil {
			return badRequest("", circularMessage(st, cyc))
		}
	}
	return nil
}
