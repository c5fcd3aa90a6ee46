package emulator

import (
	"iter"
	"slices"
)

// What the emulator does with evaluation formulas (the types are in wire.go): walk, normalize and copy them.

// conditions yields the conditions of every rule of f, in order; a nil f has none.
func (f *formula) conditions() iter.Seq[condition] {
	return func(yield func(condition) bool) {
		if f == nil {
			return
		}
		for _, r := range f.Rules {
			for _, c := range r.Conditions {
				if !yield(c) {
					return
				}
			}
		}
	}
}

// normalize replaces nil lists with empty ones so that responses carry [] rather than null (behaviour doc Q8).
func (f *formula) normalize() {
	if f.Rules == nil {
		f.Rules = []rule{}
	}
	for i := range f.Rules {
		r := &f.Rules[i]
		if r.Conditions == nil {
			r.Conditions = []condition{}
		}
		if r.Options == nil {
			r.Options = []option{}
		}
	}
}

func (v *v1Value) normalize() {
	if v.Rules == nil {
		v.Rules = []rolloutRule{}
	}
	if v.Percentages == nil {
		v.Percentages = []rolloutPercent{}
	}
}

// clone returns a deep copy, so that a stored formula never aliases a request or a response; nil stays nil.
func (f *formula) clone() *formula {
	if f == nil {
		return nil
	}
	c := &formula{DefaultValue: f.DefaultValue.clone(), PercentageAtt: clonePtr(f.PercentageAtt)}
	c.Rules = make([]rule, len(f.Rules))
	for i, r := range f.Rules {
		nr := rule{Conditions: make([]condition, len(r.Conditions)), Options: make([]option, len(r.Options))}
		if r.Value != nil {
			v := r.Value.clone()
			nr.Value = &v
		}
		for j, o := range r.Options {
			nr.Options[j] = option{Percentage: o.Percentage, Value: o.Value.clone()}
		}
		for j, cd := range r.Conditions {
			var nc condition
			if u := cd.User; u != nil {
				cv := comparisonValue{String: clonePtr(u.Value.String), Double: clonePtr(u.Value.Double)}
				if u.Value.List != nil {
					cv.List = make([]listItem, len(u.Value.List))
					for k, it := range u.Value.List {
						cv.List[k] = listItem{Value: it.Value, Hint: clonePtr(it.Hint)}
					}
				}
				nc.User = &userCondition{Attribute: u.Attribute, Comparator: u.Comparator, Value: cv}
			}
			if sg := cd.Segment; sg != nil {
				cp := *sg
				nc.Segment = &cp
			}
			if p := cd.Prerequisite; p != nil {
				nc.Prerequisite = &prereqCondition{SettingID: p.SettingID, Comparator: p.Comparator, Value: p.Value.clone()}
			}
			nr.Conditions[j] = nc
		}
		c.Rules[i] = nr
	}
	return c
}

func (v valueSlot) clone() valueSlot {
	return valueSlot{Bool: clonePtr(v.Bool), String: clonePtr(v.String), Int: clonePtr(v.Int),
		Double: clonePtr(v.Double), VariationID: clonePtr(v.VariationID)}
}

// clone returns a deep copy; nil stays nil.
func (v *v1Value) clone() *v1Value {
	if v == nil {
		return nil
	}
	c := &v1Value{Value: v.Value, Rules: make([]rolloutRule, len(v.Rules)), Percentages: slices.Clone(v.Percentages)}
	for i, r := range v.Rules {
		c.Rules[i] = rolloutRule{Attribute: clonePtr(r.Attribute), Comparator: clonePtr(r.Comparator),
			ComparisonValue: clonePtr(r.ComparisonValue), Value: r.Value,
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
