package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

func TestWebhookLifecycle(t *testing.T) {
	cases := []struct {
		name    string
		req     cc.WebHookRequest
		wantHdr []cc.WebhookHeaderModel // what reads back: secure values are hidden (behaviour doc Q15)
		replace cc.WebHookRequest
	}{
		{"post with headers",
			cc.WebHookRequest{Url: "https://example.com/hook", Content: nstr(`{"changed":"##ConfigName##"}`),
				HttpMethod: cc.WEBHOOKHTTPMETHOD_POST.Ptr(), WebHookHeaders: []cc.WebhookHeaderModel{
					{Key: "X-Plain", Value: "visible", IsSecure: cc.PtrBool(false)},
					{Key: "Authorization", Value: "Bearer s3cret", IsSecure: cc.PtrBool(true)}}},
			[]cc.WebhookHeaderModel{{Key: "X-Plain", Value: "visible", IsSecure: cc.PtrBool(false)},
				{Key: "Authorization", Value: "", IsSecure: cc.PtrBool(true)}},
			cc.WebHookRequest{Url: "https://example.com/other"}},
		{"get without body",
			cc.WebHookRequest{Url: "http://hooks.example.org/x?y=1", HttpMethod: cc.WEBHOOKHTTPMETHOD_GET.Ptr()}, nil,
			cc.WebHookRequest{Url: "https://example.com/post", HttpMethod: cc.WEBHOOKHTTPMETHOD_POST.Ptr(), Content: nstr("c")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			f := h.newFixture(cc.EVALUATIONVERSION_V2)
			api := h.api.WebhooksAPI
			wh, resp, err := api.CreateWebhook(h.ctx, f.config, f.envs[0]).WebHookRequest(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := wh.GetWebhookId()
			if id <= 0 || wh.GetUrl() != c.req.Url || wh.GetHttpMethod() != c.req.GetHttpMethod() ||
				str(wh.Content) != str(c.req.Content) || wh.Config.GetConfigId() != f.config ||
				wh.Environment.GetEnvironmentId() != f.envs[0] || str(wh.Config.Name) != "Main" ||
				str(wh.Environment.Name) != "Production" {
				t.Fatalf("created %+v from %+v", wh, c.req)
			}
			checkHeaders(t, "created", wh.WebHookHeaders, c.wantHdr)

			got, resp, err := api.GetWebhook(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetUrl() != c.req.Url {
				t.Errorf("read back %+v", got)
			}
			checkHeaders(t, "read back", got.WebHookHeaders, c.wantHdr)

			keys, resp, err := api.GetWebhookSigningKeys(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if str(keys.Key1) == "" {
				t.Errorf("signing keys = %+v, want at least key1", keys)
			}

			rep, resp, err := api.ReplaceWebhook(h.ctx, id).WebHookRequest(c.replace).Execute()
			ok(t, resp, err, http.StatusOK)
			if rep.GetUrl() != c.replace.Url || str(rep.Content) != str(c.replace.Content) || len(rep.WebHookHeaders) != 0 {
				t.Errorf("replaced = %+v, want exactly %+v (a full replace)", rep, c.replace)
			}
			if c.replace.HttpMethod != nil && rep.GetHttpMethod() != *c.replace.HttpMethod {
				t.Errorf("method = %s, want %s", rep.GetHttpMethod(), *c.replace.HttpMethod)
			}

			pat, resp, err := api.UpdateWebhook(h.ctx, id).JsonPatchOperation([]cc.JsonPatchOperation{
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/url", Value: "https://example.com/patched"},
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/content", Value: "patched content"},
			}).Execute()
			ok(t, resp, err, http.StatusOK)
			if pat.GetUrl() != "https://example.com/patched" || str(pat.Content) != "patched content" {
				t.Errorf("patched = %q %q", pat.GetUrl(), str(pat.Content))
			}

			list, resp, err := api.GetWebhooks(h.ctx, f.product).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetWebhookId() != id || list[0].GetUrl() != "https://example.com/patched" {
				t.Errorf("list = %+v", list)
			}

			resp, err = api.DeleteWebhook(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = api.GetWebhook(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
			_, resp, err = api.GetWebhookSigningKeys(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

// TestWebhookPatchAppendsHeader appends a header the way ConfigCat's CLI does (behaviour doc Q15:
// {"op":"add","path":"/webHookHeaders/-",...}), to a webhook with and without headers.
func TestWebhookPatchAppendsHeader(t *testing.T) {
	cases := []struct {
		name    string
		headers []cc.WebhookHeaderModel
	}{
		{"to existing headers", []cc.WebhookHeaderModel{{Key: "A", Value: "1", IsSecure: cc.PtrBool(false)}}},
		{"to no headers", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			f := h.newFixture(cc.EVALUATIONVERSION_V2)
			wh, resp, err := h.api.WebhooksAPI.CreateWebhook(h.ctx, f.config, f.envs[0]).WebHookRequest(
				cc.WebHookRequest{Url: "https://example.com/hook", WebHookHeaders: c.headers}).Execute()
			ok(t, resp, err, http.StatusCreated)
			added := cc.WebhookHeaderModel{Key: "K", Value: "V", IsSecure: cc.PtrBool(false)}
			pat, resp, err := h.api.WebhooksAPI.UpdateWebhook(h.ctx, wh.GetWebhookId()).JsonPatchOperation(
				[]cc.JsonPatchOperation{{Op: cc.OPERATIONTYPE_ADD, Path: "/webHookHeaders/-",
					Value: map[string]any{"key": "K", "value": "V", "isSecure": false}}}).Execute()
			ok(t, resp, err, http.StatusOK)
			checkHeaders(t, "patched", pat.WebHookHeaders, append(c.headers, added))
		})
	}
}

func checkHeaders(t *testing.T, what string, got, want []cc.WebhookHeaderModel) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s headers = %+v, want %+v", what, got, want)
		return
	}
	for i := range got {
		if got[i].Key != want[i].Key || got[i].Value != want[i].Value || got[i].GetIsSecure() != want[i].GetIsSecure() {
			t.Errorf("%s header %d = %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

func TestWebhookErrors(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	api := h.api.WebhooksAPI
	for _, bad := range []string{"asdasd", "not a url at all", "ftp//example.com"} {
		// "asdasd" is the real API's own example (behaviour doc Q9), though shorter than the spec's 7.
		t.Run(bad, func(t *testing.T) {
			ctx := h.ctx
			if len(bad) < 7 {
				ctx = invalid(ctx) // below the spec's minLength
			}
			_, resp, err := api.CreateWebhook(ctx, f.config, f.envs[0]).WebHookRequest(cc.WebHookRequest{Url: bad}).Execute()
			fails(t, resp, err, http.StatusBadRequest, "Url is invalid")
		})
	}

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err := api.CreateWebhook(h.ctx, unknown, f.envs[0]).WebHookRequest(cc.WebHookRequest{Url: "https://example.com"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.CreateWebhook(h.ctx, f.config, unknown).WebHookRequest(cc.WebHookRequest{Url: "https://example.com"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetWebhooks(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	wh, resp, err := api.CreateWebhook(h.ctx, f.config, f.envs[0]).WebHookRequest(cc.WebHookRequest{Url: "https://example.com"}).Execute()
	ok(t, resp, err, http.StatusCreated)
	_, resp, err = api.ReplaceWebhook(h.ctx, wh.GetWebhookId()).WebHookRequest(cc.WebHookRequest{Url: "not a url"}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Url is invalid")
	_, resp, err = api.ReplaceWebhook(h.ctx, 99999).WebHookRequest(cc.WebHookRequest{Url: "https://example.com"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = api.DeleteWebhook(h.ctx, 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	// Deleting the environment takes its webhooks with it (behaviour doc Q5).
	resp, err = h.api.EnvironmentsAPI.DeleteEnvironment(h.ctx, f.envs[0]).Execute()
	ok(t, resp, err, http.StatusNoContent)
	_, resp, err = api.GetWebhook(h.ctx, wh.GetWebhookId()).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
