package planner

import (
	"maps"
	"slices"

	"github.com/flagsync/flagsync/spec"
)

// checkReferences reports deletes that objects the plan keeps still depend on: a segment or a prerequisite flag
// deleted while a flag left alone (ignored, or kept by prune: false) still refers to it. ConfigCat refuses such
// deletes, so the plan says so instead of failing halfway through apply. changes are the product's changes.
func (b *builder) checkReferences(p *pctx, changes []Change) {
	segs := map[string]bool{}
	flags := map[AddressKey]bool{} // by flagIn
	retyped := map[AddressKey]bool{}
	for _, c := range changes {
		if c.Op == Delete && c.Reason == ReasonTypeChanged {
			retyped[flagIn(c.Address.Config, c.Address.Flag)] = true
		}
		if c.Op != Delete || c.Reason != "" {
			continue
		}
		switch c.Kind {
		case KindSegment:
			segs[spec.Key(c.Address.Name)] = true
		case KindFlag:
			flags[flagIn(c.Address.Config, c.Address.Flag)] = true
		}
	}
	if len(retyped) > 0 {
		b.checkRetyped(p, retyped)
	}
	if len(segs) == 0 && len(flags) == 0 {
		return
	}
	reported := map[[2]AddressKey]bool{} // the object used, and the flag that uses it
	for _, cfg := range p.des.Configs {
		for _, f := range cfg.Flags {
			for _, ev := range f.Values {
				if ev == nil {
					continue
				}
				for _, r := range ev.Rules {
					for _, c := range r.If {
						a := Address{Product: p.name, Config: cfg.Name, Flag: f.Key}
						switch {
						case c.Segment != "" && segs[spec.Key(c.Segment)]:
							id := [2]AddressKey{Address{Name: c.Segment}.Key(), a.Key()}
							if !reported[id] {
								reported[id] = true
								b.problem(KindSegment, Address{Product: p.name, Name: c.Segment}, usePos(c, f),
									"segment %q in product %q would be deleted, but flag %q in config %q still uses it; declare the segment or stop using it",
									c.Segment, p.name, f.Key, cfg.Name)
							}
						case c.Flag != "" && flags[flagIn(cfg.Name, c.Flag)]:
							id := [2]AddressKey{flagIn(cfg.Name, c.Flag), a.Key()}
							if !reported[id] {
								reported[id] = true
								b.problem(KindFlag, Address{Product: p.name, Config: cfg.Name, Flag: c.Flag}, usePos(c, f),
									"flag %q in config %q of product %q would be deleted, but flag %q still uses it as a prerequisite; declare the flag or stop using it",
									c.Flag, cfg.Name, p.name, f.Key)
							}
						}
					}
				}
			}
		}
	}
}

// flagIn is the key of a flag by its config and key, within one product.
func flagIn(config, key string) AddressKey { return Address{Config: config, Flag: key}.Key() }

// checkRetyped reports flags whose type changes while other flags use them as prerequisites remotely: the
// delete that a type change needs would be refused, and the new flag would not inherit the references.
func (b *builder) checkRetyped(p *pctx, retyped map[AddressKey]bool) {
	for _, cfg := range p.cur.Configs {
		for _, f := range cfg.Flags {
			keys := map[string]string{}
			for _, ev := range f.Values {
				if ev == nil {
					continue
				}
				for _, r := range ev.Rules {
					for _, c := range r.If {
						if c.Flag != "" && retyped[flagIn(cfg.Name, c.Flag)] {
							keys[spec.Key(c.Flag)] = c.Flag
						}
					}
				}
			}
			for _, key := range slices.Sorted(maps.Values(keys)) {
				b.problem(KindFlag, Address{Product: p.name, Config: cfg.Name, Flag: key}, desiredFlagPos(p.des, cfg.Name, key),
					"flag %q in config %q of product %q cannot change type while flag %q uses it as a prerequisite; "+
						"remove that prerequisite and apply first, or give the new flag another key", key, cfg.Name, p.name, f.Key)
			}
		}
	}
}

// usePos is where a condition that uses something is declared, or its flag when the condition has no position.
func usePos(c *spec.Condition, f *spec.Flag) spec.Pos {
	if !c.Pos.IsZero() {
		return c.Pos
	}
	return f.Pos
}

// desiredFlagPos is where the files declare a flag, else its config, else its product.
func desiredFlagPos(des *spec.Product, config, key string) spec.Pos {
	cfg := des.Config(config)
	if cfg == nil {
		return des.Pos
	}
	if f := cfg.Flag(key); f != nil && !f.Pos.IsZero() {
		return f.Pos
	}
	if !cfg.Pos.IsZero() {
		return cfg.Pos
	}
	return des.Pos
}
