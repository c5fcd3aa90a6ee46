package impact

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/internal/benchstate"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// TestGroupedCountsEqualEveryUserEvaluated checks the shortcuts of Compute (a side evaluates only the users its
// flags can tell apart; a target's users are split among the CPUs) against evaluating every user of the
// population on both sides with the SDK, one by one: the counts must be the same on one CPU and on four.
func TestGroupedCountsEqualEveryUserEvaluated(t *testing.T) {
	cur, err := spec.Load(filepath.Join("testdata", "split-current.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	des, err := spec.Load(filepath.Join("testdata", "split-desired.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	users, err := ReadPopulation(filepath.Join("testdata", "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pop := Population{Generated: 3000, Users: users}
	want := everyUser(t, cur, des, pop, planner.Address{Product: "P", Config: "C", Environment: "Production"},
		[]string{"rollout", "regional", "shopBanner", "namedUsers", "follower"})
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			im := Compute(cur, des, plan, pop)
			if len(im.Flags) != len(want) {
				t.Fatalf("%d impact lines, want %d: %+v", len(im.Flags), len(want), im.Flags)
			}
			for _, f := range im.Flags {
				got := counted{users: f.Users, changed: f.Changed, before: f.Before, after: f.After}
				if w := want[f.Address.Flag]; !reflect.DeepEqual(got, w) {
					t.Errorf("%s: got %+v,\nwant %+v (every user evaluated)", f.Address.Flag, got, w)
				}
			}
		})
	}
}

// counted is what an impact line says about the population.
type counted struct {
	users, changed int
	before, after  []planner.ValueShare
}

// everyUser evaluates each of pop's users, generated ones included, on both sides of the config and
// environment at with the SDK, one user at a time, and counts the values of keys.
func everyUser(t *testing.T, cur, des *spec.State, pop Population, at planner.Address, keys []string) map[string]counted {
	t.Helper()
	bev, _, err := evaluate.ForState(cur, at.Product, at.Config, at.Environment)
	if err != nil {
		t.Fatal(err)
	}
	defer bev.Close()
	aev, _, err := evaluate.ForState(des, at.Product, at.Config, at.Environment)
	if err != nil {
		t.Fatal(err)
	}
	defer aev.Close()
	all := append([]evaluate.User(nil), pop.Users...)
	for i := range pop.Generated {
		all = append(all, evaluate.User{"Identifier": generatedID(i)})
	}
	out := map[string]counted{}
	for _, key := range keys {
		before, after := map[spec.Value]int{}, map[spec.Value]int{}
		changed := 0
		for _, u := range all {
			b, _ := evaluate.SpecValue(bev.Evaluate(u, key)[0].Value)
			a, _ := evaluate.SpecValue(aev.Evaluate(u, key)[0].Value)
			before[b]++
			after[a]++
			if !a.Equal(b) {
				changed++
			}
		}
		out[key] = counted{users: len(all), changed: changed, before: sortedShares(before, len(all)), after: sortedShares(after, len(all))}
	}
	return out
}

// TestIdentifierUse checks which flags of testdata/split-desired.yaml the generated users are counted for by
// percentage bucket, and which need every generated user evaluated.
func TestIdentifierUse(t *testing.T) {
	des, err := spec.Load(filepath.Join("testdata", "split-desired.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := sdkconfig.Build(des, "P", "C", "Production")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]generatedReading{"rollout": readsBucket, "regional": readsBucket,
		"shopBanner": readsNoIdentifier, "namedUsers": readsIdentifier, "follower": readsIdentifier} {
		if got := identifierUse(doc, key); got != want {
			t.Errorf("%s: %d, want %d", key, got, want)
		}
	}
}

// TestBenchmarkCountsEqualEveryUserEvaluated checks the impact of BenchmarkImpact10kFlagsPercentagesBothSides
// (the changed flags split by percentages before and after; in env0 they also have a segment rule) against
// evaluating every generated user one by one, in config0's env0 and env1.
func TestBenchmarkCountsEqualEveryUserEvaluated(t *testing.T) {
	cur, des := benchstate.Big(false), benchstate.Big(true)
	for st, truePercent := range map[*spec.State]int{cur: 60, des: 30} {
		for i, f := range st.Products[0].Configs[0].Flags {
			if i%100 == 0 {
				for _, ev := range f.Values {
					ev.Percentages = []*spec.PercentageOption{{Percent: truePercent, Serve: spec.BoolValue(true)}, {Percent: 100 - truePercent, Serve: spec.BoolValue(false)}}
				}
			}
		}
	}
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pop := Population{Generated: DefaultGenerated}
	im := Compute(cur, des, plan, pop)
	var keys []string
	for i := 0; i < 1000; i += 100 {
		keys = append(keys, fmt.Sprintf("flag%05d", i))
	}
	for _, env := range []string{"env0", "env1"} {
		want := everyUser(t, cur, des, pop, planner.Address{Product: "Big", Config: "config0", Environment: env}, keys)
		checked := 0
		for _, f := range im.Flags {
			if f.Address.Config != "config0" || f.Address.Environment != env {
				continue
			}
			checked++
			got := counted{users: f.Users, changed: f.Changed, before: f.Before, after: f.After}
			if w := want[f.Address.Flag]; !reflect.DeepEqual(got, w) {
				t.Errorf("%s in %s: got %+v,\nwant %+v (every user evaluated)", f.Address.Flag, env, got, w)
			}
		}
		if checked != len(keys) {
			t.Errorf("%s: %d impact lines in config0, want %d", env, checked, len(keys))
		}
	}
}
