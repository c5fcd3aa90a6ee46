package applier

import (
	"time"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// Budget is what applying a plan costs: the calls it makes and the least time they take.
type Budget struct {
	// Calls counts the API calls per "METHOD /template", such as "POST /v1/configs/{configId}/settings".
	Calls map[string]int `json:"calls"`
	// MinDuration is the least time the calls take within ConfigCat's rate limits.
	MinDuration time.Duration `json:"minDuration"`
}

// Total returns the number of API calls.
func (b *Budget) Total() int {
	n := 0
	for _, c := range b.Calls {
		n += c
	}
	return n
}

// Limits are the API's rate limits per endpoint template (method and path template).
type Limits struct {
	PerSecond, PerMinute int
}

// DefaultLimits are ConfigCat's documented limits, the client's defaults: about 20 calls per second and 500 per
// minute per endpoint.
var DefaultLimits = Limits{PerSecond: configcat.DefaultPerSecond, PerMinute: configcat.DefaultPerMinute}

// EstimateBudget counts the calls exec makes for the plan per "METHOD /template" and computes the least time
// the rate limits allow for them, given that a stage starts only when the previous one has finished.
//
// MinDuration assumes calls take no time and that each endpoint template has fixed windows of one second
// (limits.PerSecond calls) and one minute (limits.PerMinute calls), each opened by the first call after the
// previous window closed, as ConfigCat's rate limiter does. Stage by stage, every call goes at the earliest
// instant both windows of its template admit it, no earlier than the stage's start; the next stage starts at
// the last call of this one. For n calls of one template in one stage from a fresh start that is
//
//	60s·⌊(n−1)/PerMinute⌋ + 1s·⌊((n−1) mod PerMinute)/PerSecond⌋
//
// (with PerMinute a multiple of PerSecond), and windows carry over from stage to stage. No schedule within the
// limits is faster, so MinDuration is a lower bound on the wall time of Apply. A non-positive limit is no limit.
func EstimateBudget(p *planner.Plan, exec Executor, limits Limits) *Budget {
	b := &Budget{Calls: map[string]int{}}
	sim := newWindowSim(limits)
	var t time.Duration
	for _, st := range Stages(p) {
		end := t
		for _, i := range st.Changes {
			for _, call := range exec.Calls(p.Changes[i]) {
				b.Calls[call]++
				end = max(end, sim.admit(call, t))
			}
		}
		t = end
	}
	b.MinDuration = t
	return b
}

// windowSim tracks fixed rate-limit windows per template.
type windowSim struct {
	limits Limits
	tmpl   map[string]*windows
}

// windows are one template's per-second and per-minute windows.
type windows struct{ second, minute window }

// window is one fixed rate-limit window: when it opened, and how many calls it admitted.
type window struct {
	start time.Duration
	count int
}

// free returns when a call at t may go in a window of span admitting limit calls (no limit when limit is 0 or
// less): t itself, opening a new window when the last one ended, or, with ok false, the end of a full window.
func (w *window) free(t, span time.Duration, limit int) (at time.Duration, ok bool) {
	if limit <= 0 {
		return t, true
	}
	if t >= w.start+span {
		w.start, w.count = t, 0
	}
	if w.count >= limit {
		return w.start + span, false
	}
	return t, true
}

func newWindowSim(l Limits) *windowSim { return &windowSim{limits: l, tmpl: map[string]*windows{}} }

// admit returns the earliest instant at or after from when a call of the template may go, and counts it.
func (s *windowSim) admit(template string, from time.Duration) time.Duration {
	w := s.tmpl[template]
	if w == nil {
		w = &windows{second: window{start: from}, minute: window{start: from}} // the first call opens both
		s.tmpl[template] = w
	}
	t := from
	for {
		var ok bool
		if t, ok = w.minute.free(t, time.Minute, s.limits.PerMinute); !ok {
			continue
		}
		if t, ok = w.second.free(t, time.Second, s.limits.PerSecond); !ok {
			continue
		}
		break
	}
	w.minute.count++
	w.second.count++
	return t
}
