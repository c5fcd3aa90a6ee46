package applier

import (
	"github.com/flagsync/flagsync/planner"
)

// Stage is a run of consecutive plan changes with the same operation and kind, which the plan's order makes
// independent of each other: a stage starts only when the one before it has finished. Changes that must
// still go one after the other inside a stage share a group.
type Stage struct {
	Op   planner.Op
	Kind planner.Kind
	// Changes are indexes into the plan's changes, in plan order.
	Changes []int
	// Groups partition Changes: the changes of one group run one after another in plan order, groups run in
	// parallel.
	Groups [][]int
}

// Stages splits a plan into stages. Consecutive changes with the same (operation, kind, level) form a stage;
// the delete half of a flag's type change is its own stage, since it must finish before the flag is created
// again, and flag deletes of a higher level (prerequisites of flags deleted before them) wait for the lower
// levels. Inside a stage, changes run in parallel except variation changes of the same flag, since each
// replaces the flag's whole list of variations.
func Stages(p *planner.Plan) []Stage {
	var out []Stage
	var cur *Stage
	var groupOf map[planner.AddressKey]int
	for i := range p.Changes {
		c := &p.Changes[i]
		op := c.Step()
		if cur == nil || cur.Op != op || cur.Kind != c.Kind || p.Changes[i-1].Level != c.Level {
			out = append(out, Stage{Op: op, Kind: c.Kind})
			cur = &out[len(out)-1]
			groupOf = map[planner.AddressKey]int{}
		}
		cur.Changes = append(cur.Changes, i)
		key, serial := serialKey(c)
		if !serial {
			cur.Groups = append(cur.Groups, []int{i})
			continue
		}
		if g, ok := groupOf[key]; ok {
			cur.Groups[g] = append(cur.Groups[g], i)
			continue
		}
		groupOf[key] = len(cur.Groups)
		cur.Groups = append(cur.Groups, []int{i})
	}
	return out
}

// OpReplace is the Stage (and Event) operation of the delete half of flags' type changes.
const OpReplace = planner.Replace

// serialKey names what a change must not touch at the same time as another change of its stage; ok is false
// when it is independent.
func serialKey(c *planner.Change) (key planner.AddressKey, ok bool) {
	if c.Kind != planner.KindVariation {
		return key, false
	}
	a := c.Address
	return planner.Address{Product: a.Product, Config: a.Config, Flag: a.Flag}.Key(), true
}
