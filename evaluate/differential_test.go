package evaluate_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// TestDesiredAndStoredStatesEvaluateAlike applies random states to the emulator, fetches them back, and
// requires that ConfigCat's SDK gives every random user the same value, served by the same rule or percentage
// option, from the document built from the YAML side as from the document built from what the API stored.
func TestDesiredAndStoredStatesEvaluateAlike(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	served := map[evaluate.Kind]int{}
	for seed := range uint64(seeds) {
		desired := applicableState(spectest.RandomState(rand.New(rand.NewPCG(seed, 11)), spectest.Options{}))
		stored := applyAndFetch(t, desired)
		users := randomUsers(rand.New(rand.NewPCG(seed, 12)), desired, 200)
		for _, p := range desired.Products {
			for _, c := range p.Configs {
				for _, e := range p.Environments {
					where := fmt.Sprintf("seed %d, product %q, config %q, environment %q", seed, p.Name, c.Name, e.Name)
					want := evaluator(t, desired, p.Name, c.Name, e.Name)
					got := evaluator(t, stored, p.Name, c.Name, e.Name)
					for _, u := range users {
						compareResults(t, where, u, want.Evaluate(u), got.Evaluate(u), served)
					}
				}
			}
		}
	}
	t.Logf("values served: %v", served)
	// the comparison has teeth only if rules and percentage options served a fair share
	if served[evaluate.ServedByRule] < 100 || served[evaluate.ServedByPercentageOption] < 100 {
		t.Fatalf("too few values served by rules or options to compare anything: %v", served)
	}
}

func compareResults(t *testing.T, where string, u evaluate.User, want, got []evaluate.Result, served map[evaluate.Kind]int) {
	t.Helper()
	for i := range want {
		w, g := want[i], got[i]
		if fmt.Sprint(w.Value, w.Source, w.Err) != fmt.Sprint(g.Value, g.Source, g.Err) {
			t.Fatalf("%s, flag %q, user %v:\nfrom the YAML:   %v by %v (%v)\nfrom the account: %v by %v (%v)",
				where, w.Key, u, w.Value, w.Source, w.Err, g.Value, g.Source, g.Err)
		}
		served[w.Source.Kind]++
	}
}

func evaluator(t *testing.T, st *spec.State, product, config, env string) *evaluate.Evaluator {
	t.Helper()
	_, data := documentOf(t, st, product, config, env)
	ev, err := evaluate.New(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Close)
	return ev
}

// applicableState drops what the emulator, like ConfigCat, refuses for writes made without extra options:
// approval-required environments and mandatory hints.
func applicableState(st *spec.State) *spec.State {
	st.Organization = ""
	for _, p := range st.Products {
		p.RenamedFrom = ""
		if pr := p.Preferences; pr != nil {
			pr.ApproveRequired, pr.ApproveRequiredEnvironments, pr.MandatorySettingHint = false, nil, false
		}
		p.PermissionGroups = nil
	}
	spec.Normalize(st)
	return st
}

// applyAndFetch applies st to a fresh emulator and returns what Fetch reads back.
func applyAndFetch(t *testing.T, st *spec.State) *spec.State {
	t.Helper()
	_, _, client := applyToEmulator(t, st)
	stored, _, err := client.Fetch(context.Background(), configcat.FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return stored
}

// applyToEmulator applies st to a fresh emulator that serves SDKs, and returns it, its base URL and a client of
// its Management API.
func applyToEmulator(t *testing.T, st *spec.State) (*emulator.Server, string, *configcat.Client) {
	t.Helper()
	const user, pass = "u", "p"
	emu := emulator.New(emulator.Options{User: user, Pass: pass, RateLimit: emulator.RateLimit{Off: true},
		Sleep: func(time.Duration) {}, ReadState: configcat.FetchHandler})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	client, err := configcat.New(configcat.Config{BaseURL: srv.URL, User: user, Pass: pass, PerSecond: -1, PerMinute: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cur, remote, err := client.Fetch(ctx, configcat.FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := planner.Build(cur, st, planner.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	env := func(string) (string, bool) { return "secret", true }
	ex := executor.New(client, remote, plan, executor.Options{Reason: "differential test", LookupEnv: env})
	if res := applier.Apply(ctx, ex, plan, applier.Options{}); res.Err != nil {
		t.Fatalf("apply: %v", res.Err)
	}
	return emu, srv.URL, client
}

// randomUsers returns users whose attributes are drawn from the comparison values of st (so that rules
// match), from versions and numbers, and from random text; any attribute may be missing.
func randomUsers(r *rand.Rand, st *spec.State, n int) []evaluate.User {
	pool := append(comparisonValues(st), "1.0.0", "2.1.0", "0.5.0", "4.8.0", "17", "99.5", "-3", "",
		"a@example.com", "b@example.com", "someone@else.example")
	attrs := []string{"Identifier", "Email", "Country", "AppVersion", "Custom attr"}
	users := make([]evaluate.User, n)
	for i := range users {
		u := evaluate.User{}
		for _, a := range attrs {
			switch r.IntN(4) {
			case 0: // missing
			case 1:
				u[a] = fmt.Sprintf("user-%d", r.IntN(1_000_000))
			default:
				u[a] = pool[r.IntN(len(pool))]
			}
		}
		users[i] = u
	}
	return users
}

// comparisonValues collects every comparison value of st, list items split apart.
func comparisonValues(st *spec.State) []string {
	var out []string
	add := func(v string) {
		out = append(out, v)
		for _, item := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(item))
		}
	}
	for _, p := range st.Products {
		for _, sg := range p.Segments {
			add(sg.Value)
		}
		for _, c := range p.Configs {
			for _, f := range c.Flags {
				for _, ev := range f.Values {
					for _, rule := range ev.Rules {
						for _, cond := range rule.If {
							add(cond.Value)
							for _, item := range cond.Values {
								add(item.Value)
							}
						}
					}
				}
			}
		}
	}
	return out
}
