package emulator

import "github.com/flagsync/flagsync/configcat/wire"

// An account's values repeat the same few strings and slot values: the same updater, comparators, attributes,
// segment ids and served values in every environment. A loaded state file decodes each occurrence into an
// allocation of its own; interning makes equal ones share one. Stored formulas are never written through (a
// write replaces the whole value, and answers are deep copies), so sharing is safe.

// interner hands out one shared instance per distinct string, pointed-to string, bool and person.
type interner struct {
	strs    map[string]string
	ptrs    map[string]*string
	persons map[person]*person
	bools   [2]*bool
}

func newInterner() *interner {
	t, f := true, false
	return &interner{strs: map[string]string{}, ptrs: map[string]*string{}, persons: map[person]*person{},
		bools: [2]*bool{&f, &t}}
}

// internValues makes the stored values of st share their repeated parts.
func internValues(st *store) {
	in := newInterner()
	for _, v := range st.Values {
		in.value(v)
	}
}

func (in *interner) str(s string) string {
	if c, ok := in.strs[s]; ok {
		return c
	}
	in.strs[s] = s
	return s
}

func (in *interner) strPtr(p *string) *string {
	if p == nil {
		return nil
	}
	if c, ok := in.ptrs[*p]; ok {
		return c
	}
	in.ptrs[*p] = p
	return p
}

func (in *interner) boolPtr(p *bool) *bool {
	if p == nil {
		return nil
	}
	if *p {
		return in.bools[1]
	}
	return in.bools[0]
}

func (in *interner) person(p *person) *person {
	if p == nil {
		return nil
	}
	if c, ok := in.persons[*p]; ok {
		return c
	}
	p.Email, p.FullName = in.str(p.Email), in.str(p.FullName)
	in.persons[*p] = p
	return p
}

func (in *interner) value(v *settingValue) {
	if v == nil {
		return
	}
	v.Updater = in.person(v.Updater)
	if f := v.V2; f != nil {
		in.wireValue(&f.DefaultValue)
		f.PercentageEvaluationAttribute = in.strPtr(f.PercentageEvaluationAttribute)
		for i := range f.TargetingRules {
			in.rule(&f.TargetingRules[i])
		}
	}
}

func (in *interner) rule(r *wire.TargetingRule) {
	for i := range r.Conditions {
		in.condition(&r.Conditions[i])
	}
	for i := range r.PercentageOptions {
		in.wireValue(&r.PercentageOptions[i].Value)
	}
	if r.Value != nil {
		in.wireValue(r.Value)
	}
}

func (in *interner) condition(c *wire.Condition) {
	if u := c.UserCondition; u != nil {
		u.ComparisonAttribute, u.Comparator = in.str(u.ComparisonAttribute), in.str(u.Comparator)
		u.ComparisonValue.StringValue = in.strPtr(u.ComparisonValue.StringValue)
		for i := range u.ComparisonValue.ListValue {
			it := &u.ComparisonValue.ListValue[i]
			it.Value, it.Hint = in.str(it.Value), in.strPtr(it.Hint)
		}
	}
	if sg := c.SegmentCondition; sg != nil {
		sg.SegmentID, sg.Comparator = in.str(sg.SegmentID), in.str(sg.Comparator)
	}
	if p := c.PrerequisiteFlagCondition; p != nil {
		p.Comparator = in.str(p.Comparator)
		in.wireValue(&p.PrerequisiteComparisonValue)
	}
}

func (in *interner) wireValue(v *wire.Value) {
	v.BoolValue = in.boolPtr(v.BoolValue)
	v.StringValue = in.strPtr(v.StringValue)
	v.PredefinedVariationID = in.strPtr(v.PredefinedVariationID)
}
