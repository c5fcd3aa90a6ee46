package executor

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/configcat/configcattest"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/contract"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

const testUser, testPass = "test-user", "test-pass"

// testEnv is an emulator behind an HTTP server and a client of it.
type testEnv struct {
	t      *testing.T
	emu    *emulator.Server
	url    string
	client *configcat.Client
	env    map[string]string // what lookupEnv sees
}

// newTestEnv starts an emulator without rate limits (the client paces nothing either) and slow-answer
// faults that do not sleep, and a client on a fake clock.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	emu := emulator.New(emulator.Options{User: testUser, Pass: testPass, RateLimit: emulator.RateLimit{Off: true},
		Sleep: func(time.Duration) {}})
	cfg := configcat.Config{User: testUser, Pass: testPass, PerSecond: -1, PerMinute: -1, MaxAttempts: 10,
		Clock: configcattest.NewClock()}
	// every request the executor sends and every answer are checked against ConfigCat's OpenAPI spec
	srv := httptest.NewServer(contract.Middleware(t, emu))
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	client, err := configcat.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{t: t, emu: emu, url: srv.URL, client: client,
		env: map[string]string{"HOOK_TOKEN": "secret-token-value"}}
}

func (e *testEnv) lookupEnv(name string) (string, bool) {
	v, ok := e.env[name]
	return v, ok
}

// fetch reads every product of the emulator.
func (e *testEnv) fetch() (*spec.State, *configcat.Remote) {
	e.t.Helper()
	st, remote, err := e.client.Fetch(context.Background(), configcat.FetchOptions{})
	if err != nil {
		e.t.Fatalf("fetch: %v", err)
	}
	return st, remote
}

// plan fetches and plans desired against the emulator.
func (e *testEnv) plan(desired *spec.State) (*planner.Plan, *spec.State, *configcat.Remote) {
	e.t.Helper()
	cur, remote := e.fetch()
	p, err := planner.Build(cur, desired, planner.Options{Force: true})
	if err != nil {
		e.t.Fatalf("plan: %v", err)
	}
	return p, cur, remote
}

// apply plans desired and applies the plan with ctx.
func (e *testEnv) apply(ctx context.Context, desired *spec.State, opts applier.Options) (*applier.Result, *planner.Plan) {
	e.t.Helper()
	p, _, remote := e.plan(desired)
	ex := New(e.client, remote, p, Options{Reason: "flagsync test", LookupEnv: e.lookupEnv})
	return applier.Apply(ctx, ex, p, opts), p
}

// converge applies desired and checks that the result is complete and that a new plan is empty.
func (e *testEnv) converge(desired *spec.State) *planner.Plan {
	e.t.Helper()
	res, p := e.apply(context.Background(), desired, applier.Options{})
	if res.Err != nil {
		e.t.Fatalf("apply: %v\nplan:\n%s", res.Err, planText(p))
	}
	if len(res.Applied) != len(p.Changes) {
		e.t.Fatalf("applied %d of %d changes", len(res.Applied), len(p.Changes))
	}
	e.expectConverged(desired)
	return p
}

// expectConverged fails the test when planning desired again finds changes.
func (e *testEnv) expectConverged(desired *spec.State) {
	e.t.Helper()
	again, _, _ := e.plan(desired)
	if !again.IsEmpty() {
		e.t.Fatalf("not converged, a new plan has %d changes:\n%s", len(again.Changes), planText(again))
	}
}

// planText lists a plan's changes, one per line, for failure messages.
func planText(p *planner.Plan) string {
	var s string
	for i, c := range p.Changes {
		if i == 40 {
			return s + "...\n"
		}
		s += string(c.Op) + " " + string(c.Kind) + " " + c.Address.String()
		for _, f := range c.Fields {
			s += " " + f.Name + ": " + string(f.Before) + " -> " + string(f.After)
		}
		for _, v := range c.Values {
			s += " " + v.Key
		}
		s += "\n"
	}
	return s
}
