package emulator

import (
	"regexp"
	"testing"
)

// Tests of behaviour whose evidence is the ConfigCat Terraform provider acceptance tests (TF), which run
// against the real API: each expectation names the test it comes from. They run behind the contract checker
// like every emulator test.

// TF environment_resource_test.go (TestAccEnvironmentResource, step 1): an environment created with description
// and color "" reads both back as "". The same holds for every optional text (choices.go).
func TestEvidenceEmptyTextsReadBackEmpty(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	product := e.must(201, "POST", "/v1/organizations/"+org+"/products", map[string]any{"name": "Shop", "description": ""}).obj(t)
	p := product["productId"].(string)
	env := e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Test", "description": "", "color": ""}).obj(t)
	cfg := e.must(201, "POST", "/v1/products/"+p+"/configs", map[string]any{"name": "Main", "description": "", "evaluationVersion": "v2"}).obj(t)
	seg := e.must(201, "POST", "/v1/products/"+p+"/segments", map[string]any{"name": "Beta", "description": "",
		"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@example.com"}).obj(t)
	tag := e.must(201, "POST", "/v1/products/"+p+"/tags", map[string]any{"name": "t", "color": ""}).obj(t)
	hook := e.must(201, "POST", "/v1/configs/"+cfg["configId"].(string)+"/environments/"+env["environmentId"].(string)+"/webhooks",
		map[string]any{"url": "https://example.com/hook", "content": ""}).obj(t)
	for _, c := range []struct {
		what  string
		model map[string]any
		field string
	}{
		{"product", product, "description"}, {"environment", env, "description"}, {"environment", env, "color"},
		{"config", cfg, "description"}, {"segment", seg, "description"}, {"tag", tag, "color"},
		{"webhook", hook, "content"},
	} {
		if v, ok := c.model[c.field]; !ok || v != "" {
			t.Errorf("%s created with %s \"\" answers %#v, want \"\"", c.what, c.field, v)
		}
	}
	// Reading back, not only the create answer.
	got := e.must(200, "GET", "/v1/environments/"+env["environmentId"].(string), nil).obj(t)
	if got["description"] != "" || got["color"] != "" {
		t.Errorf("environment read back = %v, want description and color \"\"", got)
	}
	// Never given stays null (TF environments_data_source_test.go: TestCheckNoResourceAttr on fixtures).
	plain := e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Plain"}).obj(t)
	if plain["description"] != nil || plain["color"] != nil {
		t.Errorf("environment created without texts = %v, want null description and color", plain)
	}
}

// TF permission_group_resource_test.go (TestAccPermissionGroupResource): a group with accessType full and no
// environmentAccesses reads back with environment_accesses.% = 0, where the provider drops only "none"
// entries. So no environment answers anything but none unless it was given access explicitly.
func TestEvidencePermissionGroupsListOnlyExplicitAccess(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	accesses := func(g map[string]any) map[string]string {
		out := map[string]string{}
		for _, a := range g["environmentAccesses"].([]any) {
			m := a.(map[string]any)
			out[m["environmentId"].(string)] = m["environmentAccessType"].(string)
		}
		return out
	}
	notNone := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			if v != "none" {
				out[k] = v
			}
		}
		return out
	}
	for _, accessType := range []string{"full", "readOnly"} {
		g := e.must(201, "POST", "/v1/products/"+w.product+"/permissions", map[string]any{"name": accessType,
			"accessType": accessType, "newEnvironmentAccessType": "full"}).obj(t)
		if got := notNone(accesses(g)); len(got) != 0 {
			t.Errorf("%s group answers environment accesses %v, want none but none", accessType, got)
		}
	}
	custom := e.must(201, "POST", "/v1/products/"+w.product+"/permissions", map[string]any{"name": "custom",
		"accessType": "custom", "newEnvironmentAccessType": "readOnly", "environmentAccesses": []any{}}).obj(t)
	if got := notNone(accesses(custom)); len(got) != 0 {
		t.Errorf("custom group with empty environmentAccesses answers %v, want none but none", got)
	}
	id := itoa64(int64(custom["permissionGroupId"].(float64)))
	upd := e.must(200, "PUT", "/v1/permissions/"+id, map[string]any{"environmentAccesses": []any{
		map[string]any{"environmentId": w.dev, "environmentAccessType": "full"}}}).obj(t)
	if got := notNone(accesses(upd)); len(got) != 1 || got[w.dev] != "full" {
		t.Errorf("custom group given Development full answers %v", got)
	}
	// An environment created later gets the group's access for new environments.
	staging := e.environment(w.product, "Staging")
	got := notNone(accesses(e.must(200, "GET", "/v1/permissions/"+id, nil).obj(t)))
	if len(got) != 2 || got[w.dev] != "full" || got[staging] != "readOnly" {
		t.Errorf("after a new environment the group answers %v, want Development full and Staging readOnly", got)
	}
}

// dependsOn is a v2 value body serving true when the prerequisite flag is true.
func dependsOn(prerequisite int32) map[string]any {
	return map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{map[string]any{
		"conditions": []any{map[string]any{"prerequisiteFlagCondition": map[string]any{"prerequisiteSettingId": prerequisite,
			"comparator": "equals", "prerequisiteComparisonValue": boolValue(true)}}},
		"value": boolValue(true)}}}
}

// TF setting_value_v2_resource_prerequisite_test.go (circular_error.tf): giving BoolDependencySettingV2 the
// prerequisite MainSettingV2 while MainSettingV2 depends on it answers
// "Circular dependency detected. MainSettingV2 ➔ BoolDependencySettingV2": the path from the prerequisite back
// to the flag being written. A longer cycle is named the same way.
func TestEvidenceCircularPrerequisitePath(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	value := func(id int32) string { return "/v2/environments/" + w.prod + "/settings/" + itoa(id) + "/value" }
	main := e.setting(w.v2, "MainSettingV2", "boolean", nil)
	dep := e.setting(w.v2, "BoolDependencySettingV2", "boolean", nil)
	e.must(200, "PUT", value(main), dependsOn(dep))
	e.wantError(e.do("PUT", value(dep), dependsOn(main)), 400, "",
		"Circular dependency detected. MainSettingV2 ➔ BoolDependencySettingV2")

	a := e.setting(w.v2, "a", "boolean", nil)
	b := e.setting(w.v2, "b", "boolean", nil)
	c := e.setting(w.v2, "c", "boolean", nil)
	e.must(200, "PUT", value(a), dependsOn(b))
	e.must(200, "PUT", value(b), dependsOn(c))
	e.wantError(e.do("PUT", value(c), dependsOn(a)), 400, "", "Circular dependency detected. a ➔ b ➔ c")
}

// signingKeyShape is ConfigCat's webhook signing key: the prefix and 32 bytes in padded standard base64.
var signingKeyShape = regexp.MustCompile(`^configcat_whsk_[A-Za-z0-9+/]{43}=$`)

// TF webhook_signing_keys_data_source_test.go (TestAccWebhookSigningKeysDataSource): a webhook with one key
// answers key1 "configcat_whsk_Tfw6…FZA=" and no key2 (TestCheckNoResourceAttr, i.e. null).
func TestEvidenceWebhookSigningKeys(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	hook := e.must(201, "POST", "/v1/configs/"+w.v2+"/environments/"+w.prod+"/webhooks",
		map[string]any{"url": "https://example.com/hook"}).obj(t)
	r := e.must(200, "GET", "/v1/webhooks/"+itoa(int32(hook["webhookId"].(float64)))+"/keys", nil)
	keys := r.obj(t)
	if k1, _ := keys["key1"].(string); !signingKeyShape.MatchString(k1) {
		t.Errorf("key1 = %q, want ConfigCat's configcat_whsk_ shape", k1)
	}
	if v, ok := keys["key2"]; !ok || v != nil {
		t.Errorf("key2 = %#v, want an explicit null until a second key exists (body %s)", v, r.body)
	}
}

// ConfigCat's SDKs accept "configcat-sdk-1/" + 22 + "/" + 22 URL-safe base64 characters (the Go SDK's
// isValidSdkKey, shared/docs/configcat-sdk.md). TF sdkkeys_data_source_test.go (TestAccSdkKeysDataSource): an
// environment with one key answers its primary and a null secondary.
func TestEvidenceSDKKeys(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	shape := regexp.MustCompile(`^configcat-sdk-1/[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}$`)
	seen := map[string]bool{}
	for _, cfg := range []string{w.v2, w.v1} {
		for _, env := range []string{w.prod, w.dev} {
			r := e.must(200, "GET", "/v1/configs/"+cfg+"/environments/"+env, nil)
			keys := r.obj(t)
			primary, _ := keys["primary"].(string)
			if !shape.MatchString(primary) {
				t.Errorf("primary SDK key %q is not in ConfigCat's shape", primary)
			}
			if v, ok := keys["secondary"]; !ok || v != nil {
				t.Errorf("secondary = %#v, want an explicit null (body %s)", v, r.body)
			}
			if seen[primary] {
				t.Errorf("SDK key %q served for two (config, environment) pairs", primary)
			}
			seen[primary] = true
		}
	}
	// An environment created later gets keys for every config too.
	staging := e.environment(w.product, "Staging")
	if k, _ := e.must(200, "GET", "/v1/configs/"+w.v2+"/environments/"+staging, nil).obj(t)["primary"].(string); !shape.MatchString(k) {
		t.Errorf("new environment's primary SDK key %q is not in ConfigCat's shape", k)
	}
}

// TF setting_value_v2_resource_bool_test.go:193: a comparison list item sent without hint reads back with no
// hint, and the TF v2 tests round-trip rules, conditions and list items in the order sent (behaviour doc Q13,
// wire-format details). The spec makes hint required and nullable, so "no hint" is an explicit null.
func TestEvidenceListItemsAndRulesKeepOrderAndNullHints(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "checkout", "boolean", nil)
	items := listValue("zed@example.com", "ann@example.com", "bob@example.com")
	items["listValue"].([]any)[1].(map[string]any)["hint"] = "Ann"
	body := map[string]any{"defaultValue": boolValue(false), "targetingRules": []any{
		map[string]any{"conditions": []any{userCond("Email", "isOneOf", items), userCond("Country", "isOneOf", listValue("NL"))},
			"value": boolValue(true)},
		map[string]any{"conditions": []any{userCond("Beta", "isOneOf", listValue("yes"))}, "value": boolValue(true)},
	}}
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", body)
	got := e.must(200, "GET", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", nil).obj(t)
	rules := got["targetingRules"].([]any)
	attr := func(rule, cond int) any {
		c := rules[rule].(map[string]any)["conditions"].([]any)[cond].(map[string]any)
		return c["userCondition"].(map[string]any)["comparisonAttribute"]
	}
	if len(rules) != 2 || attr(0, 0) != "Email" || attr(0, 1) != "Country" || attr(1, 0) != "Beta" {
		t.Fatalf("rules and conditions not in the order sent: %v", rules)
	}
	list := rules[0].(map[string]any)["conditions"].([]any)[0].(map[string]any)["userCondition"].(map[string]any)["comparisonValue"].(map[string]any)["listValue"].([]any)
	for i, want := range []struct {
		value string
		hint  any
	}{{"zed@example.com", nil}, {"ann@example.com", "Ann"}, {"bob@example.com", nil}} {
		item := list[i].(map[string]any)
		hint, present := item["hint"]
		if item["value"] != want.value || !present || hint != want.hint {
			t.Errorf("list item %d = %v, want value %q and hint %#v (explicit)", i, item, want.value, want.hint)
		}
	}
}

// TF product_resource_test.go:43 and config_resource_test.go:43 (behaviour doc Q13): order is stored verbatim,
// not renumbered: an entity given order 10 reads back 10, also after a sibling is added.
func TestEvidenceOrderStoredVerbatim(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	p := e.must(201, "POST", "/v1/organizations/"+org+"/products", map[string]any{"name": "Shop", "order": 10}).obj(t)["productId"].(string)
	c := e.must(201, "POST", "/v1/products/"+p+"/configs", map[string]any{"name": "Main", "order": 10}).obj(t)["configId"].(string)
	e.config(p, "Other", "v2")
	if got := e.must(200, "GET", "/v1/products/"+p, nil).obj(t)["order"]; got != 10.0 {
		t.Errorf("product order = %v, want 10", got)
	}
	if got := e.must(200, "GET", "/v1/configs/"+c, nil).obj(t)["order"]; got != 10.0 {
		t.Errorf("config order = %v, want 10", got)
	}
}
