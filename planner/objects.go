package planner

import (
	"github.com/flagsync/flagsync/spec"
)

// namedKind describes how to plan one kind of named product-level object.
type namedKind[T any] struct {
	kind Kind
	name func(T) string
	addr func(product, name string) Address
	snap func(T) *Object
	orig map[string]T // remote objects renamed in place, by folded new name
}

// diffNamed plans creates, updates (renames included) and deletes of one kind of named object.
func diffNamed[T comparable](b *builder, p *pctx, k namedKind[T], cur, des []T) {
	var zero T
	byName := make(map[string]T, len(cur))
	for _, c := range cur {
		byName[spec.Key(k.name(c))] = c
	}
	declared := make(map[string]bool, len(des))
	for _, d := range des {
		key := spec.Key(k.name(d))
		declared[key] = true
		a := k.addr(p.name, k.name(d))
		c := byName[key]
		if c == zero {
			b.add(Change{Op: Create, Kind: k.kind, Address: a, After: k.snap(d), Depends: []Fingerprint{p.dep(k.kind, a)}})
			continue
		}
		before := c
		renamedFrom := ""
		if o, ok := k.orig[key]; ok {
			before = o
			renamedFrom = k.name(o)
		}
		bs, as := k.snap(before), k.snap(d)
		fields := diffFields(objectOf(k.kind, bs), objectOf(k.kind, as))
		if len(fields) == 0 {
			continue
		}
		b.add(Change{Op: Update, Kind: k.kind, Address: a, RenamedFrom: renamedFrom, Fields: fields,
			Before: bs, After: as, Depends: []Fingerprint{p.dep(k.kind, a)}})
	}
	for _, c := range cur {
		if declared[spec.Key(k.name(c))] {
			continue
		}
		a := k.addr(p.name, k.name(c))
		b.add(Change{Op: Delete, Kind: k.kind, Address: a, Before: k.snap(c), Depends: []Fingerprint{p.dep(k.kind, a)}})
	}
}

// objectOf returns the pointer to the struct an Object holds for a kind of diffNamed, for diffFields.
func objectOf(kind Kind, o *Object) any {
	switch kind {
	case KindEnvironment:
		return o.Environment
	case KindTag:
		return o.Tag
	case KindSegment:
		return o.Segment
	case KindPermissionGroup:
		return o.PermissionGroup
	}
	panic("planner: no named snapshot for kind " + string(kind))
}

func productNamed(product, name string) Address { return Address{Product: product, Name: name} }

func (b *builder) environments(p *pctx) {
	diffNamed(b, p, namedKind[*spec.Environment]{
		kind: KindEnvironment, name: func(e *spec.Environment) string { return e.Name },
		addr: func(product, name string) Address { return Address{Product: product, Environment: name} },
		snap: func(e *spec.Environment) *Object { return &Object{Environment: envSnap(e)} },
		orig: p.r.origEnv,
	}, p.cur.Environments, p.des.Environments)
}

func (b *builder) tags(p *pctx) {
	diffNamed(b, p, namedKind[*spec.Tag]{
		kind: KindTag, name: func(t *spec.Tag) string { return t.Name }, addr: productNamed,
		snap: func(t *spec.Tag) *Object { return &Object{Tag: tagSnap(t)} }, orig: p.r.origTag,
	}, p.cur.Tags, p.des.Tags)
}

func (b *builder) segments(p *pctx) {
	diffNamed(b, p, namedKind[*spec.Segment]{
		kind: KindSegment, name: func(s *spec.Segment) string { return s.Name }, addr: productNamed,
		snap: func(s *spec.Segment) *Object { return &Object{Segment: segSnap(s)} }, orig: p.r.origSegment,
	}, p.cur.Segments, p.des.Segments)
}

func (b *builder) groups(p *pctx) {
	diffNamed(b, p, namedKind[*spec.PermissionGroup]{
		kind: KindPermissionGroup, name: func(g *spec.PermissionGroup) string { return g.Name },
		addr: productNamed,
		snap: func(g *spec.PermissionGroup) *Object { return &Object{PermissionGroup: groupSnap(g)} },
		orig: p.r.origGroup,
	}, p.cur.PermissionGroups, p.des.PermissionGroups)
}

// webhooks are identified by spec.WebhookKey; secure header values are never compared (see webhookCompare).
func (b *builder) webhooks(p *pctx) {
	byKey := make(map[string]*spec.Webhook, len(p.cur.Webhooks))
	for _, w := range p.cur.Webhooks {
		byKey[spec.WebhookKey(w)] = w
	}
	addr := func(w *spec.Webhook) Address {
		return Address{Product: p.name, Config: w.Config, Environment: w.Environment, Name: webhookName(w)}
	}
	declared := map[string]bool{}
	for _, d := range p.des.Webhooks {
		key := spec.WebhookKey(d)
		declared[key] = true
		a := addr(d)
		c := byKey[key]
		if c == nil {
			b.add(Change{Op: Create, Kind: KindWebhook, Address: a, After: &Object{Webhook: webhookSnap(d)},
				Depends: []Fingerprint{p.dep(KindWebhook, a)}})
			continue
		}
		fields := diffFields(webhookCompare(c), webhookCompare(d), "config", "environment", "url", "method")
		if len(fields) == 0 {
			continue
		}
		b.add(Change{Op: Update, Kind: KindWebhook, Address: a, Fields: fields,
			Before: &Object{Webhook: webhookSnap(c)}, After: &Object{Webhook: webhookSnap(d)},
			Depends: []Fingerprint{p.dep(KindWebhook, a)}})
	}
	for _, c := range p.cur.Webhooks {
		if declared[spec.WebhookKey(c)] {
			continue
		}
		a := addr(c)
		b.add(Change{Op: Delete, Kind: KindWebhook, Address: a, Before: &Object{Webhook: webhookSnap(c)},
			Depends: []Fingerprint{p.dep(KindWebhook, a)}})
	}
}

// preferences are planned only when the files declare them; a product without remote preferences has
// ConfigCat's defaults.
func (b *builder) preferences(p *pctx) {
	des := p.des.Preferences
	if des == nil {
		return
	}
	cur := p.cur.Preferences
	if cur == nil {
		cur = defaultPreferences()
	}
	fields := diffFields(cur, des)
	if len(fields) == 0 {
		return
	}
	a := Address{Product: p.name}
	bc, dc := *cur, *des
	b.add(Change{Op: Update, Kind: KindPreferences, Address: a, Fields: fields,
		Before: &Object{Preferences: &bc}, After: &Object{Preferences: &dc}, Depends: []Fingerprint{p.dep(KindPreferences, a)}})
}

// configs plans configs and, inside each, flags and values.
func (b *builder) configs(p *pctx) {
	byName := make(map[string]*spec.Config, len(p.cur.Configs))
	for _, c := range p.cur.Configs {
		byName[spec.Key(c.Name)] = c
	}
	declared := map[string]bool{}
	for _, d := range p.des.Configs {
		key := spec.Key(d.Name)
		declared[key] = true
		a := Address{Product: p.name, Config: d.Name}
		c := byName[key]
		if c == nil {
			b.add(Change{Op: Create, Kind: KindConfig, Address: a, After: &Object{Config: configSnap(d)},
				Depends: []Fingerprint{p.dep(KindConfig, a)}})
			b.flags(p, &spec.Config{Name: d.Name}, d)
			continue
		}
		before := c
		renamedFrom := ""
		if o, ok := p.r.origConfig[key]; ok {
			before, renamedFrom = o, o.Name
		}
		if before.EvaluationVersion != d.EvaluationVersion {
			b.problem(KindConfig, a, d.Pos, "config %q in product %q: evaluationVersion cannot change from %s to %s; "+
				"create the config under another name and delete this one", c.Name, p.name,
				before.EvaluationVersion, d.EvaluationVersion)
		}
		bs, as := configSnap(before), configSnap(d)
		if fields := diffFields(bs, as, "evaluationVersion"); len(fields) > 0 {
			b.add(Change{Op: Update, Kind: KindConfig, Address: a, RenamedFrom: renamedFrom, Fields: fields,
				Before: &Object{Config: bs}, After: &Object{Config: as},
				Depends: []Fingerprint{p.dep(KindConfig, a)}})
		}
		b.flags(p, c, d)
	}
	for _, c := range p.cur.Configs {
		if declared[spec.Key(c.Name)] {
			continue
		}
		a := Address{Product: p.name, Config: c.Name}
		b.add(Change{Op: Delete, Kind: KindConfig, Address: a, Before: &Object{Config: configSnap(c)},
			Depends: []Fingerprint{p.dep(KindConfig, a)}})
	}
}
