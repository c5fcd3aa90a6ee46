package emulator

import (
	"testing"
)

func TestValuesV1BatchAndSingle(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	seg := e.segment(w.product, "Beta")
	a := e.setting(w.v1, "a", "int", map[string]any{"initialValues": []any{map[string]any{"environmentId": w.prod, "value": 7}}})
	b := e.setting(w.v1, "b", "string", map[string]any{"initialValues": []any{map[string]any{"environmentId": w.prod, "value": "keep"}}})
	path := "/v1/configs/" + w.v1 + "/environments/" + w.prod + "/values"
	got := e.must(200, "GET", path, nil).obj(t)
	vals := got["settingValues"].([]any)
	if len(vals) != 2 || vals[0].(map[string]any)["value"] != 7.0 || len(vals[0].(map[string]any)["rolloutRules"].([]any)) != 0 {
		t.Fatalf("settingValues = %v", vals)
	}
	e.must(200, "POST", path, map[string]any{"settingValues": []any{map[string]any{
		"settingId": a, "value": 1,
		"rolloutRules": []any{
			map[string]any{"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@example.com", "value": 2},
			map[string]any{"segmentId": seg, "segmentComparator": "isIn", "value": 3},
		},
		"rolloutPercentageItems": []any{map[string]any{"percentage": 40, "value": 4}, map[string]any{"percentage": 60, "value": 5}},
	}}})
	vals = e.must(200, "GET", path, nil).obj(t)["settingValues"].([]any)
	va, vb := vals[0].(map[string]any), vals[1].(map[string]any)
	rules := va["rolloutRules"].([]any)
	if va["value"] != 1.0 || len(rules) != 2 || len(va["rolloutPercentageItems"].([]any)) != 2 {
		t.Fatalf("written value = %v", va)
	}
	segRule := rules[1].(map[string]any)
	if segRule["segmentId"] != seg || segRule["comparator"] != nil || segRule["comparisonAttribute"] != nil {
		t.Fatalf("segment rule = %v", segRule)
	}
	if vb["value"] != "keep" {
		t.Fatalf("unlisted setting touched: %v", vb)
	}

	single := "/v1/environments/" + w.prod + "/settings/" + itoa(b) + "/value"
	v := e.must(200, "PUT", single, map[string]any{"value": "new"}).obj(t)
	if v["value"] != "new" || v["environment"].(map[string]any)["environmentId"] != w.prod {
		t.Fatalf("PUT = %v", v)
	}
	e.must(200, "PATCH", single, []any{map[string]any{"op": "replace", "path": "/value", "value": "patched"}})
	e.must(204, "PATCH", single, []any{map[string]any{"op": "replace", "path": "/value", "value": "patched"}})

	keys := e.must(200, "GET", "/v1/configs/"+w.v1+"/environments/"+w.prod, nil).obj(t)
	bySDK := e.must(200, "GET", "/v1/settings/b/value", nil, withHeader("X-CONFIGCAT-SDKKEY", keys["primary"].(string))).obj(t)
	if bySDK["value"] != "patched" {
		t.Fatalf("by SDK key = %v", bySDK)
	}
}

func TestValuesV1Validation(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v1, "flag", "boolean", nil)
	path := "/v1/environments/" + w.prod + "/settings/" + itoa(flag) + "/value"
	b := DefaultBehaviour()
	e.wantError(e.do("PUT", path, map[string]any{"value": "true"}), 400, "", b.InvalidDefaultValueMessage)
	e.wantError(e.do("PUT", path, map[string]any{"value": true, "rolloutRules": []any{
		map[string]any{"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "x", "value": 1}}}), 400, "", "Invalid term value.")
	e.wantError(e.do("PUT", path, map[string]any{"value": true, "rolloutRules": []any{
		map[string]any{"comparisonAttribute": "Email", "comparator": "contains", "value": true}}}), 400, "", b.InvalidRuleMessage)
	e.wantError(e.do("PUT", path, map[string]any{"value": true, "rolloutPercentageItems": []any{
		map[string]any{"percentage": 40, "value": true}, map[string]any{"percentage": 40, "value": false}}}), 400, "", b.PercentageSumMessage)
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"reasonRequired": true})
	e.wantError(e.do("PUT", path, map[string]any{"value": true}), 400, "", b.ReasonRequiredMessage)
	e.must(200, "PUT", path+"?reason=why", map[string]any{"value": true})
	// v1 writes have no bypassApproval: an approval environment refuses them.
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"approveRequired": true})
	e.wantError(e.do("PUT", path+"?reason=why", map[string]any{"value": false}), 400, "", b.ApprovalRequiredMessage)
}
