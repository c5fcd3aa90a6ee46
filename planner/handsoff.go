package planner

import (
	"fmt"
	"path"
	"sort"

	"github.com/flagsync/flagsync/spec"
)

// Hands-off by copying. Remote objects the files leave alone (they match an Ignore pattern, or the product is
// not pruned and the files do not declare them) are copied into the desired side before the diff, so that the
// differ sees them on both sides and plans nothing for them. The differ itself knows no exceptions.

// ignorer matches names against the Ignore patterns of the state and of one product, and records in hits (shared
// by every product of a plan) which patterns matched a remote object.
type ignorer struct {
	lists []*spec.Ignore
	hits  map[ignoreHit]bool
}

// ignoreHit is one pattern of one Ignore list.
type ignoreHit struct {
	list    *spec.Ignore
	kind    Kind
	pattern string
}

// patterns returns the patterns of one kind in an Ignore.
func patterns(l *spec.Ignore, kind Kind) []string {
	if ki := kinds[kind]; ki != nil && ki.patterns != nil {
		return ki.patterns(l)
	}
	return nil
}

// match reports whether any pattern of the kind matches one of names; with hits, it records every pattern that
// does, so that a pattern shadowed by an earlier one is not reported as matching nothing.
func (ig ignorer) match(kind Kind, names ...string) bool {
	matched := false
	for _, l := range ig.lists {
		if l == nil {
			continue
		}
		for _, p := range patterns(l, kind) {
			for _, n := range names {
				if ok, _ := path.Match(spec.Key(p), spec.Key(n)); ok {
					if ig.hits == nil {
						return true
					}
					matched = true
					ig.hits[ignoreHit{l, kind, p}] = true
					break
				}
			}
		}
	}
	return matched
}

// unmatchedIgnores warns about each ignore pattern of desired that matched no remote object in any declared
// product: most often a typo, which leaves the object it was meant to protect unprotected.
func unmatchedIgnores(desired *spec.State, hits map[ignoreHit]bool) []Problem {
	var out []Problem
	check := func(l *spec.Ignore, a Address, where string) {
		if l == nil {
			return
		}
		for _, k := range kindOrder {
			for _, p := range patterns(l, k) {
				if !hits[ignoreHit{l, k, p}] {
					out = append(out, Problem{Kind: k, Address: a, Pos: l.Pos, Message: fmt.Sprintf(
						"ignore %s pattern %q matches no %s %s, so it protects nothing; check its spelling, or remove it",
						k.Noun()+"s", p, k.Noun(), where)})
				}
			}
		}
	}
	check(desired.Ignore, Address{}, "in the declared products")
	for _, p := range desired.Products {
		check(p.Ignore, Address{Product: p.Name}, fmt.Sprintf("in product %q", p.Name))
	}
	return out
}

// keep merges into the desired list the current objects to leave alone: the ones matching the ignore patterns
// always (replacing a declaration, so that they are never changed), the undeclared ones when prune is false.
// declared holds extra folded names that count as declared (a renamed flag's old key).
func keep[T any](cur, des []T, name func(T) string, ignored func(T) bool, prune bool, declared map[string]bool) (out []T, kept []T) {
	idx := make(map[string]int, len(des))
	for i, d := range des {
		idx[spec.Key(name(d))] = i
	}
	out = des
	copied := false
	for _, c := range cur {
		i, isDeclared := idx[spec.Key(name(c))]
		ign := ignored(c)
		if !ign && (isDeclared || prune || declared[spec.Key(name(c))]) {
			continue
		}
		if !copied {
			out = append([]T(nil), des...)
			copied = true
		}
		if isDeclared {
			out[i] = c
		} else {
			out = append(out, c)
		}
		kept = append(kept, c)
	}
	return out, kept
}

// handsOff returns a shallow copy of the desired product with the current objects to leave alone merged in.
func handsOff(cur, des *spec.Product, ig ignorer) *spec.Product {
	prune := des.Prune == nil || *des.Prune
	p := *des
	for _, k := range kindOrder {
		if l := kinds[k].list; l != nil {
			l.leaveAlone(cur, des, &p, ig, prune)
		}
	}
	keptEnvs := keptEnvironments(des, &p)
	if p.Preferences == nil {
		p.Preferences = cur.Preferences
	}

	p.Configs, _ = keep(cur.Configs, des.Configs, func(c *spec.Config) string { return c.Name },
		func(c *spec.Config) bool { return ig.match(KindConfig, c.Name) }, prune, nil)
	configs := make([]*spec.Config, len(p.Configs))
	for i, dc := range p.Configs {
		cc := cur.Config(dc.Name)
		if cc == nil || cc == dc {
			configs[i] = dc
			continue
		}
		c := *dc
		declared := map[string]bool{}
		for _, f := range dc.Flags {
			if f.RenamedFrom != "" && cc.Flag(f.Key) == nil {
				declared[spec.Key(f.RenamedFrom)] = true
			}
		}
		c.Flags, _ = keep(cc.Flags, dc.Flags, func(f *spec.Flag) string { return f.Key },
			func(f *spec.Flag) bool { return ig.match(KindFlag, f.Key, dc.Name+"/"+f.Key) }, prune, declared)
		if len(keptEnvs) > 0 {
			c.Flags = withKeptValues(c.Flags, cc, keptEnvs)
		}
		configs[i] = &c
	}
	p.Configs = configs
	return &p
}

// keptEnvironments are the current environments the files leave alone: those handsOff copied into out.
func keptEnvironments(des, out *spec.Product) []*spec.Environment {
	declared := make(map[*spec.Environment]bool, len(des.Environments))
	for _, e := range des.Environments {
		declared[e] = true
	}
	var kept []*spec.Environment
	for _, e := range out.Environments {
		if !declared[e] {
			kept = append(kept, e)
		}
	}
	return kept
}

// withKeptValues gives the desired flags the current values in environments left alone, so that they compare
// equal there.
func withKeptValues(flags []*spec.Flag, cur *spec.Config, envs []*spec.Environment) []*spec.Flag {
	byKey := make(map[string]*spec.Flag, len(cur.Flags))
	for _, f := range cur.Flags {
		byKey[spec.Key(f.Key)] = f
	}
	out := make([]*spec.Flag, len(flags))
	for i, f := range flags {
		cf := byKey[spec.Key(f.Key)]
		if cf == nil || cf == f || cf.Type != f.Type {
			out[i] = f
			continue
		}
		c := *f
		c.Values = make(map[string]*spec.EnvValue, len(f.Values)+len(envs))
		for k, v := range f.Values {
			c.Values[k] = v
		}
		for _, e := range envs {
			if v := valueIn(cf.Values, e.Name); v != nil {
				c.Values[e.Name] = v
			}
		}
		out[i] = &c
	}
	return out
}

// valueIn returns the value for an environment, matching its name case-insensitively.
func valueIn(values map[string]*spec.EnvValue, env string) *spec.EnvValue {
	if v, ok := values[env]; ok {
		return v
	}
	for k, v := range values {
		if spec.Same(k, env) {
			return v
		}
	}
	return nil
}

func sortNames(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return spec.Key(names[i]) < spec.Key(names[j]) })
}
