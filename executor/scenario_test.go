package executor

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// loadStep reads a desired state from testdata.
func loadStep(t *testing.T, path string) *spec.State {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.LoadBytes(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// TestScenario applies the states of testdata/scenario in order: renames of every kind, a type change,
// variations, prerequisite chains, v1 and v2 configs, secure webhook headers, deletes. Each must converge.
func TestScenario(t *testing.T) {
	files := scenarioFiles(t)
	e := newTestEnv(t)
	e.converge(withBystander(&spec.State{}))
	for _, f := range files {
		desired := loadStep(t, f)
		p := e.converge(desired)
		t.Logf("%s: %d changes", filepath.Base(f), len(p.Changes))
		e.expectNoDuplicates()
	}
}

// TestScenarioPlans checks that each scenario step really exercises what it is there for.
func TestScenarioPlans(t *testing.T) {
	e := newTestEnv(t)
	want := map[string][]string{
		"01-renames.yaml": {"update product RenamedFrom", "update environment RenamedFrom", "update tag RenamedFrom",
			"update segment RenamedFrom", "update config RenamedFrom", "update permissionGroup RenamedFrom",
			"create flag InitFrom", "delete flag renamed", "delete flag typeChanged", "create variation",
			"delete variation", "delete segment", "delete tag"},
		"02-prune.yaml": {"delete config", "delete webhook", "delete permissionGroup", "delete variation", "delete flag",
			"delete segment", "delete tag"},
	}
	for _, f := range scenarioFiles(t) {
		desired := loadStep(t, f)
		p, _, _ := e.plan(desired)
		seen := map[string]bool{}
		for _, c := range p.Changes {
			seen[string(c.Op)+" "+string(c.Kind)] = true
			if c.RenamedFrom != "" {
				seen[string(c.Op)+" "+string(c.Kind)+" RenamedFrom"] = true
			}
			if c.InitFrom != "" {
				seen["create flag InitFrom"] = true
			}
			if c.Reason != "" {
				seen[string(c.Op)+" "+string(c.Kind)+" "+string(c.Reason)] = true
			}
		}
		for _, w := range want[filepath.Base(f)] {
			if !seen[w] {
				t.Errorf("%s: the plan has no %q", filepath.Base(f), w)
			}
		}
		e.converge(desired)
	}
}

// TestMigrate applies the state read from one account into another, empty one: everything goes by names and
// keys, so the second account ends up equal to the first.
func TestMigrate(t *testing.T) {
	source := newTestEnv(t)
	source.converge(loadStep(t, "testdata/scenario/00-initial.yaml"))
	state, _ := source.fetch()
	// secure header values are write-only: a migration names where they come from
	for _, p := range state.Products {
		for _, w := range p.Webhooks {
			for _, h := range w.Headers {
				if h.Secure {
					h.ValueFromEnv = "HOOK_TOKEN"
				}
			}
		}
	}

	target := newTestEnv(t)
	target.converge(state)
	target.expectNoDuplicates()
	// and the other way round: the source has nothing the target lacks
	back, _ := target.fetch()
	again, _ := source.fetch()
	p, err := planner.Build(again, back, planner.Options{})
	if err != nil || !p.IsEmpty() {
		t.Fatalf("the source differs from the target (%v):\n%s", err, planText(p))
	}
}
