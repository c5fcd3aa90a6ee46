// Package applier executes a plan: stage by stage in the plan's order, the independent changes of a stage in
// parallel (bounded), stopping at the first failed change and reporting exactly what was applied, what failed
// and what was not attempted. It knows nothing of HTTP: an Executor turns each change into API calls.
package applier

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/flagsync/flagsync/planner"
)

// Result is the outcome of applying a plan: the changes applied, the ones that failed and the ones not tried,
// each in plan order. Err is the first error, or nil.
type Result struct {
	Applied []planner.Change
	Failed  []planner.Change
	Pending []planner.Change
	Err     error
}

// Executor carries out one change of a plan. It must be safe for concurrent use: Apply runs the independent
// changes of a stage at the same time.
type Executor interface {
	// Execute makes the API calls of one change; an error means the change may or may not have happened.
	Execute(ctx context.Context, c planner.Change) error
	// Calls lists the calls Execute makes for c, as "METHOD /template" (one entry per call, in order).
	Calls(c planner.Change) []string
}

// DefaultParallelism bounds the changes in flight when Options.Parallelism is zero. The client paces every
// call within the rate limits, so more changes in flight only queue there.
const DefaultParallelism = 8

// Options tune Apply.
type Options struct {
	// Parallelism bounds the changes of a stage that run at once; zero means DefaultParallelism.
	Parallelism int
	// Progress, when set, receives events, one at a time (never concurrently), in the order they happen.
	Progress func(Event)
	// Now tells the time for elapsed time and ETA; nil means time.Now.
	Now func() time.Time
}

// EventKind tells what an Event reports.
type EventKind int

// Kinds of events.
const (
	// StageStarted: a stage begins (Stage, Stages, Op, ChangeKind and Size are set).
	StageStarted EventKind = iota
	// ChangeDone: a change finished (Change set; Err set when it failed).
	ChangeDone
	// StageDone: every change of the stage that was started has finished (the stage's fields are set as for
	// StageStarted).
	StageDone
	// Finished: Apply is about to return (Err is the result's error).
	Finished
)

// Event is one step of Apply's progress, with running totals for a progress bar.
type Event struct {
	Kind EventKind
	// Stage is the stage's index (from 0) of Stages; Op, ChangeKind and Size describe it.
	Stage, Stages int
	Op            planner.Op
	ChangeKind    planner.Kind
	Size          int
	// Change is the finished change of a ChangeDone event.
	Change *planner.Change
	Err    error
	// Done of Total changes have finished (failed ones included); CallsDone of CallsTotal calls were made.
	Done, Total           int
	CallsDone, CallsTotal int
	// Elapsed is the time since Apply started; ETA estimates the time left from the pace so far (zero until a
	// call finished).
	Elapsed, ETA time.Duration
}

// state of a change during Apply.
const (
	pending = iota
	applied
	failed
)

// Apply executes the plan's changes through exec and returns what happened. It stops at the first failed
// change: changes already running finish and are recorded as they end, later ones stay pending. A cancelled
// ctx stops it the same way: no change starts after the cancellation, and the changes already running are
// not interrupted (Execute gets ctx without its cancellation), so that the result is exact and no request
// lands after Apply returned, where a run started next could race it. The result lists changes in plan
// order; Err is the first failure (naming the change), or ctx's error when it was cancelled, or nil.
func Apply(ctx context.Context, exec Executor, p *planner.Plan, opts Options) *Result {
	a := newRun(exec, p, opts)
	stages := Stages(p)
	for si, st := range stages {
		if a.stopped() {
			break
		}
		if err := ctx.Err(); err != nil {
			a.fail(nil, err)
			break
		}
		a.emit(Event{Kind: StageStarted, Stage: si, Stages: len(stages), Op: st.Op, ChangeKind: st.Kind, Size: len(st.Changes)})
		a.runStage(ctx, st)
		a.emit(Event{Kind: StageDone, Stage: si, Stages: len(stages), Op: st.Op, ChangeKind: st.Kind, Size: len(st.Changes)})
	}
	res := &Result{Err: a.err}
	for i, c := range p.Changes {
		switch a.status[i] {
		case applied:
			res.Applied = append(res.Applied, c)
		case failed:
			res.Failed = append(res.Failed, c)
		default:
			res.Pending = append(res.Pending, c)
		}
	}
	a.emit(Event{Kind: Finished, Err: res.Err})
	return res
}

// run is the state of one Apply.
type run struct {
	exec     Executor
	plan     *planner.Plan
	parallel int
	progress func(Event)
	now      func() time.Time
	start    time.Time
	calls    []int // calls per change

	mu         sync.Mutex
	status     []int
	err        error // the first failure; once set, no change starts
	done       int
	callsDone  int
	callsTotal int
}

func newRun(exec Executor, p *planner.Plan, opts Options) *run {
	a := &run{exec: exec, plan: p, parallel: opts.Parallelism, progress: opts.Progress, now: opts.Now,
		status: make([]int, len(p.Changes)), calls: make([]int, len(p.Changes))}
	if a.parallel <= 0 {
		a.parallel = DefaultParallelism
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.start = a.now()
	for i, c := range p.Changes {
		a.calls[i] = len(exec.Calls(c))
		a.callsTotal += a.calls[i]
	}
	return a
}

func (a *run) stopped() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err != nil
}

// fail records the first error and stops the run; c is the change that failed, or nil for a cancellation.
func (a *run) fail(c *planner.Change, err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return
	}
	if c != nil {
		err = fmt.Errorf("could not %s %s: %w", c.Op, c.Address.Describe(c.Kind), err)
	} else {
		err = fmt.Errorf("apply interrupted: %w", err)
	}
	a.err = err
}

// runStage runs a stage's groups on up to a.parallel workers and returns when every started change ended.
func (a *run) runStage(ctx context.Context, st Stage) {
	groups := make(chan []int)
	var wg sync.WaitGroup
	for range min(a.parallel, len(st.Groups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range groups {
				a.runGroup(ctx, g)
			}
		}()
	}
	for _, g := range st.Groups {
		if a.stopped() {
			break
		}
		groups <- g
	}
	close(groups)
	wg.Wait()
}

// runGroup runs a group's changes one after another, until one fails or the run stops.
func (a *run) runGroup(ctx context.Context, g []int) {
	for _, i := range g {
		if a.stopped() {
			return
		}
		if err := ctx.Err(); err != nil {
			a.fail(nil, err)
			return
		}
		c := &a.plan.Changes[i]
		err := a.exec.Execute(context.WithoutCancel(ctx), *c)
		a.finish(i, err)
		if err != nil {
			a.fail(c, err)
			return
		}
	}
}

// finish records the end of change i and reports it.
func (a *run) finish(i int, err error) {
	a.mu.Lock()
	if err != nil {
		a.status[i] = failed
	} else {
		a.status[i] = applied
	}
	a.done++
	a.callsDone += a.calls[i]
	a.mu.Unlock()
	a.emit(Event{Kind: ChangeDone, Change: &a.plan.Changes[i], Err: err})
}

// emit fills in the totals and hands the event to the progress callback, one event at a time.
func (a *run) emit(e Event) {
	if a.progress == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	e.Done, e.Total = a.done, len(a.plan.Changes)
	e.CallsDone, e.CallsTotal = a.callsDone, a.callsTotal
	e.Elapsed = a.now().Sub(a.start)
	if a.callsDone > 0 && a.callsDone < a.callsTotal {
		e.ETA = time.Duration(float64(e.Elapsed) * float64(a.callsTotal-a.callsDone) / float64(a.callsDone))
	}
	a.progress(e)
}
