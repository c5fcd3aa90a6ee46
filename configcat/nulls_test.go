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
	text := `<tag> &   ":null,"\`
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
	want := `{"inner":{"a":"\u003ctag\u003e \u0026 \u2028 \":null,\"\\","b":[null,1,"x"]},"empty":[],"value":1.0,` +
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

// The flag bodies the client built with omitempty shapes before it shared the emulator's models: unset fields
// stay unsent.
func TestWithoutNullsSendsFlagBodiesAsTheirOmitemptyShapesDid(t *testing.T) {
	f := &spec.Flag{Key: "darkMode", Type: spec.TypeBoolean, Values: map[string]*spec.EnvValue{
		"Production": {Default: spec.BoolValue(true)}}}
	create, err := CreateSettingRequestFromSpec(f, map[string]string{spec.Key("Production"): "env-1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	replace, err := ReplaceSettingRequestFromSpec(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		body any
		want string
	}{
		{create, `{"key":"darkMode","name":"darkMode","settingType":"boolean","initialValues":[{"environmentId":"env-1","value":true}]}`},
		{replace, `{"name":"darkMode","tags":[],"isJson":false}`},
		{UpdateVariationsFromSpec([]*spec.Variation{{Value: spec.StringValue("on")}}, nil),
			`[{"value":{"stringValue":"on"}}]`},
	} {
		got, err := json.Marshal(withoutNulls{tc.body})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("body = %s\nwant   %s", got, tc.want)
		}
	}
}

// BenchmarkWithoutNulls measures what dropping the nulls adds to the largest body the client sends: a v2
// batch write of 500 flags with a rule each.
func BenchmarkWithoutNulls(b *testing.B) {
	items := make([]UpdateEvaluationFormulaWithID, 500)
	for i := range items {
		f, err := FormulaV2("main", richEnvValue(), nil)
		if err != nil {
			f, _ = FormulaV2("main", &spec.EnvValue{Default: spec.IntValue(3), Rules: []*spec.Rule{{
				If:    []*spec.Condition{{Attribute: "Email", Comparator: "isOneOf", Values: []spec.ListItem{{Value: "a@b.c"}}}},
				Serve: new(spec.IntValue(4))}}}, nil)
		}
		items[i] = UpdateEvaluationFormulaWithID{SettingID: int32(i), UpdateEvaluationFormula: f}
	}
	body := struct {
		UpdateFormulas []UpdateEvaluationFormulaWithID `json:"updateFormulas"`
	}{items}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("withoutNulls", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(withoutNulls{body}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestWithoutNullsSendsAChangeRequestAsItsOmitemptyShapeDid(t *testing.T) {
	f, err := FormulaV2("main", &spec.EnvValue{Default: spec.BoolValue(true)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, version := int32(7), "v1"
	req := NewCreateChangeRequestRequest("t", "r", []ProposedFormula{
		{SettingID: &id, LatestVersionID: &version, EvaluationFormula: f}, {SettingID: &id, EvaluationFormula: f}})
	got, err := json.Marshal(withoutNulls{req})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"title":"t","reason":"r","proposedChanges":[` +
		`{"proposedChange":{"settingId":7,"latestVersionId":"v1","defaultValue":{"boolValue":true},"targetingRules":[]}},` +
		`{"proposedChange":{"settingId":7,"defaultValue":{"boolValue":true},"targetingRules":[]}}]}`
	if string(got) != want {
		t.Errorf("body = %s\nwant   %s", got, want)
	}
}
