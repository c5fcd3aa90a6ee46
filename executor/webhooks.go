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
	e.mu.Lock()
	defer e.mu.Unlock()
	rp, err := e.productOf(product)
	if err != nil {
		return nil, 0, err
	}
	if id, ok := rp.WebhookID(spec.WebhookKey(w)); ok {
		return rp, id, nil
	}
	return nil, 0, fmt.Errorf("webhook %s %s of config %q in environment %q of product %q is unknown",
		strings.ToUpper(w.Method), w.URL, w.Config, w.Environment, product)
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
