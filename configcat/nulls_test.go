package configcat

import (
	"encoding/json"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

func TestWithoutNullsDropsNullMembersOnly(t *testing.T) {
	type inner struct {
		A *string `json:"a"`
		B []any   `json:"b"`
		C any     `json:"c"`
	}
	text := "<tag> & \u2028"
	body := struct {
		First  *int       `json:"first"`
		Inner  inner      `json:"inner"`
		Empty  []int      `json:"empty"`
		Value  spec.Value `json:"value"`
		Nested []inner    `json:"nested"`
	}{Inner: inner{A: &text, B: []any{nil, 1, "x"}}, Empty: []int{}, Value: spec.DoubleValue(1),
		Nested: []inner{{}, {C: map[string]any{}}}}
	got, err := json.Marshal(withoutNulls{body})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"inner":{"a":"\u003ctag\u003e \u0026 \u2028","b":[null,1,"x"]},"empty":[],"value":1.0,` +
		`"nested":[{},{"c":{}}]}`
	if string(got) != want {
		t.Errorf("body = %s\nwant   %s", got, want)
	}
}

func TestWithoutNullsSendsAFormulaAsItsOmitemptyShapeDid(t *testing.T) {
	f, err := FormulaV2("main", &spec.EnvValue{Default: spec.IntValue(3), Rules: []*spec.Rule{{
		If:    []*spec.Condition{{Attribute: "Email", Comparator: "isOneOf", Values: []spec.ListItem{{Value: "a@b.c"}}}},
		Serve: new(spec.IntValue(4))}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(withoutNulls{f})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"defaultValue":{"intValue":3},"targetingRules":[{"conditions":[{"userCondition":` +
		`{"comparisonAttribute":"Email","comparator":"isOneOf","comparisonValue":{"listValue":[{"value":"a@b.c"}]}}}],` +
		`"value":{"intValue":4}}]}`
	if string(got) != want {
		t.Errorf("body = %s\nwant   %s", got, want)
	}
}
