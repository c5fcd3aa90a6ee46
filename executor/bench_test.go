package executor

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/longbench"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// benchState is products × configs × environments × flags, every flag with a targeting rule (a user
// condition, or a segment) in every environment.
func benchState(products, configs, envs, flags int) *spec.State {
	return spectest.AccountOf(products, configs, envs, flags, benchFlag)
}

// benchFlag is the f-th flag of a benchState config.
func benchFlag(f int, envs []*spec.Environment) *spec.Flag {
	flag := &spec.Flag{Key: fmt.Sprintf("flag%04d", f), Type: spec.TypeBoolean, Hint: "bench",
		Values: map[string]*spec.EnvValue{}}
	for _, env := range envs {
		flag.Values[env.Name] = &spec.EnvValue{Default: spec.BoolValue(f%2 == 0),
			Rules: []*spec.Rule{{If: []*spec.Condition{spectest.AccountCondition(f)}, Serve: spec.BoolValue(f%2 != 0).Ptr()}}}
	}
	return flag
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
// clock. It runs for minutes, so only when asked:
//
//	FLAGSYNC_LONG_BENCH=1 go test ./executor -run '^$' -bench Apply -benchtime 1x -timeout 60m
//
// Pacing variants: "client" is the client's default (sliding windows per endpoint, 8 changes in flight);
// "client-stalls" is the same with one request in 50 stalled 0.5–2 s between its release by the pacer and
// the server, as under CPU contention (issue 14); "headers" paces only by the rate-limit headers the server
// sends (no client-side windows), with 8 changes in flight, and "headers-serial" with one. Besides the wall
// time, the least time the limits allow and their ratio, it reports the 429s and the most requests of one
// endpoint that reached the server in any sliding second and minute, and logs when each stage started and
// ended and, with stalls, when each stall began and how long it held its request: a stall whose request ends
// after the rest of its stage shows as the stage's end.
func BenchmarkApply(b *testing.B) {
	longbench.Require(b)
	for _, pacing := range []string{"client", "client-stalls", "headers", "headers-serial"} {
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
// the real limits and reports calls, 429s, the busiest server windows and the ratio to the least time the
// limits allow.
func benchOnce(b *testing.B, pacing string, start, desired *spec.State) {
	b.StopTimer()
	emu := emulator.New(emulator.Options{User: testUser, Pass: testPass, RateLimit: emulator.RateLimit{Off: true}})
	arrivals := &arrivalLog{times: map[string][]time.Time{}}
	srv := httptest.NewServer(arrivals.wrap(emu))
	defer srv.Close()
	cfg := configcat.Config{BaseURL: srv.URL, User: testUser, Pass: testPass}
	parallel := 0
	var stalls *stallingTransport
	switch pacing {
	case "client-stalls":
		stalls = &stallingTransport{next: http.DefaultTransport, every: 50, least: 500 * time.Millisecond, most: 2 * time.Second}
		cfg.HTTPClient = &http.Client{Transport: stalls}
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
	arrivals.reset()

	stages := &stageLog{}
	b.StartTimer()
	t0 := time.Now()
	stalls.reset(t0)
	res := applier.Apply(ctx, ex, p, applier.Options{Parallelism: parallel, Progress: stages.record})
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
	perSecond, perMinute := arrivals.busiest(time.Second), arrivals.busiest(time.Minute)
	b.Logf("%d changes, %d calls in %s, least time %s, ratio %.2f, %d 429s, busiest second %d, minute %d:",
		len(p.Changes), calls, wall.Round(time.Millisecond), budget.MinDuration, ratio, limited, perSecond, perMinute)
	for _, l := range lines {
		b.Log(l)
	}
	for _, l := range stages.lines(t0) {
		b.Log(l)
	}
	if l := stalls.line(); l != "" {
		b.Log(l)
	}
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(budget.MinDuration.Seconds(), "least-s")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(float64(limited), "429s")
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(perSecond), "max/s")
	b.ReportMetric(float64(perMinute), "max/min")
}

// stallingTransport holds every every-th request for a random time between least and most before sending it,
// as a client starved of CPU does between the pacer's release and the wire.
type stallingTransport struct {
	next        http.RoundTripper
	every       int64
	least, most time.Duration
	n           atomic.Int64

	mu     sync.Mutex
	t0     time.Time
	stalls []string // "DELETE at 14.307s for 1.066s"
}

func (t *stallingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if t.n.Add(1)%t.every == 0 {
		at, d := time.Now(), t.least+rand.N(t.most-t.least)
		time.Sleep(d)
		t.mu.Lock()
		t.stalls = append(t.stalls, fmt.Sprintf("%s at %s for %s", r.Method, at.Sub(t.t0).Round(time.Millisecond), d.Round(time.Millisecond)))
		t.mu.Unlock()
	}
	return t.next.RoundTrip(r)
}

// reset forgets the stalls so far; the times of later ones are taken from t0. A nil t does nothing.
func (t *stallingTransport) reset(t0 time.Time) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.t0, t.stalls = t0, nil
}

// line describes the stalls since reset in one line (benchmark logs keep 10), "" for a nil t.
func (t *stallingTransport) line() string {
	if t == nil {
		return ""
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return "stalled: " + strings.Join(t.stalls, ", ")
}

// stageLog records when each stage of an apply started and ended, to show which stage a stall held back.
type stageLog struct {
	mu    sync.Mutex
	times map[int][2]time.Time
	names map[int]string
}

func (l *stageLog) record(e applier.Event) {
	if e.Kind != applier.StageStarted && e.Kind != applier.StageDone {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.times == nil {
		l.times, l.names = map[int][2]time.Time{}, map[int]string{}
	}
	t := l.times[e.Stage]
	if e.Kind == applier.StageStarted {
		t[0] = time.Now()
		l.names[e.Stage] = fmt.Sprintf("%s %s", e.Op, e.ChangeKind.Count(e.Size))
	} else {
		t[1] = time.Now()
	}
	l.times[e.Stage] = t
}

// lines reads "stage 3, delete 96 flags: 9.441s to 13.547s" for each stage, times from t0.
func (l *stageLog) lines(t0 time.Time) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for i := range len(l.times) {
		t := l.times[i]
		out = append(out, fmt.Sprintf("stage %d, %s: %s to %s", i, l.names[i], t[0].Sub(t0).Round(time.Millisecond), t[1].Sub(t0).Round(time.Millisecond)))
	}
	return out
}

// arrivalLog records when each request reached the server, per method and path with its IDs blanked out
// (the emulator's endpoint templates).
type arrivalLog struct {
	mu    sync.Mutex
	times map[string][]time.Time
}

// pathID matches the UUIDs and numbers in a path.
var pathID = regexp.MustCompile(`/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+)(/|$)`)

func (l *arrivalLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + pathID.ReplaceAllString(pathID.ReplaceAllString(r.URL.Path, "/{id}$2"), "/{id}$2")
		l.mu.Lock()
		l.times[key] = append(l.times[key], time.Now())
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *arrivalLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.times = map[string][]time.Time{}
}

// busiest returns the most requests of one endpoint that arrived within any window of length w.
func (l *arrivalLog) busiest(w time.Duration) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	most := 0
	for _, times := range l.times {
		j := 0
		for i := range times {
			for times[i].Sub(times[j]) >= w {
				j++
			}
			most = max(most, i-j+1)
		}
	}
	return most
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
