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
func (v Value) Type() FlagType {
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
func (v Value) Convert(flagType FlagType) (Value, error) {
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
	return v, fmt.Errorf("%s is not %s value; %s", v.String(), article(flagType), convertFix(v, flagType))
}

// convertFix says how to write a value that does not fit flagType.
func convertFix(v Value, flagType FlagType) string {
	s, isString := v.v.(string)
	switch {
	case flagType == TypeString:
		return "quote it: " + strconv.Quote(v.Text())
	case isString && ParseScalar(s, false).Type() == flagType,
		isString && flagType == TypeDouble && ParseScalar(s, false).Type() == TypeInt:
		return "remove the quotes (or the !!str tag)"
	case flagType == TypeBoolean:
		return "write true or false"
	case flagType == TypeInt && v.Type() == TypeDouble:
		return "write a whole number, or make it a double flag"
	case flagType == TypeInt:
		return "write a whole number, such as 42"
	}
	return "write a number, such as 42 or 0.5"
}

// article puts "a" or "an" before a flag type.
func article(flagType FlagType) string { return withArticle(string(flagType)) }

// ParseScalar turns the text of a YAML or JSON scalar into a Value: true/false are booleans, plain decimal
// numbers int64 (float64 with a fraction or exponent), anything else (or anything quoted, when quoted is true) a
// string. Numbers in other forms (050, 0x1F, 1_000, +5, .inf) are text here; the loader refuses them (see
// readScalar).
func ParseScalar(text string, quoted bool) Value {
	if quoted || text == "" || !strings.ContainsRune("0123456789+-.tTfF", rune(text[0])) {
		return StringValue(text) // cannot be a boolean or a number: skip the parsers
	}
	if b, ok := boolWord(text); ok {
		return BoolValue(b)
	}
	if v, _, err := readNumber(text); err == nil && v.IsSet() {
		return v
	}
	return StringValue(text)
}

// boolWord reads the words YAML 1.2 and flagsync take as booleans.
func boolWord(text string) (value, ok bool) {
	switch text {
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	}
	return false, false
}

// nullWord reports whether text is one of YAML's spellings of nothing.
func nullWord(text string) bool {
	switch text {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// coreTags are the tags flagsync reads, and the kind of node each may stand on.
var coreTags = map[string]nodeKind{
	"!!str": scalarNode, "!!int": scalarNode, "!!float": scalarNode, "!!bool": scalarNode,
	"!!null": scalarNode, "!!map": mappingNode, "!!seq": sequenceNode,
}

// explicitTag returns the tag written on n, or "" when it has none.
func explicitTag(n *node) string {
	if n.style&taggedStyle == 0 {
		return ""
	}
	return n.tag()
}

// showTag spells a tag as it is written: !!int, !local, or !<verbatim>.
func showTag(tag string) string {
	if strings.HasPrefix(tag, "!") {
		return tag
	}
	return "!<" + tag + ">"
}

// tagError says why the tag written on n cannot be read, or returns nil when n has no tag or a core tag that
// fits its kind of node. A scalar's text is checked against its tag by readScalar.
func tagError(n *node) error {
	tag := explicitTag(n)
	if tag == "" {
		return nil
	}
	kind, core := coreTags[tag]
	switch {
	case tag == "!!binary":
		return fmt.Errorf("tag !!binary is not supported: flagsync does not decode base64; write the text itself " +
			"and remove the tag")
	case tag == "!!timestamp":
		return fmt.Errorf("tag !!timestamp is not supported: flagsync has no date fields; remove the tag (a date " +
			"is then kept as text)")
	case !core:
		return fmt.Errorf("tag %s is not supported: flagsync reads only YAML's core tags (!!str, !!int, !!float, "+
			"!!bool, !!null, !!map, !!seq) and would not apply it; remove it", showTag(tag))
	case kind != n.kind:
		return fmt.Errorf("tag %s does not fit %s; remove the tag", tag, describe(n))
	}
	return nil
}

// readScalar reads a scalar node as a flag value, meaning exactly what it says. A tag is obeyed when the text
// fits it (!!str 5 is the text "5", like "5"; !!bool "false" is the boolean false) and is an error when it does
// not. Without a tag, quoted (or block) text is text, true and false are booleans, plain decimal numbers are
// numbers, a number in any other form is an error that says what to write, and anything else is text.
func readScalar(n *node) (Value, error) {
	if err := tagError(n); err != nil {
		return Value{}, err
	}
	text := n.value
	switch explicitTag(n) {
	case "":
		if isText(n) {
			return StringValue(text), nil
		}
		if n.tag() == "!!null" {
			return Value{}, nil
		}
		if b, ok := boolWord(text); ok {
			return BoolValue(b), nil
		}
		if v, isNumber, err := readNumber(text); isNumber {
			return v, err
		}
		return StringValue(text), nil
	case "!!str":
		return StringValue(text), nil
	case "!!bool":
		if b, ok := boolWord(text); ok {
			return BoolValue(b), nil
		}
		return Value{}, fmt.Errorf("!!bool %s: a boolean is true or false; fix the value or remove the tag",
			strconv.Quote(text))
	case "!!null":
		if nullWord(text) {
			return Value{}, nil
		}
		return Value{}, fmt.Errorf("!!null %s: nothing is written as null, ~ or not at all; remove the tag or "+
			"the value", strconv.Quote(text))
	}
	return taggedNumber(explicitTag(n), text)
}

// taggedNumber reads the text of a scalar tagged !!int or !!float.
func taggedNumber(tag, text string) (Value, error) {
	v, isNumber, err := readNumber(text)
	switch {
	case err != nil:
		return Value{}, fmt.Errorf("%s %w", tag, err)
	case !isNumber || !v.IsSet():
		return Value{}, fmt.Errorf("%s %s: the text is not a number; fix the value or remove the tag", tag,
			strconv.Quote(text))
	case tag == "!!float":
		f, _ := v.Convert(TypeDouble)
		return f, nil
	}
	if _, whole := v.Any().(int64); !whole {
		return Value{}, fmt.Errorf("!!int %s is not a whole number; write one or use !!float", text)
	}
	return v, nil
}

// isText reports whether a scalar was written as text on purpose: quoted, or as a block (| or >).
func isText(n *node) bool {
	return n.style&(singleQuotedStyle|doubleQuotedStyle|literalStyle|foldedStyle) != 0
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
	val, err := readScalar(scalarNodeOf(n))
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*v = val
	return nil
}
