package emulator

import (
	"strconv"
	"testing"
)

func TestEnvironmentCRUDAndValidation(t *testing.T) {
	e := newEnv(t)
	p := e.product("Shop")
	created := e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Production", "color": "#5c6bc0", "order": 10}).obj(t)
	id := created["environmentId"].(string)
	if created["color"] != "#5c6bc0" || created["description"] != nil || created["order"] != 10.0 {
		t.Fatalf("created = %v", created)
	}
	if created["product"].(map[string]any)["organization"] == nil {
		t.Fatalf("product not nested in full: %v", created["product"])
	}
	upd := e.must(200, "PUT", "/v1/environments/"+id, map[string]any{"color": "", "description": "live"}).obj(t)
	if upd["color"] != "" || upd["description"] != "live" || upd["name"] != "Production" || upd["order"] != 10.0 {
		t.Fatalf("partial update = %v", upd)
	}
	b := DefaultBehaviour()
	e.wantError(e.do("POST", "/v1/products/"+p+"/environments", map[string]any{"name": "production"}), 400, "Name", b.DuplicateNameMessage)
	e.wantError(e.do("POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Test", "color": "notvalid"}), 400, "Color", "Invalid color.")
	e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Yellow", "color": "yellow"})
	list := e.must(200, "GET", "/v1/products/"+p+"/environments", nil).list(t)
	if len(list) != 2 || list[0]["name"] != "Production" {
		t.Fatalf("list = %v", list)
	}
	e.must(204, "DELETE", "/v1/environments/"+id+"?cleanupAuditLogs=true", nil)
	if r := e.do("GET", "/v1/environments/"+id, nil); r.status != 404 || len(r.body) != 0 {
		t.Fatalf("deleted environment: %d %q", r.status, r.body)
	}
	if r := e.do("GET", "/v1/environments/not-a-uuid", nil, invalid); r.status != 404 {
		t.Fatalf("malformed id: %d", r.status)
	}
}

func TestConfigCRUD(t *testing.T) {
	e := newEnv(t)
	p := e.product("Shop")
	c := e.must(201, "POST", "/v1/products/"+p+"/configs", map[string]any{"name": "Main"}).obj(t)
	if c["evaluationVersion"] != "v1" || c["migratedConfigId"] != nil || c["order"] != 0.0 {
		t.Fatalf("created = %v", c)
	}
	id := c["configId"].(string)
	second := e.must(201, "POST", "/v1/products/"+p+"/configs", map[string]any{"name": "Second", "evaluationVersion": "v2"}).obj(t)
	if second["order"] != 1.0 {
		t.Fatalf("order without one given = %v, want siblings' max + 1", second["order"])
	}
	upd := e.must(200, "PUT", "/v1/configs/"+id, map[string]any{"name": "Renamed", "evaluationVersion": "v2"}).obj(t)
	if upd["name"] != "Renamed" || upd["evaluationVersion"] != "v1" {
		t.Fatalf("update = %v (evaluationVersion must not change)", upd)
	}
	e.wantError(e.do("POST", "/v1/products/"+p+"/configs", map[string]any{"name": "X", "evaluationVersion": "v3"}, invalid), 400, "EvaluationVersion", "The value 'v3' is not valid.")
	e.must(204, "DELETE", "/v1/configs/"+id, nil)
	if list := e.must(200, "GET", "/v1/products/"+p+"/configs", nil).list(t); len(list) != 1 {
		t.Fatalf("list after delete = %v", list)
	}
}

func TestTagCRUDAndDetachOnDelete(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	created := e.must(201, "POST", "/v1/products/"+w.product+"/tags", map[string]any{"name": "beta"}).obj(t)
	if created["color"] != nil {
		t.Fatalf("tag colour without one given = %v, want null", created["color"])
	}
	tagID := int64(created["tagId"].(float64))
	// Tag names are not unique by default.
	e.must(201, "POST", "/v1/products/"+w.product+"/tags", map[string]any{"name": "Beta", "color": "panther"})
	upd := e.must(200, "PUT", "/v1/tags/"+itoa64(tagID), map[string]any{"color": "salmon"}).obj(t)
	if upd["name"] != "beta" || upd["color"] != "salmon" {
		t.Fatalf("update = %v", upd)
	}
	id := e.setting(w.v2, "flag", "boolean", map[string]any{"tags": []any{tagID}})
	tagged := e.must(200, "GET", "/v1/tags/"+itoa64(tagID)+"/settings", nil).list(t)
	if len(tagged) != 1 || tagged[0]["key"] != "flag" {
		t.Fatalf("settings by tag = %v", tagged)
	}
	e.must(204, "DELETE", "/v1/tags/"+itoa64(tagID), nil)
	s := e.must(200, "GET", "/v1/settings/"+itoa(id), nil).obj(t)
	if tags := s["tags"].([]any); len(tags) != 0 {
		t.Fatalf("deleted tag still attached: %v", tags)
	}
}

func TestSegmentCRUDUsageAndRefusal(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	created := e.must(201, "POST", "/v1/products/"+w.product+"/segments", map[string]any{"name": "Beta users",
		"comparisonAttribute": "Email", "comparator": "sensitiveIsOneOf", "comparisonValue": "a@b.com,c@d.com"}).obj(t)
	id := created["segmentId"].(string)
	if created["comparisonValue"] != "a@b.com,c@d.com" || created["creatorEmail"] != DefaultBehaviour().MeEmail || created["createdAt"] != "2026-03-01T12:00:00.0000000Z" {
		t.Fatalf("created = %v", created)
	}
	e.clock.Advance(60e9)
	upd := e.must(200, "PUT", "/v1/segments/"+id, map[string]any{"comparator": "isOneOf"}).obj(t)
	if upd["comparator"] != "isOneOf" || upd["name"] != "Beta users" || upd["updatedAt"] != "2026-03-01T12:01:00.0000000Z" {
		t.Fatalf("update = %v", upd)
	}
	b := DefaultBehaviour()
	e.wantError(e.do("POST", "/v1/products/"+w.product+"/segments", map[string]any{"name": "beta USERS",
		"comparisonAttribute": "Email", "comparator": "isOneOf", "comparisonValue": "x"}), 400, "Name", b.DuplicateNameMessage)
	e.wantError(e.do("POST", "/v1/products/"+w.product+"/segments", map[string]any{"name": "X",
		"comparisonAttribute": "Email", "comparator": "containsAnyOf", "comparisonValue": "x"}, invalid), 400, "Comparator", "The value 'containsAnyOf' is not valid.")

	flag := e.setting(w.v2, "flag", "boolean", nil)
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{"defaultValue": boolValue(false),
		"targetingRules": []any{map[string]any{"conditions": []any{map[string]any{"segmentCondition": map[string]any{"segmentId": id, "comparator": "isIn"}}}, "value": boolValue(true)}}})
	list := e.must(200, "GET", "/v1/products/"+w.product+"/segments", nil).list(t)
	if len(list) != 1 || list[0]["usage"] != 1.0 {
		t.Fatalf("list = %v", list)
	}
	if _, has := list[0]["comparator"]; has {
		t.Fatalf("the segment list carries the condition: %v", list[0])
	}
	e.wantError(e.do("DELETE", "/v1/segments/"+id, nil), 400, "", b.SegmentInUseMessage)
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{"defaultValue": boolValue(false)})
	e.must(204, "DELETE", "/v1/segments/"+id, nil)
}

func TestProductDeleteCascades(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "flag", "boolean", nil)
	tag := e.tag(w.product, "t")
	seg := e.segment(w.product, "s")
	wh := e.must(201, "POST", "/v1/configs/"+w.v2+"/environments/"+w.prod+"/webhooks", map[string]any{"url": "https://example.com/hook"}).obj(t)
	e.must(204, "DELETE", "/v1/products/"+w.product, nil)
	for _, path := range []string{"/v1/configs/" + w.v2, "/v1/environments/" + w.prod, "/v1/settings/" + itoa(flag),
		"/v1/tags/" + itoa64(tag), "/v1/segments/" + seg, "/v1/webhooks/" + itoa(int32(wh["webhookId"].(float64)))} {
		if r := e.do("GET", path, nil); r.status != 404 {
			t.Fatalf("GET %s after the product was deleted: %d", path, r.status)
		}
	}
}

func TestEnvironmentAndConfigDeleteCascade(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "flag", "boolean", nil)
	e.must(201, "POST", "/v1/configs/"+w.v2+"/environments/"+w.dev+"/webhooks", map[string]any{"url": "https://example.com/hook"})
	e.must(204, "DELETE", "/v1/environments/"+w.dev, nil)
	if hooks := e.must(200, "GET", "/v1/products/"+w.product+"/webhooks", nil).list(t); len(hooks) != 0 {
		t.Fatalf("webhooks of a deleted environment: %v", hooks)
	}
	if r := e.do("GET", "/v1/configs/"+w.v2+"/environments/"+w.dev, nil); r.status != 404 {
		t.Fatalf("SDK keys of a deleted environment: %d", r.status)
	}
	// A new environment gives every existing flag the zero value.
	staging := e.environment(w.product, "Staging")
	v := e.must(200, "GET", "/v2/environments/"+staging+"/settings/"+itoa(flag)+"/value", nil).obj(t)
	if v["defaultValue"].(map[string]any)["boolValue"] != false {
		t.Fatalf("new environment value = %v", v["defaultValue"])
	}
	e.must(204, "DELETE", "/v1/configs/"+w.v2, nil)
	if r := e.do("GET", "/v1/settings/"+itoa(flag), nil); r.status != 404 {
		t.Fatalf("setting of a deleted config: %d", r.status)
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
