package applier

import (
	"testing"
	"time"

	"github.com/flagsync/flagsync/planner"
)

func TestEstimateBudget(t *testing.T) {
	cases := []struct {
		name   string
		plan   *planner.Plan
		limits Limits
		calls  map[string]int
		min    time.Duration
	}{
		{"one window", plan(20, planner.KindFlag), DefaultLimits, map[string]int{"create /flag": 20}, 0},
		{"per second", plan(21, planner.KindFlag), DefaultLimits, map[string]int{"create /flag": 21}, time.Second},
		// 60s·⌊999/500⌋ + 1s·⌊499/20⌋
		{"per minute", plan(1000, planner.KindFlag), DefaultLimits, map[string]int{"create /flag": 1000}, 84 * time.Second},
		// stages wait for each other: 30 of one template (1s), then 30 of another (1s)
		{"stages add up", plan(30, planner.KindConfig, planner.KindFlag), DefaultLimits,
			map[string]int{"create /config": 30, "create /flag": 30}, 2 * time.Second},
		// windows carry over from stage to stage: 10 + 10 calls of one template fit one second
		{"windows carry over", &planner.Plan{Changes: append(plan(10, planner.KindTag).Changes,
			append(plan(1, planner.KindSegment).Changes, plan(10, planner.KindTag).Changes...)...)},
			DefaultLimits, map[string]int{"create /tag": 20, "create /segment": 1}, 0},
		{"no limits", plan(5000, planner.KindFlag), Limits{}, map[string]int{"create /flag": 5000}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := EstimateBudget(tc.plan, newFakeExec(), tc.limits)
			if len(b.Calls) != len(tc.calls) {
				t.Errorf("calls %v, want %v", b.Calls, tc.calls)
			}
			for k, n := range tc.calls {
				if b.Calls[k] != n {
					t.Errorf("calls[%s] = %d, want %d", k, b.Calls[k], n)
				}
			}
			if b.MinDuration != tc.min {
				t.Errorf("MinDuration = %s, want %s", b.MinDuration, tc.min)
			}
		})
	}
}
