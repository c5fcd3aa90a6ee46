package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Value is a flag value: a bool (boolean flags), a string (string flags), an int64 within int32's range (int
// flags) or a float64 (double flags). The zero Value is unset.
type Value struct{ v any }

// BoolValue returns a boolean flag value.
func BoolValue(b bool) Value { return Value{b} }

// StringValue returns a string flag value.
func StringValue(s string) Value { return Value{s} }

// IntValue returns an int flag value.
func IntValue(i int64) Value { return Value{i} }

// DoubleValue returns a double flag value.
func DoubleValue(f float64) Value { return Value{f} }

// Any returns the value as a bool, string, int64 or float64, or nil when unset.
func (v Value) Any() any { return v.v }

// IsSet reports whether the value holds anything.
func (v Value) IsSet() bool { return v.v != nil }

// Type returns the flag type the value fits as held: boolean, string, int or double, or "" when unset.
func (v Value) Type() string {
	switch v.v.(type) {
	case bool:
		return TypeBoolean
	case string:
		return TypeString
	case int64:
		return TypeInt
	case float64:
		return TypeDouble
	}
	return ""
}

// Equal reports whether two values are the same type and value.
func (v Value) Equal(o Value) bool { return v.v == o.v }

// Ptr returns a pointer to a copy of v.
func (v Value) Ptr() *Value { return &v }

// String formats the value for people: strings quoted, numbers in their shortest form.
func (v Value) String() string {
	switch x := v.v.(type) {
	case nil:
		return "<unset>"
	case string:
		return strconv.Quote(x)
	default:
		return v.Text()
	}
}

// Text formats the value without quotes: true, some text, 42, 0.5.
func (v Value) Text() string {
	switch x := v.v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return ""
}

// Convert returns the value as a value of flagType, converting only where no information is lost: an integral
// number to int, any number to double. Anything else that does not fit is an error that says what was expected.
func (v Value) Convert(flagType string) (Value, error) {
	switch flagType {
	case TypeBoolean:
		if b, ok := v.v.(bool); ok {
			return BoolValue(b), nil
		}
	case TypeString:
		if s, ok := v.v.(string); ok {
			return StringValue(s), nil
		}
	case TypeInt:
		switch x := v.v.(type) {
		case int64:
			if x >= math.MinInt32 && x <= math.MaxInt32 {
				return v, nil
			}
			return v, fmt.Errorf("%d does not fit an int flag (32-bit: %d to %d)", x, math.MinInt32, math.MaxInt32)
		case float64:
			if x == math.Trunc(x) && x >= math.MinInt32 && x <= math.MaxInt32 {
				return IntValue(int64(x)), nil
			}
		}
	case TypeDouble:
		switch x := v.v.(type) {
		case int64:
			return DoubleValue(float64(x)), nil
		case float64:
			return v, nil
		}
	default:
		return v, fmt.Errorf("unknown flag type %q (want boolean, string, int or double)", flagType)
	}
	if v.v == nil {
		return v, fmt.Errorf("%s value is required", article(flagType))
	}
	return v, fmt.Errorf("%s is not %s value", v.String(), article(flagType))
}

// article puts "a" or "an" before a flag type.
func article(flagType string) string {
	if flagType == TypeInt {
		return "an int"
	}
	return "a " + flagType
}

// ParseScalar turns the text of a YAML or JSON scalar into a Value: true/false are booleans, integers int64,
// other finite numbers float64, anything else (or anything quoted, when quoted is true) a string. Words such as
// nan, inf and Infinity are text, as YAML reads them.
func ParseScalar(text string, quoted bool) Value {
	if quoted || text == "" || !strings.ContainsRune("0123456789+-.tTfF", rune(text[0])) {
		return StringValue(text) // cannot be a boolean or a number: skip the parsers
	}
	switch text {
	case "true", "True", "TRUE":
		return BoolValue(true)
	case "false", "False", "FALSE":
		return BoolValue(false)
	}
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return IntValue(i)
	}
	// decimal numbers only: ParseFloat also takes hex, underscores, inf and nan
	if f, err := strconv.ParseFloat(text, 64); err == nil && !strings.ContainsAny(text, "xXpP_iInN") {
		return DoubleValue(f)
	}
	return StringValue(text)
}

// MarshalJSON writes the value as a JSON scalar (null when unset); a whole double keeps a fraction (42.0) so that
// it reads back as a double.
func (v Value) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(v.v)
	if _, ok := v.v.(float64); ok && err == nil && !bytes.ContainsAny(b, ".eE") {
		b = append(b, ".0"...)
	}
	return b, err
}

// UnmarshalJSON reads a JSON scalar: numbers with a fraction or exponent become float64, others int64.
func (v *Value) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return err
	}
	switch t := x.(type) {
	case nil:
		*v = Value{}
	case bool:
		*v = BoolValue(t)
	case string:
		*v = StringValue(t)
	case json.Number:
		if i, err := t.Int64(); err == nil && !strings.ContainsAny(t.String(), ".eE") {
			*v = IntValue(i)
		} else if f, err := t.Float64(); err == nil {
			*v = DoubleValue(f)
		} else {
			return fmt.Errorf("bad number %s", t)
		}
	default:
		return fmt.Errorf("a flag value must be a boolean, string or number, not %s", string(b))
	}
	return nil
}

// MarshalYAML writes the value as a YAML scalar, as Write does: a whole double keeps a fraction (42.0).
func (v Value) MarshalYAML() (any, error) { return valueNode(v), nil }

// UnmarshalYAML reads a YAML scalar as the loader does.
func (v *Value) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a flag value must be a boolean, string or number", n.Line)
	}
	if n.Tag == "!!null" {
		*v = Value{}
		return nil
	}
	*v = ParseScalar(n.Value, quoted(n))
	return nil
}
