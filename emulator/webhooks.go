package emulator

import (
	"net/http"

	"github.com/flagsync/flagsync/configcat/wire"
)

func webhookOf(st *store, r *http.Request) (*webhook, error) {
	return byPath(r, pathInt32, "webhookId", st.Webhooks)
}

// applyWebhook validates a WebHookRequestModel and replaces the webhook's fields with it: what is not
// listed resets. A request that is not valid leaves the webhook unchanged.
func (s *Server) applyWebhook(wh *webhook, req *webhookRequest) error {
	if req.URL == "" {
		return badRequest("Url", requiredMsg("Url"))
	}
	// validity first: ConfigCat answers "Url is invalid" even for a short non-URL such as "asdasd"
	if !validURL(req.URL) {
		return badRequest("Url", s.b.InvalidURLMessage)
	}
	if err := checkLength("Url", req.URL, 7, 1000); err != nil {
		return err
	}
	if err := checkOptional("Content", req.Content, 15000); err != nil {
		return err
	}
	method := s.b.DefaultWebhookMethod
	if req.HTTPMethod != nil {
		method = *req.HTTPMethod
	}
	if method != "get" && method != "post" {
		return badRequest("HttpMethod", "The value '"+method+"' is not valid.")
	}
	headers := make([]webhookHeader, len(req.Headers))
	for i, h := range req.Headers {
		if err := checkRequired("Key", h.Key, 1, 255); err != nil {
			return err
		}
		if err := checkRequired("Value", h.Value, 1, 1000); err != nil {
			return err
		}
		headers[i] = webhookHeader(h)
	}
	wh.URL, wh.Content, wh.Method, wh.Headers = req.URL, optionalText(req.Content), method, headers
	return nil
}

// webhookView masks secure header values (behaviour doc Q15).
func (s *Server) webhookView(st *store, wh *webhook) wire.Webhook {
	headers := make([]wire.WebhookHeader, len(wh.Headers))
	for i, h := range wh.Headers {
		v := h.Value
		if h.IsSecure {
			v = s.b.SecureHeaderMask
		}
		headers[i] = wire.WebhookHeader{Key: h.Key, Value: v, IsSecure: h.IsSecure}
	}
	c, e := st.Configs[wh.ConfigID], st.Environments[wh.EnvID]
	return wire.Webhook{
		WebhookID:      wh.ID,
		URL:            wh.URL,
		HTTPMethod:     wh.Method,
		Content:        wh.Content,
		WebHookHeaders: headers,
		Config:         wire.WebhookConfig{Name: c.Name, ConfigID: c.ID},
		Environment:    wire.WebhookEnvironment{Name: e.Name, EnvironmentID: e.ID},
	}
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, productOf, func(st *store, p *product) []*webhook {
		var whs []*webhook
		for id := int32(1); id < st.NextWebhook; id++ {
			if wh := st.Webhooks[id]; wh != nil && st.Configs[wh.ConfigID].ProductID == p.ID {
				whs = append(whs, wh)
			}
		}
		return whs
	}, s.webhookView)
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	serveChange(s, w, r, http.StatusCreated, func(st *store, req *webhookRequest) (*webhook, error) {
		c, e, err := configEnvOf(st, r)
		if err != nil {
			return nil, err
		}
		wh := &webhook{ID: st.NextWebhook, ConfigID: c.ID, EnvID: e.ID, Key1: newSigningKey()}
		if err := s.applyWebhook(wh, req); err != nil {
			return nil, err
		}
		st.NextWebhook++
		st.Webhooks[wh.ID] = wh
		return wh, nil
	}, s.webhookView)
}

func (s *Server) replaceWebhook(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, webhookOf, func(st *store, wh *webhook, req *webhookRequest) error {
		if err := s.applyWebhook(wh, req); err != nil {
			return err
		}
		return nil
	}, s.webhookView)
}

// patchWebhook applies a JSON Patch to {url, httpMethod, content, webHookHeaders}. The document holds the
// stored secure values, so that headers the patch does not touch keep their secrets.
func (s *Server) patchWebhook(w http.ResponseWriter, r *http.Request) {
	serveChange(s, w, r, http.StatusOK, func(st *store, ops *[]patchOp) (*webhook, error) {
		wh, err := webhookOf(st, r)
		if err != nil {
			return nil, err
		}
		doc := webhookRequest{URL: wh.URL, Content: wh.Content, HTTPMethod: strPtr(wh.Method)}
		// never nil: "add /webHookHeaders/-" must find a list to append to even when there are no headers
		doc.Headers = make([]wire.WebhookHeader, len(wh.Headers))
		for i, h := range wh.Headers {
			doc.Headers[i] = wire.WebhookHeader(h)
		}
		var patched webhookRequest
		if err := applyPatch(doc, *ops, &patched, nil); err != nil {
			return nil, err
		}
		if err := s.applyWebhook(wh, &patched); err != nil {
			return nil, err
		}
		return wh, nil
	}, s.webhookView)
}

func (s *Server) getWebhookKeys(w http.ResponseWriter, r *http.Request) {
	serveGet(s, w, r, webhookOf, func(_ *store, wh *webhook) wire.WebhookSigningKeys {
		return wire.WebhookSigningKeys{Key1: strPtr(wh.Key1), Key2: wh.Key2}
	})
}

// removeWebhook deletes a webhook.
func (st *store) removeWebhook(wh *webhook) { delete(st.Webhooks, wh.ID) }
