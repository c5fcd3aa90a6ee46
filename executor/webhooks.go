package executor

import (
	"context"
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// createWebhook creates a webhook under its config and environment. Secure header values are read from the
// environment variables the YAML names, at the moment of the call, and never kept.
func (e *Executor) createWebhook(ctx context.Context, c planner.Change) error {
	w := c.After.Webhook
	var rp *configcat.RemoteProduct
	var configID, envID string
	if err := e.locked(func() error {
		var rc *configcat.RemoteConfig
		var err error
		if rp, rc, err = e.configOf(c.Address.Product, w.Config); err != nil {
			return err
		}
		configID = rc.ID
		envID, err = environmentID(rp, c.Address.Product, w.Environment)
		return err
	}); err != nil {
		return err
	}
	req, err := configcat.WebhookRequestFromSpec(w, e.lookupEnv)
	if err != nil {
		return err
	}
	out, err := e.client.CreateWebhook(ctx, configID, envID, req)
	if err != nil {
		return err
	}
	return e.locked(func() error { rp.Webhooks[spec.WebhookKey(w)] = out.WebhookID; return nil })
}

// webhookID finds a webhook's id by its identity.
func (e *Executor) webhookID(product string, w *spec.Webhook) (*configcat.RemoteProduct, int32, error) {
	rp, id, err := idIn(e, product, "webhook", spec.WebhookKey(w), (*configcat.RemoteProduct).WebhookID)
	if err != nil {
		err = fmt.Errorf("webhook %s %s of config %q in environment %q of product %q is unknown",
			strings.ToUpper(w.Method), w.URL, w.Config, w.Environment, product)
	}
	return rp, id, err
}

// updateWebhook replaces a webhook, secure header values read again from the environment.
func (e *Executor) updateWebhook(ctx context.Context, c planner.Change) error {
	w := c.After.Webhook
	_, id, err := e.webhookID(c.Address.Product, w)
	if err != nil {
		return err
	}
	req, err := configcat.WebhookRequestFromSpec(w, e.lookupEnv)
	if err != nil {
		return err
	}
	_, err = e.client.ReplaceWebhook(ctx, id, req)
	return err
}

func (e *Executor) deleteWebhook(ctx context.Context, c planner.Change) error {
	w := c.Before.Webhook
	rp, id, err := e.webhookID(c.Address.Product, w)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteWebhook(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.Webhooks, spec.WebhookKey(w)); return nil })
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
