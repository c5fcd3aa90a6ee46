package emulator

import (
	"testing"
)

func TestSettingCRUD(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	tag := e.tag(w.product, "beta")
	created := e.must(201, "POST", "/v1/configs/"+w.v2+"/settings", map[string]any{"key": "darkMode", "name": "Dark mode",
		"settingType": "boolean", "hint": "the dark theme", "tags": []any{tag}, "order": 3}).obj(t)
	id := int32(created["settingId"].(float64))
	if created["configName"] != "Main" || created["isJson"] != false || created["order"] != 3.0 || created["createdAt"] != "2026-03-01T12:00:00.0000000Z" {
		t.Fatalf("created = %v", created)
	}
	tags := created["tags"].([]any)
	if len(tags) != 1 || tags[0].(map[string]any)["product"].(map[string]any)["productId"] != w.product {
		t.Fatalf("tags not nested in full: %v", tags)
	}
	if vs := created["predefinedVariations"].([]any); len(vs) != 0 {
		t.Fatalf("predefinedVariations = %v, want []", vs)
	}

	// PUT replaces: what is not listed resets.
	rep := e.must(200, "PUT", "/v1/settings/"+itoa(id), map[string]any{"name": "Dark"}).obj(t)
	if rep["hint"] != nil || len(rep["tags"].([]any)) != 0 || rep["order"] != 0.0 || rep["key"] != "darkMode" {
		t.Fatalf("replace = %v", rep)
	}

	// PATCH edits name, hint, tags (ids, also as strings) and order.
	p := e.must(200, "PATCH", "/v1/settings/"+itoa(id), []any{
		map[string]any{"op": "replace", "path": "/name", "value": "Dark theme"},
		map[string]any{"op": "add", "path": "/tags/-", "value": itoa64(tag)},
		map[string]any{"op": "replace", "path": "/order", "value": 10},
	}).obj(t)
	if p["name"] != "Dark theme" || len(p["tags"].([]any)) != 1 || p["order"] != 10.0 {
		t.Fatalf("patch = %v", p)
	}
	p = e.must(200, "PATCH", "/v1/settings/"+itoa(id), []any{map[string]any{"op": "remove", "path": "/tags/0"}}).obj(t)
	if len(p["tags"].([]any)) != 0 {
		t.Fatalf("remove /tags/0 = %v", p["tags"])
	}
	e.wantError(e.do("PATCH", "/v1/settings/"+itoa(id), []any{map[string]any{"op": "remove", "path": "/nothing"}}), 400, "",
		"The target location specified by path segment 'nothing' was not found.")

	list := e.must(200, "GET", "/v1/configs/"+w.v2+"/settings", nil).list(t)
	if len(list) != 1 || list[0]["settingId"] != float64(id) {
		t.Fatalf("list = %v", list)
	}
	e.must(204, "DELETE", "/v1/settings/"+itoa(id), nil)
	deleted := e.must(200, "GET", "/v1/configs/"+w.v2+"/deleted-settings", nil).list(t)
	if len(deleted) != 1 || deleted[0]["key"] != "darkMode" || deleted[0]["settingType"] != "boolean" {
		t.Fatalf("deleted settings = %v", deleted)
	}
	if r := e.do("GET", "/v1/settings/"+itoa(id), nil); r.status != 404 {
		t.Fatalf("deleted setting: %d", r.status)
	}
}

func TestSettingCreateValidation(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	e.setting(w.v2, "isAwesomeFeatureEnabled", "boolean", nil)
	b := DefaultBehaviour()
	post := func(body map[string]any, opts ...reqOpt) reply {
		return e.do("POST", "/v1/configs/"+w.v2+"/settings", body, opts...)
	}
	e.wantError(post(map[string]any{"key": "isawesomefeatureenabled", "name": "x", "settingType": "boolean"}), 400, "Key", b.DuplicateKeyMessage)
	e.wantError(post(map[string]any{"key": "1st", "name": "x", "settingType": "boolean"}), 400, "Key", b.InvalidKeyMessage)
	e.wantError(post(map[string]any{"key": "a.b", "name": "x", "settingType": "boolean"}), 400, "Key", b.InvalidKeyMessage)
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "float"}, invalid), 400, "SettingType", "The value 'float' is not valid.")
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "boolean",
		"initialValues": []any{map[string]any{"environmentId": w.prod, "value": "yes"}}}), 400, "InitialValues", "Invalid value for setting type boolean.")
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "int",
		"initialValues": []any{map[string]any{"environmentId": w.prod, "value": 1.5}}}), 400, "InitialValues", "Invalid value for setting type int.")
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "boolean",
		"initialValues": []any{map[string]any{"value": true}}}), 400, "InitialValues", "The EnvironmentId field is required.")
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "boolean", "settingIdToInitFrom": 1,
		"initialValues": []any{map[string]any{"environmentId": w.prod, "value": true}}}), 400, "", "Only one of the SettingIdToInitFrom or the InitialValues properties can be set.")
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "string", "isJson": true,
		"initialValues": []any{map[string]any{"environmentId": w.prod, "value": "{not json"}}}), 400, "InitialValues", b.InvalidJSONValueMessage)
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "boolean", "tags": []any{999}}), 400, "Tags", "Tag not found.")

	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"mandatorySettingHint": true})
	e.wantError(post(map[string]any{"key": "k", "name": "x", "settingType": "boolean"}), 400, "Hint", b.MandatoryHintMessage)
	e.must(201, "POST", "/v1/configs/"+w.v2+"/settings", map[string]any{"key": "k", "name": "x", "settingType": "boolean", "hint": "why"})
}

func TestSettingInitFromCopiesValuesAndTags(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	tag := e.tag(w.product, "t")
	src := e.setting(w.v2, "oldKey", "string", map[string]any{"tags": []any{tag}, "initialValues": []any{
		map[string]any{"environmentId": w.prod, "value": "p"}, map[string]any{"environmentId": w.dev, "value": "d"}}})
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(src)+"/value", map[string]any{
		"defaultValue": map[string]any{"stringValue": "p"},
		"targetingRules": []any{map[string]any{"conditions": []any{userCond("Email", "isOneOf", listValue("x"))},
			"value": map[string]any{"stringValue": "vip"}}}})
	created := e.must(201, "POST", "/v1/configs/"+w.v2+"/settings", map[string]any{"key": "newKey", "name": "n",
		"settingType": "string", "settingIdToInitFrom": src}).obj(t)
	id := int32(created["settingId"].(float64))
	if len(created["tags"].([]any)) != 1 {
		t.Fatalf("tags not copied: %v", created["tags"])
	}
	prod := e.must(200, "GET", "/v2/environments/"+w.prod+"/settings/"+itoa(id)+"/value", nil).obj(t)
	if len(prod["targetingRules"].([]any)) != 1 || prod["defaultValue"].(map[string]any)["stringValue"] != "p" {
		t.Fatalf("values not copied: %v", prod)
	}
	dev := e.must(200, "GET", "/v2/environments/"+w.dev+"/settings/"+itoa(id)+"/value", nil).obj(t)
	if dev["defaultValue"].(map[string]any)["stringValue"] != "d" {
		t.Fatalf("dev value not copied: %v", dev["defaultValue"])
	}
	// Values of another type, or of a config of another evaluation version, could not be valid copies.
	const refusal = "The setting to init from must have the same type and evaluation version, and no predefined variations."
	e.wantError(e.do("POST", "/v1/configs/"+w.v2+"/settings", map[string]any{"key": "asBool", "name": "n",
		"settingType": "boolean", "settingIdToInitFrom": src}), 400, "SettingIdToInitFrom", refusal)
	e.wantError(e.do("POST", "/v1/configs/"+w.v1+"/settings", map[string]any{"key": "inV1", "name": "n",
		"settingType": "string", "settingIdToInitFrom": src}), 400, "SettingIdToInitFrom", refusal)
}

func TestSettingPrerequisiteDeleteRefused(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	pre := e.setting(w.v2, "pre", "boolean", nil)
	main := e.setting(w.v2, "main", "boolean", nil)
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(main)+"/value", map[string]any{"defaultValue": boolValue(false),
		"targetingRules": []any{map[string]any{"conditions": []any{map[string]any{"prerequisiteFlagCondition": map[string]any{
			"prerequisiteSettingId": pre, "comparator": "equals", "prerequisiteComparisonValue": boolValue(true)}}}, "value": boolValue(true)}}})
	e.wantError(e.do("DELETE", "/v1/settings/"+itoa(pre), nil), 400, "", DefaultBehaviour().PrerequisiteInUseMessage)
	// Deleting the flag that has prerequisites is fine, and then the prerequisite can go.
	e.must(204, "DELETE", "/v1/settings/"+itoa(main), nil)
	e.must(204, "DELETE", "/v1/settings/"+itoa(pre), nil)
}

func TestPredefinedVariations(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	created := e.must(201, "POST", "/v1/configs/"+w.v2+"/settings", map[string]any{"key": "color", "name": "Color", "settingType": "string",
		"predefinedVariations": []any{
			map[string]any{"value": map[string]any{"stringValue": "red"}, "name": "Red"},
			map[string]any{"value": map[string]any{"stringValue": "blue"}, "name": "Blue"},
		},
		"initialValues": []any{map[string]any{"environmentId": w.prod, "value": "blue"}}}).obj(t)
	id := int32(created["settingId"].(float64))
	vars := created["predefinedVariations"].([]any)
	red := vars[0].(map[string]any)["predefinedVariationId"].(string)
	blue := vars[1].(map[string]any)["predefinedVariationId"].(string)

	prod := e.must(200, "GET", "/v2/environments/"+w.prod+"/settings/"+itoa(id)+"/value", nil).obj(t)
	dv := prod["defaultValue"].(map[string]any)
	if dv["predefinedVariationId"] != blue || dv["stringValue"] != "blue" {
		t.Fatalf("initial value on a variation flag = %v", dv)
	}
	// Environments without an initial value get the first variation.
	dev := e.must(200, "GET", "/v2/environments/"+w.dev+"/settings/"+itoa(id)+"/value", nil).obj(t)
	if dev["defaultValue"].(map[string]any)["predefinedVariationId"] != red {
		t.Fatalf("dev default = %v", dev["defaultValue"])
	}
	// Writes by id or by a literal equal to a variation; other literals are refused.
	e.must(200, "PUT", "/v2/environments/"+w.dev+"/settings/"+itoa(id)+"/value", map[string]any{"defaultValue": map[string]any{"predefinedVariationId": blue}})
	e.wantError(e.do("PUT", "/v2/environments/"+w.dev+"/settings/"+itoa(id)+"/value", map[string]any{"defaultValue": map[string]any{"stringValue": "green"}}),
		400, "", DefaultBehaviour().InvalidDefaultValueMessage)

	usage := e.must(200, "GET", "/v1/settings/"+itoa(id)+"/predefined-variations", nil).obj(t)
	uv := usage["predefinedVariations"].([]any)
	if len(uv[0].(map[string]any)["usages"].([]any)) != 0 || len(uv[1].(map[string]any)["usages"].([]any)) != 2 {
		t.Fatalf("usages = %v", uv)
	}
	b := DefaultBehaviour()
	path := "/v1/settings/" + itoa(id) + "/predefined-variations"
	// Blue is used: it cannot be dropped nor changed. Red is unused: it can change.
	e.wantError(e.do("PUT", path, map[string]any{"predefinedVariations": []any{
		map[string]any{"predefinedVariationId": red, "value": map[string]any{"stringValue": "red"}}}}), 400, "PredefinedVariations", b.VariationInUseMessage)
	e.wantError(e.do("PUT", path, map[string]any{"predefinedVariations": []any{
		map[string]any{"predefinedVariationId": red, "value": map[string]any{"stringValue": "red"}},
		map[string]any{"predefinedVariationId": blue, "value": map[string]any{"stringValue": "navy"}}}}), 400, "PredefinedVariations", b.VariationInUseMessage)
	e.wantError(e.do("PUT", path, map[string]any{"predefinedVariations": []any{
		map[string]any{"predefinedVariationId": red, "value": map[string]any{"stringValue": "blue"}},
		map[string]any{"predefinedVariationId": blue, "value": map[string]any{"stringValue": "blue"}}}}), 400, "PredefinedVariations", b.VariationDuplicateMessage)
	got := e.must(200, "PUT", path, map[string]any{"predefinedVariations": []any{
		map[string]any{"predefinedVariationId": blue, "value": map[string]any{"stringValue": "blue"}},
		map[string]any{"value": map[string]any{"stringValue": "green"}, "name": "Green"}}}).obj(t)
	nv := got["predefinedVariations"].([]any)
	if len(nv) != 2 || nv[0].(map[string]any)["predefinedVariationId"] != blue || nv[1].(map[string]any)["predefinedVariationId"] == red {
		t.Fatalf("replaced variations = %v", nv)
	}
}
