package configcat

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
	"github.com/flagsync/flagsync/spec"
)

// ValueToWire returns v in its typed slot (boolValue, stringValue, intValue or doubleValue).
func ValueToWire(v spec.Value) ValueModel {
	var m ValueModel
	switch x := v.Any().(type) {
	case bool:
		m.BoolValue = &x
	case string:
		m.StringValue = &x
	case int64:
		i := int32(x) // the loader holds int flag values to 32 bits, the API's intValue
		m.IntValue = &i
	case float64:
		m.DoubleValue = &x
	}
	return m
}

// variationValueToWire returns v as a predefined variation's value: its typed slot, never a variation id.
func variationValueToWire(v spec.Value) VariationValue { return ValueToWire(v).VariationValue }

// valueRef writes v for a flag: by predefined variation id when the flag has a variation with that value
// (ConfigCat's way for variation flags), else in its typed slot.
func valueRef(flagKey string, v spec.Value, refs Resolver) (ValueModel, error) {
	if !v.IsSet() {
		return ValueModel{}, fmt.Errorf("flag %q: a value is missing", flagKey)
	}
	if refs != nil {
		if id, ok := refs.VariationID(flagKey, v); ok {
			return ValueModel{PredefinedVariationID: &id}, nil
		}
	}
	return ValueToWire(v), nil
}

// wireValue reads a typed slot (a value's, or a predefined variation's): the one of flagType when set, else
// whichever is set (converted).
func wireValue(m wire.VariationValue, flagType spec.FlagType) (spec.Value, bool) {
	var v spec.Value
	switch {
	case flagType == spec.TypeBoolean && m.BoolValue != nil:
		return spec.BoolValue(*m.BoolValue), true
	case flagType == spec.TypeString && m.StringValue != nil:
		return spec.StringValue(*m.StringValue), true
	case flagType == spec.TypeInt && m.IntValue != nil:
		return spec.IntValue(int64(*m.IntValue)), true
	case flagType == spec.TypeDouble && m.DoubleValue != nil:
		return spec.DoubleValue(*m.DoubleValue), true
	case m.BoolValue != nil:
		v = spec.BoolValue(*m.BoolValue)
	case m.StringValue != nil:
		v = spec.StringValue(*m.StringValue)
	case m.IntValue != nil:
		v = spec.IntValue(int64(*m.IntValue))
	case m.DoubleValue != nil:
		v = spec.DoubleValue(*m.DoubleValue)
	default:
		return v, false
	}
	return convertTo(v, flagType), true
}

// variationSet maps variation ids to values, for reading formulas.
type variationSet map[string]spec.Value

// valueFromWire reads a v2 value of a flag of flagType, resolving a predefined variation id through vars.
func valueFromWire(m ValueModel, flagType spec.FlagType, vars variationSet) (spec.Value, error) {
	if v, ok := wireValue(m.VariationValue, flagType); ok {
		return v, nil
	}
	if m.PredefinedVariationID != nil {
		if v, ok := vars[*m.PredefinedVariationID]; ok {
			return v, nil
		}
		return spec.Value{}, fmt.Errorf("unknown predefined variation %s", *m.PredefinedVariationID)
	}
	return spec.Value{}, fmt.Errorf("a value has no slot set")
}

// convertTo converts v to flagType where it can (an int that v1 JSON carried as a number, a value in another
// type's slot), else returns it as it is.
func convertTo(v spec.Value, flagType spec.FlagType) spec.Value {
	if c, err := v.Convert(flagType); err == nil {
		return c
	}
	return v
}

// IsListComparator reports whether a v2 user comparator takes a list comparison value (isOneOf,
// containsAnyOf, textStartsWithAnyOf and so on).
func IsListComparator(c string) bool {
	return strings.HasSuffix(c, "OneOf") || strings.HasSuffix(c, "AnyOf")
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
