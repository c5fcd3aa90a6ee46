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
	for _, set := range []bool{v.Bool != nil, v.String != nil, v.Int != nil, v.Double != nil} {
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
		return v.Bool != nil
	case "string":
		return v.String != nil
	case "int":
		return v.Int != nil
	case "double":
		return v.Double != nil
	}
	return false
}

func (v scalarValue) equal(o scalarValue) bool {
	return eqPtr(v.Bool, o.Bool) && eqPtr(v.String, o.String) && eqPtr(v.Int, o.Int) && eqPtr(v.Double, o.Double)
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (v valueSlot) scalar() scalarValue {
	return scalarValue{Bool: v.Bool, String: v.String, Int: v.Int, Double: v.Double}
}

func (v scalarValue) slot() valueSlot {
	return valueSlot{Bool: clonePtr(v.Bool), String: clonePtr(v.String), Int: clonePtr(v.Int), Double: clonePtr(v.Double)}
}

// zeroValue is the value a flag gets where none was given: false, "", 0 or 0.0 (behaviour doc Q6).
func zeroValue(settingType string) scalarValue {
	switch settingType {
	case "boolean":
		f := false
		return scalarValue{Bool: &f}
	case "string":
		s := ""
		return scalarValue{String: &s}
	case "int":
		var i int32
		return scalarValue{Int: &i}
	default:
		var d float64
		return scalarValue{Double: &d}
	}
}

// scalarFromBare converts a bare JSON scalar of the v1 endpoints and initialValues (SettingValueType) to a
// typed value of settingType.
func scalarFromBare(settingType string, raw any) (scalarValue, bool) {
	switch settingType {
	case "boolean":
		if b, ok := raw.(bool); ok {
			return scalarValue{Bool: &b}, true
		}
	case "string":
		if s, ok := raw.(string); ok {
			return scalarValue{String: &s}, true
		}
	case "int":
		if f, ok := number(raw); ok && f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 {
			i := int32(f)
			return scalarValue{Int: &i}, true
		}
	case "double":
		if f, ok := number(raw); ok {
			return scalarValue{Double: &f}, true
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
func (v scalarValue) wire() wire.VariationValue {
	return wire.VariationValue{BoolValue: v.Bool, StringValue: v.String, IntValue: v.Int, DoubleValue: v.Double}
}

// bare converts a typed value to the bare JSON scalar of the v1 endpoints.
func (v scalarValue) bare() any {
	switch {
	case v.Bool != nil:
		return *v.Bool
	case v.String != nil:
		return *v.String
	case v.Int != nil:
		return float64(*v.Int)
	case v.Double != nil:
		return *v.Double
	}
	return nil
}

// validJSON reports whether s parses as JSON (for isJson settings).
func validJSON(s string) bool { return json.Valid([]byte(s)) }
