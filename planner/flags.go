package planner

import (
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Flags, the hard part of a plan. Each desired flag of a config is matched with the remote flag of the same key
// (case-folded) or, when its key is new, with the remote flag it is renamedFrom. Then it is one of four:
//   - create: after the existing flags (parallel creates would land in any order), plain defaults in the call;
//   - replace: a type change, which ConfigCat cannot make: delete, then create (Change.Step says Replace);
//   - rename: create from the old flag (settingIdToInitFrom copies its values and tags), fix what still
//     differs, delete the old key;
//   - update: metadata, predefined variations and values, each only where it differs.
//
// Values never become changes of their own: configPlan collects them per environment and emit turns each
// (config, environment) into one KindValues change, one batch write, that depends on the fingerprints of the
// values it overwrites. Remote flags nobody claimed are deleted, prerequisites after the flags that use them.

// configPlan collects the value changes of one config, per environment, so that each (config, environment)
// gets one KindValues change: one batch write.
type configPlan struct {
	p      *pctx
	config string
	values map[string][]FlagValue   // by folded environment name
	deps   map[string][]Fingerprint // by folded environment name
}

// flagsOfConfig is what flags needs to know of a config's remote flags while it walks the desired ones.
type flagsOfConfig struct {
	cur      map[string]*spec.Flag // remote flags by folded key
	desired  map[string]bool       // folded keys of the desired flags
	consumed map[string]bool       // folded keys of remote flags a desired flag kept or was renamed from
	next     int                   // the order of the last flag, existing or created
}

func newFlagsOfConfig(cc, dc *spec.Config) *flagsOfConfig {
	fc := &flagsOfConfig{cur: make(map[string]*spec.Flag, len(cc.Flags)), desired: make(map[string]bool, len(dc.Flags)),
		consumed: make(map[string]bool, len(cc.Flags)), next: -1}
	for _, f := range cc.Flags {
		fc.cur[spec.Key(f.Key)] = f
		if f.Order != nil && *f.Order > fc.next {
			fc.next = *f.Order
		}
	}
	for _, d := range dc.Flags {
		fc.desired[spec.Key(d.Key)] = true
	}
	return fc
}

// renamedFrom is the remote flag d is renamed from: only when d's key is new, and the old key is neither
// desired itself nor taken by another rename.
func (fc *flagsOfConfig) renamedFrom(d *spec.Flag) *spec.Flag {
	old := spec.Key(d.RenamedFrom)
	if d.RenamedFrom == "" || fc.cur[spec.Key(d.Key)] != nil || fc.desired[old] || fc.consumed[old] {
		return nil
	}
	return fc.cur[old]
}

// flags plans the flags of a config present on the desired side; cc is the (translated) remote config, empty
// when the config is new.
func (b *builder) flags(p *pctx, cc, dc *spec.Config) {
	defer b.checkHints(p, len(b.changes))
	cp := &configPlan{p: p, config: dc.Name, values: map[string][]FlagValue{}, deps: map[string][]Fingerprint{}}
	fc := newFlagsOfConfig(cc, dc)
	for _, d := range dc.Flags {
		a := Address{Product: p.name, Config: dc.Name, Flag: d.Key}
		c := fc.cur[spec.Key(d.Key)]
		if c != nil {
			fc.consumed[spec.Key(d.Key)] = true
		}
		switch old := fc.renamedFrom(d); {
		case old != nil:
			fc.consumed[spec.Key(old.Key)] = true
			b.renameFlag(cp, a, old, d)
		case c == nil:
			b.createFlag(cp, fc, a, d)
		case c.Type != d.Type:
			b.replaceFlag(cp, a, c, d)
		default:
			b.updateFlag(cp, a, c, d)
		}
	}
	var deleted []*spec.Flag
	for _, c := range cc.Flags {
		if !fc.consumed[spec.Key(c.Key)] {
			deleted = append(deleted, c)
		}
	}
	b.deleteFlags(p, dc.Name, deleted, len(cc.Flags))
	cp.emit(b)
}

// createFlag creates a flag that is new in the config, after the existing ones unless it has an order.
func (b *builder) createFlag(cp *configPlan, fc *flagsOfConfig, a Address, d *spec.Flag) {
	after := flagSnapWithValues(d)
	if after.Order == nil {
		// created in parallel, new flags would land in any order: place them after the existing ones, in the
		// order of their keys
		fc.next++
		order := fc.next
		after.Order = &order
	}
	b.add(Change{Op: Create, Kind: KindFlag, Address: a, Type: d.Type, After: &Object{Flag: after},
		Depends: []Fingerprint{cp.p.dep(KindFlag, a)}})
	cp.collectCreated(d)
}

// replaceFlag deletes and creates again a flag whose type changes, which ConfigCat cannot update.
func (b *builder) replaceFlag(cp *configPlan, a Address, c, d *spec.Flag) {
	dep := cp.p.dep(KindFlag, a)
	b.add(Change{Op: Delete, Kind: KindFlag, Address: a, Reason: ReasonTypeChanged, Type: c.Type,
		Before: &Object{Flag: flagSnap(c)}, Depends: []Fingerprint{dep}})
	b.add(Change{Op: Create, Kind: KindFlag, Address: a, Reason: ReasonTypeChanged, Type: d.Type,
		After: &Object{Flag: flagSnapWithValues(d)}, Depends: []Fingerprint{dep}})
	cp.collectCreated(d)
}

// updateFlag updates what differs of a flag kept under its key: its fields, its variations and its values.
func (b *builder) updateFlag(cp *configPlan, a Address, c, d *spec.Flag) {
	if !sameFlagMeta(c, d) {
		before, after := flagSnap(c), flagSnap(d)
		if after.Order == nil {
			after.Order = before.Order // unmanaged: kept as it is, and ConfigCat's replace must resend it
		}
		if fields := diffFields(before, after, "key", "type", "variations"); len(fields) > 0 {
			b.add(Change{Op: Update, Kind: KindFlag, Address: a, Type: d.Type, Fields: fields,
				Before: &Object{Flag: before}, After: &Object{Flag: after}, Depends: []Fingerprint{cp.p.dep(KindFlag, a)}})
		}
	}
	if !sameVariations(c.Variations, d.Variations) {
		b.variations(cp.p, a, c, d)
	}
	cp.collectChanged(d, c.Values, c.Key)
}

// deleteFlags deletes the remote flags of a config that no desired flag kept, prerequisites after the flags
// that refer to them; deleting all existing ones of the config is a violation of its own.
func (b *builder) deleteFlags(p *pctx, config string, deleted []*spec.Flag, existing int) {
	if n := len(deleted); n > 0 && n == existing {
		b.whole = append(b.whole, Violation{Kind: KindFlag, Deleted: n, Existing: n, All: true,
			Scope: &Address{Product: p.name, Config: config}})
	}
	levels := deleteLevels(deleted)
	for i, c := range deleted {
		a := Address{Product: p.name, Config: config, Flag: c.Key}
		b.add(Change{Op: Delete, Kind: KindFlag, Address: a, Type: c.Type, Before: &Object{Flag: flagSnap(c)},
			Depends: []Fingerprint{p.dep(KindFlag, a)}, Level: levels[i]})
	}
}

// renameFlag creates the new key from the old flag (which copies its values and tags), sets whatever tags and
// values still differ, and deletes the old key. When the type changes too, the old values cannot be copied: the
// new key is created afresh.
func (b *builder) renameFlag(cp *configPlan, a Address, old, d *spec.Flag) {
	p := cp.p
	oldAddr := Address{Product: a.Product, Config: a.Config, Flag: old.Key}
	create := Change{Op: Create, Kind: KindFlag, Address: a, Type: d.Type,
		After: &Object{Flag: flagSnapWithValues(d)}, Depends: []Fingerprint{p.dep(KindFlag, a), p.dep(KindFlag, oldAddr)}}
	if old.Type == d.Type {
		create.InitFrom = old.Key
	}
	b.add(create)
	if old.Type == d.Type && !equal(old.Tags, d.Tags) {
		before := flagSnap(d)
		before.Tags = old.Tags
		after := flagSnap(d)
		b.add(Change{Op: Update, Kind: KindFlag, Address: a, Type: d.Type, Fields: diffFields(before, after, "key", "type", "variations"),
			Before: &Object{Flag: before}, After: &Object{Flag: after}, Depends: []Fingerprint{p.dep(KindFlag, oldAddr)}})
	}
	if old.Type == d.Type {
		cp.collectChanged(d, old.Values, old.Key)
	} else {
		cp.collectCreated(d)
	}
	b.add(Change{Op: Delete, Kind: KindFlag, Address: oldAddr, Type: old.Type, Reason: ReasonRenamed, RenamedTo: d.Key,
		Before: &Object{Flag: flagSnap(old)}, Depends: []Fingerprint{p.dep(KindFlag, oldAddr)}})
}

// collectCreated adds the values of a flag this plan creates. The create call sets plain defaults, so only the
// values that need more than a default are written.
func (cp *configPlan) collectCreated(d *spec.Flag) {
	for _, e := range cp.p.des.Environments {
		if dv := valueIn(d.Values, e.Name); dv != nil && needsMore(dv) {
			cp.add(e.Name, d, nil, dv, d.Key)
		}
	}
}

// collectChanged adds the values of d that differ from base, the values the remote flag baseKey has (d's own
// key, or the key it is renamed from and starts from), by environment.
func (cp *configPlan) collectChanged(d *spec.Flag, base map[string]*spec.EnvValue, baseKey string) {
	for _, e := range cp.p.des.Environments {
		dv := valueIn(d.Values, e.Name)
		if dv == nil {
			continue
		}
		bv := valueIn(base, e.Name)
		if bv != nil && equalEnvValue(bv, dv) {
			continue
		}
		cp.add(e.Name, d, bv, dv, baseKey)
	}
}

// add records one value write of d in an environment, depending on the remote value of the flag depKey there.
func (cp *configPlan) add(envName string, d *spec.Flag, before, after *spec.EnvValue, depKey string) {
	env := spec.Key(envName)
	cp.values[env] = append(cp.values[env], FlagValue{Key: d.Key, Type: d.Type, Before: before, After: after})
	cp.deps[env] = append(cp.deps[env], cp.p.dep(KindValues,
		Address{Product: cp.p.name, Config: cp.config, Environment: envName, Flag: depKey}))
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
