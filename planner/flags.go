package planner

import (
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// configPlan collects the value changes of one config, per environment, so that each (config, environment)
// gets one KindValues change: one batch write.
type configPlan struct {
	p      *pctx
	config string
	values map[string][]FlagValue   // by folded environment name
	deps   map[string][]Fingerprint // by folded environment name
}

// flags plans the flags of a config present on the desired side; cc is the (translated) remote config, empty
// when the config is new.
func (b *builder) flags(p *pctx, cc, dc *spec.Config) {
	defer b.checkHints(p, len(b.changes))
	cp := &configPlan{p: p, config: dc.Name, values: map[string][]FlagValue{}, deps: map[string][]Fingerprint{}}
	cur := make(map[string]*spec.Flag, len(cc.Flags))
	for _, f := range cc.Flags {
		cur[spec.Key(f.Key)] = f
	}
	desired := make(map[string]bool, len(dc.Flags))
	for _, d := range dc.Flags {
		desired[spec.Key(d.Key)] = true
	}
	consumed := make(map[string]bool, len(cc.Flags))
	next := -1 // the order of the last flag, existing or created
	for _, f := range cc.Flags {
		if f.Order != nil && *f.Order > next {
			next = *f.Order
		}
	}
	var deleted []*spec.Flag
	for _, d := range dc.Flags {
		key := spec.Key(d.Key)
		a := Address{Product: p.name, Config: dc.Name, Flag: d.Key}
		c := cur[key]
		if c != nil {
			consumed[key] = true
		}
		var old *spec.Flag
		if c == nil && d.RenamedFrom != "" && !desired[spec.Key(d.RenamedFrom)] && !consumed[spec.Key(d.RenamedFrom)] {
			old = cur[spec.Key(d.RenamedFrom)]
		}
		switch {
		case old != nil:
			consumed[spec.Key(old.Key)] = true
			b.renameFlag(cp, a, old, d)
		case c == nil:
			after := flagSnap(d, true)
			if after.Order == nil {
				// created in parallel, new flags would land in any order: place them after the existing ones, in
				// the order of their keys
				next++
				order := next
				after.Order = &order
			}
			b.add(Change{Op: Create, Kind: KindFlag, Address: a, Type: d.Type, After: &Object{Flag: after},
				Depends: []Fingerprint{p.dep(KindFlag, a)}})
			cp.collect(d, nil, "", true)
		case c.Type != d.Type:
			dep := p.dep(KindFlag, a)
			b.add(Change{Op: Delete, Kind: KindFlag, Address: a, Reason: ReasonTypeChanged, Type: c.Type,
				Before: &Object{Flag: flagSnap(c, false)}, Depends: []Fingerprint{dep}})
			b.add(Change{Op: Create, Kind: KindFlag, Address: a, Reason: ReasonTypeChanged, Type: d.Type,
				After: &Object{Flag: flagSnap(d, true)}, Depends: []Fingerprint{dep}})
			cp.collect(d, nil, "", true)
		default:
			if !sameFlagMeta(c, d) {
				before, after := flagSnap(c, false), flagSnap(d, false)
				if after.Order == nil {
					after.Order = before.Order // unmanaged: kept as it is, and ConfigCat's replace must resend it
				}
				if fields := diffFields(before, after, "key", "type", "variations"); len(fields) > 0 {
					b.add(Change{Op: Update, Kind: KindFlag, Address: a, Type: d.Type, Fields: fields,
						Before: &Object{Flag: before}, After: &Object{Flag: after}, Depends: []Fingerprint{p.dep(KindFlag, a)}})
				}
			}
			if !sameVariations(c.Variations, d.Variations) {
				b.variations(p, a, c, d)
			}
			cp.collect(d, c.Values, c.Key, false)
		}
	}
	for _, c := range cc.Flags {
		if !consumed[spec.Key(c.Key)] {
			deleted = append(deleted, c)
		}
	}
	if n := len(deleted); n > 0 && n == len(cc.Flags) {
		b.whole = append(b.whole, Violation{Kind: KindFlag, Deleted: n, Existing: n, All: true,
			Scope: &Address{Product: p.name, Config: dc.Name}})
	}
	levels := deleteLevels(deleted)
	for i, c := range deleted {
		a := Address{Product: p.name, Config: dc.Name, Flag: c.Key}
		b.add(Change{Op: Delete, Kind: KindFlag, Address: a, Type: c.Type, Before: &Object{Flag: flagSnap(c, false)},
			Depends: []Fingerprint{p.dep(KindFlag, a)}, Level: levels[i]})
	}
	cp.emit(b)
}

// renameFlag creates the new key from the old flag (which copies its values and tags), sets whatever tags and
// values still differ, and deletes the old key. When the type changes too, the old values cannot be copied: the
// new key is created afresh.
func (b *builder) renameFlag(cp *configPlan, a Address, old, d *spec.Flag) {
	p := cp.p
	oldAddr := Address{Product: a.Product, Config: a.Config, Flag: old.Key}
	create := Change{Op: Create, Kind: KindFlag, Address: a, Type: d.Type,
		After: &Object{Flag: flagSnap(d, true)}, Depends: []Fingerprint{p.dep(KindFlag, a), p.dep(KindFlag, oldAddr)}}
	if old.Type == d.Type {
		create.InitFrom = old.Key
	}
	b.add(create)
	if old.Type == d.Type && !equal(old.Tags, d.Tags) {
		before := flagSnap(d, false)
		before.Tags = old.Tags
		after := flagSnap(d, false)
		b.add(Change{Op: Update, Kind: KindFlag, Address: a, Type: d.Type, Fields: diffFields(before, after, "key", "type", "variations"),
			Before: &Object{Flag: before}, After: &Object{Flag: after}, Depends: []Fingerprint{p.dep(KindFlag, oldAddr)}})
	}
	if old.Type == d.Type {
		cp.collect(d, old.Values, old.Key, false)
	} else {
		cp.collect(d, nil, "", true)
	}
	b.add(Change{Op: Delete, Kind: KindFlag, Address: oldAddr, Type: old.Type, Reason: ReasonRenamed, RenamedTo: d.Key,
		Before: &Object{Flag: flagSnap(old, false)}, Depends: []Fingerprint{p.dep(KindFlag, oldAddr)}})
}

// collect adds the flag's values that change. base holds the values the flag has (or starts from) remotely,
// keyed by environment; baseKey is the remote flag whose values they are. A created flag (created true) gets
// plain defaults from its create call, so only its values that need more than a default are written.
func (cp *configPlan) collect(d *spec.Flag, base map[string]*spec.EnvValue, baseKey string, created bool) {
	for _, e := range cp.p.des.Environments {
		dv := valueIn(d.Values, e.Name)
		if dv == nil {
			continue
		}
		var bv *spec.EnvValue
		if !created {
			bv = valueIn(base, e.Name)
		}
		switch {
		case created && !needsMore(dv):
			continue
		case bv != nil && equalEnvValue(bv, dv):
			continue
		}
		env := spec.Key(e.Name)
		cp.values[env] = append(cp.values[env], FlagValue{Key: d.Key, Type: d.Type, Before: bv, After: dv})
		depKey := d.Key
		if baseKey != "" {
			depKey = baseKey
		}
		cp.deps[env] = append(cp.deps[env], cp.p.dep(KindValues,
			Address{Product: cp.p.name, Config: cp.config, Environment: e.Name, Flag: depKey}))
	}
}

// needsMore reports whether a value needs more than a plain default, which a flag create cannot set.
func needsMore(v *spec.EnvValue) bool {
	return len(v.Rules) > 0 || len(v.Percentages) > 0 || v.PercentageAttribute != ""
}

func (cp *configPlan) emit(b *builder) {
	for _, e := range cp.p.des.Environments {
		env := spec.Key(e.Name)
		if len(cp.values[env]) == 0 {
			continue
		}
		b.add(Change{Op: Update, Kind: KindValues,
			Address: Address{Product: cp.p.name, Config: cp.config, Environment: e.Name},
			Values:  cp.values[env], Depends: cp.deps[env]})
	}
}

// deleteLevels orders the deletion of flags that are prerequisites of other deleted flags after them: a flag's
// level is 0 when no deleted flag refers to it, else one more than the highest level of those that do.
func deleteLevels(flags []*spec.Flag) []int {
	levels := make([]int, len(flags))
	if len(flags) < 2 {
		return levels
	}
	idx := make(map[string]int, len(flags))
	for i, f := range flags {
		idx[spec.Key(f.Key)] = i
	}
	refs := make([][]int, len(flags)) // refs[i]: deleted flags that flag i refers to
	for i, f := range flags {
		for _, ev := range f.Values {
			if ev == nil {
				continue
			}
			for _, r := range ev.Rules {
				for _, c := range r.If {
					if j, ok := idx[spec.Key(c.Flag)]; ok && c.Flag != "" && j != i {
						refs[i] = append(refs[i], j)
					}
				}
			}
		}
	}
	// relax at most len(flags) times, which also stops on a cycle
	for range flags {
		changed := false
		for i := range flags {
			for _, j := range refs[i] {
				if levels[j] < levels[i]+1 && levels[i]+1 <= len(flags) {
					levels[j] = levels[i] + 1
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	return levels
}

// variations plans the predefined variations of a flag that exists on both sides with the same type.
// Variations are identified by value. Creates and updates come before the values that may use them, deletes
// after the values that stop using them.
func (b *builder) variations(p *pctx, a Address, c, d *spec.Flag) {
	vkey := func(v *spec.Variation) string { return string(v.Value.Type()) + "\x00" + v.Value.Text() }
	curBy := make(map[string]*spec.Variation, len(c.Variations))
	for _, v := range c.Variations {
		curBy[vkey(v)] = v
	}
	desBy := make(map[string]bool, len(d.Variations))
	for _, v := range d.Variations {
		desBy[vkey(v)] = true
	}
	intermediate := append([]*spec.Variation(nil), d.Variations...)
	for _, v := range c.Variations {
		if !desBy[vkey(v)] {
			intermediate = append(intermediate, v)
		}
	}
	dep := p.dep(KindFlag, a)
	va := func(v *spec.Variation) Address { x := a; x.Name = v.Value.String(); return x }
	for _, v := range d.Variations {
		cv := curBy[vkey(v)]
		if cv == nil {
			b.add(Change{Op: Create, Kind: KindVariation, Address: va(v), Type: d.Type,
				After: &Object{Variation: v, Variations: intermediate}, Depends: []Fingerprint{dep}})
			continue
		}
		if fields := diffFields(cv, v, "value"); len(fields) > 0 {
			b.add(Change{Op: Update, Kind: KindVariation, Address: va(v), Type: d.Type, Fields: fields,
				Before: &Object{Variation: cv}, After: &Object{Variation: v, Variations: intermediate},
				Depends: []Fingerprint{dep}})
		}
	}
	for _, v := range c.Variations {
		if !desBy[vkey(v)] {
			b.add(Change{Op: Delete, Kind: KindVariation, Address: va(v), Type: d.Type,
				Before: &Object{Variation: v}, After: &Object{Variations: d.Variations}, Depends: []Fingerprint{dep}})
		}
	}
}

// checkHints makes a problem of every flag created or updated from the changes at start on without a hint, when
// the product requires hints (as the files declare, or as ConfigCat has it when the files leave the preferences
// alone): ConfigCat would refuse those writes half way through the apply. A flag with several such changes (a
// rename's create and tag update) is reported once.
func (b *builder) checkHints(p *pctx, start int) {
	if pr := p.des.Preferences; pr == nil || !pr.MandatorySettingHint {
		return
	}
	reported := map[string]bool{}
	for _, c := range b.changes[start:] {
		if c.Kind != KindFlag || c.Op == Delete || c.After == nil || c.After.Flag == nil ||
			strings.TrimSpace(c.After.Flag.Hint) != "" || reported[spec.Key(c.Address.Flag)] {
			continue
		}
		reported[spec.Key(c.Address.Flag)] = true
		b.problem(KindFlag, c.Address, c.After.Flag.Pos, "flag %q has no hint, and product %q requires one (mandatorySettingHint is on in ConfigCat); add hint:, or declare the product's preferences", c.Address.Flag, p.name)
	}
}
