package executor

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// TestCallsMatchTheClient checks that Calls (and so the budget and the progress totals) names exactly the
// calls Execute makes, endpoint by endpoint, over the scenario.
func TestCallsMatchTheClient(t *testing.T) {
	e := newTestEnv(t)
	files := scenarioFiles(t)
	for _, f := range files {
		p, cur, remote := e.plan(loadStep(t, f))
		if err := CheckReason(p, cur, "test"); err != nil {
			t.Fatal(err)
		}
		ex := New(e.client, remote, p, Options{Reason: "test", LookupEnv: e.lookupEnv})
		budget := applier.EstimateBudget(p, ex, applier.DefaultLimits)
		before := e.client.Stats()
		res := applier.Apply(context.Background(), ex, p, applier.Options{})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		got := map[string]int{}
		for k, s := range e.client.Stats() {
			if n := s.Calls - before[k].Calls; n > 0 && !strings.HasPrefix(k, "GET ") {
				got[k] = n
			}
		}
		if len(got) != len(budget.Calls) {
			t.Errorf("%s: client made %v, budget says %v", f, got, budget.Calls)
		}
		for k, n := range budget.Calls {
			if got[k] != n {
				t.Errorf("%s: %s: client made %d calls, budget says %d", f, k, got[k], n)
			}
		}
	}
}

func scenarioFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/scenario/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	return files
}

func TestReasonRequired(t *testing.T) {
	e := newTestEnv(t)
	desired := loadStep(t, "testdata/scenario/00-initial.yaml")
	p, cur, remote := e.plan(desired)

	// the plan's own preferences (Production requires a reason) apply to its value writes
	need := ReasonRequired(p, cur)
	if len(need) == 0 {
		t.Fatal("no value write needs a reason")
	}
	for _, a := range need {
		if a.Environment != "Production" {
			t.Errorf("%s needs a reason, but only Production requires one", a)
		}
	}
	err := CheckReason(p, cur, "  ")
	if err == nil || !strings.Contains(err.Error(), `"Production" in product "Webshop"`) {
		t.Fatalf("CheckReason without a reason = %v", err)
	}
	if err := CheckReason(p, cur, "deploy 42"); err != nil {
		t.Fatalf("CheckReason with a reason = %v", err)
	}

	// without the check, the API refuses the write: the reason really travels with value writes
	ex := New(e.client, remote, p, Options{LookupEnv: e.lookupEnv})
	res := applier.Apply(context.Background(), ex, p, applier.Options{})
	if res.Err == nil || !configcat.IsBadRequest(res.Err) || !strings.Contains(res.Err.Error(), "Reason required") {
		t.Fatalf("apply without a reason: %v", res.Err)
	}
	for _, c := range res.Failed {
		if c.Kind != planner.KindValues || !strings.EqualFold(c.Address.Environment, "Production") {
			t.Errorf("%s %s failed; only Production's value writes should", c.Kind, c.Address)
		}
	}

	// once applied, the current state's preferences are the ones that count
	e.converge(desired)
	for _, ev := range desired.Product("Webshop").Config("Main").Flag("killSwitch").Values {
		ev.Default = spec.BoolValue(true)
	}
	p, cur, _ = e.plan(desired)
	need = ReasonRequired(p, cur)
	if len(need) != 1 || need[0].Environment != "Production" || len(p.Changes) != 2 {
		t.Fatalf("toggling a flag in 2 environments: %v need a reason, want Production only", need)
	}
}
