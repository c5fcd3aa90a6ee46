package spec_test

import (
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/flagsync/flagsync/spec"
)

func TestParseScalar(t *testing.T) {
	for _, c := range []struct {
		text   string
		quoted bool
		want   spec.Value
	}{
		{"true", false, spec.BoolValue(true)},
		{"FALSE", false, spec.BoolValue(false)},
		{"true", true, spec.StringValue("true")},
		{"42", false, spec.IntValue(42)},
		{"-7", false, spec.IntValue(-7)},
		{"0.5", false, spec.DoubleValue(0.5)},
		{"1e3", false, spec.DoubleValue(1000)},
		{"0x10", false, spec.StringValue("0x10")},
		{"1_000", false, spec.StringValue("1_000")},
		{"yes", false, spec.StringValue("yes")},
		{"", false, spec.StringValue("")},
		{"dark mode", false, spec.StringValue("dark mode")},
		{"Nan", false, spec.StringValue("Nan")},
		{"inf", false, spec.StringValue("inf")},
		{"-Infinity", false, spec.StringValue("-Infinity")},
	} {
		if got := spec.ParseScalar(c.text, c.quoted); !got.Equal(c.want) {
			t.Errorf("ParseScalar(%q, %v) = %v, want %v", c.text, c.quoted, got, c.want)
		}
	}
}

func TestConvert(t *testing.T) {
	for _, c := range []struct {
		in      spec.Value
		typ     spec.FlagType
		want    spec.Value
		wantErr string
	}{
		{spec.IntValue(3), spec.TypeDouble, spec.DoubleValue(3), ""},
		{spec.DoubleValue(3), spec.TypeInt, spec.IntValue(3), ""},
		{spec.DoubleValue(3.5), spec.TypeInt, spec.Value{}, "3.5 is not an int value; write a whole number, or make it a double flag"},
		{spec.IntValue(1 << 31), spec.TypeInt, spec.Value{}, "2147483648 does not fit an int flag (32-bit: -2147483648 to 2147483647)"},
		{spec.StringValue("1"), spec.TypeInt, spec.Value{}, `"1" is not an int value; remove the quotes (or the !!str tag)`},
		{spec.Value{}, spec.TypeBoolean, spec.Value{}, "a boolean value is required"},
		{spec.BoolValue(true), "number", spec.Value{}, `unknown flag type "number" (want boolean, string, int or double)`},
	} {
		got, err := c.in.Convert(c.typ)
		switch {
		case c.wantErr != "" && (err == nil || err.Error() != c.wantErr):
			t.Errorf("%v.Convert(%s): error %v, want %q", c.in, c.typ, err, c.wantErr)
		case c.wantErr == "" && (err != nil || !got.Equal(c.want) || got.Type() != c.want.Type()):
			t.Errorf("%v.Convert(%s) = %v (%s), %v; want %v", c.in, c.typ, got, got.Type(), err, c.want)
		}
	}
}

// TestValueEncodings checks that JSON and YAML keep a value's type: plans and states are saved in both.
func TestValueEncodings(t *testing.T) {
	for _, v := range []spec.Value{spec.BoolValue(true), spec.StringValue("42"), spec.IntValue(42),
		spec.DoubleValue(42), spec.DoubleValue(0.25), spec.DoubleValue(1e21), spec.StringValue("true"), {}} {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON spec.Value
		if err := json.Unmarshal(j, &fromJSON); err != nil {
			t.Fatal(err)
		}
		y, err := yaml.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var fromYAML spec.Value
		if err := yaml.Unmarshal(y, &fromYAML); err != nil {
			t.Fatal(err)
		}
		for enc, got := range map[string]spec.Value{string(j): fromJSON, string(y): fromYAML} {
			if !got.Equal(v) || got.Type() != v.Type() {
				t.Errorf("%v (%s) came back from %q as %v (%s)", v, v.Type(), enc, got, got.Type())
			}
		}
	}
}

// TestNumberLikeTextRoundTrips checks that text the loader would refuse unquoted (050, 0x1F, 1_000, +5, .5, 1:30)
// is written quoted, so that a written state loads again.
func TestNumberLikeTextRoundTrips(t *testing.T) {
	const in = `products:
  - name: Webshop
    environments: [Production]
    configs:
      - name: Main
        flags:
          - key: version
            type: string
            variations: [{value: "050"}, {value: "0x1F"}, {value: "1_000"}, {value: "+5"}, {value: ".5"}, {value: "1:30"}]
            value: "050"
`
	s, err := spec.LoadBytes("in.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s)
}

func TestUnmarshalYAMLReadsLikeTheLoader(t *testing.T) {
	for _, c := range []struct {
		yaml    string
		want    spec.Value
		wantErr string
	}{
		{"5", spec.IntValue(5), ""},
		{"!!str 5", spec.StringValue("5"), ""},
		{`!!bool "false"`, spec.BoolValue(false), ""},
		{"!!float 5", spec.DoubleValue(5), ""},
		{"017", spec.Value{}, "line 1: 017 has a leading zero, which some YAML tools read as octal; write 17"},
		{"!!int abc", spec.Value{}, `line 1: !!int "abc": the text is not a number; fix the value or remove the tag`},
		{"!env X", spec.Value{}, "line 1: tag !env is not supported"},
	} {
		var got spec.Value
		err := yaml.Unmarshal([]byte(c.yaml), &got)
		switch {
		case c.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), c.wantErr)):
			t.Errorf("%s: error %v, want %q", c.yaml, err, c.wantErr)
		case c.wantErr == "" && (err != nil || !got.Equal(c.want)):
			t.Errorf("%s: got %v (%v), want %v", c.yaml, got, err, c.want)
		}
	}
}
