package planner

import (
	"github.com/flagsync/flagsync/spec"
)

// listKind plans one kind of object held in a product's list.
type listKind interface {
	// leaveAlone merges into out (a shallow copy of des) the current objects the files leave alone.
	leaveAlone(cur, des, out *spec.Product, ig ignorer, prune bool)
	// diff plans creates, updates (renames included) and deletes.
	diff(b *builder, p *pctx)
	// lookup returns what is compared and fingerprinted of the object at a in p, or nil.
	lookup(p *spec.Product, a Address) any
}

// listOf is a listKind for objects of type T.
type listOf[T comparable] struct {
	kind  Kind
	items func(*spec.Product) *[]T
	// key is the object's identity, as compared between the two sides.
	key func(T) string
	// name is what ignore patterns match.
	name func(T) string
	addr func(product string, t T) Address
	snap func(T) *Object
	// compare is what is compared of an object; nil means the object its snapshot holds.
	compare func(T) any
	// exactName says that Address.Name is part of the identity as it is spelt (a webhook's URL).
	exactName bool
	// fixed are identity fields, never reported as changed.
	fixed []string
	// orig returns the remote objects renamed in place, by key; nil when the kind has no renames.
	orig func(*renames) map[string]T
	// oldName is what a rename's Change.RenamedFrom says of the remote object, as the executor finds its id;
	// nil means name.
	oldName func(T) string
	// secrets lists the environment variables of the object's write-only secrets; nil when the kind has none.
	secrets func(T) []string
}

// named is the listOf of objects identified by their name.
func named[T comparable](kind Kind, items func(*spec.Product) *[]T, name func(T) string,
	addr func(product, name string) Address, snap func(T) *Object, orig func(*renames) map[string]T) *listOf[T] {
	return &listOf[T]{kind: kind, items: items, name: name, snap: snap, orig: orig,
		key:  func(t T) string { return spec.Key(name(t)) },
		addr: func(product string, t T) Address { return addr(product, name(t)) }}
}

// renamedFrom is what a rename's Change.RenamedFrom says of the remote object o.
func (l *listOf[T]) renamedFrom(o T) string {
	if l.oldName != nil {
		return l.oldName(o)
	}
	return l.name(o)
}

// compared is what is compared and fingerprinted of t.
func (l *listOf[T]) compared(t T) any {
	if l.compare != nil {
		return l.compare(t)
	}
	return l.snap(t).Of(l.kind)
}

// resend says whether t, unchanged in everything the API returns, is updated anyway to send its secrets again
// (Options.ResendSecrets); an object with secrets that is not is counted in Plan.UncomparedSecrets.
func (l *listOf[T]) resend(b *builder, t T) bool {
	if l.secrets == nil || len(l.secrets(t)) == 0 {
		return false
	}
	if !b.resendSecrets {
		b.uncomparedSecrets++
	}
	return b.resendSecrets
}

func productNamed(product, name string) Address { return Address{Product: product, Name: name} }

func (l *listOf[T]) leaveAlone(cur, des, out *spec.Product, ig ignorer, prune bool) {
	*l.items(out), _ = keep(*l.items(cur), *l.items(des), l.key,
		func(t T) bool { return ig.match(l.kind, l.name(t)) }, prune, nil)
}

func (l *listOf[T]) lookup(p *spec.Product, a Address) any {
	want := a.Key()
	for _, t := range *l.items(p) {
		if at := l.addr(p.Name, t); at.Key() == want && (!l.exactName || at.Name == a.Name) {
			return l.compared(t)
		}
	}
	return nil
}

func (l *listOf[T]) diff(b *builder, p *pctx) {
	cur, des := *l.items(p.cur), *l.items(p.des)
	var orig map[string]T
	if l.orig != nil {
		orig = l.orig(p.r)
	}
	byKey := make(map[string]T, len(cur))
	for _, c := range cur {
		byKey[l.key(c)] = c
	}
	declared := make(map[string]bool, len(des))
	for _, d := range des {
		key := l.key(d)
		declared[key] = true
		a := l.addr(p.name, d)
		c, found := byKey[key]
		if !found {
			b.add(Change{Op: Create, Kind: l.kind, Address: a, After: l.snap(d), Depends: []Fingerprint{p.dep(l.kind, a)}})
			continue
		}
		before, renamedFrom := c, ""
		if o, ok := orig[key]; ok {
			before, renamedFrom = o, l.renamedFrom(o)
		}
		fields := diffFields(l.compared(before), l.compared(d), l.fixed...)
		var reason Reason
		if len(fields) == 0 {
			if !l.resend(b, d) {
				continue
			}
			reason = ReasonResendSecrets
		}
		b.add(Change{Op: Update, Kind: l.kind, Address: a, RenamedFrom: renamedFrom, Reason: reason, Fields: fields,
			Before: l.snap(before), After: l.snap(d), Depends: []Fingerprint{p.dep(l.kind, a)}})
	}
	for _, c := range cur {
		if declared[l.key(c)] {
			continue
		}
		a := l.addr(p.name, c)
		b.add(Change{Op: Delete, Kind: l.kind, Address: a, Before: l.snap(c), Depends: []Fingerprint{p.dep(l.kind, a)}})
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
