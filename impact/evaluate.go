package impact

import (
	"sort"
	"strings"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// tally counts one flag's values over the population on both sides.
type tally struct {
	key, beforeKey, afterKey string // beforeKey/afterKey empty: the flag is not on that side
	before, after            map[spec.Value]int
	users, changed           int
	tests                    []planner.TestUserChange
	err                      string
}

// group is users that every candidate flag treats alike, evaluated once through rep.
type group struct {
	rep    evaluate.User
	weight int
}

// evaluate counts, for every candidate, what the population gets on both sides.
func (c *computer) evaluate(before, after side, cands *candidates, tests []testUser) []planner.FlagImpact {
	if after.err != nil {
		return failed(cands, after.err)
	}
	if before.err != nil {
		return failed(cands, before.err)
	}
	bev, aev, err := evaluators(before.data, after.data)
	if err != nil {
		return failed(cands, err)
	}
	defer closeAll(bev, aev)
	tallies := make([]*tally, len(cands.keys))
	for i, k := range cands.keys {
		tallies[i] = &tally{key: k, before: map[spec.Value]int{}, after: map[spec.Value]int{}}
		tallies[i].beforeKey = docKey(before.doc, before.keys[i])
		tallies[i].afterKey = docKey(after.doc, after.keys[i])
	}
	attrs := usedAttributes(before.doc, tallies, true)
	for a := range usedAttributes(after.doc, tallies, false) {
		attrs[a] = true
	}
	for _, g := range c.groups(attrs) {
		count(tallies, bev, aev, g.rep, g.weight, "")
	}
	for _, t := range tests {
		count(tallies, bev, aev, t.user, 1, t.label)
	}
	present := c.presentAttributes(tests)
	out := make([]planner.FlagImpact, len(tallies))
	for i, t := range tallies {
		out[i] = t.impact(cands.via[t.key], flagType([]*spec.Config{after.config, before.config}, t.key))
		out[i].MissingAttributes = missing(before.doc, after.doc, t, present)
	}
	return out
}

func failed(cands *candidates, err error) []planner.FlagImpact {
	out := make([]planner.FlagImpact, len(cands.keys))
	for i, k := range cands.keys {
		out[i] = planner.FlagImpact{Address: planner.Address{Flag: k}, Via: cands.via[k], Error: err.Error()}
	}
	return out
}

// evaluators loads both documents into ConfigCat's SDK; a side without a document gets none.
func evaluators(before, after []byte) (*evaluate.Evaluator, *evaluate.Evaluator, error) {
	var bev *evaluate.Evaluator
	if before != nil {
		var err error
		if bev, err = evaluate.New(before); err != nil {
			return nil, nil, err
		}
	}
	aev, err := evaluate.New(after)
	if err != nil {
		closeAll(bev)
		return nil, nil, err
	}
	return bev, aev, nil
}

func closeAll(evs ...*evaluate.Evaluator) {
	for _, ev := range evs {
		if ev != nil {
			ev.Close()
		}
	}
}

// docKey is the key the document spells key with, or "" when it has no such flag.
func docKey(doc *sdkconfig.Document, key string) string {
	if doc == nil {
		return ""
	}
	if _, ok := doc.Flags[key]; ok {
		return key
	}
	for k := range doc.Flags {
		if spec.Key(k) == spec.Key(key) {
			return k
		}
	}
	return ""
}

// count evaluates one user (standing for weight users) on both sides and adds it to every tally; a test
// user's change is recorded under label.
func count(tallies []*tally, bev, aev *evaluate.Evaluator, u evaluate.User, weight int, label string) {
	bvals := values(bev, u, tallies, func(t *tally) string { return t.beforeKey })
	avals := values(aev, u, tallies, func(t *tally) string { return t.afterKey })
	for i, t := range tallies {
		t.users += weight
		b, a := bvals[i], avals[i]
		if b != nil {
			t.before[*b] += weight
		}
		if a != nil {
			t.after[*a] += weight
		}
		if sameValue(b, a) {
			continue
		}
		t.changed += weight
		if label != "" {
			t.tests = append(t.tests, planner.TestUserChange{User: label, Before: b, After: a})
		}
	}
}

// values evaluates the tallies' flags for u on one side, nil where the side has no such flag.
func values(ev *evaluate.Evaluator, u evaluate.User, tallies []*tally, key func(*tally) string) []*spec.Value {
	out := make([]*spec.Value, len(tallies))
	if ev == nil {
		return out
	}
	var keys []string
	var at []int
	for i, t := range tallies {
		if k := key(t); k != "" {
			keys = append(keys, k)
			at = append(at, i)
		}
	}
	if len(keys) == 0 {
		return out
	}
	for j, r := range ev.Evaluate(u, keys...) {
		if r.Err != nil {
			tallies[at[j]].err = r.Err.Error()
			continue
		}
		if v, ok := evaluate.SpecValue(r.Value); ok {
			out[at[j]] = &v
		}
	}
	return out
}

func sameValue(a, b *spec.Value) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func (t *tally) impact(via string, typ spec.FlagType) planner.FlagImpact {
	f := planner.FlagImpact{Address: planner.Address{Flag: t.key}, Type: typ, Via: via, Users: t.users,
		Changed: t.changed, TestUsers: t.tests, Error: t.err}
	if t.beforeKey != "" {
		f.Before = sortedShares(t.before, t.users)
	}
	if t.afterKey != "" {
		f.After = sortedShares(t.after, t.users)
	}
	return f
}

// flagType is the type of the flag key in the first config that has it.
func flagType(configs []*spec.Config, key string) spec.FlagType {
	for _, c := range configs {
		if c == nil {
			continue
		}
		if f := c.Flag(key); f != nil {
			return f.Type
		}
	}
	return ""
}

// groups splits the generated and the file's users into groups that the attributes the flags read cannot tell
// apart. Generated users have an identifier only: one group unless a flag reads the identifier.
func (c *computer) groups(attrs map[string]bool) []group {
	var out []group
	if c.pop.Generated > 0 {
		if attrs["Identifier"] {
			for i := range c.pop.Generated {
				out = append(out, group{rep: evaluate.User{"Identifier": generatedID(i)}, weight: 1})
			}
		} else {
			out = append(out, group{rep: evaluate.User{"Identifier": generatedID(0)}, weight: c.pop.Generated})
		}
	}
	names := make([]string, 0, len(attrs))
	for a := range attrs {
		names = append(names, a)
	}
	sort.Strings(names)
	index := map[string]int{}
	for _, u := range c.pop.Users {
		k := projection(u, names)
		if i, ok := index[k]; ok {
			out[i].weight++
			continue
		}
		index[k] = len(out)
		out = append(out, group{rep: u, weight: 1})
	}
	return out
}

// projection is a key of u's values of the attributes names, sorted.
func projection(u evaluate.User, names []string) string {
	var b strings.Builder
	for _, a := range names {
		if v, ok := u[a]; ok {
			b.WriteString(a + "=" + stringOf(v))
		}
		b.WriteByte(0)
	}
	return b.String()
}
