package impact

import (
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// target is one (product, config, environment) whose flags the plan changes, by the desired names.
type target struct {
	product, config, env string
}

// candidates are the flags of one target to evaluate: the edited ones, and the ones that may change without
// being edited with the reason why (via).
type candidates struct {
	keys []string // in plan order, edited first
	via  map[string]string
}

func (c *candidates) add(key, via string) {
	if _, ok := c.via[key]; ok {
		return
	}
	c.via[key] = via
	c.keys = append(c.keys, key)
}

// changedTargets lists the targets the plan's changes touch, in plan order, with their candidate flags: the
// flags whose values change (edited), the flags created (edited), the flags whose variations change and the
// flags whose rules use a changed segment.
func changedTargets(plan *planner.Plan, desired *spec.State) ([]target, map[target]*candidates) {
	var order []target
	byTarget := map[target]*candidates{}
	at := func(t target) *candidates {
		c := byTarget[t]
		if c == nil {
			c = &candidates{via: map[string]string{}}
			byTarget[t] = c
			order = append(order, t)
		}
		return c
	}
	for _, ch := range plan.Changes {
		a := ch.Address
		switch {
		case ch.Kind == planner.KindValues:
			for _, v := range ch.Values {
				at(target{a.Product, a.Config, a.Environment}).add(v.Key, "")
			}
		case ch.Kind == planner.KindFlag && ch.Op == planner.Create && ch.After != nil && ch.After.Flag != nil:
			for env := range ch.After.Flag.Values {
				at(target{a.Product, a.Config, env}).add(a.Flag, "")
			}
		case ch.Kind == planner.KindVariation:
			for _, env := range environments(desired, a.Product) {
				at(target{a.Product, a.Config, env}).add(a.Flag, "variation")
			}
		case ch.Kind == planner.KindSegment && ch.Op == planner.Update:
			addSegmentUsers(desired, a, at)
		}
	}
	return order, byTarget
}

func environments(st *spec.State, product string) []string {
	p := st.Product(product)
	if p == nil {
		return nil
	}
	names := make([]string, len(p.Environments))
	for i, e := range p.Environments {
		names[i] = e.Name
	}
	return names
}

// addSegmentUsers adds every flag whose rules in an environment use the changed segment.
func addSegmentUsers(desired *spec.State, a planner.Address, at func(target) *candidates) {
	p := desired.Product(a.Product)
	if p == nil {
		return
	}
	for _, c := range p.Configs {
		for _, f := range c.Flags {
			for env, ev := range f.Values {
				if usesSegment(ev, a.Name) {
					at(target{p.Name, c.Name, env}).add(f.Key, "segment "+a.Name)
				}
			}
		}
	}
}

func usesSegment(ev *spec.EnvValue, segment string) bool {
	for _, r := range ev.Rules {
		for _, c := range r.If {
			if c.Segment != "" && spec.Key(c.Segment) == spec.Key(segment) {
				return true
			}
		}
	}
	return false
}

// prerequisitesOf lists the flags the value's rules name as prerequisites.
func prerequisitesOf(ev *spec.EnvValue) []string {
	if ev == nil {
		return nil
	}
	var out []string
	for _, r := range ev.Rules {
		for _, c := range r.If {
			if c.Flag != "" {
				out = append(out, c.Flag)
			}
		}
	}
	return out
}

// addDependents adds, transitively, the flags of the configs whose rules in env name a candidate as a
// prerequisite, on either side of the plan.
func addDependents(cands *candidates, env string, configs ...*spec.Config) {
	dependents := map[string][]string{} // by spec.Key of the prerequisite
	for _, c := range configs {
		if c == nil {
			continue
		}
		for _, f := range c.Flags {
			for _, pre := range prerequisitesOf(f.Values[env]) {
				dependents[spec.Key(pre)] = append(dependents[spec.Key(pre)], f.Key)
			}
		}
	}
	for i := 0; i < len(cands.keys); i++ {
		for _, d := range dependents[spec.Key(cands.keys[i])] {
			cands.add(d, "prerequisite "+cands.keys[i])
		}
	}
}

// withPrerequisites is keys and every flag they need, transitively, that config c has.
func withPrerequisites(keys []string, c *spec.Config, env string) map[string]bool {
	need := map[string]bool{}
	stack := append([]string(nil), keys...)
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		f := c.Flag(k)
		if f == nil || need[f.Key] {
			continue
		}
		need[f.Key] = true
		stack = append(stack, prerequisitesOf(f.Values[env])...)
	}
	return need
}
