package planner

import (
	"testing"

	"github.com/flagsync/flagsync/internal/benchstate"
	"github.com/flagsync/flagsync/spec"
)

// bigState is the 10,000-flag benchmark account (see benchstate.Big).
func bigState(changed bool) *spec.State { return benchstate.Big(changed) }

func BenchmarkBuild10kFlags(b *testing.B) {
	cur, des := bigState(false), bigState(true)
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
	if c, u, d := p.Counts(); c != 0 || u != 10+100 || d != 0 {
		b.Fatalf("counts %d/%d/%d, want 0/110/0", c, u, d)
	}
}

func BenchmarkBuild10kFlagsNoChanges(b *testing.B) {
	cur, des := bigState(false), bigState(false)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Build(cur, des, Options{})
		if err != nil || !p.IsEmpty() {
			b.Fatalf("%v, %d changes", err, len(p.Changes))
		}
	}
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
	cur, des := bigState(false), bigState(true)
	des.Products[0].Ignore = &spec.Ignore{Environments: []string{"env9"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Build(cur, des, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, u, _ := p.Counts(); u != 10+90 {
			b.Fatalf("%d updates, want 100 (the ignored environment's values stay as they are)", u)
		}
	}
}

// BenchmarkBuild10kFlagsDashboardEnvironment leaves the values of one environment to the dashboard
// (valueOwner: dashboard), so that every flag takes its current value there before the diff.
func BenchmarkBuild10kFlagsDashboardEnvironment(b *testing.B) {
	cur, des := bigState(false), bigState(true)
	des.Products[0].Environment("env9").ValueOwner = spec.ValueOwnerDashboard
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Build(cur, des, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, u, _ := p.Counts(); u != 10+90 || p.DashboardValues != 10000 || p.DashboardDiffering != 100 {
			b.Fatalf("%d updates, %d values left to the dashboard (%d differing); want 100, 10000 (100)", u,
				p.DashboardValues, p.DashboardDiffering)
		}
	}
}
