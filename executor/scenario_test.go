package executor

import (
	"os"
	"path/filepath"
	"testing"

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
		"02-prune.yaml": {"delete config", "delete webhook", "delete permissionGroup", "delete variation", "delete flag"},
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
				seen[string(c.Op)+" "+string(c.Kind)+" "+c.Reason] = true
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
