// Package impact says whom a plan affects: it evaluates a population of users with ConfigCat's SDK (through the
// evaluate package) on the current and on the desired config JSON of every (config, environment) the plan
// changes, and reports per flag and environment the share of users served each value before and after, the
// test users whose value changes, and the flags that change without being edited (through a prerequisite, a
// segment or a variation). It adds no API call: both documents are built by sdkconfig from states the plan
// was made from.
package impact

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// Compute evaluates pop on both sides of every value change of plan, which was made from current and desired.
// Only the changed flags, the flags that depend on them and their prerequisites are put in the documents, and
// targets with the same documents are evaluated once, in parallel on every CPU (over targets, and over users when
// there are fewer targets than CPUs).
func Compute(current, desired *spec.State, plan *planner.Plan, pop Population) *planner.Impact {
	im := &planner.Impact{Generated: pop.Generated, PopulationFile: pop.File, Flags: []planner.FlagImpact{}}
	c := &computer{current: current, desired: desired, pop: pop, fileAttributes: attributesOf(pop.Users)}
	order, byTarget := changedTargets(plan, desired)
	var prepared []*job
	unique := map[string]*job{}
	for _, t := range order {
		jb := c.prepare(t, byTarget[t])
		if jb == nil {
			continue
		}
		if first, ok := unique[jb.key]; ok {
			jb.same = first
		} else {
			unique[jb.key] = jb
		}
		prepared = append(prepared, jb)
	}
	c.splitUsers = max(1, runtime.GOMAXPROCS(0)/max(1, len(unique)))
	c.run(unique)
	for _, jb := range prepared {
		im.Flags = append(im.Flags, jb.impacts()...)
	}
	sort.SliceStable(im.Flags, func(i, j int) bool { return im.Flags[i].Via == "" && im.Flags[j].Via != "" })
	summarise(im)
	return im
}

// computer holds what every target shares: the states and the population.
type computer struct {
	current, desired *spec.State
	pop              Population
	fileAttributes   map[string]bool // the attributes of the file's users
	splitUsers       int             // how many goroutines one side of a target may split its users among

	generatedOnce, fileOnce sync.Once
	generated, file         []evaluate.PreparedUser // the users in the SDK's form, made once (see preparedGenerated)
	ids                     []string                // the generated users' identifiers
	bucketsMu               sync.Mutex
	bucketsByKey            map[string][]uint8 // the generated users' percentage buckets by flag key (see buckets)
}

// side is one side of a target: its product and config (nil when absent) and the config JSON built for it.
type side struct {
	product *spec.Product
	config  *spec.Config
	env     string
	keys    []string // the candidates' keys as this side spells them, in the candidates' order
	doc     *sdkconfig.Document
	data    []byte
	err     error
}

// job is one target ready to evaluate: both documents, the candidates and the test users. same points to the
// job with the same documents that is evaluated in its place.
type job struct {
	target        target
	product       *spec.Product
	config        *spec.Config
	before, after side
	cands         *candidates
	tests         []testUser
	key           string
	same          *job
	flags         []planner.FlagImpact
}

// prepare builds both documents of one (product, config, environment); nil when the desired state lacks it.
func (c *computer) prepare(t target, cands *candidates) *job {
	dp := c.desired.Product(t.product)
	if dp == nil || dp.Config(t.config) == nil || dp.Environment(t.env) == nil {
		return nil
	}
	dc := dp.Config(t.config)
	jb := &job{target: t, product: dp, config: dc, cands: cands, tests: testUsers(c.desired, dp, t.env)}
	jb.before = currentSide(c.current, dp, dc, t.env)
	addDependents(cands, t.env, dc, jb.before.config)
	jb.before.build(currentKeys(cands.keys, dc, jb.before.config), nil)
	jb.after = side{product: dp, config: dc, env: t.env}
	jb.after.build(cands.keys, jb.before.config)
	jb.key = cacheKey(jb.before, jb.after, cands, jb.tests)
	return jb
}

// run evaluates the jobs on as many goroutines as there are CPUs; with fewer jobs than CPUs, each job splits
// its users among the CPUs left (splitUsers).
func (c *computer) run(jobs map[string]*job) {
	queue := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range queue {
				jb.flags = c.evaluate(jb.before, jb.after, jb.cands, jb.tests)
			}
		}()
	}
	for _, jb := range jobs {
		queue <- jb
	}
	close(queue)
	wg.Wait()
}

// impacts are the job's lines, addressed to its target: the edited flags, and the others that changed.
func (jb *job) impacts() []planner.FlagImpact {
	flags := jb.flags
	if jb.same != nil {
		flags = jb.same.flags
	}
	dp, dc, env := jb.product, jb.config, jb.target.env
	out := make([]planner.FlagImpact, 0, len(flags))
	for _, f := range flags {
		if f.Via != "" && f.Changed == 0 && f.Error == "" && len(f.MissingAttributes) == 0 {
			continue // could have changed through another, and did not for a population that can tell
		}
		f.Address = planner.Address{Product: dp.Name, Config: dc.Name, Environment: env, Flag: f.Address.Flag}
		if fl := dc.Flag(f.Address.Flag); fl != nil {
			f.DashboardValue = spec.ValueOwner(dp, dc, fl, env) == spec.ValueOwnerDashboard
		}
		out = append(out, f)
	}
	return out
}

// currentSide finds the target's product, config and environment in the current state, under their previous
// names when the plan renames them.
func currentSide(current *spec.State, dp *spec.Product, dc *spec.Config, env string) side {
	s := side{}
	cp := current.Product(dp.Name)
	if cp == nil && dp.RenamedFrom != "" {
		cp = current.Product(dp.RenamedFrom)
	}
	if cp == nil {
		return s
	}
	s.product = cp
	if s.config = cp.Config(dc.Name); s.config == nil && dc.RenamedFrom != "" {
		s.config = cp.Config(dc.RenamedFrom)
	}
	if ce := cp.Environment(env); ce != nil {
		s.env = ce.Name
	} else if de := dp.Environment(env); de != nil && de.RenamedFrom != "" && cp.Environment(de.RenamedFrom) != nil {
		s.env = de.RenamedFrom
	}
	return s
}

// currentKeys are the keys the current config spells the candidates with: a flag the plan renames under its
// previous key.
func currentKeys(keys []string, desired, current *spec.Config) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if current == nil || current.Flag(k) != nil {
			continue
		}
		if f := desired.Flag(k); f != nil && f.RenamedFrom != "" {
			out[i] = f.RenamedFrom
		}
	}
	return out
}

// build makes the side's config JSON from the keys, their prerequisites and the product's segments. For a flag
// whose value the dashboard owns, the value is taken from account (the current config), as apply leaves it.
func (s *side) build(keys []string, account *spec.Config) {
	s.keys = keys
	if s.config == nil || s.env == "" {
		return
	}
	need := withPrerequisites(keys, s.config, s.env)
	cfg := *s.config
	cfg.Flags = nil
	for _, f := range s.config.Flags {
		if need[f.Key] {
			cfg.Flags = append(cfg.Flags, ownedValue(s.product, s.config, f, s.env, account))
		}
	}
	prod := *s.product
	prod.Configs = []*spec.Config{&cfg}
	st := &spec.State{Products: []*spec.Product{&prod}}
	if s.doc, s.err = sdkconfig.Build(st, prod.Name, cfg.Name, s.env); s.err == nil {
		s.data, s.err = s.doc.Marshal()
	}
}

// ownedValue is f, with its value in env replaced by the account's when the dashboard owns it there.
func ownedValue(p *spec.Product, c *spec.Config, f *spec.Flag, env string, account *spec.Config) *spec.Flag {
	if account == nil || spec.ValueOwner(p, c, f, env) != spec.ValueOwnerDashboard {
		return f
	}
	af := account.Flag(f.Key)
	if af == nil || af.Values[env] == nil {
		return f // not in the account yet: apply creates it with the files' value
	}
	copied := *f
	copied.Values = map[string]*spec.EnvValue{}
	for e, v := range f.Values {
		copied.Values[e] = v
	}
	copied.Values[env] = af.Values[env]
	return &copied
}

func cacheKey(before, after side, cands *candidates, tests []testUser) string {
	var b strings.Builder
	b.Write(before.data)
	b.WriteByte(0)
	b.Write(after.data)
	for _, k := range cands.keys {
		b.WriteString("\x00" + k + "\x00" + cands.via[k])
	}
	for _, t := range tests {
		b.WriteString("\x01" + t.label)
	}
	return b.String()
}

// summarise fills in the largest number of users affected and the largest shift of a share.
func summarise(im *planner.Impact) {
	for _, f := range im.Flags {
		im.UsersAffected = max(im.UsersAffected, f.Changed)
		for _, s := range shifts(f) {
			im.LargestShift = max(im.LargestShift, math.Abs(s))
		}
	}
}

// shifts are the changes of each value's share in percentage points.
func shifts(f planner.FlagImpact) []float64 {
	var out []float64
	for _, v := range f.ServedValues() {
		out = append(out, ShareOf(f.After, v)-ShareOf(f.Before, v))
	}
	return out
}

// ShareOf is value's share in percent, zero when no user gets it.
func ShareOf(shares []planner.ValueShare, value spec.Value) float64 {
	for _, s := range shares {
		if s.Value.Equal(value) {
			return s.Percent
		}
	}
	return 0
}

// sortedShares turns counts into shares of total, most users first, then by value.
func sortedShares(counts map[spec.Value]int, total int) []planner.ValueShare {
	out := make([]planner.ValueShare, 0, len(counts))
	for v, n := range counts {
		out = append(out, planner.ValueShare{Value: v, Users: n, Percent: math.Round(10000*float64(n)/float64(total)) / 100})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Users != out[j].Users {
			return out[i].Users > out[j].Users
		}
		return out[i].Value.String() < out[j].Value.String()
	})
	return out
}
