package planner

import (
	"fmt"
	"testing"

	"github.com/flagsync/flagsync/internal/benchstate"
	"github.com/flagsync/flagsync/spec"
)

// bigState is the 10,000-flag benchmark account (see benchstate.Big).
func bigState(changed bool) *spec.State { return benchstate.Big(changed) }

// benchBuild measures Build from cur to des; check says what is wrong with the plan, or "".
func benchBuild(b *testing.B, cur, des *spec.State, check func(*Plan) string) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	var p *Plan
	for i := 0; i < b.N; i++ {
		var err error
		if p, err = Build(cur, des, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if msg := check(p); msg != "" {
		b.Fatal(msg)
	}
}

func BenchmarkBuild10kFlags(b *testing.B) {
	benchBuild(b, bigState(false), bigState(true), func(p *Plan) string {
		if c, u, d := p.Counts(); c != 0 || u != 10+100 || d != 0 {
			return fmt.Sprintf("counts %d/%d/%d, want 0/110/0", c, u, d)
		}
		return ""
	})
}

func BenchmarkBuild10kFlagsNoChanges(b *testing.B) {
	benchBuild(b, bigState(false), bigState(false), func(p *Plan) string {
		if !p.IsEmpty() {
			return fmt.Sprintf("%d changes, want none", len(p.Changes))
		}
		return ""
	})
}

func BenchmarkCheckFresh10kFlags(b *testing.B) {
	cur, des := bigState(false), bigState(true)
	p, err := Build(cur, des, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := CheckFresh(p, cur); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild10kFlagsIgnoredEnvironment leaves one environment alone, so that every declared flag takes its
// current value there before the diff.
func BenchmarkBuild10kFlagsIgnoredEnvironment(b *testing.B) {
	des := bigState(true)
	des.Products[0].Ignore = &spec.Ignore{Environments: []string{"env9"}}
	benchBuild(b, bigState(false), des, func(p *Plan) string {
		if _, u, _ := p.Counts(); u != 10+90 {
			return fmt.Sprintf("%d updates, want 100 (the ignored environment's values stay as they are)", u)
		}
		return ""
	})
}

// BenchmarkBuild10kFlagsDashboardEnvironment leaves the values of one environment to the dashboard
// (valueOwner: dashboard), so that every flag takes its current value there before the diff.
func BenchmarkBuild10kFlagsDashboardEnvironment(b *testing.B) {
	des := bigState(true)
	des.Products[0].Environment("env9").ValueOwner = spec.ValueOwnerDashboard
	benchBuild(b, bigState(false), des, func(p *Plan) string {
		if _, u, _ := p.Counts(); u != 10+90 || p.DashboardValues != 10000 || p.DashboardDiffering != 100 {
			return fmt.Sprintf("%d updates, %d values left to the dashboard (%d differing); want 100, 10000 (100)", u,
				p.DashboardValues, p.DashboardDiffering)
		}
		return ""
	})
}

// BenchmarkCheckWrites100kValues checks the limits of a plan that writes every value of the 10,000-flag account
// in each of its 10 environments.
func BenchmarkCheckWrites100kValues(b *testing.B) {
	cur, des := bigState(false), bigState(false)
	for _, c := range des.Products[0].Configs {
		for _, f := range c.Flags {
			for _, ev := range f.Values {
				ev.Default = spec.BoolValue(true)
			}
		}
	}
	p, err := Build(cur, des, Options{})
	if err != nil {
		b.Fatal(err)
	}
	in := WriteInputs{BypassApproval: true, Limits: Limits{MaxTargetingRuleCount: 100, MaxPercentageOptionCount: 100,
		MaxConditionPerTargetingRuleCount: 100, MaxPredefinedVariations: 100}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ps := CheckWrites(p, cur, des, in); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}
