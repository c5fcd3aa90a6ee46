package executor

import (
	"context"
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// webhook creates, replaces or deletes a webhook. Secure header values are read from the environment
// variables the YAML names, at the moment of the call, and never kept.
func (e *Executor) webhook(ctx context.Context, c planner.Change) error {
	obj := c.After
	if c.Op == planner.Delete {
		obj = c.Before
	}
	if obj == nil || obj.Webhook == nil {
		return fmt.Errorf("the plan carries no webhook for %s", c.Address)
	}
	w := obj.Webhook
	key := spec.WebhookKey(w)
	var rp *configcat.RemoteProduct
	var configID, envID string
	var hookID int32
	if err := e.locked(func() error {
		var err error
		if rp, err = e.productOf(c.Address.Product); err != nil {
			return err
		}
		if c.Op == planner.Create {
			rc := rp.Config(w.Config)
			if rc == nil {
				return fmt.Errorf("config %q in product %q is unknown", w.Config, c.Address.Product)
			}
			configID = rc.ID
			envID, err = environmentID(rp, c.Address.Product, w.Environment)
			return err
		}
		var ok bool
		if hookID, ok = rp.WebhookID(key); !ok {
			return fmt.Errorf("webhook %s %s of config %q in environment %q is unknown", strings.ToUpper(w.Method), w.URL, w.Config, w.Environment)
		}
		return nil
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		req, err := configcat.WebhookRequestFromSpec(w, e.lookupEnv)
		if err != nil {
			return err
		}
		out, err := e.client.CreateWebhook(ctx, configID, envID, req)
		if err != nil {
			return err
		}
		return e.locked(func() error { rp.Webhooks[key] = out.WebhookID; return nil })
	case planner.Update:
		req, err := configcat.WebhookRequestFromSpec(w, e.lookupEnv)
		if err != nil {
			return err
		}
		_, err = e.client.ReplaceWebhook(ctx, hookID, req)
		return err
	case planner.Delete:
		if err := ignoreGone(e.client.DeleteWebhook(ctx, hookID)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.Webhooks, key); return nil })
	}
	return badOp(c)
}

// webhookKey is a parsed spec.WebhookKey: config, environment, URL and method.
type webhookKey struct{ config, env, url, method string }

func parseWebhookKey(k string) (webhookKey, bool) {
	parts := strings.Split(k, "\x00")
	if len(parts) != 4 {
		return webhookKey{}, false
	}
	return webhookKey{parts[0], parts[1], parts[2], parts[3]}, true
}

func (w webhookKey) String() string {
	return strings.Join([]string{w.config, w.env, w.url, w.method}, "\x00")
}

func (w *webhookKey) renameConfig(old, new string) {
	if w.config == spec.Key(old) {
		w.config = spec.Key(new)
	}
}

func (w *webhookKey) renameEnv(old, new string) {
	if w.env == spec.Key(old) {
		w.env = spec.Key(new)
	}
}

// rekeyWebhooks rewrites the webhook keys of a product after a config or environment was renamed; the caller
// holds e.mu.
func rekeyWebhooks(rp *configcat.RemoteProduct, edit func(*webhookKey)) {
	out := make(map[string]int32, len(rp.Webhooks))
	for k, id := range rp.Webhooks {
		if wk, ok := parseWebhookKey(k); ok {
			edit(&wk)
			k = wk.String()
		}
		out[k] = id
	}
	rp.Webhooks = out
}
