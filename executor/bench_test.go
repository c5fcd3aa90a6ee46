package executor

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// benchState is products × configs × environments × flags, every flag with a targeting rule (a user
// condition, or a segment) in every environment.
func benchState(products, configs, envs, flags int) *spec.State {
	s := &spec.State{}
	for p := range products {
		prod := &spec.Product{Name: fmt.Sprintf("Product %d", p),
			Segments: []*spec.Segment{{Name: "Staff", Attribute: "Email", Comparator: "contains", Value: "@acme.com"}}}
		for e := range envs {
			prod.Environments = append(prod.Environments, &spec.Environment{Name: fmt.Sprintf("Env %d", e)})
		}
		for c := range configs {
			cfg := &spec.Config{Name: fmt.Sprintf("Config %d", c), EvaluationVersion: spec.EvaluationV2}
			for f := range flags {
				flag := &spec.Flag{Key: fmt.Sprintf("flag%04d", f), Type: spec.TypeBoolean, Hint: "bench",
					Values: map[string]*spec.EnvValue{}}
				for _, env := range prod.Environments {
					cond := &spec.Condition{Attribute: "Email", Comparator: "textEndsWithAnyOf",
						Values: []spec.ListItem{{Value: "@" + strconv.Itoa(f) + ".example.com"}}}
					if f%5 == 0 {
						cond = &spec.Condition{Segment: "Staff"}
					}
					flag.Values[env.Name] = &spec.EnvValue{Default: spec.BoolValue(f%2 == 0),
						Rules: []*spec.Rule{{If: []*spec.Condition{cond}, Serve: spec.BoolValue(f%2 != 0).Ptr()}}}
				}
				cfg.Flags = append(cfg.Flags, flag)
			}
			prod.Configs = append(prod.Configs, cfg)
		}
		s.Products = append(s.Products, prod)
	}
	spec.Normalize(s)
	return s
}

// tenPercent changes 10% of the flags of s in place: a tenth of those get new rules, a tenth a new hint, a
// twentieth are deleted and as many new ones created.
func tenPercent(s *spec.State) {
	for _, p := range s.Products {
		for _, c := range p.Configs {
			var kept []*spec.Flag
			n := len(c.Flags)
			for i, f := range c.Flags {
				switch i % 10 {
				case 1:
					if (i/10)%3 == 0 {
						for _, ev := range f.Values {
							ev.Rules[0].Serve = spec.BoolValue(!ev.Rules[0].Serve.Any().(bool)).Ptr()
						}
					} else if (i/10)%3 == 1 {
						f.Hint = "bench, changed"
					} else {
						continue // deleted
					}
				}
				kept = append(kept, f)
			}
			for i := range n - len(kept) {
				f := &spec.Flag{Key: fmt.Sprintf("newFlag%04d", i), Type: spec.TypeString, Values: map[string]*spec.EnvValue{}}
				for _, env := range p.Environments {
					f.Values[env.Name] = &spec.EnvValue{Default: spec.StringValue("off"), Rules: []*spec.Rule{{
						If:    []*spec.Condition{{Segment: "Staff"}},
						Serve: spec.StringValue("on").Ptr()}}}
				}
				kept = append(kept, f)
			}
			c.Flags = kept
		}
	}
	spec.Normalize(s)
}

// BenchmarkApply applies 3 products × 2 configs × 3 environments × 500 flags with rules from empty, then a
// 10% change, against the emulator with ConfigCat's limits (20/s and 500/min per endpoint) and the real
// clock. It runs for minutes: go test ./executor -run '^$' -bench Apply -benchtime 1x -timeout 30m.
// Pacing variants: "client" is the client's default (sliding windows per endpoint, 8 changes in flight);
// "headers" paces only by the rate-limit headers the server sends (no client-side windows), with 8 changes
// in flight, and "headers-serial" with one.
func BenchmarkApply(b *testing.B) {
	for _, pacing := range []string{"client", "headers", "headers-serial"} {
		b.Run("ten-percent/"+pacing, func(b *testing.B) {
			for range b.N {
				before := benchState(3, 2, 3, 500)
				after := benchState(3, 2, 3, 500)
				tenPercent(after)
				benchOnce(b, pacing, before, after)
			}
		})
		b.Run("from-empty/"+pacing, func(b *testing.B) {
			for range b.N {
				benchOnce(b, pacing, nil, benchState(3, 2, 3, 500))
			}
		})
	}
}

// benchOnce sets up an emulator holding start (written without limits), then times applying desired under
// the real limits and reports calls, 429s and the ratio to the least time the limits allow.
func benchOnce(b *testing.B, pacing string, start, desired *spec.State) {
	b.StopTimer()
	emu := emulator.New(emulator.Options{User: testUser, Pass: testPass, RateLimit: emulator.RateLimit{Off: true}})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	cfg := configcat.Config{BaseURL: srv.URL, User: testUser, Pass: testPass}
	parallel := 0
	switch pacing {
	case "headers":
		cfg.PerSecond, cfg.PerMinute = -1, -1
	case "headers-serial":
		cfg.PerSecond, cfg.PerMinute = -1, -1
		parallel = 1
	}
	ctx := context.Background()
	if start != nil {
		setup, err := configcat.New(configcat.Config{BaseURL: srv.URL, User: testUser, Pass: testPass, PerSecond: -1, PerMinute: -1})
		if err != nil {
			b.Fatal(err)
		}
		if err := applyWith(ctx, setup, start); err != nil {
			b.Fatal(err)
		}
	}
	client, err := configcat.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	emu.SetRateLimit(emulator.RateLimit{})
	cur, remote, err := client.Fetch(ctx, configcat.FetchOptions{})
	if err != nil {
		b.Fatal(err)
	}
	p, err := planner.Build(cur, desired, planner.Options{Force: true})
	if err != nil {
		b.Fatal(err)
	}
	ex := New(client, remote, p, Options{Reason: "bench"})
	budget := applier.EstimateBudget(p, ex, applier.DefaultLimits)
	statsBefore := client.Stats()

	b.StartTimer()
	t0 := time.Now()
	res := applier.Apply(ctx, ex, p, applier.Options{Parallelism: parallel})
	wall := time.Since(t0)
	b.StopTimer()
	if res.Err != nil {
		b.Fatal(res.Err)
	}

	calls, limited := 0, 0
	var lines []string
	for k, s := range client.Stats() {
		n := s.Calls - statsBefore[k].Calls
		limited += s.RateLimited - statsBefore[k].RateLimited
		if n > 0 {
			calls += n
			lines = append(lines, fmt.Sprintf("%6d %s", n, k))
		}
	}
	sort.Strings(lines)
	ratio := wall.Seconds() / max(budget.MinDuration.Seconds(), 1)
	b.Logf("%d changes, %d calls in %s, least time %s, ratio %.2f, %d 429s:", len(p.Changes), calls,
		wall.Round(time.Millisecond), budget.MinDuration, ratio, limited)
	for _, l := range lines {
		b.Log(l)
	}
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(budget.MinDuration.Seconds(), "least-s")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(limited), "429s")
	b.ReportMetric(float64(calls), "calls")
}

// applyWith plans and applies desired with client.
func applyWith(ctx context.Context, client *configcat.Client, desired *spec.State) error {
	cur, remote, err := client.Fetch(ctx, configcat.FetchOptions{})
	if err != nil {
		return err
	}
	p, err := planner.Build(cur, desired, planner.Options{Force: true})
	if err != nil {
		return err
	}
	return applier.Apply(ctx, New(client, remote, p, Options{Reason: "setup"}), p, applier.Options{}).Err
}

// TestBenchStates checks the benchmark's states on a small scale: the 10% change converges too.
func TestBenchStates(t *testing.T) {
	e := newTestEnv(t)
	s := benchState(1, 2, 2, 20)
	e.converge(s)
	changed := benchState(1, 2, 2, 20)
	tenPercent(changed)
	p := e.converge(changed)
	if len(p.Changes) == 0 {
		t.Fatal("the 10% change changes nothing")
	}
}
