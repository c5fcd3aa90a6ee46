package planner

import "github.com/flagsync/flagsync/spec"

// Exact equality checks for the hot paths of large plans (every flag, every environment). The same* functions
// answer true only when go-cmp would too (same strings exactly, same lengths); anything else is left to go-cmp,
// which stays the judge of what is equal.

// equalEnvValue reports whether two formulas are equal as go-cmp judges them, answering without go-cmp when they
// are exactly the same or differ where go-cmp compares exactly too: the default, the percentage attribute, the
// number of rules or of percentage options.
func equalEnvValue(a, b *spec.EnvValue) bool {
	switch {
	case sameEnvValue(a, b):
		return true
	case a == nil || b == nil || !a.Default.Equal(b.Default) || a.PercentageAttribute != b.PercentageAttribute ||
		len(a.Rules) != len(b.Rules) || len(a.Percentages) != len(b.Percentages):
		return false
	}
	return equal(a, b)
}

func sameEnvValue(a, b *spec.EnvValue) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || !a.Default.Equal(b.Default) || a.PercentageAttribute != b.PercentageAttribute ||
		len(a.Rules) != len(b.Rules) || !samePercentages(a.Percentages, b.Percentages) {
		return false
	}
	for i, r := range a.Rules {
		o := b.Rules[i]
		if (r.Serve == nil) != (o.Serve == nil) || r.Serve != nil && !r.Serve.Equal(*o.Serve) ||
			len(r.If) != len(o.If) || !samePercentages(r.Percentages, o.Percentages) {
			return false
		}
		for j, c := range r.If {
			if !sameCondition(c, o.If[j]) {
				return false
			}
		}
	}
	return true
}

func samePercentages(a, b []*spec.PercentageOption) bool {
	if len(a) != len(b) {
		return false
	}
	for i, o := range a {
		if o.Percent != b[i].Percent || !o.Serve.Equal(b[i].Serve) {
			return false
		}
	}
	return true
}

func sameCondition(a, b *spec.Condition) bool {
	if a.Attribute != b.Attribute || a.Comparator != b.Comparator || a.Value != b.Value || a.Segment != b.Segment ||
		a.Flag != b.Flag || !sameOptValue(a.Equals, b.Equals) || !sameOptValue(a.DoesNotEqual, b.DoesNotEqual) ||
		len(a.Values) != len(b.Values) {
		return false
	}
	for i, v := range a.Values {
		if v != b.Values[i] {
			return false
		}
	}
	return true
}

func sameOptValue(a, b *spec.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// sameFlagMeta reports whether the compared metadata of two flags (diffFields of flagSnap) is exactly equal.
func sameFlagMeta(cur, des *spec.Flag) bool {
	if cur.Name != des.Name || cur.Hint != des.Hint || cur.IsJSON != des.IsJSON || len(cur.Tags) != len(des.Tags) {
		return false
	}
	if des.Order != nil && (cur.Order == nil || *cur.Order != *des.Order) {
		return false
	}
	for i, t := range cur.Tags {
		if t != des.Tags[i] {
			return false
		}
	}
	return true
}

func sameVariations(a, b []*spec.Variation) bool {
	if len(a) != len(b) {
		return false
	}
	for i, v := range a {
		if !v.Value.Equal(b[i].Value) || v.Name != b[i].Name || v.Hint != b[i].Hint {
			return false
		}
	}
	return true
}
