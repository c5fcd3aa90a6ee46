package applier

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// stallExec reports each change's call admitted as soon as the change starts, as the client does when its
// pacing lets the call go, and then holds the changes named in stall until the test lets them answer: a
// request stalled between the pacer and the server (issue 14).
type stallExec struct {
	mu     sync.Mutex
	events []string // "start X", "end X" in the order they happened
	stall  map[string]chan struct{}
	// admitLate holds the admission of the named change until its channel is closed.
	admitLate map[string]chan struct{}
	fail      map[string]error
}

func (f *stallExec) record(e string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, e)
}

func (f *stallExec) Execute(ctx context.Context, c planner.Change) error {
	id := c.Address.String()
	f.record("start " + id)
	if ch, ok := f.admitLate[id]; ok {
		<-ch
	}
	configcat.ReportAdmitted(ctx)
	if ch, ok := f.stall[id]; ok {
		<-ch
	}
	f.record("end " + id)
	return f.fail[id]
}

func (f *stallExec) Calls(c planner.Change) []string {
	return []string{string(c.Op) + " /" + string(c.Kind)}
}

// index returns where e happened, or -1.
func (f *stallExec) index(e string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Index(f.events, e)
}

func valuesOf(config string) planner.Change {
	return planner.Change{Op: planner.Update, Kind: planner.KindValues, Address: planner.Address{Product: "P", Config: config, Environment: "Prod"}}
}

func flagDelete(config, key string) planner.Change {
	return planner.Change{Op: planner.Delete, Kind: planner.KindFlag, Address: planner.Address{Product: "P", Config: config, Flag: key}}
}

func segmentDelete(name string) planner.Change {
	return planner.Change{Op: planner.Delete, Kind: planner.KindSegment, Address: planner.Address{Product: "P", Name: name}}
}

// waitFor polls until cond holds, failing the test after a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestStalledChangeHoldsBackOnlyItsConfig: the values write of config A stalls after its call was admitted.
// The next stage's deletes of config B run and finish meanwhile; the delete of config A waits for it (its
// values might have referred to the deleted flag). With stages waiting for each other's every answer, B's
// delete waited for A's stall too: in the apply benchmark that wait was where all the stall cost went.
func TestStalledChangeHoldsBackOnlyItsConfig(t *testing.T) {
	a, b := valuesOf("A"), valuesOf("B")
	delA, delB := flagDelete("A", "x"), flagDelete("B", "y")
	p := &planner.Plan{Changes: []planner.Change{a, b, delA, delB}}
	unstall := make(chan struct{})
	f := &stallExec{stall: map[string]chan struct{}{a.Address.String(): unstall}}
	done := make(chan *Result)
	go func() { done <- Apply(context.Background(), f, p, Options{Parallelism: 4}) }()
	waitFor(t, "config B's delete to finish while A's values stall", func() bool {
		return f.index("end "+delB.Address.String()) >= 0
	})
	if i := f.index("start " + delA.Address.String()); i >= 0 {
		t.Errorf("config A's delete started while A's values write was still under way: %v", f.events)
	}
	close(unstall)
	res := <-done
	if res.Err != nil || len(res.Applied) != 4 {
		t.Fatalf("err %v, %d applied", res.Err, len(res.Applied))
	}
	if f.index("start "+delA.Address.String()) < f.index("end "+a.Address.String()) {
		t.Errorf("config A's delete started before A's values write ended: %v", f.events)
	}
}

// TestSharedObjectsWaitForEveryAnswer: a segment delete may depend on any flag's values, so it waits for a
// stalled values write of any config.
func TestSharedObjectsWaitForEveryAnswer(t *testing.T) {
	a, b := valuesOf("A"), valuesOf("B")
	seg := segmentDelete("Staff")
	p := &planner.Plan{Changes: []planner.Change{a, b, seg}}
	unstall := make(chan struct{})
	f := &stallExec{stall: map[string]chan struct{}{a.Address.String(): unstall}}
	done := make(chan *Result)
	go func() { done <- Apply(context.Background(), f, p, Options{Parallelism: 4}) }()
	waitFor(t, "config B's values", func() bool { return f.index("end "+b.Address.String()) >= 0 })
	time.Sleep(20 * time.Millisecond) // room for a wrong start
	close(unstall)
	if res := <-done; res.Err != nil {
		t.Fatal(res.Err)
	}
	if f.index("start "+seg.Address.String()) < f.index("end "+a.Address.String()) {
		t.Errorf("the segment delete started before a values write ended: %v", f.events)
	}
}

// TestNextStageWaitsForAdmission: a change of the next stage starts only when every call of the stage before
// it was admitted, so that no call of a stage goes before one of an earlier stage (the order the least time
// of EstimateBudget assumes).
func TestNextStageWaitsForAdmission(t *testing.T) {
	a, b := valuesOf("A"), valuesOf("B")
	delB := flagDelete("B", "y")
	p := &planner.Plan{Changes: []planner.Change{a, b, delB}}
	admit := make(chan struct{})
	f := &stallExec{admitLate: map[string]chan struct{}{a.Address.String(): admit}}
	done := make(chan *Result)
	go func() { done <- Apply(context.Background(), f, p, Options{Parallelism: 4}) }()
	waitFor(t, "config B's values", func() bool { return f.index("end "+b.Address.String()) >= 0 })
	time.Sleep(20 * time.Millisecond) // room for a wrong start
	if i := f.index("start " + delB.Address.String()); i >= 0 {
		t.Errorf("the next stage started while a call of the stage before waited for the pacer: %v", f.events)
	}
	close(admit)
	if res := <-done; res.Err != nil {
		t.Fatal(res.Err)
	}
}

// TestFailureWhileStagesOverlap: a stalled change that fails after the next stage started stops the run;
// the result says exactly what ran.
func TestFailureWhileStagesOverlap(t *testing.T) {
	a, b := valuesOf("A"), valuesOf("B")
	delA, delB, delB2 := flagDelete("A", "x"), flagDelete("B", "y"), flagDelete("B", "z")
	seg := segmentDelete("Staff")
	p := &planner.Plan{Changes: []planner.Change{a, b, delA, delB, delB2, seg}}
	unstall := make(chan struct{})
	boom := errors.New("boom")
	f := &stallExec{stall: map[string]chan struct{}{a.Address.String(): unstall}, fail: map[string]error{a.Address.String(): boom}}
	done := make(chan *Result)
	go func() { done <- Apply(context.Background(), f, p, Options{Parallelism: 4}) }()
	waitFor(t, "config B's deletes", func() bool {
		return f.index("end "+delB.Address.String()) >= 0 && f.index("end "+delB2.Address.String()) >= 0
	})
	close(unstall)
	res := <-done
	if !errors.Is(res.Err, boom) {
		t.Fatalf("Err = %v, want boom", res.Err)
	}
	addrs := func(cs []planner.Change) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Address.String())
		}
		return out
	}
	want := []string{b.Address.String(), delB.Address.String(), delB2.Address.String()}
	if got := addrs(res.Applied); !slices.Equal(got, want) {
		t.Errorf("applied %v, want %v", got, want)
	}
	if got := addrs(res.Failed); !slices.Equal(got, []string{a.Address.String()}) {
		t.Errorf("failed %v, want A's values", got)
	}
	if got := addrs(res.Pending); !slices.Equal(got, []string{delA.Address.String(), seg.Address.String()}) {
		t.Errorf("pending %v, want A's delete and the segment's", got)
	}
}
