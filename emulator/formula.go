package emulator

import (
	"iter"
	"slices"

	"github.com/flagsync/flagsync/configcat/wire"
)

// What the emulator does with evaluation formulas (package wire holds their types): walk, normalize and copy
// them.

// formulaConditions yields the conditions of every rule of f, in order; a nil f has none.
func formulaConditions(f *wire.EvaluationFormula) iter.Seq[wire.Condition] {
	return func(yield func(wire.Condition) bool) {
		if f == nil {
			return
		}
		for _, r := range f.TargetingRules {
			for _, c := range r.Conditions {
				if !yield(c) {
					return
				}
			}
		}
	}
}

// normalizeFormula replaces nil lists with empty ones so that responses carry [] rather than null (behaviour
// doc Q8).
func normalizeFormula(f *wire.EvaluationFormula) {
	if f.TargetingRules == nil {
		f.TargetingRules = []wire.TargetingRule{}
	}
	for i := range f.TargetingRules {
		r := &f.TargetingRules[i]
		if r.Conditions == nil {
			r.Conditions = []wire.Condition{}
		}
		if r.PercentageOptions == nil {
			r.PercentageOptions = []wire.PercentageOption{}
		}
	}
}

// normalizeV1 is normalizeFormula for a v1 value.
func normalizeV1(v *wire.UpdateSettingValue[any]) {
	if v.RolloutRules == nil {
		v.RolloutRules = []wire.RolloutRule[any]{}
	}
	if v.RolloutPercentageItems == nil {
		v.RolloutPercentageItems = []wire.RolloutPercentageItem[any]{}
	}
}

// cloneFormula returns a deep copy, so that a stored formula never aliases a request or a response; nil stays
// nil.
func cloneFormula(f *wire.EvaluationFormula) *wire.EvaluationFormula {
	if f == nil {
		return nil
	}
	c := &wire.EvaluationFormula{DefaultValue: cloneValue(f.DefaultValue),
		PercentageEvaluationAttribute: clonePtr(f.PercentageEvaluationAttribute)}
	c.TargetingRules = make([]wire.TargetingRule, len(f.TargetingRules))
	for i, r := range f.TargetingRules {
		c.TargetingRules[i] = cloneRule(r)
	}
	return c
}

func cloneRule(r wire.TargetingRule) wire.TargetingRule {
	c := wire.TargetingRule{Conditions: make([]wire.Condition, len(r.Conditions)),
		PercentageOptions: make([]wire.PercentageOption, len(r.PercentageOptions))}
	if r.Value != nil {
		v := cloneValue(*r.Value)
		c.Value = &v
	}
	for j, o := range r.PercentageOptions {
		c.PercentageOptions[j] = wire.PercentageOption{Percentage: o.Percentage, Value: cloneValue(o.Value)}
	}
	for j, cd := range r.Conditions {
		c.Conditions[j] = cloneCondition(cd)
	}
	return c
}

func cloneCondition(cd wire.Condition) wire.Condition {
	var c wire.Condition
	if u := cd.UserCondition; u != nil {
		cv := wire.ComparisonValue{StringValue: clonePtr(u.ComparisonValue.StringValue),
			DoubleValue: clonePtr(u.ComparisonValue.DoubleValue)}
		if u.ComparisonValue.ListValue != nil {
			cv.ListValue = make([]wire.ListValue, len(u.ComparisonValue.ListValue))
			for k, it := range u.ComparisonValue.ListValue {
				cv.ListValue[k] = wire.ListValue{Value: it.Value, Hint: clonePtr(it.Hint)}
			}
		}
		c.UserCondition = &wire.UserCondition{ComparisonAttribute: u.ComparisonAttribute, Comparator: u.Comparator,
			ComparisonValue: cv}
	}
	if sg := cd.SegmentCondition; sg != nil {
		cp := *sg
		c.SegmentCondition = &cp
	}
	if p := cd.PrerequisiteFlagCondition; p != nil {
		c.PrerequisiteFlagCondition = &wire.PrerequisiteFlagCondition{PrerequisiteSettingID: p.PrerequisiteSettingID,
			Comparator: p.Comparator, PrerequisiteComparisonValue: cloneValue(p.PrerequisiteComparisonValue)}
	}
	return c
}

func cloneValue(v wire.Value) wire.Value {
	return wire.Value{VariationValue: cloneSlots(v.VariationValue), PredefinedVariationID: clonePtr(v.PredefinedVariationID)}
}

func cloneSlots(v wire.VariationValue) wire.VariationValue {
	return wire.VariationValue{BoolValue: clonePtr(v.BoolValue), StringValue: clonePtr(v.StringValue),
		IntValue: clonePtr(v.IntValue), DoubleValue: clonePtr(v.DoubleValue)}
}

// cloneV1 returns a deep copy of a v1 value; nil stays nil.
func cloneV1(v *wire.UpdateSettingValue[any]) *wire.UpdateSettingValue[any] {
	if v == nil {
		return nil
	}
	c := &wire.UpdateSettingValue[any]{Value: v.Value, RolloutRules: make([]wire.RolloutRule[any], len(v.RolloutRules)),
		RolloutPercentageItems: slices.Clone(v.RolloutPercentageItems)}
	for i, r := range v.RolloutRules {
		c.RolloutRules[i] = wire.RolloutRule[any]{ComparisonAttribute: clonePtr(r.ComparisonAttribute),
			Comparator: clonePtr(r.Comparator), ComparisonValue: clonePtr(r.ComparisonValue), Value: r.Value,
			SegmentComparator: clonePtr(r.SegmentComparator), SegmentID: clonePtr(r.SegmentID)}
	}
	return c
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
