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
		if ps := planner.CheckWrites(p, cur, nil, planner.WriteInputs{Reason: "test", LookupEnv: e.lookupEnv}); len(ps) > 0 {
			t.Fatal(ps)
		}
		ex := New(e.client, remote, p, Options{Reason: "test", LookupEnv: e.lookupEnv})
		budget := applier.EstimateBudget(p, ex, applier.DefaultLimits)
		before := e.client.Stats()
		res := applier.Apply(context.Background(), ex, p, applier.Options{})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		// the ids of what the run created are known afterwards
		for _, dp := range loadStep(t, f).Products {
			rp := ex.Remote().Product(dp.Name)
			if rp == nil || rp.ID == "" || len(rp.Environments) != len(dp.Environments) || len(rp.Configs) != len(dp.Configs) {
				t.Fatalf("%s: the executor's ids of product %q are incomplete: %+v", f, dp.Name, rp)
			}
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
	need := planner.ReasonRequired(p, cur)
	if len(need) == 0 {
		t.Fatal("no value write needs a reason")
	}
	for _, a := range need {
		if a.Environment != "Production" {
			t.Errorf("%s needs a reason, but only Production requires one", a)
		}
	}
	// Production is written in two configs, and named once
	ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "  ", LookupEnv: e.lookupEnv})
	want := `a reason is required for changes in environment "Production" in product "Webshop", and none was given; pass one with --reason`
	if len(need) < 2 || len(ps) != 1 || ps[0].Message != want {
		t.Fatalf("CheckWrites without a reason, %d writes need one: %v, want %q", len(need), ps, want)
	}
	if ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "deploy 42", LookupEnv: e.lookupEnv}); len(ps) > 0 {
		t.Fatalf("CheckWrites with a reason = %v", ps)
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
	need = planner.ReasonRequired(p, cur)
	if len(need) != 1 || need[0].Environment != "Production" || len(p.Changes) != 2 {
		t.Fatalf("toggling a flag in 2 environments: %v need a reason, want Production only", need)
	}
}

// TestUpdateKeepsUnsetOrder checks that replacing a flag's metadata when the files leave its order to
// ConfigCat keeps the order it has (a replace resets what it does not list), also right after a rename.
func TestUpdateKeepsUnsetOrder(t *testing.T) {
	e := newTestEnv(t)
	flag := func(key, hint string) *spec.Flag {
		return &spec.Flag{Key: key, Type: spec.TypeBoolean, Hint: hint,
			Values: map[string]*spec.EnvValue{"Prod": {Default: spec.BoolValue(false)}}}
	}
	state := func(flags ...*spec.Flag) *spec.State {
		s := &spec.State{Products: []*spec.Product{{Name: "P", Environments: []*spec.Environment{{Name: "Prod"}},
			Tags:    []*spec.Tag{{Name: "t"}},
			Configs: []*spec.Config{{Name: "C", EvaluationVersion: spec.EvaluationV2, Flags: flags}}}}}
		spec.Normalize(s)
		return s
	}
	orders := func() map[string]int {
		cur, _ := e.fetch()
		out := map[string]int{}
		for _, f := range cur.Product("P").Config("C").Flags {
			out[f.Key] = *f.Order
		}
		return out
	}
	e.converge(state(flag("a", "x"), flag("b", "x"), flag("c", "x")))
	before := orders()
	// creates run in parallel, so which flag the emulator appended last varies: edit one that is not first
	k := ""
	for key, o := range before {
		if o != 0 {
			k = key
		}
	}
	if k == "" {
		t.Fatalf("orders %v: the emulator did not append", before)
	}
	flags := func(edit func(*spec.Flag) *spec.Flag) []*spec.Flag {
		var out []*spec.Flag
		for _, key := range []string{"a", "b", "c"} {
			f := flag(key, "x")
			if key == k {
				f = edit(f)
			}
			out = append(out, f)
		}
		return out
	}
	e.converge(state(flags(func(f *spec.Flag) *spec.Flag { f.Hint = "changed"; return f })...))
	if after := orders(); after[k] != before[k] {
		t.Errorf("order of %s went from %d to %d", k, before[k], after[k])
	}
	p := e.converge(state(flags(func(f *spec.Flag) *spec.Flag {
		d := flag("renamed", "changed")
		d.RenamedFrom = f.Key
		d.Tags = []string{"t"} // the copied tags differ: a replace follows the create
		return d
	})...))
	if len(p.Changes) != 3 {
		t.Fatalf("rename plan:\n%s", planText(p))
	}
	if after := orders(); after["renamed"] == 0 {
		t.Errorf("the renamed flag's order was reset to 0: %v", after)
	}
}

// TestApprovalRequired checks that the value writes the API would refuse for want of an approval are found
// before any write, and go through a change request instead, or directly with the bypass.
func TestApprovalRequired(t *testing.T) {
	e := newTestEnv(t)
	desired := loadStep(t, "testdata/scenario/00-initial.yaml")
	desired.Product("Webshop").Preferences.ApproveRequiredEnvironments = []string{"Staging"}
	p, cur, remote := e.plan(desired)
	need := planner.ApprovalRequired(p, cur)
	if len(need) == 0 {
		t.Fatal("no value write needs an approval")
	}
	for _, a := range need {
		if a.Environment != "Staging" {
			t.Errorf("%s needs an approval, but only Staging requires one", a)
		}
	}
	// the API refuses exactly those writes when they are sent directly
	ex := New(e.client, remote, p, Options{Reason: "test", LookupEnv: e.lookupEnv})
	res := applier.Apply(context.Background(), ex, p, applier.Options{Parallelism: 1})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "Approval required") {
		t.Fatalf("apply into an approval environment: %v", res.Err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Address.Environment != "Staging" {
		t.Fatalf("failed: %v", res.Failed)
	}
	ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "test", LookupEnv: e.lookupEnv})
	if len(ps) != 1 || !strings.Contains(ps[0].Message, `"Staging"`) || !strings.Contains(ps[0].Message, "--bypass-approval") {
		t.Fatalf("CheckWrites without bypass nor change requests: %v", ps)
	}
	// they are no problem when proposed in a change request
	if ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "test", ChangeRequests: true, LookupEnv: e.lookupEnv}); len(ps) > 0 {
		t.Fatalf("CheckWrites with change requests: %v", ps)
	}
	p, cur, remote = e.plan(desired)
	planner.AttachChangeRequests(p, cur, planner.ChangeRequestInputs{})
	ex = New(e.client, remote, p, Options{Reason: "test", LookupEnv: e.lookupEnv, Title: "the title"})
	if res := applier.Apply(context.Background(), ex, p, applier.Options{}); res.Err != nil {
		t.Fatalf("apply through a change request: %v", res.Err)
	}
	crs := ex.ChangeRequests()
	if len(crs) != 1 || crs[0].ID == 0 || crs[0].Action != planner.OpenChangeRequest || crs[0].Address.Environment != "Staging" {
		t.Fatalf("change requests: %+v", crs)
	}
	p, cur, remote = e.plan(desired)
	open, err := ReadChangeRequests(context.Background(), e.client, cur, remote)
	if err != nil || len(open) != 1 || open[0].ID != crs[0].ID || open[0].Title != "the title" || open[0].Proposal != crs[0].Proposal {
		t.Fatalf("open change requests read back: %+v, %v", open, err)
	}
	planner.AttachChangeRequests(p, cur, planner.ChangeRequestInputs{Open: open})
	if len(p.Changes) != 1 || !p.Waiting(&p.Changes[0]) || New(e.client, remote, p, Options{}).Calls(p.Changes[0]) != nil {
		t.Fatalf("plan with the change request open: %+v %+v", p.Changes, p.ChangeRequests)
	}

	// with the bypass, the same plan goes through and converges
	if ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "test", BypassApproval: true, LookupEnv: e.lookupEnv}); len(ps) > 0 {
		t.Fatalf("CheckWrites with bypass: %v", ps)
	}
	p, _, remote = e.plan(desired)
	ex = New(e.client, remote, p, Options{Reason: "test", LookupEnv: e.lookupEnv, BypassApproval: true})
	if res := applier.Apply(context.Background(), ex, p, applier.Options{}); res.Err != nil {
		t.Fatalf("apply with bypassApproval: %v", res.Err)
	}
	if p, _, _ := e.plan(desired); !p.IsEmpty() {
		t.Fatalf("plan after apply with bypassApproval has %d changes", len(p.Changes))
	}
}

// TestSecureHeaderFromEnvironment checks that a secure webhook header's value is read from the environment
// variable the files name, and that a missing variable stops the write with its name, not a value.
func TestSecureHeaderFromEnvironment(t *testing.T) {
	e := newTestEnv(t)
	desired := loadStep(t, "testdata/scenario/00-initial.yaml")

	e.env = map[string]string{}
	// the planner finds it before any write, with the same lookup
	p, cur, _ := e.plan(desired)
	ps := planner.CheckWrites(p, cur, desired, planner.WriteInputs{Reason: "test", LookupEnv: e.lookupEnv})
	if len(ps) != 1 || ps[0].Kind != planner.KindWebhook || !strings.Contains(ps[0].Message, "HOOK_TOKEN is not set") {
		t.Fatalf("CheckWrites without HOOK_TOKEN: %v", ps)
	}
	// and the executor still refuses to send the header without it
	res, _ := e.apply(context.Background(), desired, applier.Options{})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "HOOK_TOKEN is not set") {
		t.Fatalf("apply without HOOK_TOKEN: %v", res.Err)
	}

	e.env = map[string]string{"HOOK_TOKEN": "s3cr3t-from-env"}
	e.converge(desired)
	var saved strings.Builder
	if err := e.emu.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved.String(), "s3cr3t-from-env") {
		t.Fatal("the emulator did not receive the secure header's value")
	}
}

// TestIncompleteChangeFailsBeforeAnyCall checks that a hand-edited plan whose change lacks the object Execute
// needs fails with a message naming the change, and makes no call.
func TestIncompleteChangeFailsBeforeAnyCall(t *testing.T) {
	e := newTestEnv(t)
	ex := New(e.client, nil, nil, Options{})
	a := planner.Address{Product: "P", Config: "C", Flag: "f", Name: "x"}
	for _, tc := range []struct {
		c    planner.Change
		want string
	}{
		{planner.Change{Op: planner.Create, Kind: planner.KindFlag, Address: a}, "the plan carries no flag for P/C/f"},
		{planner.Change{Op: planner.Update, Kind: planner.KindTag, Address: a, After: &planner.Object{}}, "the plan carries no tag for"},
		{planner.Change{Op: planner.Delete, Kind: planner.KindVariation, Address: a, Before: &planner.Object{}},
			"the plan carries no list of variations for"},
		{planner.Change{Op: planner.Delete, Kind: planner.KindWebhook, Address: a, After: &planner.Object{}},
			"the plan carries no webhook for"},
		// a delete by name needs no object: it fails only on the unknown product
		{planner.Change{Op: planner.Delete, Kind: planner.KindTag, Address: a}, `product "P" is unknown`},
	} {
		err := ex.Execute(context.Background(), tc.c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: %v, want %q", tc.c.Op, tc.c.Kind, err, tc.want)
		}
	}
	if stats := e.client.Stats(); len(stats) != 0 {
		t.Errorf("calls were made: %v", stats)
	}
}

// TestReasonRequiredAfterRenames checks that a product and an environment renamed by the plan keep the
// reason requirement the current preferences give them under their old names.
func TestReasonRequiredAfterRenames(t *testing.T) {
	state := func(product, renamedFrom, env, envFrom string, value bool) *spec.State {
		s := &spec.State{Products: []*spec.Product{{Name: product, RenamedFrom: renamedFrom,
			Environments: []*spec.Environment{{Name: env, RenamedFrom: envFrom}},
			Configs: []*spec.Config{{Name: "C", Flags: []*spec.Flag{{Key: "f", Type: spec.TypeBoolean,
				Values: map[string]*spec.EnvValue{env: {Default: spec.BoolValue(value)}}}}}}}}}
		spec.Normalize(s)
		return s
	}
	current := state("Old", "", "Prod", "", false)
	current.Products[0].Preferences = &spec.Preferences{ReasonRequiredEnvironments: []string{"Prod"}}
	p, err := planner.Build(current, state("New", "Old", "Production", "Prod", true), planner.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	need := planner.ReasonRequired(p, current)
	if len(need) != 1 || need[0].Product != "New" || need[0].Environment != "Production" {
		t.Fatalf("need a reason: %v, want the value write to New/Production\nplan:\n%s", need, planText(p))
	}
}
