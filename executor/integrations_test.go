package executor

import (
	"context"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Integrations converge like every other kind: created, updated and deleted, with secrets read from the
// environment at apply time and never read back into the state.
func TestIntegrationsConverge(t *testing.T) {
	e := newTestEnv(t)
	e.env["DD_API_KEY"] = "dd-secret-key"
	e.env["SLACK_HOOK"] = "https://hooks.slack.com/services/T/B/secret"
	p := e.converge(loadStep(t, "testdata/integrations/step1.yaml"))
	if n := countKind(p, planner.KindIntegration, planner.Create); n != 2 {
		t.Fatalf("step 1 creates %d integrations, want 2", n)
	}
	st, remote := e.fetch()
	// the secrets reached the API, read from the environment
	raw, err := e.client.Integrations(context.Background(), remote.Product("Shop").ID)
	if err != nil {
		t.Fatal(err)
	}
	sent := map[string]string{}
	for _, in := range raw {
		for k, v := range in.Parameters {
			sent[in.IntegrationType+"/"+k] = v
		}
	}
	if sent["dataDog/apikey"] != "dd-secret-key" || sent["slack/incoming_webhook.url"] != e.env["SLACK_HOOK"] {
		t.Errorf("parameters sent = %v, want the secrets from the environment", sent)
	}
	var out strings.Builder
	if err := spec.Write(&out, st); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"dd-secret-key", "hooks.slack.com"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("the fetched state holds the secret %q:\n%s", secret, out.String())
		}
	}
	p = e.converge(loadStep(t, "testdata/integrations/step2.yaml"))
	if countKind(p, planner.KindIntegration, planner.Update) != 1 || countKind(p, planner.KindIntegration, planner.Delete) != 1 {
		t.Fatalf("step 2 plan:\n%s", planText(p))
	}
}

// A secret whose environment variable is unset is a problem of the plan, naming the variable.
func TestIntegrationSecretUnsetIsAPlanProblem(t *testing.T) {
	e := newTestEnv(t)
	p, cur, _ := e.plan(loadStep(t, "testdata/integrations/step1.yaml"))
	ps := planner.CheckWrites(p, cur, nil, planner.WriteInputs{Reason: "x", LookupEnv: e.lookupEnv})
	if len(ps) != 2 || !strings.Contains(ps[0].Message, "environment variable") {
		t.Fatalf("problems = %v", ps)
	}
}

func countKind(p *planner.Plan, k planner.Kind, op planner.Op) int {
	n := 0
	for _, c := range p.Changes {
		if c.Kind == k && c.Op == op {
			n++
		}
	}
	return n
}

// An integration renamed with renamedFrom is updated in place: it keeps its id, and the plan neither creates
// nor deletes one.
func TestIntegrationRenamedInPlace(t *testing.T) {
	e := newTestEnv(t)
	e.env["DD_API_KEY"] = "dd-secret-key"
	e.env["SLACK_HOOK"] = "https://hooks.slack.com/services/T/B/secret"
	e.converge(loadStep(t, "testdata/integrations/step1.yaml"))
	_, before := e.fetch()
	id, _ := before.Product("Shop").Integrations.Get("dataDog/Alerts")
	p := e.converge(loadStep(t, "testdata/integrations/renamed.yaml"))
	if len(p.Changes) != 1 || p.Changes[0].Op != planner.Update || p.Changes[0].RenamedFrom != "dataDog/Alerts" {
		t.Fatalf("want one update renamed from dataDog/Alerts, plan:\n%s", planText(p))
	}
	_, after := e.fetch()
	if got, ok := after.Product("Shop").Integrations.Get("dataDog/Ops alerts"); !ok || got != id || id == "" {
		t.Errorf("renamed integration has id %q (found %v), want %q", got, ok, id)
	}
}

// An integration whose name matches an ignore pattern is left alone: the files not declaring it deletes nothing.
func TestIgnoredIntegrationIsLeftAlone(t *testing.T) {
	e := newTestEnv(t)
	e.env["DD_API_KEY"] = "dd-secret-key"
	e.env["SLACK_HOOK"] = "https://hooks.slack.com/services/T/B/secret"
	e.converge(loadStep(t, "testdata/integrations/step1.yaml"))
	p := e.converge(loadStep(t, "testdata/integrations/ignored.yaml"))
	if len(p.Changes) != 0 {
		t.Fatalf("the ignored integration is planned:\n%s", planText(p))
	}
	if _, remote := e.fetch(); len(remote.Product("Shop").Integrations) != 2 {
		t.Errorf("integrations left: %d, want 2", len(remote.Product("Shop").Integrations))
	}
}
