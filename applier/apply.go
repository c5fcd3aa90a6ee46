// Package applier executes a plan: stage by stage in the plan's order, the independent changes of a stage in
// parallel (bounded), stopping at the first failed change and reporting exactly what was applied, what failed
// and what was not attempted. A stage starts when every call of the stage before it has been admitted by the
// client's pacing; its changes wait for the answers only of the earlier changes they may depend on (see
// scope). It knows nothing of HTTP: an Executor turns each change into API calls.
package applier

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/flagsync/flagsync/configcat"
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
	// Parallelism bounds the changes that run at once; zero means DefaultParallelism.
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
	// StageStarted: a stage begins (Stage, Stages, Op, ChangeKind and Size are set). Stages start in order,
	// but a stage may start before the previous one is done: changes of other configs waiting for their
	// answers do not hold it back.
	StageStarted EventKind = iota
	// ChangeDone: a change finished (Change set; Err set when it failed).
	ChangeDone
	// StageDone: every change of the stage that was started has finished (the stage's fields are set as for
	// StageStarted). Overlapping stages can end out of order.
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

// Apply executes the plan's changes through exec and returns what happened. Execute gets a context made
// with configcat.WithAdmitted: a change whose calls were all admitted lets the next stage start (changes
// that make their calls otherwise keep the whole stage waiting for their end). It stops at the first failed
// change: changes already running finish and are recorded as they end, later ones stay pending. A cancelled
// ctx stops it the same way: no change starts after the cancellation, and the changes already running are
// not interrupted (Execute gets ctx without its cancellation), so that the result is exact and no request
// lands after Apply returned, where a run started next could race it. The result lists changes in plan
// order; Err is the first failure (naming the change), or ctx's error when it was cancelled, or nil.
func Apply(ctx context.Context, exec Executor, p *planner.Plan, opts Options) *Result {
	a := newRun(exec, p, opts)
	a.runStages(ctx)
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
	stages   []Stage
	sched    *scheduler

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
	a.stages = Stages(p)
	a.sched = newScheduler(p, a.stages, a.calls)
	return a
}

// fail records the first error and stops the run; c is the change that failed, or nil for a cancellation.
func (a *run) fail(c *planner.Change, err error) {
	if c != nil {
		err = fmt.Errorf("could not %s %s: %w", c.Op, c.Address.Describe(c.Kind), err)
	} else {
		err = fmt.Errorf("apply interrupted: %w", err)
	}
	a.mu.Lock()
	if a.err == nil {
		a.err = err
	}
	a.mu.Unlock()
	a.sched.stop() // not under a.mu: the scheduler calls emit, which takes a.mu, holding its own lock
}

// runStages runs the groups of every stage on up to a.parallel workers, as the scheduler hands them out, and
// returns when every started change ended.
func (a *run) runStages(ctx context.Context) {
	var wg sync.WaitGroup
	for range a.parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if err := ctx.Err(); err != nil {
					a.fail(nil, err)
					return
				}
				_, g, ok := a.sched.next(a.stageStarted)
				if !ok {
					return
				}
				a.runGroup(ctx, g)
			}
		}()
	}
	wg.Wait()
	// a stopped run leaves stages started but not finished: they end here
	for _, si := range a.sched.unfinishedStages() {
		a.stageDone(si)
	}
}

func (a *run) stageStarted(si int) {
	st := a.stages[si]
	a.emit(Event{Kind: StageStarted, Stage: si, Stages: len(a.stages), Op: st.Op, ChangeKind: st.Kind, Size: len(st.Changes)})
}

func (a *run) stageDone(si int) {
	st := a.stages[si]
	a.emit(Event{Kind: StageDone, Stage: si, Stages: len(a.stages), Op: st.Op, ChangeKind: st.Kind, Size: len(st.Changes)})
}

// runGroup runs a group's changes one after another, until one fails or the run stops.
func (a *run) runGroup(ctx context.Context, g []int) {
	for _, i := range g {
		if a.stopCause(ctx) != nil {
			return
		}
		c := &a.plan.Changes[i]
		err := a.exec.Execute(configcat.WithAdmitted(context.WithoutCancel(ctx), func() { a.sched.admit(i) }), *c)
		if err != nil {
			a.fail(c, err) // before finish lets the changes waiting for this one start
		}
		a.finish(i, err)
		if err != nil {
			return
		}
	}
}

// stopCause returns why no change may start any more, or nil; a cancelled ctx stops the run.
func (a *run) stopCause(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		a.fail(nil, err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
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
	if a.sched.finish(i) {
		a.stageDone(a.sched.stageOf[i])
	}
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
