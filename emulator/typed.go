package emulator

import (
	"encoding/json"
	"math"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Enums of the spec, and typed-value helpers shared by settings, variations and values.

var settingTypes = map[string]bool{"boolean": true, "string": true, "int": true, "double": true}

var rolloutComparators = setOf("isOneOf", "isNotOneOf", "contains", "doesNotContain", "semVerIsOneOf",
	"semVerIsNotOneOf", "semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals",
	"numberEquals", "numberDoesNotEqual", "numberLess", "numberLessOrEquals", "numberGreater",
	"numberGreaterOrEquals", "sensitiveIsOneOf", "sensitiveIsNotOneOf")

var segmentComparators = setOf("isIn", "isNotIn")

var prerequisiteComparators = setOf("equals", "doesNotEqual")

// comparison-value slot each UserComparator needs (ConfigCat's config v2 model).
const (
	slotList = iota + 1
	slotString
	slotDouble
)

var userComparators = func() map[string]int {
	m := map[string]int{}
	for _, c := range []string{"isOneOf", "isNotOneOf", "containsAnyOf", "doesNotContainAnyOf", "semVerIsOneOf",
		"semVerIsNotOneOf", "sensitiveIsOneOf", "sensitiveIsNotOneOf", "sensitiveTextStartsWithAnyOf",
		"sensitiveTextNotStartsWithAnyOf", "sensitiveTextEndsWithAnyOf", "sensitiveTextNotEndsWithAnyOf",
		"sensitiveArrayContainsAnyOf", "sensitiveArrayDoesNotContainAnyOf", "textStartsWithAnyOf",
		"textNotStartsWithAnyOf", "textEndsWithAnyOf", "textNotEndsWithAnyOf", "arrayContainsAnyOf",
		"arrayDoesNotContainAnyOf"} {
		m[c] = slotList
	}
	for _, c := range []string{"semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals",
		"textEquals", "textDoesNotEqual", "sensitiveTextEquals", "sensitiveTextDoesNotEqual"} {
		m[c] = slotString
	}
	for _, c := range []string{"numberEquals", "numberDoesNotEqual", "numberLess", "numberLessOrEquals",
		"numberGreater", "numberGreaterOrEquals", "dateTimeBefore", "dateTimeAfter"} {
		m[c] = slotDouble
	}
	return m
}()

func setOf(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// slotCount is the number of typed slots set.
func (v scalarValue) slotCount() int {
	n := 0
	for _, set := range []bool{v.BoolValue != nil, v.StringValue != nil, v.IntValue != nil, v.DoubleValue != nil} {
		if set {
			n++
		}
	}
	return n
}

// fits reports whether exactly the slot of settingType is set.
func (v scalarValue) fits(settingType string) bool {
	if v.slotCount() != 1 {
		return false
	}
	switch settingType {
	case "boolean":
		return v.BoolValue != nil
	case "string":
		return v.StringValue != nil
	case "int":
		return v.IntValue != nil
	case "double":
		return v.DoubleValue != nil
	}
	return false
}

func (v scalarValue) equal(o scalarValue) bool {
	return eqPtr(v.BoolValue, o.BoolValue) && eqPtr(v.StringValue, o.StringValue) && eqPtr(v.IntValue, o.IntValue) && eqPtr(v.DoubleValue, o.DoubleValue)
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// scalarOf is v's typed slots, without its predefined variation id.
func scalarOf(v wire.Value) scalarValue { return scalarValue(v.VariationValue) }

// slot is v as a formula's value: a copy of its typed slots, no variation id.
func (v scalarValue) slot() wire.Value {
	return wire.Value{VariationValue: cloneSlots(wire.VariationValue(v))}
}

// zeroValue is the value a flag gets where none was given: false, "", 0 or 0.0 (behaviour doc Q6).
func zeroValue(settingType string) scalarValue {
	switch settingType {
	case "boolean":
		f := false
		return scalarValue{BoolValue: &f}
	case "string":
		s := ""
		return scalarValue{StringValue: &s}
	case "int":
		var i int32
		return scalarValue{IntValue: &i}
	default:
		var d float64
		return scalarValue{DoubleValue: &d}
	}
}

// scalarFromBare converts a bare JSON scalar of the v1 endpoints and initialValues (SettingValueType) to a
// typed value of settingType.
func scalarFromBare(settingType string, raw any) (scalarValue, bool) {
	switch settingType {
	case "boolean":
		if b, ok := raw.(bool); ok {
			return scalarValue{BoolValue: &b}, true
		}
	case "string":
		if s, ok := raw.(string); ok {
			return scalarValue{StringValue: &s}, true
		}
	case "int":
		if f, ok := number(raw); ok && f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 {
			i := int32(f)
			return scalarValue{IntValue: &i}, true
		}
	case "double":
		if f, ok := number(raw); ok {
			return scalarValue{DoubleValue: &f}, true
		}
	}
	return scalarValue{}, false
}

func number(raw any) (float64, bool) {
	switch n := raw.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// wire is v as an answer's PredefinedVariationValueModel.
func (v scalarValue) wire() wire.VariationValue { return wire.VariationValue(v) }

// bare converts a typed value to the bare JSON scalar of the v1 endpoints.
func (v scalarValue) bare() any {
	switch {
	case v.BoolValue != nil:
		return *v.BoolValue
	case v.StringValue != nil:
		return *v.StringValue
	case v.IntValue != nil:
		return float64(*v.IntValue)
	case v.DoubleValue != nil:
		return *v.DoubleValue
	}
	return nil
}

// validJSON reports whether s parses as JSON (for isJson settings).
func validJSON(s string) bool { return json.Valid([]byte(s)) }
