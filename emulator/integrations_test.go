package emulator

import (
	"testing"
)

func TestIntegrationCRUDAndCascade(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	list := "/v1/products/" + w.product + "/integrations"
	created := e.must(201, "POST", list, map[string]any{
		"integrationType": "dataDog", "name": "Alerts", "parameters": map[string]any{"apikey": "k", "site": "Eu"},
		"environmentIds": []any{w.prod}, "configIds": []any{w.v2}}).obj(t)
	id := created["integrationId"].(string)
	if created["integrationType"] != "dataDog" || created["product"].(map[string]any)["name"] != "Shop" {
		t.Fatalf("created = %v", created)
	}
	got := e.must(200, "GET", "/v1/integrations/"+id, nil).obj(t)
	if got["name"] != "Alerts" || got["parameters"].(map[string]any)["site"] != "Eu" {
		t.Fatalf("get = %v", got)
	}
	// PUT replaces name, parameters and scope; the type stays.
	rep := e.must(200, "PUT", "/v1/integrations/"+id, map[string]any{"name": "Ops", "parameters": map[string]any{"apikey": "k2"},
		"environmentIds": []any{}, "configIds": []any{w.v2}}).obj(t)
	if rep["name"] != "Ops" || rep["integrationType"] != "dataDog" || len(rep["environmentIds"].([]any)) != 0 {
		t.Fatalf("replace = %v", rep)
	}
	// deleting a config takes its id out of the integrations that list it
	e.must(204, "DELETE", "/v1/configs/"+w.v2, nil)
	all := e.must(200, "GET", list, nil).obj(t)["integrations"].([]any)
	if len(all) != 1 || len(all[0].(map[string]any)["configIds"].([]any)) != 0 {
		t.Fatalf("after the config's delete: %v", all)
	}
	e.must(204, "DELETE", "/v1/integrations/"+id, nil)
	if r := e.do("GET", "/v1/integrations/"+id, nil); r.status != 404 {
		t.Fatalf("after delete: %d", r.status)
	}
}

// The server's own messages for bad parameters (behaviour doc; the Terraform provider's integration tests).
func TestIntegrationParameterMessages(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	list := "/v1/products/" + w.product + "/integrations"
	for _, tc := range []struct {
		typ    string
		params map[string]any
		msg    string
	}{
		{"amplitude", map[string]any{"secretKey": "s"}, "apiKey parameter is required"},
		{"amplitude", map[string]any{"apiKey": "a"}, "secretKey parameter is required"},
		{"dataDog", map[string]any{}, "apikey parameter is required"},
		{"dataDog", map[string]any{"apikey": "k", "site": "Mars"}, "'site' is invalid"},
		{"mixPanel", map[string]any{"serviceAccountSecret": "s", "projectId": "1"}, "serviceAccountUserName parameter is required"},
		{"mixPanel", map[string]any{"serviceAccountUserName": "u", "serviceAccountSecret": "s", "projectId": "1", "server": "Moon"}, "'server' is invalid"},
		{"slack", map[string]any{}, "incoming_webhook.url parameter is required"},
		{"slack", map[string]any{"incoming_webhook.url": "not a url"}, "'incoming_webhook.url' is not a valid URL."},
		{"slack", map[string]any{"incoming_webhook.url": "https://example.com/hook"}, "'incoming_webhook.url' is not a valid Slack Incoming Webhook URL."},
		{"segment", map[string]any{}, "writeKey parameter is required"},
		{"segment", map[string]any{"writeKey": "w", "server": "Asia"}, "'server' is invalid"},
	} {
		e.wantError(e.do("POST", list, map[string]any{"integrationType": tc.typ, "name": "x", "parameters": tc.params,
			"environmentIds": []any{}, "configIds": []any{}}), 400, "", tc.msg)
	}
	e.must(201, "POST", list, map[string]any{"integrationType": "slack", "name": "Channel",
		"parameters":     map[string]any{"incoming_webhook.url": "https://hooks.slack.com/services/T/B/X"},
		"environmentIds": []any{}, "configIds": []any{}})
}

// PubNub's parameters are not described by the spec ("work in progress"): any key goes, but none may be empty
// (choices.go). Slack's includeSensitiveData takes "true" or "false", as the spec's prose and docs/yaml.md say.
func TestIntegrationPubNubAndSlackOptionChecks(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	list := "/v1/products/" + w.product + "/integrations"
	body := func(typ string, params map[string]any) map[string]any {
		return map[string]any{"integrationType": typ, "name": "x", "parameters": params, "environmentIds": []any{}, "configIds": []any{}}
	}
	slackURL := "https://hooks.slack.com/services/T/B/X"
	for _, tc := range []struct {
		typ    string
		params map[string]any
		msg    string
	}{
		{"pubNub", map[string]any{"publishKey": "pub-c-1", "channel": ""}, "channel parameter is required"},
		{"slack", map[string]any{"incoming_webhook.url": slackURL, "includeSensitiveData": "yes"}, "'includeSensitiveData' is invalid"},
	} {
		e.wantError(e.do("POST", list, body(tc.typ, tc.params)), 400, "", tc.msg)
	}
	created := e.must(201, "POST", list, body("pubNub", map[string]any{"publishKey": "pub-c-1", "subscribeKey": "sub-c-1",
		"channel": "flags"})).obj(t)
	id := created["integrationId"].(string)
	e.wantError(e.do("PUT", "/v1/integrations/"+id, map[string]any{"name": "x", "parameters": map[string]any{"channel": ""},
		"environmentIds": []any{}, "configIds": []any{}}), 400, "", "channel parameter is required")
	if got := e.must(200, "GET", "/v1/integrations/"+id, nil).obj(t)["parameters"].(map[string]any); got["channel"] != "flags" {
		t.Fatalf("a refused replace changed the parameters: %v", got)
	}
	e.must(201, "POST", list, body("slack", map[string]any{"incoming_webhook.url": slackURL, "includeSensitiveData": "true"}))
}
