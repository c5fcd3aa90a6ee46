package impact_test

import (
	"testing"

	"github.com/flagsync/flagsync/impact"
	"github.com/flagsync/flagsync/internal/benchstate"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// benchImpact measures the impact of the plan from cur to des over the default generated users, and returns it.
func benchImpact(b *testing.B, cur, des *spec.State) *planner.Impact {
	b.Helper()
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var im *planner.Impact
	for b.Loop() {
		im = impact.Compute(cur, des, plan, impact.Population{Generated: impact.DefaultGenerated})
	}
	return im
}

// BenchmarkImpact10kFlags measures what the impact adds to a plan of the 10,000-flag benchmark account (the
// planner's BenchmarkBuild10kFlags): 100 flags change in 10 environments each, over 10,000 generated users.
func BenchmarkImpact10kFlags(b *testing.B) {
	im := benchImpact(b, benchstate.Big(false), benchstate.Big(true))
	if len(im.Flags) != 1000 || im.UsersAffected != impact.DefaultGenerated {
		b.Fatalf("%d impact lines, %d users affected; want 1000 and everybody", len(im.Flags), im.UsersAffected)
	}
}

// BenchmarkImpact10kFlagsPercentages is the same account with every changed flag split by percentages in
// every environment, so that no two generated users can be counted as one.
func BenchmarkImpact10kFlagsPercentages(b *testing.B) {
	cur, des := benchstate.Big(false), benchstate.Big(true)
	splitChanged(des, 30)
	im := benchImpact(b, cur, des)
	if len(im.Flags) != 1000 {
		b.Fatalf("%d impact lines, want 1000", len(im.Flags))
	}
}

// BenchmarkImpact10kFlagsPercentagesBothSides is the worst case: the changed flags are split by percentages on
// both sides of the plan (60% → 30%), so that every generated user is evaluated for every flag before and after.
func BenchmarkImpact10kFlagsPercentagesBothSides(b *testing.B) {
	cur, des := benchstate.Big(false), benchstate.Big(true)
	splitChanged(cur, 60)
	splitChanged(des, 30)
	im := benchImpact(b, cur, des)
	if len(im.Flags) != 1000 {
		b.Fatalf("%d impact lines, want 1000", len(im.Flags))
	}
}

// splitChanged splits the flags the benchmark changes (one in a hundred) by percentages, truePercent% true, in
// every environment.
func splitChanged(st *spec.State, truePercent int) {
	for _, c := range st.Products[0].Configs {
		for i, f := range c.Flags {
			if i%100 != 0 {
				continue
			}
			for _, ev := range f.Values {
				ev.Percentages = percentages(truePercent)
			}
		}
	}
}
