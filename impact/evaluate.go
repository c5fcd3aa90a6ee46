package impact

import (
	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// tally counts one flag's values over the population on both sides.
type tally struct {
	key, beforeKey, afterKey string // beforeKey/afterKey empty: the flag is not on that side
	seen                     values // the values served on either side, which counts index
	before, after            []int  // users served each of seen's values
	users, changed           int
	tests                    []planner.TestUserChange
	err                      string
}

// values interns a flag's values, so that users are counted by a small index rather than by value.
type values struct {
	list  []spec.Value
	index map[spec.Value]int32
}

// noValue is the index of "no value": the side lacks the flag or the SDK returned none.
const noValue = -1

func (v *values) of(x spec.Value) int32 {
	if i, ok := v.index[x]; ok {
		return i
	}
	if v.index == nil {
		v.index = map[spec.Value]int32{}
	}
	v.index[x] = int32(len(v.list))
	v.list = append(v.list, x)
	return int32(len(v.list) - 1)
}

// at is the value of index i, nil for noValue.
func (v *values) at(i int32) *spec.Value {
	if i == noValue {
		return nil
	}
	x := v.list[i]
	return &x
}

// evaluate counts, for every candidate, what the population gets on both sides. Each side evaluates only the
// users its own flags can tell apart (see groups), so that a side whose flags read no identifier costs one
// evaluation however many generated users there are.
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
		tallies[i] = &tally{key: k}
		tallies[i].beforeKey = docKey(before.doc, before.keys[i])
		tallies[i].afterKey = docKey(after.doc, after.keys[i])
	}
	bside := c.evaluateSide(bev, before.doc, tallies, beforeKey)
	aside := c.evaluateSide(aev, after.doc, tallies, afterKey)
	for _, p := range c.pairs(bside, aside) {
		count(tallies, bside.values[p.before], aside.values[p.after], p.weight, "")
	}
	for _, t := range tests {
		u := evaluate.Prepare(t.user)
		bvals := sideValues(bev, u, tallies, beforeKey)
		avals := sideValues(aev, u, tallies, afterKey)
		count(tallies, bvals, avals, 1, t.label)
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

// count adds users (weight of them, or the test user label) who get bvals before and avals after, by tally, to
// every tally.
func count(tallies []*tally, bvals, avals []int32, weight int, label string) {
	for i, t := range tallies {
		t.users += weight
		b, a := bvals[i], avals[i]
		addUsers(&t.before, b, weight)
		addUsers(&t.after, a, weight)
		if a == b {
			continue
		}
		t.changed += weight
		if label != "" {
			t.tests = append(t.tests, planner.TestUserChange{User: label, Before: t.seen.at(b), After: t.seen.at(a)})
		}
	}
}

// addUsers adds weight users to counts of value i (none for noValue), growing counts to the values seen: a test
// user may get a value no user of the population gets.
func addUsers(counts *[]int, i int32, weight int) {
	if i == noValue {
		return
	}
	for int(i) >= len(*counts) {
		*counts = append(*counts, 0)
	}
	(*counts)[i] += weight
}

// sideKey picks a tally's key on one side.
type sideKey func(*tally) string

func beforeKey(t *tally) string { return t.beforeKey }
func afterKey(t *tally) string  { return t.afterKey }

// sideValues evaluates the tallies' flags for u on one side, as indexes into each tally's values, noValue
// where the side has no such flag. An evaluation error is kept in the tally.
func sideValues(ev *evaluate.Evaluator, u evaluate.PreparedUser, tallies []*tally, key sideKey) []int32 {
	keys, at := sideFlags(tallies, key)
	out := make([]int32, len(tallies))
	evaluateInto(ev, u, tallies, keys, at, make([]evaluate.Result, len(keys)), out)
	return out
}

// sideFlags are the keys of the tallies' flags the side has, and the tallies they belong to.
func sideFlags(tallies []*tally, key sideKey) (keys []string, at []int) {
	for i, t := range tallies {
		if k := key(t); k != "" {
			keys = append(keys, k)
			at = append(at, i)
		}
	}
	return keys, at
}

// evaluateInto evaluates keys (the flags of tallies at) for u into out, by tally, with results as scratch.
func evaluateInto(ev *evaluate.Evaluator, u evaluate.PreparedUser, tallies []*tally, keys []string, at []int, results []evaluate.Result, out []int32) {
	for i := range out {
		out[i] = noValue
	}
	if ev == nil || len(keys) == 0 {
		return
	}
	ev.Values(u, keys, results)
	for j, r := range results {
		t := tallies[at[j]]
		if r.Err != nil {
			t.err = r.Err.Error()
			continue
		}
		if v, ok := evaluate.SpecValue(r.Value); ok {
			out[at[j]] = t.seen.of(v)
		}
	}
}

func (t *tally) impact(via string, typ spec.FlagType) planner.FlagImpact {
	f := planner.FlagImpact{Address: planner.Address{Flag: t.key}, Type: typ, Via: via, Users: t.users,
		Changed: t.changed, TestUsers: t.tests, Error: t.err}
	if t.beforeKey != "" {
		f.Before = sortedShares(t.counts(t.before), t.users)
	}
	if t.afterKey != "" {
		f.After = sortedShares(t.counts(t.after), t.users)
	}
	return f
}

// counts are the users of each value that some user gets, by value.
func (t *tally) counts(users []int) map[spec.Value]int {
	m := map[spec.Value]int{}
	for i, n := range users {
		if n > 0 {
			m[t.seen.list[i]] = n
		}
	}
	return m
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
