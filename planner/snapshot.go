package planner

import (
	"sort"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Snapshots copy an object's own fields, so that a plan neither shares children with the states it was built
// from nor carries more than a change needs. They leave valueOwner out: it only steers the planner.

func productSnap(p *spec.Product) *spec.Product {
	return &spec.Product{Name: p.Name, Description: p.Description, Order: p.Order}
}

func configSnap(c *spec.Config) *spec.Config {
	s := *c
	s.Flags = nil
	s.RenamedFrom = ""
	s.ValueOwner = ""
	return &s
}

// flagSnap copies a flag's metadata without its values, as updates, deletes and fingerprints compare it.
func flagSnap(f *spec.Flag) *spec.Flag {
	s := flagSnapWithValues(f)
	s.Values = nil
	return s
}

// flagSnapWithValues is flagSnap with the flag's values, as a create sends them.
func flagSnapWithValues(f *spec.Flag) *spec.Flag {
	s := *f
	s.RenamedFrom = ""
	s.ValueOwner = ""
	s.Value = nil
	return &s
}

func envSnap(e *spec.Environment) *spec.Environment {
	s := *e
	s.RenamedFrom = ""
	s.ValueOwner = ""
	return &s
}

func tagSnap(t *spec.Tag) *spec.Tag         { s := *t; s.RenamedFrom = ""; return &s }
func segSnap(g *spec.Segment) *spec.Segment { s := *g; s.RenamedFrom = ""; return &s }

func groupSnap(g *spec.PermissionGroup) *spec.PermissionGroup {
	s := *g
	s.RenamedFrom = ""
	return &s
}

// webhookSnap copies a webhook with its headers sorted by key and secure header values removed: they are
// write-only, never compared and never shown. The name of the environment variable a secure value comes from
// is kept.
func webhookSnap(w *spec.Webhook) *spec.Webhook {
	s := *w
	s.Headers = copyEach(w.Headers, func(h *spec.WebhookHeader) { h.Value = unlessSecret(h.Secure, h.Value) })
	sort.SliceStable(s.Headers, func(i, j int) bool { return spec.Key(s.Headers[i].Key) < spec.Key(s.Headers[j].Key) })
	return &s
}

// webhookCompare is what is compared of a webhook: its snapshot without the environment variable names of
// secure values, which the remote side never has.
func webhookCompare(w *spec.Webhook) *spec.Webhook {
	s := webhookSnap(w)
	for _, h := range s.Headers { // webhookSnap's own copies
		h.ValueFromEnv = ""
	}
	return s
}

// webhookName is a webhook's Address.Name: its method in upper case and its URL.
func webhookName(w *spec.Webhook) string {
	m := w.Method
	if m == "" {
		m = "get"
	}
	return strings.ToUpper(m) + " " + w.URL
}

// integrationSnap copies an integration with the values of secret parameters removed: they are write-only,
// never compared and never shown. The name of the environment variable a secret comes from is kept.
func integrationSnap(in *spec.Integration) *spec.Integration {
	s := *in
	s.RenamedFrom = ""
	s.Parameters = copyEach(in.Parameters, func(p *spec.IntegrationParameter) {
		p.Value = unlessSecret(spec.IsSecretParameter(in.Type, p.Key), p.Value)
	})
	return &s
}

// integrationCompare is what is compared of an integration: its snapshot without the environment variable
// names of secrets, which the remote side never has.
func integrationCompare(in *spec.Integration) *spec.Integration {
	s := integrationSnap(in)
	for _, p := range s.Parameters { // integrationSnap's own copies
		p.ValueFromEnv = ""
	}
	return s
}

// webhookSecrets lists the environment variables of a webhook's secure header values.
func webhookSecrets(w *spec.Webhook) []string {
	var out []string
	for _, h := range w.Headers {
		if h.Secure && h.ValueFromEnv != "" {
			out = append(out, h.ValueFromEnv)
		}
	}
	return out
}

// integrationSecrets lists the environment variables of an integration's secret parameters.
func integrationSecrets(in *spec.Integration) []string {
	var out []string
	for _, p := range in.Parameters {
		if p.ValueFromEnv != "" && spec.IsSecretParameter(in.Type, p.Key) {
			out = append(out, p.ValueFromEnv)
		}
	}
	return out
}

// Secrets lists the environment variables of the write-only secrets the snapshot's webhook or integration
// sends: secure header values, secret parameters. None for other kinds.
func (o *Object) Secrets() []string {
	switch {
	case o == nil:
		return nil
	case o.Webhook != nil:
		return webhookSecrets(o.Webhook)
	case o.Integration != nil:
		return integrationSecrets(o.Integration)
	}
	return nil
}

// copyEach copies every item and lets scrub change the copy.
func copyEach[T any](items []*T, scrub func(*T)) []*T {
	out := make([]*T, len(items))
	for i, it := range items {
		c := *it
		scrub(&c)
		out[i] = &c
	}
	return out
}

// unlessSecret is value, or nothing when it is a secret's.
func unlessSecret(secret bool, value string) string {
	if secret {
		return ""
	}
	return value
}

func defaultPreferences() *spec.Preferences { return &spec.Preferences{KeyGenerationMode: "camelCase"} }
