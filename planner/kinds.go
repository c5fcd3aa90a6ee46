package planner

import (
	"fmt"

	"github.com/flagsync/flagsync/spec"
)

// Kinds in one place. Everything the planner knows about a kind of object is its row in kinds: how people
// name it, the fields its address shows, which ignore patterns protect it, what of it is fingerprinted, how
// many of it a product holds, and where its changes go in the plan's order. Kinds held in a product's list
// (environments, tags, segments, permission groups, webhooks, integrations) also carry a listKind, which
// diffs them and leaves the ones the files do not manage alone. The executor's table (executor/kinds.go)
// holds the other half of each row: the calls and the handler that apply a change.

// kindInfo describes one kind of object.
type kindInfo struct {
	noun string
	// self names the object at an address; nil means the noun and Address.Name quoted.
	self func(Address) string
	// container names what holds it; nil means its product.
	container func(Address) string
	// identity lists the fields of the object that its address already shows.
	identity []string
	// object returns the object of the kind an Object holds, or nil.
	object func(*Object) any
	// patterns returns the ignore patterns that protect objects of the kind; nil when none can.
	patterns func(*spec.Ignore) []string
	// lookup returns the canonical snapshot of the object at a in product p of the indexed state, or nil.
	lookup func(ix *index, p *spec.Product, a Address) any
	// count is how many objects of the kind the product holds, for the safety thresholds; nil counts none.
	count func(*spec.Product) int
	// upsert orders the kind's creates and updates among those of other kinds: parents first, objects before
	// the values that refer to them. remove orders its deletes: children first, values rewritten before what
	// they stop referring to goes.
	upsert, remove int
	// list is set for kinds held in a product's list.
	list listKind
}

// kindOrder lists the kinds in the order warnings name them and lists are planned.
var kindOrder = []Kind{KindProduct, KindPreferences, KindConfig, KindFlag, KindEnvironment, KindTag, KindSegment,
	KindPermissionGroup, KindWebhook, KindIntegration, KindVariation, KindValues}

// kinds is the descriptor table. Deletes go: webhooks and integrations first, as they hang off configs and
// environments; then the containers, since they take their contents with them (a config its flags, an
// environment its values, never rewritten as they go too); then flags, then what their values may have
// referred to: variations, segments, tags.
var kinds = map[Kind]*kindInfo{
	KindProduct: {
		noun: "product", self: func(a Address) string { return fmt.Sprintf("product %q", a.Product) },
		container: func(Address) string { return "" }, identity: []string{"name"},
		object: func(o *Object) any { return some(o.Product) },
		lookup: func(_ *index, p *spec.Product, _ Address) any { return productSnap(p) },
		upsert: 10, remove: 90,
	},
	KindPreferences: {
		noun: "preferences", self: func(Address) string { return "preferences" },
		object: func(o *Object) any { return some(o.Preferences) },
		lookup: func(_ *index, p *spec.Product, _ Address) any {
			if p.Preferences == nil {
				return defaultPreferences()
			}
			return p.Preferences
		},
		upsert: 55, // after the environments it lists
	},
	KindEnvironment: {
		noun: "environment", self: func(a Address) string { return fmt.Sprintf("environment %q", a.Environment) },
		identity: []string{"name"}, object: func(o *Object) any { return some(o.Environment) },
		patterns: func(l *spec.Ignore) []string { return l.Environments },
		count:    func(p *spec.Product) int { return len(p.Environments) },
		upsert:   20, remove: 30,
		list: named(KindEnvironment, func(p *spec.Product) *[]*spec.Environment { return &p.Environments },
			func(e *spec.Environment) string { return e.Name },
			func(product, name string) Address { return Address{Product: product, Environment: name} },
			func(e *spec.Environment) *Object { return &Object{Environment: envSnap(e)} },
			func(r *renames) map[string]*spec.Environment { return r.origEnv }),
	},
	KindConfig: {
		noun: "config", self: func(a Address) string { return fmt.Sprintf("config %q", a.Config) },
		identity: []string{"name"}, object: func(o *Object) any { return some(o.Config) },
		patterns: func(l *spec.Ignore) []string { return l.Configs },
		lookup: func(ix *index, p *spec.Product, a Address) any {
			if c := ix.config(p, a.Config); c != nil {
				return configSnap(c)
			}
			return nil
		},
		count:  func(p *spec.Product) int { return len(p.Configs) },
		upsert: 30, remove: 20,
	},
	KindTag: {
		noun: "tag", identity: []string{"name"}, object: func(o *Object) any { return some(o.Tag) },
		patterns: func(l *spec.Ignore) []string { return l.Tags },
		count:    func(p *spec.Product) int { return len(p.Tags) },
		upsert:   40, remove: 70,
		list: named(KindTag, func(p *spec.Product) *[]*spec.Tag { return &p.Tags },
			func(t *spec.Tag) string { return t.Name }, productNamed,
			func(t *spec.Tag) *Object { return &Object{Tag: tagSnap(t)} },
			func(r *renames) map[string]*spec.Tag { return r.origTag }),
	},
	KindSegment: {
		noun: "segment", identity: []string{"name"}, object: func(o *Object) any { return some(o.Segment) },
		patterns: func(l *spec.Ignore) []string { return l.Segments },
		count:    func(p *spec.Product) int { return len(p.Segments) },
		upsert:   50, remove: 60,
		list: named(KindSegment, func(p *spec.Product) *[]*spec.Segment { return &p.Segments },
			func(s *spec.Segment) string { return s.Name }, productNamed,
			func(s *spec.Segment) *Object { return &Object{Segment: segSnap(s)} },
			func(r *renames) map[string]*spec.Segment { return r.origSegment }),
	},
	KindPermissionGroup: {
		noun: "permission group", identity: []string{"name"},
		object:   func(o *Object) any { return some(o.PermissionGroup) },
		patterns: func(l *spec.Ignore) []string { return l.PermissionGroups },
		count:    func(p *spec.Product) int { return len(p.PermissionGroups) },
		upsert:   60, remove: 80,
		list: named(KindPermissionGroup, func(p *spec.Product) *[]*spec.PermissionGroup { return &p.PermissionGroups },
			func(g *spec.PermissionGroup) string { return g.Name }, productNamed,
			func(g *spec.PermissionGroup) *Object { return &Object{PermissionGroup: groupSnap(g)} },
			func(r *renames) map[string]*spec.PermissionGroup { return r.origGroup }),
	},
	KindWebhook: {
		noun: "webhook",
		self: func(a Address) string {
			return fmt.Sprintf("webhook %s (config %q, environment %q)", a.Name, a.Config, a.Environment)
		},
		identity: []string{"config", "environment", "url", "method"},
		object:   func(o *Object) any { return some(o.Webhook) },
		patterns: func(l *spec.Ignore) []string { return l.Webhooks },
		count:    func(p *spec.Product) int { return len(p.Webhooks) },
		upsert:   70, remove: 10,
		// identified by spec.WebhookKey; secure header values are never compared (see webhookCompare)
		list: &listOf[*spec.Webhook]{
			kind: KindWebhook, items: func(p *spec.Product) *[]*spec.Webhook { return &p.Webhooks },
			key: spec.WebhookKey, name: func(w *spec.Webhook) string { return w.URL },
			addr: func(product string, w *spec.Webhook) Address {
				return Address{Product: product, Config: w.Config, Environment: w.Environment, Name: webhookName(w)}
			},
			snap:    func(w *spec.Webhook) *Object { return &Object{Webhook: webhookSnap(w)} },
			compare: func(w *spec.Webhook) any { return webhookCompare(w) },
			secrets: webhookSecrets,
			fixed:   []string{"config", "environment", "url", "method"}, exactName: true,
		},
	},
	KindIntegration: {
		noun: "integration", self: func(a Address) string { return "integration " + a.Name },
		identity: []string{"type", "name"}, object: func(o *Object) any { return some(o.Integration) },
		patterns: func(l *spec.Ignore) []string { return l.Integrations },
		count:    func(p *spec.Product) int { return len(p.Integrations) },
		upsert:   75, remove: 15, // after the configs and environments it covers, deleted before them
		// identified by type and name; secret parameter values are never compared (see integrationCompare)
		list: &listOf[*spec.Integration]{
			kind: KindIntegration, items: func(p *spec.Product) *[]*spec.Integration { return &p.Integrations },
			key: spec.IntegrationKey, name: func(in *spec.Integration) string { return in.Name },
			addr: func(product string, in *spec.Integration) Address {
				return Address{Product: product, Name: integrationName(in)}
			},
			orig:    func(r *renames) map[string]*spec.Integration { return r.origIntegration },
			oldName: integrationName,
			snap:    func(in *spec.Integration) *Object { return &Object{Integration: integrationSnap(in)} },
			compare: func(in *spec.Integration) any { return integrationCompare(in) },
			secrets: integrationSecrets,
			fixed:   []string{"type"},
		},
	},
	KindFlag: {
		noun: "flag", self: func(a Address) string { return fmt.Sprintf("flag %q", a.Flag) },
		container: func(a Address) string { return fmt.Sprintf("in config %q of product %q", a.Config, a.Product) },
		object:    func(o *Object) any { return some(o.Flag) },
		patterns:  func(l *spec.Ignore) []string { return l.Flags },
		lookup: func(ix *index, p *spec.Product, a Address) any {
			if f := ix.flagAt(p, a); f != nil {
				return flagSnap(f)
			}
			return nil
		},
		count: func(p *spec.Product) int {
			n := 0
			for _, c := range p.Configs {
				n += len(c.Flags)
			}
			return n
		},
		upsert: 80, remove: 40,
	},
	KindVariation: {
		noun: "variation", self: func(a Address) string { return "variation " + a.Name },
		container: func(a Address) string {
			return fmt.Sprintf("of flag %q in config %q of product %q", a.Flag, a.Config, a.Product)
		},
		identity: []string{"value"}, object: func(o *Object) any { return some(o.Variation) },
		count: func(p *spec.Product) int {
			n := 0
			for _, c := range p.Configs {
				for _, f := range c.Flags {
					n += len(f.Variations)
				}
			}
			return n
		},
		upsert: 90, remove: 50,
	},
	KindValues: {
		noun: "values", self: func(a Address) string { return fmt.Sprintf("values in %q", a.Environment) },
		container: func(a Address) string { return fmt.Sprintf("of config %q in product %q", a.Config, a.Product) },
		lookup: func(ix *index, p *spec.Product, a Address) any {
			if f := ix.flagAt(p, a); f != nil {
				if v := valueIn(f.Values, a.Environment); v != nil {
					return v
				}
			}
			return nil
		},
		upsert: 100,
	},
}

// some returns p as an any that is nil when p is, so that a missing object reads as nil.
func some[T any](p *T) any {
	if p == nil {
		return nil
	}
	return p
}

// info returns the kind's row; a kind missing from the table is a bug in this package.
func (k Kind) info() *kindInfo {
	if ki := kinds[k]; ki != nil {
		return ki
	}
	panic("planner: unknown kind " + string(k))
}

// Of returns the object of kind k the snapshot holds (such as o.Tag for KindTag), or nil when it holds none.
func (o *Object) Of(k Kind) any {
	ki := kinds[k]
	if o == nil || ki == nil || ki.object == nil {
		return nil
	}
	return ki.object(o)
}

// IdentityFields lists the fields of an object of the kind that its address already shows, so that a listing
// of a created object need not repeat them.
func (k Kind) IdentityFields() []string {
	if ki := kinds[k]; ki != nil {
		return ki.identity
	}
	return nil
}

// rank is the change's place in the plan's order.
func rank(c *Change) int {
	ki := c.Kind.info()
	switch c.Step() {
	case Replace:
		return ki.upsert * 3
	case Create:
		return ki.upsert*3 + 1
	case Update:
		return ki.upsert*3 + 2
	}
	return 1000 + ki.remove
}
