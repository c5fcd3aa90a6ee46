package configcat

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var ignorePos = cmpopts.IgnoreTypes(spec.Pos{})

// cmpValues compares spec.Value by what it holds.
var cmpValues = cmp.Comparer(func(a, b spec.Value) bool { return a.Equal(b) })

// testRefs is a product with a segment and a config with three flags, one with predefined variations.
func testRefs() *RemoteProduct {
	p := NewRemoteProduct("prod-1")
	p.Segments[spec.Key("Beta users")] = "seg-1"
	c := NewRemoteConfig("cfg-1", spec.EvaluationV2)
	c.Flags["main"] = NewRemoteFlag(10, spec.TypeString)
	c.Flags["plan"] = NewRemoteFlag(11, spec.TypeString)
	c.Flags["plan"].Variations[ValueKey(spec.StringValue("free"))] = "var-free"
	c.Flags["plan"].Variations[ValueKey(spec.StringValue("pro"))] = "var-pro"
	c.Flags["ratio"] = NewRemoteFlag(12, spec.TypeDouble)
	p.Configs["web"] = c
	return p
}

func richEnvValue() *spec.EnvValue {
	return &spec.EnvValue{
		Rules: []*spec.Rule{
			{If: []*spec.Condition{
				{Attribute: "Email", Comparator: "textEndsWithAnyOf", Values: []spec.ListItem{{Value: "@example.com", Hint: "staff"}, {Value: "@example.org"}}},
				{Attribute: "Age", Comparator: "numberGreaterOrEquals", Value: "18.5"},
			}, Serve: spec.StringValue("pro").Ptr()},
			{If: []*spec.Condition{{Attribute: "Version", Comparator: "semVerLess", Value: "2.0.0"}}, Serve: spec.StringValue("free").Ptr()},
			{If: []*spec.Condition{{Segment: "Beta users", Comparator: "isNotIn"}}, Serve: spec.StringValue("pro").Ptr()},
			{If: []*spec.Condition{{Flag: "ratio", DoesNotEqual: spec.IntValue(2).Ptr()}}, Percentages: []*spec.PercentageOption{
				{Percent: 30, Serve: spec.StringValue("pro")}, {Percent: 70, Serve: spec.StringValue("free")}}},
			{If: []*spec.Condition{{Flag: "main", Equals: spec.StringValue("on").Ptr()}, {Attribute: "Created", Comparator: "dateTimeBefore", Value: "1700000000"}},
				Serve: spec.StringValue("free").Ptr()},
		},
		Percentages:         []*spec.PercentageOption{{Percent: 50, Serve: spec.StringValue("free")}, {Percent: 50, Serve: spec.StringValue("pro")}},
		PercentageAttribute: "Country",
		Default:             spec.StringValue("free"),
	}
}

func TestFormulaV2RoundTrip(t *testing.T) {
	p := testRefs()
	ev := richEnvValue()
	f, err := FormulaV2("plan", ev, p.Resolver("web"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(withoutNulls{f}) // as the client sends it
	if err != nil {
		t.Fatal(err)
	}
	text := string(body)
	for _, want := range []string{
		`"defaultValue":{"predefinedVariationId":"var-free"}`,
		`"listValue":[{"value":"@example.com","hint":"staff"},{"value":"@example.org"}]`,
		`"comparisonValue":{"doubleValue":18.5}`,
		`"comparisonValue":{"stringValue":"2.0.0"}`,
		`"segmentCondition":{"segmentId":"seg-1","comparator":"isNotIn"}`,
		`"prerequisiteFlagCondition":{"prerequisiteSettingId":12,"comparator":"doesNotEqual","prerequisiteComparisonValue":{"doubleValue":2}}`,
		`"prerequisiteFlagCondition":{"prerequisiteSettingId":10,"comparator":"equals","prerequisiteComparisonValue":{"stringValue":"on"}}`,
		`{"conditions":[],"percentageOptions":[{"percentage":50,"value":{"predefinedVariationId":"var-free"}},{"percentage":50,"value":{"predefinedVariationId":"var-pro"}}]}]`,
		`"percentageEvaluationAttribute":"Country"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("formula lacks %s\n%s", want, text)
		}
	}

	// read it back as the API answers it
	var sf SettingFormula
	if err := json.Unmarshal(body, &sf); err != nil {
		t.Fatal(err)
	}
	sf.Setting = SettingDataV2{SettingID: 11, Key: "plan", SettingType: string(spec.TypeString)}
	rc := &readContext{segments: map[string]string{"seg-1": "Beta users"}, flags: map[int32]readFlag{
		10: {key: "main", typ: spec.TypeString},
		11: {key: "plan", typ: spec.TypeString, vars: variationSet{"var-free": spec.StringValue("free"), "var-pro": spec.StringValue("pro")}},
		12: {key: "ratio", typ: spec.TypeDouble},
	}}
	got, err := envValueFromV2(&sf, rc)
	if err != nil {
		t.Fatal(err)
	}
	want := richEnvValue()
	want.Rules[3].If[0].DoesNotEqual = spec.DoubleValue(2).Ptr() // read in the prerequisite's type
	if d := cmp.Diff(want, got, ignorePos, cmpValues); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

func TestFormulaV2Defaults(t *testing.T) {
	f, err := FormulaV2("main", &spec.EnvValue{Default: spec.BoolValue(false), PercentageAttribute: "Identifier"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(withoutNulls{f})
	if want := `{"defaultValue":{"boolValue":false},"targetingRules":[]}`; string(body) != want {
		t.Errorf("formula = %s, want %s", body, want)
	}
	var sf SettingFormula
	if err := json.Unmarshal([]byte(`{"defaultValue":{"boolValue":true,"stringValue":null,"intValue":null,"doubleValue":null,"predefinedVariationId":null},
		"targetingRules":[],"percentageEvaluationAttribute":null,"setting":{"settingId":1,"key":"main","settingType":"boolean"}}`), &sf); err != nil {
		t.Fatal(err)
	}
	ev, err := envValueFromV2(&sf, &readContext{flags: map[int32]readFlag{1: {key: "main", typ: "boolean"}}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(&spec.EnvValue{Default: spec.BoolValue(true)}, ev, ignorePos, cmpValues); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestFormulaV2Errors(t *testing.T) {
	refs := testRefs().Resolver("web")
	for name, ev := range map[string]*spec.EnvValue{
		"unknown segment":    {Default: spec.StringValue("x"), Rules: []*spec.Rule{{If: []*spec.Condition{{Segment: "nope"}}, Serve: spec.StringValue("y").Ptr()}}},
		"unknown flag":       {Default: spec.StringValue("x"), Rules: []*spec.Rule{{If: []*spec.Condition{{Flag: "nope", Equals: spec.BoolValue(true).Ptr()}}, Serve: spec.StringValue("y").Ptr()}}},
		"rule serves none":   {Default: spec.StringValue("x"), Rules: []*spec.Rule{{If: []*spec.Condition{{Attribute: "A", Comparator: "textEquals", Value: "b"}}}}},
		"list without items": {Default: spec.StringValue("x"), Rules: []*spec.Rule{{If: []*spec.Condition{{Attribute: "A", Comparator: "isOneOf", Value: "b"}}, Serve: spec.StringValue("y").Ptr()}}},
		"number not a number": {Default: spec.StringValue("x"), Rules: []*spec.Rule{{If: []*spec.Condition{{Attribute: "A", Comparator: "numberLess", Value: "ten"}},
			Serve: spec.StringValue("y").Ptr()}}},
		"no default": {},
	} {
		if _, err := FormulaV2("main", ev, refs); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), `flag "main"`) {
			t.Errorf("%s: error does not name the flag: %v", name, err)
		}
	}
}

func TestFormulaV1RoundTrip(t *testing.T) {
	p := testRefs()
	ev := &spec.EnvValue{
		Rules: []*spec.Rule{
			{If: []*spec.Condition{{Attribute: "Email", Comparator: "contains", Value: "@example.com"}}, Serve: spec.IntValue(3).Ptr()},
			{If: []*spec.Condition{{Attribute: "Country", Comparator: "isOneOf", Value: "HU, DE,AT"}}, Serve: spec.IntValue(4).Ptr()},
			{If: []*spec.Condition{{Segment: "Beta users", Comparator: "isIn"}}, Serve: spec.IntValue(5).Ptr()},
		},
		Percentages: []*spec.PercentageOption{{Percent: 20, Serve: spec.IntValue(1)}, {Percent: 80, Serve: spec.IntValue(2)}},
		Default:     spec.IntValue(0),
	}
	v, err := FormulaV1("limit", ev, p.Resolver("web"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(withoutNulls{UpdateSettingValueWithID{SettingID: 7, UpdateSettingValue: v}}) // as the client sends it
	want := `{"settingId":7,"value":0,"rolloutRules":[` +
		`{"comparisonAttribute":"Email","comparator":"contains","comparisonValue":"@example.com","value":3},` +
		`{"comparisonAttribute":"Country","comparator":"isOneOf","comparisonValue":"HU, DE,AT","value":4},` +
		`{"value":5,"segmentComparator":"isIn","segmentId":"seg-1"}],` +
		`"rolloutPercentageItems":[{"percentage":20,"value":1},{"percentage":80,"value":2}]}`
	if string(body) != want {
		t.Errorf("body =\n%s\nwant\n%s", body, want)
	}
	var sv ConfigSettingValue
	if err := json.Unmarshal(body, &sv); err != nil {
		t.Fatal(err)
	}
	sv.Setting = SettingData{SettingID: 7, Key: "limit", SettingType: string(spec.TypeInt)}
	got, err := envValueFromV1(&sv, map[string]string{"seg-1": "Beta users"})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(ev, got, ignorePos, cmpValues); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

func TestFormulaV1RefusesWhatV1CannotSay(t *testing.T) {
	for name, ev := range map[string]*spec.EnvValue{
		"two conditions": {Default: spec.BoolValue(true), Rules: []*spec.Rule{{If: []*spec.Condition{
			{Attribute: "A", Comparator: "contains", Value: "x"}, {Attribute: "B", Comparator: "contains", Value: "y"}}, Serve: spec.BoolValue(false).Ptr()}}},
		"rule percentages": {Default: spec.BoolValue(true), Rules: []*spec.Rule{{If: []*spec.Condition{{Attribute: "A", Comparator: "contains", Value: "x"}},
			Percentages: []*spec.PercentageOption{{Percent: 100, Serve: spec.BoolValue(true)}}}}},
		"prerequisite":         {Default: spec.BoolValue(true), Rules: []*spec.Rule{{If: []*spec.Condition{{Flag: "main", Equals: spec.BoolValue(true).Ptr()}}, Serve: spec.BoolValue(false).Ptr()}}},
		"percentage attribute": {Default: spec.BoolValue(true), PercentageAttribute: "Country"},
	} {
		if _, err := FormulaV1("f", ev, testRefs().Resolver("web")); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestWebhookSecureHeaders(t *testing.T) {
	w := WebhookFromWire(&Webhook{URL: "https://hooks.example/x", HTTPMethod: "post", WebHookHeaders: []WebhookHeader{
		{Key: "X-Plain", Value: "v"}, {Key: "Authorization", Value: "", IsSecure: true}}})
	if w.Headers[1].Value != "" || !w.Headers[1].Secure || w.Headers[0].Value != "v" || w.Method != "post" {
		t.Errorf("webhook = %+v %+v", w.Headers[0], w.Headers[1])
	}
	sw := &spec.Webhook{URL: "https://hooks.example/x", Headers: []*spec.WebhookHeader{{Key: "Authorization", Secure: true, ValueFromEnv: "HOOK_TOKEN"}}}
	_, err := WebhookRequestFromSpec(sw, func(string) (string, bool) { return "", false })
	if err == nil || !strings.Contains(err.Error(), "HOOK_TOKEN") {
		t.Errorf("missing variable: err = %v", err)
	}
	req, err := WebhookRequestFromSpec(sw, func(k string) (string, bool) { return "Bearer t0ken", k == "HOOK_TOKEN" })
	if err != nil {
		t.Fatal(err)
	}
	if h := req.WebHookHeaders[0]; h.Value != "Bearer t0ken" || !h.IsSecure || req.HTTPMethod != "get" {
		t.Errorf("request = %+v", req)
	}
}

func TestPreferencesRequestListsEveryEnvironment(t *testing.T) {
	envs := map[string]string{"production": "e-prod", "staging": "e-stage"}
	req, err := PreferencesRequestFromSpec(&spec.Preferences{ReasonRequiredEnvironments: []string{"Production"}}, envs)
	if err != nil {
		t.Fatal(err)
	}
	want := []ReasonRequiredEnvironment{{EnvironmentID: "e-prod", ReasonRequired: true}, {EnvironmentID: "e-stage"}}
	if d := cmp.Diff(want, req.ReasonRequiredEnvironments); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if *req.KeyGenerationMode != "camelCase" {
		t.Errorf("key generation mode = %q", *req.KeyGenerationMode)
	}
	if _, err := PreferencesRequestFromSpec(&spec.Preferences{ApproveRequiredEnvironments: []string{"Nope"}}, envs); err == nil {
		t.Error("unknown environment accepted")
	}
}

// ConfigCat lists only the environments a custom group was given access to (ConfigCat Terraform provider
// acceptance tests, permission_group_resource_test.go), so the others read as "none"; a group that is not
// custom has no per-environment access at all.
func TestPermissionGroupUnlistedEnvironmentsReadAsNone(t *testing.T) {
	envNames := map[string]string{"e1": "Production", "e2": "Staging"}
	custom := &PermissionGroup{Name: "Devs", PermissionAccess: PermissionAccess{AccessType: "custom", NewEnvironmentAccessType: "readOnly",
		EnvironmentAccesses: []EnvironmentAccess{{EnvironmentID: "e2", EnvironmentAccessType: "full"}}}}
	got := PermissionGroupFromWire(custom, envNames).EnvironmentAccess
	if want := map[string]string{"Production": "none", "Staging": "full"}; !maps.Equal(got, want) {
		t.Fatalf("custom group access = %v, want %v", got, want)
	}
	full := &PermissionGroup{Name: "Admins", PermissionAccess: PermissionAccess{AccessType: "full", NewEnvironmentAccessType: "none"}}
	if got := PermissionGroupFromWire(full, envNames).EnvironmentAccess; got != nil {
		t.Fatalf("full group access = %v, want none listed", got)
	}
}
