package executor

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// TestDashboardOwnedValuesSurviveApply is the split-ownership convergence: the files leave Production values to
// the dashboard. Someone toggles a flag in Production through the API, as the dashboard does; a later commit
// edits the same flag in Staging, which Git owns. Apply writes the Staging edit and the initial values of a new
// flag and a new environment, leaves the dashboard's Production values as they are, and a new plan (what drift
// runs) finds nothing.
func TestDashboardOwnedValuesSurviveApply(t *testing.T) {
	e := newTestEnv(t)
	initial := loadStep(t, "testdata/ownership/00-initial.yaml")
	e.converge(initial)
	// created flags got the files' Production values, rules included, though the dashboard owns them
	e.expectValue("Shop", "Main", "checkout", "Production", initial)
	e.expectValue("Shop", "Main", "banner", "Production", initial)

	toggled := &spec.EnvValue{Default: spec.BoolValue(true)}
	e.dashboardEdit("Shop", "Main", "checkout", "Production", toggled)
	if p, _, _ := e.plan(initial); !p.IsEmpty() || p.DashboardValues != 2 || p.DashboardDiffering != 1 {
		t.Fatalf("after the dashboard edit the plan has %d changes and leaves %d values (%d differing) to the "+
			"dashboard, want none and 2 (1):\n%s", len(p.Changes), p.DashboardValues, p.DashboardDiffering, planText(p))
	}

	edited := loadStep(t, "testdata/ownership/01-git-edits.yaml")
	p := e.converge(edited)
	for _, c := range p.Changes {
		if c.Kind == planner.KindValues && spec.Same(c.Address.Environment, "Production") {
			for _, v := range c.Values {
				if !spec.Same(v.Key, "search") {
					t.Errorf("apply wrote the dashboard-owned Production value of %s", v.Key)
				}
			}
		}
	}
	e.expectValue("Shop", "Main", "checkout", "Staging", edited)                       // Git's edit applied
	e.expectEnvValue("Shop", "Main", "checkout", "Production", toggled)                // the dashboard's edit survived
	e.expectValue("Shop", "Main", "banner", "Staging", edited)                         // Git's edit applied
	e.expectEnvValue("Shop", "Main", "banner", "Production", initialValue(t, initial)) // initial value kept
	e.expectValue("Shop", "Main", "search", "Production", edited)                      // new flag: initial value
	e.expectValue("Shop", "Main", "checkout", "Canary", edited)                        // new environment: initial value
	cur, _ := e.fetch()
	if hint := cur.Product("Shop").Config("Main").Flag("checkout").Hint; hint != "The new checkout, rolled out" {
		t.Errorf("hint %q: a flag's definition still follows the files", hint)
	}
}

// initialValue is the banner's Production value in the first step.
func initialValue(t *testing.T, s *spec.State) *spec.EnvValue {
	t.Helper()
	return s.Product("Shop").Config("Main").Flag("banner").Values["Production"]
}

// expectValue fails the test unless the account holds the desired state's value of a flag in an environment.
func (e *testEnv) expectValue(product, config, flag, env string, desired *spec.State) {
	e.t.Helper()
	e.expectEnvValue(product, config, flag, env, desired.Product(product).Config(config).Flag(flag).Values[env])
}

// expectEnvValue fails the test unless the account holds want as a flag's value in an environment.
func (e *testEnv) expectEnvValue(product, config, flag, env string, want *spec.EnvValue) {
	e.t.Helper()
	cur, _ := e.fetch()
	got := cur.Product(product).Config(config).Flag(flag).Values[env]
	if g, w := valueJSON(e.t, got), valueJSON(e.t, want); g != w {
		e.t.Errorf("%s/%s/%s in %s: the account has %s, want %s", product, config, flag, env, g, w)
	}
}

// valueJSON is a normalized value as JSON, for comparison.
func valueJSON(t *testing.T, v *spec.EnvValue) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dashboardEdit writes a flag's value in one environment through the API, as someone in the dashboard would.
func (e *testEnv) dashboardEdit(product, config, flag, env string, v *spec.EnvValue) {
	e.t.Helper()
	_, remote := e.fetch()
	rp := remote.Product(product)
	rc := rp.Config(config)
	envID, ok := rp.EnvironmentID(env)
	if !ok || rc == nil || rc.Flags[spec.Key(flag)] == nil {
		e.t.Fatalf("no %s/%s/%s in %s", product, config, flag, env)
	}
	formula, err := configcat.FormulaV2(flag, v, rp.Resolver(config))
	if err != nil {
		e.t.Fatal(err)
	}
	batch := []configcat.UpdateEvaluationFormulaWithID{{SettingID: rc.Flags[spec.Key(flag)].ID, UpdateEvaluationFormula: formula}}
	if _, err := e.client.PostValuesV2(context.Background(), rc.ID, envID, "toggled in the dashboard", batch); err != nil {
		e.t.Fatal(err)
	}
}
