package emulator

import (
	"testing"
)

func TestWebhookCRUDAndSecureHeaders(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	created := e.must(201, "POST", "/v1/configs/"+w.v2+"/environments/"+w.prod+"/webhooks", map[string]any{
		"url": "https://example.com/hook", "httpMethod": "post", "content": "{}",
		"webHookHeaders": []any{
			map[string]any{"key": "X-Plain", "value": "visible"},
			map[string]any{"key": "X-Token", "value": "s3cret", "isSecure": true},
		}}).obj(t)
	id := int32(created["webhookId"].(float64))
	headers := created["webHookHeaders"].([]any)
	if headers[0].(map[string]any)["value"] != "visible" || headers[1].(map[string]any)["value"] != "" {
		t.Fatalf("headers = %v (the secure value must be masked)", headers)
	}
	if created["config"].(map[string]any)["name"] != "Main" || created["environment"].(map[string]any)["name"] != "Production" {
		t.Fatalf("created = %v", created)
	}
	// PATCH keeps the secret of a header it does not touch.
	p := e.must(200, "PATCH", "/v1/webhooks/"+itoa(id), []any{map[string]any{"op": "replace", "path": "/url", "value": "https://example.com/other"}}).obj(t)
	if p["url"] != "https://example.com/other" || len(p["webHookHeaders"].([]any)) != 2 {
		t.Fatalf("patch = %v", p)
	}
	e.srv.read(func(st *store) {
		if got := st.Webhooks[id].Headers[1].Value; got != "s3cret" {
			t.Errorf("stored secret after PATCH = %q", got)
		}
	})
	// PUT replaces: unlisted content and headers reset.
	rep := e.must(200, "PUT", "/v1/webhooks/"+itoa(id), map[string]any{"url": "https://example.com/hook"}).obj(t)
	if rep["content"] != nil || len(rep["webHookHeaders"].([]any)) != 0 || rep["httpMethod"] != "get" {
		t.Fatalf("replace = %v", rep)
	}
	e.wantError(e.do("PUT", "/v1/webhooks/"+itoa(id), map[string]any{"url": "asdasdasd"}), 400, "Url", "Url is invalid")
	// A refused replace or patch leaves the webhook as it was.
	e.wantError(e.do("PUT", "/v1/webhooks/"+itoa(id), map[string]any{"url": "https://example.com/x", "httpMethod": "put"}, invalid),
		400, "HttpMethod", "The value 'put' is not valid.")
	e.wantError(e.do("PATCH", "/v1/webhooks/"+itoa(id), []any{map[string]any{"op": "replace", "path": "/url", "value": "https://example.com/y"},
		map[string]any{"op": "add", "path": "/webHookHeaders/-", "value": map[string]any{"key": "", "value": "v"}}}), 400, "Key", "The Key field is required.")
	if got := e.must(200, "GET", "/v1/webhooks/"+itoa(id), nil).obj(t); got["url"] != "https://example.com/hook" || got["httpMethod"] != "get" {
		t.Fatalf("a refused write changed the webhook: %v", got)
	}
	keys := e.must(200, "GET", "/v1/webhooks/"+itoa(id)+"/keys", nil).obj(t)
	if k1, _ := keys["key1"].(string); k1 == "" || keys["key2"] != nil {
		t.Fatalf("signing keys = %v", keys)
	}
	list := e.must(200, "GET", "/v1/products/"+w.product+"/webhooks", nil).list(t)
	if len(list) != 1 {
		t.Fatalf("list = %v", list)
	}
	e.must(204, "DELETE", "/v1/webhooks/"+itoa(id), nil)
	if r := e.do("GET", "/v1/webhooks/"+itoa(id), nil); r.status != 404 {
		t.Fatalf("deleted webhook: %d", r.status)
	}
}

func TestPermissionGroups(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	created := e.must(201, "POST", "/v1/products/"+w.product+"/permissions", map[string]any{"name": "Developers",
		"canCreateOrUpdateSetting": true, "accessType": "custom", "newEnvironmentAccessType": "readOnly",
		"environmentAccesses": []any{map[string]any{"environmentId": w.dev, "environmentAccessType": "full"}}}).obj(t)
	id := int64(created["permissionGroupId"].(float64))
	if created["canCreateOrUpdateSetting"] != true || created["canDeleteTag"] != false {
		t.Fatalf("created = %v", created)
	}
	access := map[string]string{}
	for _, a := range created["environmentAccesses"].([]any) {
		m := a.(map[string]any)
		access[m["name"].(string)] = m["environmentAccessType"].(string)
	}
	// Only the explicit access is listed (choices.go, TF evidence).
	if len(access) != 1 || access["Development"] != "full" {
		t.Fatalf("environment accesses = %v", access)
	}
	upd := e.must(200, "PUT", "/v1/permissions/"+itoa64(id), map[string]any{"canDeleteTag": true}).obj(t)
	if upd["canCreateOrUpdateSetting"] != true || upd["canDeleteTag"] != true || upd["name"] != "Developers" {
		t.Fatalf("partial update = %v", upd)
	}
	e.wantError(e.do("PUT", "/v1/permissions/"+itoa64(id), map[string]any{"canDeleteConfig": true}), 400, "",
		"CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and CanDeleteSetting permissions.")
	if list := e.must(200, "GET", "/v1/products/"+w.product+"/permissions", nil).list(t); len(list) != 1 {
		t.Fatalf("list = %v", list)
	}
	e.must(204, "DELETE", "/v1/permissions/"+itoa64(id), nil)
	if r := e.do("GET", "/v1/permissions/"+itoa64(id), nil); r.status != 404 {
		t.Fatalf("deleted group: %d", r.status)
	}
}
