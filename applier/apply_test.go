package applier

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/flagsync/flagsync/planner"
)

// fakeExec records what runs when, and fails the changes named in fail.
type fakeExec struct {
	mu       sync.Mutex
	running  int
	maxRun   int
	started  []string
	finished map[string]int // address → order of finishing
	before   map[string]int // address → changes finished when it started
	seq      int
	fail     map[string]error
	hold     time.Duration // how long each change runs
	onStart  func(n int)   // called with the number of changes started so far
}

func newFakeExec() *fakeExec {
	return &fakeExec{finished: map[string]int{}, before: map[string]int{}, fail: map[string]error{}}
}

func (f *fakeExec) Execute(ctx context.Context, c planner.Change) error {
	id := c.Address.String()
	f.mu.Lock()
	f.running++
	f.maxRun = max(f.maxRun, f.running)
	f.started = append(f.started, id)
	f.before[id] = f.seq
	n := len(f.started)
	f.mu.Unlock()
	if f.onStart != nil {
		f.onStart(n)
	}
	var err error
	select {
	case <-time.After(f.hold):
	case <-ctx.Done():
		err = ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.running--
	f.seq++
	f.finished[id] = f.seq
	if err != nil {
		return err
	}
	return f.fail[id]
}

func (f *fakeExec) Calls(c planner.Change) []string {
	return []string{fmt.Sprintf("%s /%s", c.Op, c.Kind)}
}

func change(op planner.Op, kind planner.Kind, name string) planner.Change {
	return planner.Change{Op: op, Kind: kind, Address: planner.Address{Product: "P", Config: "C", Name: name}}
}

// plan builds a plan of n changes per (op, kind) in the given order.
func plan(n int, kinds ...planner.Kind) *planner.Plan {
	p := &planner.Plan{Version: planner.SchemaVersion}
	for _, k := range kinds {
		for i := range n {
			p.Changes = append(p.Changes, change(planner.Create, k, fmt.Sprintf("%s%d", k, i)))
		}
	}
	return p
}

func TestApplyRunsStagesInOrderAndChangesInParallel(t *testing.T) {
	p := plan(12, planner.KindEnvironment, planner.KindConfig, planner.KindFlag)
	f := newFakeExec()
	f.hold = 5 * time.Millisecond
	res := Apply(context.Background(), f, p, Options{Parallelism: 4})
	if res.Err != nil || len(res.Applied) != 36 || len(res.Failed)+len(res.Pending) != 0 {
		t.Fatalf("result: err %v, %d applied, %d failed, %d pending", res.Err, len(res.Applied), len(res.Failed), len(res.Pending))
	}
	if f.maxRun > 4 {
		t.Errorf("%d changes ran at once, limit 4", f.maxRun)
	}
	if f.maxRun < 2 {
		t.Errorf("changes of a stage never ran in parallel")
	}
	// every change of a kind finishes before any change of the next kind starts
	for i, c := range p.Changes {
		earlier := i / 12 * 12
		if id := c.Address.String(); f.before[id] < earlier {
			t.Fatalf("%s started when %d changes had finished, %d of earlier kinds", id, f.before[id], earlier)
		}
	}
	for i, c := range res.Applied {
		if c.Address != p.Changes[i].Address {
			t.Fatalf("Applied is not in plan order at %d", i)
		}
	}
}

func TestApplyStopsAtFirstFailure(t *testing.T) {
	p := plan(10, planner.KindTag, planner.KindSegment)
	f := newFakeExec()
	f.hold = 2 * time.Millisecond
	boom := errors.New("boom")
	f.fail[p.Changes[3].Address.String()] = boom
	res := Apply(context.Background(), f, p, Options{Parallelism: 3})
	if !errors.Is(res.Err, boom) {
		t.Fatalf("Err = %v, want boom", res.Err)
	}
	want := `could not create tag "tag3" of product "P": boom`
	if res.Err.Error() != want {
		t.Errorf("Err = %q, want %q", res.Err, want)
	}
	if len(res.Failed) != 1 || res.Failed[0].Address != p.Changes[3].Address {
		t.Fatalf("Failed = %v, want tag3 only", res.Failed)
	}
	// exactly the changes that ran and succeeded are applied; the rest, segments included, are pending
	started := map[string]bool{}
	for _, id := range f.started {
		started[id] = true
	}
	for _, c := range res.Applied {
		if !started[c.Address.String()] || c.Kind != planner.KindTag {
			t.Errorf("%s reported applied but did not run in the first stage", c.Address)
		}
	}
	for _, c := range res.Pending {
		if started[c.Address.String()] {
			t.Errorf("%s ran but is reported pending", c.Address)
		}
	}
	if n := len(res.Applied) + len(res.Failed) + len(res.Pending); n != len(p.Changes) {
		t.Fatalf("%d changes accounted for, plan has %d", n, len(p.Changes))
	}
	if len(res.Applied) != len(f.started)-1 {
		t.Errorf("%d started, %d applied + 1 failed", len(f.started), len(res.Applied))
	}
	if len(res.Pending) < 10 {
		t.Errorf("only %d pending: the next stage must not start after a failure", len(res.Pending))
	}
}

func TestApplyCancelled(t *testing.T) {
	p := plan(20, planner.KindFlag)
	f := newFakeExec()
	f.hold = time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.onStart = func(n int) {
		if n == 5 {
			cancel()
		}
	}
	res := Apply(ctx, f, p, Options{Parallelism: 3})
	if !errors.Is(res.Err, context.Canceled) {
		t.Fatalf("Err = %v, want context.Canceled", res.Err)
	}
	// the changes running when the context was cancelled finish; no other starts
	if len(res.Applied) != len(f.started) || len(res.Failed) != 0 || len(res.Pending) != 20-len(f.started) {
		t.Fatalf("%d started; applied %d, failed %d, pending %d", len(f.started), len(res.Applied), len(res.Failed), len(res.Pending))
	}
	if len(f.started) < 5 || len(f.started) > 7 {
		t.Fatalf("%d changes started; want the 5th and those running with it", len(f.started))
	}
}

func TestApplyProgress(t *testing.T) {
	p := plan(5, planner.KindEnvironment, planner.KindConfig)
	f := newFakeExec()
	var events []Event
	inCallback := false
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	clock := func() time.Time {
		clockMu.Lock()
		defer clockMu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	res := Apply(context.Background(), f, p, Options{Parallelism: 3, Now: clock, Progress: func(e Event) {
		if inCallback {
			t.Error("progress callback called concurrently")
		}
		inCallback = true
		events = append(events, e)
		inCallback = false
	}})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	var kinds []EventKind
	for _, e := range events {
		if e.Kind != ChangeDone {
			kinds = append(kinds, e.Kind)
		}
	}
	want := []EventKind{StageStarted, StageDone, StageStarted, StageDone, Finished}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Fatalf("event kinds %v, want %v", kinds, want)
	}
	last := events[len(events)-1]
	if last.Done != 10 || last.Total != 10 || last.CallsDone != 10 || last.CallsTotal != 10 {
		t.Errorf("final totals %+v", last)
	}
	if events[0].Size != 5 || events[0].ChangeKind != planner.KindEnvironment || events[0].Stages != 2 {
		t.Errorf("first stage event %+v", events[0])
	}
	sawETA := false
	for _, e := range events {
		if e.Kind == ChangeDone && e.Done > 0 && e.Done < e.Total && e.ETA > 0 {
			sawETA = true
		}
	}
	if !sawETA {
		t.Error("no ETA while changes were left")
	}
}

func TestStages(t *testing.T) {
	flagDel := func(config, key string) planner.Change {
		return planner.Change{Op: planner.Delete, Kind: planner.KindFlag, Address: planner.Address{Product: "P", Config: config, Flag: key}}
	}
	variation := func(op planner.Op, key, value string) planner.Change {
		return planner.Change{Op: op, Kind: planner.KindVariation, Address: planner.Address{Product: "P", Config: "C", Flag: key, Name: value}}
	}
	typeDel := flagDel("C", "t")
	typeDel.Reason = planner.ReasonTypeChanged
	typeCreate := planner.Change{Op: planner.Create, Kind: planner.KindFlag, Address: typeDel.Address, Reason: planner.ReasonTypeChanged}
	prerequisite := flagDel("C", "y") // a prerequisite of x: deleted after it
	prerequisite.Level = 1
	p := &planner.Plan{Changes: []planner.Change{
		typeDel, typeCreate,
		variation(planner.Create, "a", "1"), variation(planner.Create, "a", "2"), variation(planner.Create, "b", "1"),
		flagDel("C", "x"), flagDel("D", "z"), prerequisite,
	}}
	got := Stages(p)
	want := []struct {
		op     planner.Op
		kind   planner.Kind
		groups string
	}{
		{OpReplace, planner.KindFlag, "[[0]]"},
		{planner.Create, planner.KindFlag, "[[1]]"},
		{planner.Create, planner.KindVariation, "[[2 3] [4]]"},
		{planner.Delete, planner.KindFlag, "[[5] [6]]"},
		{planner.Delete, planner.KindFlag, "[[7]]"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d stages, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Op != w.op || got[i].Kind != w.kind || fmt.Sprint(got[i].Groups) != w.groups {
			t.Errorf("stage %d: %s %s %v, want %s %s %s", i, got[i].Op, got[i].Kind, got[i].Groups, w.op, w.kind, w.groups)
		}
	}
}
