package emulator

import (
	"testing"
)

func boolValue(b bool) map[string]any { return map[string]any{"boolValue": b} }

func userCond(attr, comparator string, value map[string]any) map[string]any {
	return map[string]any{"userCondition": map[string]any{"comparisonAttribute": attr, "comparator": comparator, "comparisonValue": value}}
}

func listValue(items ...string) map[string]any {
	var l []any
	for _, it := range items {
		l = append(l, map[string]any{"value": it})
	}
	return map[string]any{"listValue": l}
}

func TestValuesV2BatchGetHasEverySettingWithExplicitNulls(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	id := e.setting(w.v2, "darkMode", "boolean", map[string]any{"initialValues": []any{
		map[string]any{"environmentId": w.prod, "value": true},
		map[string]any{"environmentId": w.dev, "value": false},
	}})
	e.setting(w.v2, "banner", "string", nil)
	got := e.must(200, "GET", "/v2/configs/"+w.v2+"/environments/"+w.prod+"/values", nil).obj(t)
	formulas := got["settingFormulas"].([]any)
	if len(formulas) != 2 {
		t.Fatalf("settingFormulas = %v", formulas)
	}
	first := formulas[0].(map[string]any)
	dv := first["defaultValue"].(map[string]any)
	if dv["boolValue"] != true {
		t.Fatalf("initial value not served: %v", dv)
	}
	for _, k := range []string{"stringValue", "intValue", "doubleValue", "predefinedVariationId"} {
		if v, ok := dv[k]; !ok || v != nil {
			t.Fatalf("defaultValue.%s = %v (present %v), want explicit null", k, v, ok)
		}
	}
	if rules, ok := first["targetingRules"].([]any); !ok || len(rules) != 0 {
		t.Fatalf("targetingRules = %v, want []", first["targetingRules"])
	}
	if first["setting"].(map[string]any)["settingId"] != float64(id) {
		t.Fatalf("setting = %v", first["setting"])
	}
	second := formulas[1].(map[string]any)["defaultValue"].(map[string]any)
	if second["stringValue"] != "" {
		t.Fatalf("a string flag without initial value serves %v, want \"\"", second)
	}
}

func TestValuesV2BatchUpsertsListedSettingsOnly(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	a := e.setting(w.v2, "a", "boolean", nil)
	e.setting(w.v2, "b", "boolean", map[string]any{"initialValues": []any{map[string]any{"environmentId": w.prod, "value": true}}})
	path := "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values"
	before := e.must(200, "GET", path, nil).obj(t)["settingFormulas"].([]any)
	bVersion := before[1].(map[string]any)["lastVersionId"]
	e.must(200, "POST", path, map[string]any{"updateFormulas": []any{map[string]any{
		"settingId":    a,
		"defaultValue": boolValue(true),
		"targetingRules": []any{map[string]any{
			"conditions": []any{userCond("Email", "isOneOf", listValue("a@example.com"))},
			"value":      boolValue(false),
		}},
	}}})
	after := e.must(200, "GET", path, nil).obj(t)["settingFormulas"].([]any)
	fa, fb := after[0].(map[string]any), after[1].(map[string]any)
	if fa["defaultValue"].(map[string]any)["boolValue"] != true || len(fa["targetingRules"].([]any)) != 1 {
		t.Fatalf("listed setting not written: %v", fa)
	}
	if fb["defaultValue"].(map[string]any)["boolValue"] != true || fb["lastVersionId"] != bVersion {
		t.Fatalf("unlisted setting touched: %v", fb)
	}
	if fa["updatedAt"] == nil || fa["lastUpdaterUserEmail"] != DefaultBehaviour().MeEmail {
		t.Fatalf("audit fields not set: %v", fa)
	}

	// A listed setting is a complete replace: omitting targetingRules deletes them.
	e.must(200, "POST", path, map[string]any{"updateFormulas": []any{map[string]any{"settingId": a, "defaultValue": boolValue(true)}}})
	after = e.must(200, "GET", path, nil).obj(t)["settingFormulas"].([]any)
	if n := len(after[0].(map[string]any)["targetingRules"].([]any)); n != 0 {
		t.Fatalf("omitted targetingRules kept %d rules", n)
	}
}

func TestValuesV2BatchIsAtomic(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	a := e.setting(w.v2, "a", "boolean", nil)
	b := e.setting(w.v2, "b", "int", nil)
	path := "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values"
	r := e.do("POST", path, map[string]any{"updateFormulas": []any{
		map[string]any{"settingId": a, "defaultValue": boolValue(true)},
		map[string]any{"settingId": b, "defaultValue": boolValue(true)},
	}})
	e.wantError(r, 400, "", DefaultBehaviour().InvalidDefaultValueMessage)
	got := e.must(200, "GET", path, nil).obj(t)["settingFormulas"].([]any)
	if got[0].(map[string]any)["defaultValue"].(map[string]any)["boolValue"] != false {
		t.Fatalf("a failed batch wrote its valid item")
	}
}

func TestValuesV2BatchRefusesForeignAndDuplicateSettings(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	other := e.config(w.product, "Other", "v2")
	a := e.setting(w.v2, "a", "boolean", nil)
	foreign := e.setting(other, "f", "boolean", nil)
	path := "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values"
	b := DefaultBehaviour()
	e.wantError(e.do("POST", path, map[string]any{"updateFormulas": []any{map[string]any{"settingId": foreign, "defaultValue": boolValue(true)}}}), 400, "SettingId", b.BatchSettingNotFoundMessage)
	e.wantError(e.do("POST", path, map[string]any{"updateFormulas": []any{map[string]any{"defaultValue": boolValue(true)}}}), 400, "SettingId", b.BatchSettingNotFoundMessage)
	e.wantError(e.do("POST", path, map[string]any{"updateFormulas": []any{
		map[string]any{"settingId": a, "defaultValue": boolValue(true)},
		map[string]any{"settingId": a, "defaultValue": boolValue(false)},
	}}), 400, "SettingId", b.BatchDuplicateSettingMessage)
}

func TestValueV2SinglePutPatchAndVersions(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	id := e.setting(w.v2, "flag", "boolean", nil)
	path := "/v2/environments/" + w.prod + "/settings/" + itoa(id) + "/value"
	v0 := e.must(200, "GET", path, nil).obj(t)
	if v0["config"].(map[string]any)["configId"] != w.v2 || v0["environment"].(map[string]any)["environmentId"] != w.prod {
		t.Fatalf("context = %v", v0)
	}
	body := map[string]any{"defaultValue": boolValue(true), "percentageEvaluationAttribute": "Email",
		"targetingRules": []any{map[string]any{"conditions": []any{}, "percentageOptions": []any{
			map[string]any{"percentage": 30, "value": boolValue(true)},
			map[string]any{"percentage": 70, "value": boolValue(false)},
		}}}}
	v1 := e.must(200, "PUT", path, body).obj(t)
	if v1["lastVersionId"] == v0["lastVersionId"] || v1["percentageEvaluationAttribute"] != "Email" {
		t.Fatalf("PUT = %v", v1)
	}
	// An identical PUT changes nothing, not even the version.
	v2 := e.must(200, "PUT", path, body).obj(t)
	if v2["lastVersionId"] != v1["lastVersionId"] {
		t.Fatalf("a no-op PUT bumped the version")
	}
	// A stale latestVersionId is a conflict.
	r := e.do("PUT", path+"?latestVersionId="+v0["lastVersionId"].(string), body)
	e.wantError(r, 409, "", DefaultBehaviour().VersionConflictMessage)
	e.must(200, "PUT", path+"?latestVersionId="+v1["lastVersionId"].(string), body)

	// PATCH: a change answers 200, a no-op 204 without body.
	p := e.must(200, "PATCH", path, []any{map[string]any{"op": "replace", "path": "/defaultValue/boolValue", "value": false}}).obj(t)
	if p["defaultValue"].(map[string]any)["boolValue"] != false || p["lastVersionId"] == v1["lastVersionId"] {
		t.Fatalf("PATCH = %v", p)
	}
	r = e.must(204, "PATCH", path, []any{map[string]any{"op": "replace", "path": "/defaultValue/boolValue", "value": false}})
	if len(r.body) != 0 {
		t.Fatalf("204 with body %q", r.body)
	}
	after := e.must(200, "GET", path, nil).obj(t)
	if after["lastVersionId"] != p["lastVersionId"] {
		t.Fatalf("a 204 PATCH bumped the version")
	}
	// move swaps rules, as in the spec's examples.
	e.must(200, "PUT", path, map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
		map[string]any{"conditions": []any{userCond("Email", "isOneOf", listValue("a"))}, "value": boolValue(true)},
		map[string]any{"conditions": []any{userCond("Email", "isOneOf", listValue("b"))}, "value": boolValue(false)},
	}})
	moved := e.must(200, "PATCH", path, []any{map[string]any{"op": "move", "from": "/targetingRules/0", "path": "/targetingRules/1"}}).obj(t)
	first := moved["targetingRules"].([]any)[0].(map[string]any)["conditions"].([]any)[0].(map[string]any)["userCondition"].(map[string]any)
	if first["comparisonValue"].(map[string]any)["listValue"].([]any)[0].(map[string]any)["value"] != "b" {
		t.Fatalf("move did not swap the rules: %v", moved["targetingRules"])
	}
}

func TestValueV2BySDKKey(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.setting(w.v2, "flag", "boolean", nil)
	keys := e.must(200, "GET", "/v1/configs/"+w.v2+"/environments/"+w.prod, nil).obj(t)
	sdk := keys["primary"].(string)
	if keys["secondary"] != nil {
		t.Fatalf("secondary = %v, want null", keys["secondary"])
	}
	got := e.must(200, "PUT", "/v2/settings/flag/value", map[string]any{"defaultValue": boolValue(true)}, withHeader("X-CONFIGCAT-SDKKEY", sdk)).obj(t)
	if got["defaultValue"].(map[string]any)["boolValue"] != true {
		t.Fatalf("PUT by SDK key = %v", got)
	}
	// The key lookup falls back to a case-insensitive match.
	e.must(200, "GET", "/v2/settings/FLAG/value", nil, withHeader("X-CONFIGCAT-SDKKEY", sdk))
	if r := e.do("GET", "/v2/settings/flag/value", nil, withHeader("X-CONFIGCAT-SDKKEY", "configcat-sdk-1/unknown/unknown")); r.status != 404 {
		t.Fatalf("unknown SDK key: %d", r.status)
	}
	e.wantError(e.do("GET", "/v2/settings/flag/value", nil), 400, "X-CONFIGCAT-SDKKEY", "The X-CONFIGCAT-SDKKEY header is required.")
	e.must(204, "PATCH", "/v2/settings/flag/value", []any{map[string]any{"op": "replace", "path": "/defaultValue/boolValue", "value": true}},
		withHeader("X-CONFIGCAT-SDKKEY", sdk))
	// The SDK key of another environment selects that environment.
	devKey := e.must(200, "GET", "/v1/configs/"+w.v2+"/environments/"+w.dev, nil).obj(t)["primary"].(string)
	dev := e.must(200, "GET", "/v2/settings/flag/value", nil, withHeader("X-CONFIGCAT-SDKKEY", devKey)).obj(t)
	if dev["environment"].(map[string]any)["environmentId"] != w.dev || dev["defaultValue"].(map[string]any)["boolValue"] != false {
		t.Fatalf("by the dev SDK key = %v", dev)
	}
}

func TestValueV2Validation(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "main", "boolean", nil)
	dep := e.setting(w.v2, "dep", "boolean", nil)
	num := e.setting(w.v2, "num", "int", nil)
	path := "/v2/environments/" + w.prod + "/settings/" + itoa(flag) + "/value"
	rule := func(cond map[string]any) map[string]any {
		return map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{cond}, "value": boolValue(true)}}}
	}
	prereq := func(id int32, v map[string]any) map[string]any {
		return map[string]any{"prerequisiteFlagCondition": map[string]any{"prerequisiteSettingId": id, "comparator": "equals", "prerequisiteComparisonValue": v}}
	}
	b := DefaultBehaviour()
	cases := []struct {
		name string
		body map[string]any
		msg  string
	}{
		{"number comparator needs doubleValue", rule(userCond("Age", "dateTimeBefore", map[string]any{"stringValue": "x"})), "DoubleValue field must be set"},
		{"text comparator needs stringValue", rule(userCond("Email", "sensitiveTextEquals", listValue("x"))), "StringValue field must be set"},
		{"list comparator needs listValue", rule(userCond("Email", "isOneOf", map[string]any{"stringValue": "x"})), "ListValue field must be set"},
		{"rule value in the wrong slot", map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{userCond("Email", "isOneOf", listValue("x"))}, "value": map[string]any{"intValue": 1}}}}, "Invalid term value."},
		{"percentage option in the wrong slot", map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{}, "percentageOptions": []any{
				map[string]any{"percentage": 50, "value": map[string]any{"stringValue": "a"}},
				map[string]any{"percentage": 50, "value": boolValue(false)}}}}}, "Invalid percentage option value."},
		{"percentages must add up to 100", map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{}, "percentageOptions": []any{
				map[string]any{"percentage": 50, "value": boolValue(true)},
				map[string]any{"percentage": 40, "value": boolValue(false)}}}}}, b.PercentageSumMessage},
		{"boolean options are two different values", map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{}, "percentageOptions": []any{
				map[string]any{"percentage": 50, "value": boolValue(true)},
				map[string]any{"percentage": 50, "value": boolValue(true)}}}}}, b.BooleanOptionsMessage},
		{"default value in the wrong slot", map[string]any{"defaultValue": map[string]any{"stringValue": "x"}}, b.InvalidDefaultValueMessage},
		{"prerequisite value of the prerequisite's type", rule(prereq(num, boolValue(true))), "Invalid prerequisite value."},
		{"prerequisite must exist", rule(prereq(12345678, boolValue(true))), "Prerequisite setting not found."},
		{"no self prerequisite", rule(prereq(flag, boolValue(true))), "Circular dependency detected. main ➔ main"},
		{"rule with both value and options", map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
			map[string]any{"conditions": []any{userCond("Email", "isOneOf", listValue("x"))}, "value": boolValue(true), "percentageOptions": []any{
				map[string]any{"percentage": 50, "value": boolValue(true)}, map[string]any{"percentage": 50, "value": boolValue(false)}}}}}, b.InvalidRuleMessage},
		{"condition with two slots", rule(map[string]any{
			"userCondition":    map[string]any{"comparisonAttribute": "Email", "comparator": "isOneOf", "comparisonValue": listValue("x")},
			"segmentCondition": map[string]any{"segmentId": e.segment(w.product, "Beta"), "comparator": "isIn"}}), b.InvalidRuleMessage},
		{"segment of the product", rule(map[string]any{"segmentCondition": map[string]any{"segmentId": "00000000-0000-4000-8000-000000000000", "comparator": "isIn"}}), b.InvalidSegmentMessage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			e.wantError(e.do("PUT", path, c.body), 400, "", c.msg)
		})
	}
	e.t = t

	// A cycle through two flags.
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(dep)+"/value", rule(prereq(flag, boolValue(true))))
	e.wantError(e.do("PUT", path, rule(prereq(dep, boolValue(true)))), 400, "", "Circular dependency detected. dep ➔ main")
	// In another environment there is no cycle.
	e.must(200, "PUT", "/v2/environments/"+w.dev+"/settings/"+itoa(flag)+"/value", rule(prereq(dep, boolValue(true))))
	got := e.must(200, "GET", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", nil).obj(t)
	if deps := got["settingIdsWherePrerequisite"].([]any); len(deps) != 1 || deps[0] != float64(dep) {
		t.Fatalf("settingIdsWherePrerequisite = %v", deps)
	}
}

func TestValueV2ReasonAndApproval(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	id := e.setting(w.v2, "flag", "boolean", nil)
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{
		"reasonRequiredEnvironments":  []any{map[string]any{"environmentId": w.prod, "reasonRequired": true}},
		"approveRequiredEnvironments": []any{map[string]any{"environmentId": w.dev, "approveRequired": true}},
	})
	b := DefaultBehaviour()
	prod := "/v2/environments/" + w.prod + "/settings/" + itoa(id) + "/value"
	body := map[string]any{"defaultValue": boolValue(true)}
	e.wantError(e.do("PUT", prod, body), 400, "", b.ReasonRequiredMessage)
	e.wantError(e.do("PUT", prod+"?reason=", body), 400, "", b.ReasonRequiredMessage)
	e.must(200, "PUT", prod+"?reason=rollout", body)

	dev := "/v2/environments/" + w.dev + "/settings/" + itoa(id) + "/value"
	e.wantError(e.do("PUT", dev, body), 400, "", b.ApprovalRequiredMessage)
	e.must(200, "PUT", dev+"?bypassApproval=true", body)

	// Global reason-required applies to every environment.
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"reasonRequired": true})
	e.wantError(e.do("POST", "/v2/configs/"+w.v2+"/environments/"+w.dev+"/values?bypassApproval=true",
		map[string]any{"updateFormulas": []any{map[string]any{"settingId": id, "defaultValue": boolValue(false)}}}), 400, "", b.ReasonRequiredMessage)
}

func TestValuesCrossVersionRefused(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	v1 := e.setting(w.v1, "old", "boolean", nil)
	v2 := e.setting(w.v2, "new", "boolean", nil)
	b := DefaultBehaviour()
	e.wantError(e.do("GET", "/v2/configs/"+w.v1+"/environments/"+w.prod+"/values", nil), 400, "", b.CrossVersionV2Message)
	e.wantError(e.do("GET", "/v1/configs/"+w.v2+"/environments/"+w.prod+"/values", nil), 400, "", b.CrossVersionV1Message)
	e.wantError(e.do("PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(v1)+"/value", map[string]any{"defaultValue": boolValue(true)}), 400, "", b.CrossVersionV2Message)
	e.wantError(e.do("PUT", "/v1/environments/"+w.prod+"/settings/"+itoa(v2)+"/value", map[string]any{"value": true}), 400, "", b.CrossVersionV1Message)
	e.wantError(e.do("PATCH", "/v2/environments/"+w.prod+"/settings/"+itoa(v1)+"/value",
		[]any{map[string]any{"op": "replace", "path": "/defaultValue/boolValue", "value": true}}), 400, "", b.CrossVersionV2Message)
	e.wantError(e.do("PATCH", "/v1/environments/"+w.prod+"/settings/"+itoa(v2)+"/value",
		[]any{map[string]any{"op": "replace", "path": "/value", "value": true}}), 400, "", b.CrossVersionV1Message)
}
