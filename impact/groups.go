package impact

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
)

// sideResult is one side of a target evaluated over the population: the group each user falls in, and each
// group's values by tally. Groups are users that the side's flags cannot tell apart, evaluated once.
type sideResult struct {
	generatedSplit bool      // every generated user is a group of its own (the side's flags read the identifier)
	fileGroups     []int32   // the group of each of the file's users
	values         [][]int32 // by group, by tally: an index into the tally's values, or noValue
}

// generatedGroup is the group of the i-th generated user.
func (s *sideResult) generatedGroup(i int) int32 {
	if s.generatedSplit {
		return int32(i)
	}
	return 0
}

// evaluateSide evaluates the tallies' flags on one side (ev and its doc, nil when the side has no document) for
// one representative of each group of the population that the attributes those flags read split it into. When
// the generated users are split, only the flags that need it are evaluated for each of them (see fillGenerated).
func (c *computer) evaluateSide(ev *evaluate.Evaluator, doc *sdkconfig.Document, tallies []*tally, key sideKey) *sideResult {
	keys, at := sideFlags(tallies, key)
	var attrs map[string]bool // nothing to evaluate: one group is as good as many
	if ev != nil && len(keys) > 0 {
		attrs = usedAttributes(doc, tallies, key)
	}
	res, reps := c.groups(attrs)
	if !res.generatedSplit {
		res.values = c.evaluateGroups(ev, tallies, keys, at, reps)
		return res
	}
	var perUserKeys []string
	var perUserAt []int
	for j, k := range keys {
		if identifierUse(doc, k) == readsIdentifier {
			perUserKeys = append(perUserKeys, k)
			perUserAt = append(perUserAt, at[j])
		}
	}
	n := c.pop.Generated
	generated := c.evaluateGroups(ev, tallies, perUserKeys, perUserAt, reps[:n])
	res.values = append(generated, c.evaluateGroups(ev, tallies, keys, at, reps[n:])...)
	for j, k := range keys {
		if use := identifierUse(doc, k); use != readsIdentifier {
			c.fillGenerated(ev, tallies, k, at[j], use, generated)
		}
	}
	return res
}

// fillGenerated sets flag key's (tally i's) value of every generated user in rows, evaluating one user of each
// percentage bucket (readsBucket), or one user for all (readsNoIdentifier).
func (c *computer) fillGenerated(ev *evaluate.Evaluator, tallies []*tally, key string, i int, use generatedReading, rows [][]int32) {
	users := c.preparedGenerated()
	var buckets []uint8
	if use == readsBucket {
		buckets = c.buckets(key)
	}
	var valueOf [100]int32
	var evaluated [100]bool
	keys, at := []string{key}, []int{i}
	results, scratch := make([]evaluate.Result, 1), make([]int32, len(tallies))
	for u, row := range rows {
		b := uint8(0)
		if buckets != nil {
			b = buckets[u]
		}
		if !evaluated[b] {
			evaluateInto(ev, users[u], tallies, keys, at, results, scratch)
			valueOf[b], evaluated[b] = scratch[i], true
		}
		row[i] = valueOf[b]
	}
}

// buckets are the percentage buckets of the generated users for the flag key, computed once for every target.
func (c *computer) buckets(key string) []uint8 {
	c.bucketsMu.Lock()
	b, ok := c.bucketsByKey[key]
	c.bucketsMu.Unlock()
	if ok {
		return b
	}
	b = make([]uint8, c.pop.Generated)
	var buf []byte
	for i, id := range c.generatedIDs() {
		buf = append(append(buf[:0], key...), id...)
		b[i] = bucketOf(buf)
	}
	c.bucketsMu.Lock()
	defer c.bucketsMu.Unlock()
	if c.bucketsByKey == nil {
		c.bucketsByKey = map[string][]uint8{}
	}
	c.bucketsByKey[key] = b
	return b
}

// minChunk is the fewest groups worth a goroutine of their own.
const minChunk = 512

// evaluateGroups evaluates every representative, by tally, splitting them into up to c.splitUsers chunks that
// run at once. Each chunk interns values in tallies of its own, merged into tallies in chunk order, so that the
// result is the same however the work was split.
func (c *computer) evaluateGroups(ev *evaluate.Evaluator, tallies []*tally, keys []string, at []int, reps []evaluate.PreparedUser) [][]int32 {
	backing := make([]int32, len(reps)*len(tallies))
	out := make([][]int32, len(reps))
	for g := range reps {
		out[g] = backing[g*len(tallies) : (g+1)*len(tallies) : (g+1)*len(tallies)]
	}
	chunks := chunksOf(len(reps), min(c.splitUsers, max(1, len(reps)/minChunk)))
	local := make([][]*tally, len(chunks))
	var wg sync.WaitGroup
	for i, ch := range chunks {
		local[i] = make([]*tally, len(tallies))
		for j := range local[i] {
			local[i][j] = &tally{}
		}
		wg.Go(func() {
			results := make([]evaluate.Result, len(keys))
			for g := ch[0]; g < ch[1]; g++ {
				evaluateInto(ev, reps[g], local[i], keys, at, results, out[g])
			}
		})
	}
	wg.Wait()
	for i, ch := range chunks {
		mergeChunk(tallies, local[i], out[ch[0]:ch[1]])
	}
	return out
}

// mergeChunk moves a chunk's values and errors (in local) into tallies, renumbering the chunk's values.
func mergeChunk(tallies, local []*tally, values [][]int32) {
	for j, t := range tallies {
		if local[j].err != "" {
			t.err = local[j].err
		}
		renumber := make([]int32, len(local[j].seen.list))
		for k, v := range local[j].seen.list {
			renumber[k] = t.seen.of(v)
		}
		for _, vals := range values {
			if vals[j] != noValue {
				vals[j] = renumber[vals[j]]
			}
		}
	}
}

// chunksOf splits [0, n) into parts ranges of about the same length, [start, end) each.
func chunksOf(n, parts int) [][2]int {
	out := make([][2]int, 0, parts)
	for i := range parts {
		out = append(out, [2]int{n * i / parts, n * (i + 1) / parts})
	}
	return out
}

// groups splits the generated and the file's users into groups that the attributes attrs cannot tell apart,
// and returns a representative of each. Generated users have an identifier only: one group unless attrs has it.
func (c *computer) groups(attrs map[string]bool) (*sideResult, []evaluate.PreparedUser) {
	res := &sideResult{}
	var reps []evaluate.PreparedUser
	if c.pop.Generated > 0 {
		if attrs["Identifier"] {
			res.generatedSplit = true
			reps = append(reps, c.preparedGenerated()...)
		} else {
			reps = append(reps, evaluate.Prepare(evaluate.User{"Identifier": generatedID(0)}))
		}
	}
	names := slices.Sorted(maps.Keys(attrs))
	index := map[string]int32{}
	file := c.preparedFile()
	res.fileGroups = make([]int32, len(c.pop.Users))
	for i, u := range c.pop.Users {
		k := projection(u, names)
		g, ok := index[k]
		if !ok {
			g = int32(len(reps))
			index[k] = g
			reps = append(reps, file[i])
		}
		res.fileGroups[i] = g
	}
	return res, reps
}

// pair is the users who fall in group before on one side and group after on the other.
type pair struct {
	before, after int32
	weight        int
}

// pairs are the (before group, after group) combinations the population's users make, with how many users
// make each; every user is in exactly one pair.
func (c *computer) pairs(before, after *sideResult) []pair {
	var out []pair
	if n := c.pop.Generated; n > 0 {
		if !before.generatedSplit && !after.generatedSplit {
			out = append(out, pair{0, 0, n})
		} else {
			for i := range n {
				out = append(out, pair{before.generatedGroup(i), after.generatedGroup(i), 1})
			}
		}
	}
	index := map[[2]int32]int{}
	for i := range c.pop.Users {
		k := [2]int32{before.fileGroups[i], after.fileGroups[i]}
		if at, ok := index[k]; ok {
			out[at].weight++
			continue
		}
		index[k] = len(out)
		out = append(out, pair{k[0], k[1], 1})
	}
	return out
}

// preparedGenerated are the generated users in the SDK's form, made once for every target.
func (c *computer) preparedGenerated() []evaluate.PreparedUser {
	c.generatedOnce.Do(c.makeGenerated)
	return c.generated
}

// generatedIDs are the generated users' identifiers, made once for every target.
func (c *computer) generatedIDs() []string {
	c.generatedOnce.Do(c.makeGenerated)
	return c.ids
}

func (c *computer) makeGenerated() {
	c.ids = make([]string, c.pop.Generated)
	c.generated = make([]evaluate.PreparedUser, c.pop.Generated)
	for i := range c.generated {
		c.ids[i] = generatedID(i)
		c.generated[i] = evaluate.Prepare(evaluate.User{"Identifier": c.ids[i]})
	}
}

// preparedFile are the file's users in the SDK's form, made once for every target.
func (c *computer) preparedFile() []evaluate.PreparedUser {
	c.fileOnce.Do(func() {
		c.file = make([]evaluate.PreparedUser, len(c.pop.Users))
		for i, u := range c.pop.Users {
			c.file[i] = evaluate.Prepare(u)
		}
	})
	return c.file
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
