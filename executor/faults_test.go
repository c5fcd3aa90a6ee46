package executor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/configcat/configcattest"
	"github.com/flagsync/flagsync/spec"
)

// bystander is a product no desired state declares: no apply may touch it.
func bystander() *spec.Product {
	return &spec.Product{Name: "Bystander", Environments: []*spec.Environment{{Name: "Prod"}},
		Tags: []*spec.Tag{{Name: "keep"}},
		Configs: []*spec.Config{{Name: "Main", EvaluationVersion: spec.EvaluationV2, Flags: []*spec.Flag{
			{Key: "untouched", Type: spec.TypeBoolean, Tags: []string{"keep"},
				Values: map[string]*spec.EnvValue{"Prod": {Default: spec.BoolValue(true)}}}}}}}
}

// withBystander returns s with the bystander product added.
func withBystander(s *spec.State) *spec.State {
	s.Products = append(s.Products, bystander())
	spec.Normalize(s)
	return s
}

// bystanderState is what an apply must leave alone: the bystander product as fetched.
func (e *testEnv) bystanderState() *spec.Product {
	e.t.Helper()
	st, _ := e.fetch()
	p := st.Product("Bystander")
	if p == nil {
		e.t.Fatal("the bystander product is gone")
	}
	return p
}

// expectNoDuplicates lists every product, and every object in it, by natural key, straight from the API, and
// fails on any key seen twice.
func (e *testEnv) expectNoDuplicates() {
	e.t.Helper()
	ctx := context.Background()
	c := e.client
	var dups []string
	check := func(what string, keys []string) {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[spec.Key(k)] {
				dups = append(dups, fmt.Sprintf("%s %q", what, k))
			}
			seen[spec.Key(k)] = true
		}
	}
	must := func(err error) {
		if err != nil {
			e.t.Fatal(err)
		}
	}
	products, err := c.Products(ctx)
	must(err)
	check("product", mapList(products, func(p configcat.Product) string { return p.Name }))
	for _, p := range products {
		envs, err := c.Environments(ctx, p.ProductID)
		must(err)
		check("environment", mapList(envs, func(x configcat.Environment) string { return x.Name }))
		tags, err := c.Tags(ctx, p.ProductID)
		must(err)
		check("tag", mapList(tags, func(x configcat.Tag) string { return x.Name }))
		segs, err := c.Segments(ctx, p.ProductID)
		must(err)
		check("segment", mapList(segs, func(x configcat.SegmentListItem) string { return x.Name }))
		groups, err := c.PermissionGroups(ctx, p.ProductID)
		must(err)
		check("permission group", mapList(groups, func(x configcat.PermissionGroup) string { return x.Name }))
		hooks, err := c.Webhooks(ctx, p.ProductID)
		must(err)
		check("webhook", mapList(hooks, func(x configcat.Webhook) string {
			return x.Config.ConfigID + " " + x.Environment.EnvironmentID + " " + x.HTTPMethod + " " + x.URL
		}))
		configs, err := c.Configs(ctx, p.ProductID)
		must(err)
		check("config", mapList(configs, func(x configcat.ConfigModel) string { return x.Name }))
		for _, cfg := range configs {
			settings, err := c.Settings(ctx, cfg.ConfigID)
			must(err)
			check("flag", mapList(settings, func(x configcat.Setting) string { return cfg.Name + "/" + x.Key }))
			for _, s := range settings {
				check("variation", mapList(s.PredefinedVariations, func(v configcat.PredefinedVariation) string {
					return s.Key + "=" + fmt.Sprint(configcat.VariationsFromWire([]configcat.PredefinedVariation{v}, spec.FlagType(s.SettingType))[0].Value)
				}))
			}
		}
	}
	if len(dups) > 0 {
		e.t.Fatalf("duplicates: %v", dups)
	}
}

func mapList[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// applyUntilDone applies desired until a run succeeds (at most tries runs) and returns the number of runs.
func (e *testEnv) applyUntilDone(desired *spec.State, tries int) int {
	e.t.Helper()
	for run := 1; run <= tries; run++ {
		res, _ := e.apply(context.Background(), desired, applier.Options{})
		if res.Err == nil {
			return run
		}
		e.t.Logf("run %d: %v (applied %d, failed %d, pending %d)", run, res.Err, len(res.Applied), len(res.Failed), len(res.Pending))
	}
	e.t.Fatalf("no successful run in %d", tries)
	return tries
}

// TestFaults applies a random change under a 10% fault rate (429s, 5xx, slow answers, connections dropped
// before and after the write was committed), for 20 seeds: the end state must equal the desired one, with no
// duplicates and nothing else changed.
func TestFaults(t *testing.T) {
	seeds := 20
	if testing.Short() {
		seeds = 5
	}
	for seed := range seeds {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			e := newTestEnv(t)
			e.converge(withBystander(randomStep(uint64(100+seed), 0)))
			before := e.bystanderState()

			desired := randomStep(uint64(100+seed), 1)
			statsBefore := e.client.Stats()
			e.emu.SetFaultRate(0.1, int64(seed))
			runs := e.applyUntilDone(desired, 3)
			e.emu.SetFaultRate(0, 0)
			calls, attempts := 0, 0
			for k, s := range e.client.Stats() {
				calls += s.Calls - statsBefore[k].Calls
				attempts += s.Attempts - statsBefore[k].Attempts
			}
			if attempts <= calls {
				t.Fatalf("%d attempts for %d calls: no fault was injected", attempts, calls)
			}

			e.expectConverged(desired)
			e.expectNoDuplicates()
			if diff := cmp.Diff(before, e.bystanderState()); diff != "" {
				t.Fatalf("the bystander product changed (-before +after):\n%s", diff)
			}
			t.Logf("converged in %d run(s), %d calls, %d attempts", runs, calls, attempts)
		})
	}
}

// killAfter is a RoundTripper that lets k writes (non-GET requests) through and then fails every request,
// like a process killed in the middle of a run: the k-th write reaches the server, its answer is lost.
type killAfter struct {
	next   http.RoundTripper
	k      int32
	writes atomic.Int32
	mu     sync.Mutex
	dead   bool
}

var errKilled = errors.New("killed")

func (r *killAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	dead := r.dead
	r.mu.Unlock()
	if dead {
		return nil, errKilled
	}
	if req.Method == http.MethodGet {
		return r.next.RoundTrip(req)
	}
	n := r.writes.Add(1)
	resp, err := r.next.RoundTrip(req)
	if n >= r.k {
		r.mu.Lock()
		r.dead = true
		r.mu.Unlock()
		if resp != nil {
			resp.Body.Close()
		}
		return nil, errKilled
	}
	return resp, err
}

// TestKilledHalfWay kills an apply after k writes (the k-th committed, its answer lost) and runs it again
// with a fresh client, like a new process: the second run must converge with no duplicates.
func TestKilledHalfWay(t *testing.T) {
	for _, k := range []int32{1, 2, 3, 5, 8, 13, 21, 34} {
		t.Run(fmt.Sprintf("after%d", k), func(t *testing.T) {
			dying := newTestEnv(t)
			dying.client = mustClient(t, dying.url, &killAfter{next: http.DefaultTransport, k: k})
			desired := withBystander(randomStep(7, 0))
			res, p := dying.apply(context.Background(), desired, applier.Options{})
			if res.Err == nil {
				t.Fatalf("the run survived %d writes of %d changes", k, len(p.Changes))
			}
			if len(res.Applied)+len(res.Failed)+len(res.Pending) != len(p.Changes) {
				t.Fatal("the result does not account for every change")
			}

			// every request the dying client sent was answered before it died: nothing lands later
			again := &testEnv{t: t, emu: dying.emu, url: dying.url, client: mustClient(t, dying.url, nil), env: dying.env}
			again.converge(desired)
			again.expectNoDuplicates()
		})
	}
}

// TestCancelledHalfWay cancels the context of an apply once k changes finished and runs it again at once:
// the changes running at the cancellation finish (Apply does not interrupt them), so nothing lands after the
// second run read the account.
func TestCancelledHalfWay(t *testing.T) {
	for _, k := range []int{1, 4, 9, 16} {
		t.Run(fmt.Sprintf("after%d", k), func(t *testing.T) {
			e := newTestEnv(t)
			desired := withBystander(randomStep(11, 0))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := 0
			res, p := e.apply(ctx, desired, applier.Options{Parallelism: 4, Progress: func(ev applier.Event) {
				if ev.Kind == applier.ChangeDone {
					if done++; done == k {
						cancel()
					}
				}
			}})
			if !errors.Is(res.Err, context.Canceled) {
				t.Fatalf("Err = %v, want cancelled (plan of %d changes)", res.Err, len(p.Changes))
			}
			if len(res.Applied) < k || len(res.Failed) != 0 || len(res.Pending) == 0 {
				t.Fatalf("applied %d, failed %d, pending %d of %d; want at least %d applied, none failed, some pending",
					len(res.Applied), len(res.Failed), len(res.Pending), len(p.Changes), k)
			}
			e.converge(desired)
			e.expectNoDuplicates()
		})
	}
}

func mustClient(t *testing.T, url string, rt http.RoundTripper) *configcat.Client {
	t.Helper()
	cfg := configcat.Config{BaseURL: url, User: testUser, Pass: testPass, PerSecond: -1, PerMinute: -1, MaxAttempts: 3,
		Clock: configcattest.NewClock()}
	if rt != nil {
		cfg.HTTPClient = &http.Client{Transport: rt}
	}
	c, err := configcat.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
