package applier

import (
	"sync"

	"github.com/flagsync/flagsync/planner"
)

// A stage waits for the one before it, but not for every answer of it. A change of the next stage may start
// once every change of the earlier stages has all its calls admitted by the client's pacing (or has
// finished), and no earlier change still waiting for its answer could be one it depends on: then a request
// that stalls between the pacer and the server (issue 14) holds back only the changes of its own config, not
// the whole next stage. Measured on the executor's apply benchmark with one request in 50 stalled 0.5–2 s,
// whole-stage waits were where all of the stall cost went. Waiting for every admission keeps the calls of
// each stage after those of the stage before, as EstimateBudget's least time assumes.

// scope names what a change can depend on across stages: the flag-level changes of one config (flags, their
// variations, their values without a change request) depend only on earlier changes of the same config,
// since prerequisites and renames stay within a config and everything shared (environments, segments, tags,
// the config itself) is a change of its own kind. ok is false for every other change, which depends on
// everything before it.
func scope(c *planner.Change) (key planner.AddressKey, ok bool) {
	switch {
	case c.Kind == planner.KindFlag, c.Kind == planner.KindVariation,
		c.Kind == planner.KindValues && !c.ChangeRequest:
		return planner.Address{Product: c.Address.Product, Config: c.Address.Config}.Key(), true
	}
	return key, false
}

// mayOverlap reports whether a and b are independent: both flag-level, in different configs.
func mayOverlap(a, b *planner.Change) bool {
	ka, okA := scope(a)
	kb, okB := scope(b)
	return okA && okB && ka != kb
}

// scheduler hands the groups of every stage to the workers in plan order, a stage's groups once the stages
// before it allow them (see above). A change counts as admitted when the executor reported as many admitted
// calls as Calls lists for it, or when it finished.
type scheduler struct {
	plan   *planner.Plan
	stages []Stage
	calls  []int // calls per change

	mu       sync.Mutex
	wake     *sync.Cond
	stageOf  []int   // stage index per change
	pending  [][]int // per stage, the indexes of the groups not started yet, in order
	waiting  []int   // per stage, its changes neither admitted nor finished
	left     []int   // per stage, its changes not finished
	admitted []int   // per change, the admitted calls reported
	released []bool  // per change, admitted or finished
	running  map[int]bool
	stopped  bool
}

func newScheduler(p *planner.Plan, stages []Stage, calls []int) *scheduler {
	s := &scheduler{plan: p, stages: stages, calls: calls, stageOf: make([]int, len(p.Changes)),
		pending: make([][]int, len(stages)), waiting: make([]int, len(stages)), left: make([]int, len(stages)),
		admitted: make([]int, len(p.Changes)),
		released: make([]bool, len(p.Changes)), running: map[int]bool{}}
	s.wake = sync.NewCond(&s.mu)
	for si, st := range stages {
		for gi := range st.Groups {
			s.pending[si] = append(s.pending[si], gi)
		}
		for _, i := range st.Changes {
			s.stageOf[i] = si
		}
		s.waiting[si], s.left[si] = len(st.Changes), len(st.Changes)
	}
	return s
}

// next blocks until a group may start and returns its stage and changes, or ok false when no group will
// start any more (all started, or stop was called). For the first group of a stage, begin is called with the
// stage's index first, holding the scheduler's lock, so that nothing of the stage runs before it returns.
func (s *scheduler) next(begin func(stage int)) (stage int, group []int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		si := s.current()
		if s.stopped || si < 0 {
			return 0, nil, false
		}
		if pos, ok := s.ready(si); ok {
			if !s.started(si) {
				begin(si)
			}
			gi := s.pending[si][pos]
			s.pending[si] = append(s.pending[si][:pos], s.pending[si][pos+1:]...)
			group = s.stages[si].Groups[gi]
			for _, i := range group {
				s.running[i] = true
			}
			return si, group, true
		}
		s.wake.Wait()
	}
}

// started reports whether a group of stage si was handed out; the caller holds s.mu.
func (s *scheduler) started(si int) bool {
	return len(s.pending[si]) < len(s.stages[si].Groups)
}

// current returns the first stage with groups not started, or -1.
func (s *scheduler) current() int {
	for si := range s.stages {
		if len(s.pending[si]) > 0 {
			return si
		}
	}
	return -1
}

// ready returns the position in s.pending[si] of the first group that may start now; the caller holds s.mu.
func (s *scheduler) ready(si int) (int, bool) {
	for earlier := range si {
		if s.waiting[earlier] > 0 {
			return 0, false
		}
	}
	for pos, gi := range s.pending[si] {
		if s.independent(&s.plan.Changes[s.stages[si].Groups[gi][0]], si) {
			return pos, true
		}
	}
	return 0, false
}

// independent reports whether c of stage si depends on no unfinished change of an earlier stage.
func (s *scheduler) independent(c *planner.Change, si int) bool {
	for i := range s.running {
		if s.stageOf[i] < si && !mayOverlap(&s.plan.Changes[i], c) {
			return false
		}
	}
	return true
}

// admit records that the client admitted one call of change i.
func (s *scheduler) admit(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.admitted[i]++
	if s.admitted[i] >= s.calls[i] {
		s.release(i)
	}
}

// release marks change i admitted; the caller holds s.mu.
func (s *scheduler) release(i int) {
	if s.released[i] {
		return
	}
	s.released[i] = true
	s.waiting[s.stageOf[i]]--
	s.wake.Broadcast()
}

// finish records that change i ended and reports whether that finished its stage.
func (s *scheduler) finish(i int) (stageDone bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.release(i)
	delete(s.running, i)
	si := s.stageOf[i]
	s.left[si]--
	s.wake.Broadcast()
	return s.left[si] == 0
}

// stop hands out no more groups; the workers waiting in next return.
func (s *scheduler) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	s.wake.Broadcast()
}

// unfinishedStages returns the stages that started but did not finish, in order.
func (s *scheduler) unfinishedStages() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for si := range s.stages {
		if s.started(si) && s.left[si] > 0 {
			out = append(out, si)
		}
	}
	return out
}
