package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/contract"
)

// approvalAccount is an emulated account with a second user, Ann, who may approve change requests that the
// test's own credentials (flagsync's) open.
func approvalAccount(t *testing.T) *testAccount {
	t.Helper()
	srv := emulator.New(emulator.Options{User: "flagsync-test", Pass: testPass, RateLimit: emulator.RateLimit{Off: true},
		Users: []emulator.Credential{{User: "ann", Password: "ann-pass", Email: "ann@acme.com", FullName: "Ann"}}})
	hs := httptest.NewServer(contract.Middleware(t, srv))
	t.Cleanup(hs.Close)
	acct := &testAccount{srv: srv, url: hs.URL}
	acct.use(t, "CONFIGCAT")
	return acct
}

// clientAs is a client of the account with a user's credentials, as a person in the dashboard.
func (a *testAccount) clientAs(t *testing.T, user, pass string) *configcat.Client {
	t.Helper()
	c, err := configcat.New(configcat.Config{BaseURL: a.url, User: user, Pass: pass})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shopIDs are the remote ids of the approval fixtures' product, config, Production and a flag.
type shopIDs struct {
	product, config, production string
	setting                     map[string]int32
}

func readShopIDs(t *testing.T, c *configcat.Client) shopIDs {
	t.Helper()
	_, remote, err := c.Fetch(context.Background(), configcat.FetchOptions{Products: []string{"Shop"}})
	if err != nil {
		t.Fatal(err)
	}
	rp := remote.Product("Shop")
	rc := rp.Config("Main")
	env, _ := rp.EnvironmentID("Production")
	ids := shopIDs{product: rp.ID, config: rc.ID, production: env, setting: map[string]int32{}}
	for _, key := range []string{"newCheckout", "banner"} {
		ids.setting[key] = rc.Flag(key).ID
	}
	return ids
}

var changeRequestID = regexp.MustCompile(`change request (\d+)`)

// crID is the id of the change request the output names after what.
func crID(t *testing.T, out, what string) int64 {
	t.Helper()
	i := strings.Index(out, what)
	if i < 0 {
		t.Fatalf("%q not in:\n%s", what, out)
	}
	m := changeRequestID.FindStringSubmatch(out[i:])
	if m == nil {
		t.Fatalf("no change request id after %q in:\n%s", what, out)
	}
	n, _ := strconv.ParseInt(m[1], 10, 64)
	return n
}

// openRequests lists the open change requests of Main in Production.
func openRequests(t *testing.T, c *configcat.Client, ids shopIDs) []configcat.ChangeRequestSummary {
	t.Helper()
	list, err := c.ChangeRequests(context.Background(), ids.product, ids.config, ids.production, configcat.ChangeRequestOpen)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// reviewCalls are the calls of the approval flow (and the value writes) the account received since its counts
// were reset: what each command's budget in the README states.
func reviewCalls(acct *testAccount) map[string]int {
	out := map[string]int{}
	for k, n := range acct.srv.Counts() {
		if strings.Contains(k, "change-requests") || k == configcat.CallPostValuesV2 {
			out[k] = n
		}
	}
	return out
}

// wantCalls checks the calls of the approval flow one command made.
func wantCalls(t *testing.T, acct *testAccount, what string, want map[string]int) {
	t.Helper()
	if got := reviewCalls(acct); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s made %v, want %v", what, got, want)
	}
	acct.srv.ResetCounts()
}

// TestApprovalFlowEndToEnd drives an environment that requires approval through a change request's life:
// opened by apply, left alone when re-applied, updated when the files change, approved by a second user,
// applied, plan empty; then through a conflict (a value changed in the dashboard under an open change
// request), rebased by apply; and a change request closed once the files no longer need it.
func TestApprovalFlowEndToEnd(t *testing.T) {
	acct := approvalAccount(t)
	fixture := func(name string) string { return "testdata/approval/" + name }
	if r := runCLI(t, nil, "apply", "--auto-approve", fixture("00-initial.yaml")); r.code != exitOK {
		t.Fatalf("initial apply: %s", r)
	}
	admin := acct.clientAs(t, "flagsync-test", testPass)
	ann := acct.clientAs(t, "ann", "ann-pass")
	ids := readShopIDs(t, admin)
	ctx := context.Background()

	// open: Staging is written, Production's value is proposed
	acct.srv.ResetCounts()
	r := runCLI(t, nil, "plan", fixture("01-enable.yaml"))
	wantCalls(t, acct, "plan", map[string]int{configcat.CallListChangeRequests: 1})
	if !strings.Contains(r.stdout, "Production (config Main, product Shop): requires approval: apply opens a change request proposing the values of newCheckout") {
		t.Fatalf("plan before the change request:\n%s", r)
	}
	r = runCLI(t, nil, "apply", "--auto-approve", "--title", "Enable the new checkout (#42)", fixture("01-enable.yaml"))
	if r.code != exitOK {
		t.Fatalf("apply 01: %s", r)
	}
	id := crID(t, r.stdout, "opened")
	wantCalls(t, acct, "apply opening a change request", map[string]int{configcat.CallListChangeRequests: 1,
		configcat.CallCreateChangeRequest: 1, configcat.CallPostValuesV2: 1})
	open := openRequests(t, admin, ids)
	if len(open) != 1 || open[0].ChangeRequestID != id || open[0].Title != "Enable the new checkout (#42)" ||
		strings.Join(open[0].AffectedSettingKeys, ",") != "newCheckout" {
		t.Fatalf("open change requests after apply 01: %+v", open)
	}
	acct.srv.ResetCounts()

	// idempotent: re-running leaves it alone, and plan says it waits
	writes := acct.writes()
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("01-enable.yaml"))
	if r.code != exitOK || acct.writes() != writes || !strings.Contains(r.stdout, "change request "+strconv.FormatInt(id, 10)+" is unchanged, waiting for approval") {
		t.Fatalf("re-apply of 01 (%d writes): %s", acct.writes()-writes, r)
	}
	wantCalls(t, acct, "apply leaving the change request alone", map[string]int{configcat.CallListChangeRequests: 1})
	r = runCLI(t, nil, "plan", fixture("01-enable.yaml"))
	if !strings.Contains(r.stdout, "waiting for approval in change request "+strconv.FormatInt(id, 10)+", opened just now by ") {
		t.Fatalf("plan while waiting:\n%s", r)
	}

	// updated: the files changed, the same change request proposes the new values
	acct.srv.ResetCounts()
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("02-enable-and-banner.yaml"))
	if r.code != exitOK || crID(t, r.stdout, "updated") != id {
		t.Fatalf("apply 02: %s", r)
	}
	wantCalls(t, acct, "apply updating the change request", map[string]int{configcat.CallListChangeRequests: 1,
		configcat.CallUpdateProposedChanges: 1, configcat.CallUpdateChangeRequest: 1})
	if open := openRequests(t, admin, ids); len(open) != 1 || strings.Join(open[0].AffectedSettingKeys, ",") != "newCheckout,banner" &&
		strings.Join(open[0].AffectedSettingKeys, ",") != "banner,newCheckout" {
		t.Fatalf("open change requests after apply 02: %+v", open)
	}

	// approved by a second user: its creator cannot approve it
	if _, err := admin.ApproveChangeRequest(ctx, id); err == nil {
		t.Fatal("the creator approved its own change request")
	}
	if _, err := ann.ApproveChangeRequest(ctx, id); err != nil {
		t.Fatalf("Ann's approval: %v", err)
	}
	r = runCLI(t, nil, "plan", fixture("02-enable-and-banner.yaml"))
	if !strings.Contains(r.stdout, "is approved and waits to be applied") {
		t.Fatalf("plan after the approval:\n%s", r)
	}

	// applied, plan empty
	acct.srv.ResetCounts()
	r = runCLI(t, nil, "apply", "--auto-approve", "--apply-approved", fixture("02-enable-and-banner.yaml"))
	if r.code != exitOK || crID(t, r.stdout, "applied approved") != id {
		t.Fatalf("apply --apply-approved: %s", r)
	}
	wantCalls(t, acct, "apply --apply-approved", map[string]int{configcat.CallListChangeRequests: 1, configcat.CallApplyChangeRequest: 1})
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", fixture("02-enable-and-banner.yaml")); r.code != exitOK {
		t.Fatalf("plan after the change request was applied: %s", r)
	}

	// conflict: the banner changes in the dashboard under an open change request
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("03-banner-only.yaml"))
	second := crID(t, r.stdout, "opened")
	summer := "summer sale"
	if _, err := admin.PostValuesV2With(ctx, ids.config, ids.production, configcat.ValueWriteOptions{Reason: "hotfix", BypassApproval: true},
		[]configcat.UpdateEvaluationFormulaWithID{{SettingID: ids.setting["banner"], UpdateEvaluationFormula: configcat.UpdateEvaluationFormula{
			DefaultValue: configcat.ValueModel{VariationValue: configcat.VariationValue{StringValue: &summer}}, TargetingRules: []configcat.TargetingRule{}}}}); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "plan", fixture("03-banner-only.yaml"))
	if !strings.Contains(r.stdout, "change request "+strconv.FormatInt(second, 10)) || !strings.Contains(r.stdout, "has 1 conflict") ||
		!strings.Contains(r.stdout, "apply proposes the values again against the current ones") {
		t.Fatalf("plan with a conflict:\n%s", r)
	}
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("03-banner-only.yaml"))
	if r.code != exitOK || crID(t, r.stdout, "updated") != second {
		t.Fatalf("apply over the conflict: %s", r)
	}
	if open := openRequests(t, admin, ids); len(open) != 1 || open[0].ConflictCount != 0 {
		t.Fatalf("after the rebase: %+v", open)
	}
	if _, err := ann.ApproveChangeRequest(ctx, second); err != nil {
		t.Fatalf("Ann's approval: %v", err)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--apply-approved", fixture("03-banner-only.yaml")); r.code != exitOK {
		t.Fatalf("apply --apply-approved after the conflict: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", fixture("03-banner-only.yaml")); r.code != exitOK {
		t.Fatalf("plan after the rebased change request was applied: %s", r)
	}

	// a flag the files no longer change is dropped from the change request
	third := crID(t, runCLI(t, nil, "apply", "--auto-approve", fixture("04-both-again.yaml")).stdout, "opened")
	acct.srv.ResetCounts()
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("05-checkout-only.yaml"))
	if r.code != exitOK || crID(t, r.stdout, "updated") != third {
		t.Fatalf("apply that drops banner from the change request: %s", r)
	}
	wantCalls(t, acct, "apply dropping a flag from the change request", map[string]int{configcat.CallListChangeRequests: 1,
		configcat.CallUpdateProposedChanges: 1, configcat.CallDeleteProposedChange: 1, configcat.CallUpdateChangeRequest: 1})
	if open := openRequests(t, admin, ids); len(open) != 1 || strings.Join(open[0].AffectedSettingKeys, ",") != "newCheckout" {
		t.Fatalf("open change requests after dropping banner: %+v", open)
	}

	// closed: the files go back to what the account has, so flagsync's change request is not needed
	acct.srv.ResetCounts()
	r = runCLI(t, nil, "apply", "--auto-approve", fixture("03-banner-only.yaml"))
	wantCalls(t, acct, "apply closing the change request", map[string]int{configcat.CallListChangeRequests: 1, configcat.CallCloseChangeRequest: 1})
	if !strings.Contains(r.stdout, "Apply will make 1 API call") {
		t.Errorf("the plan's budget does not count the close:\n%s", r.stdout)
	}
	if r.code != exitOK || crID(t, r.stdout, "closed") != third || len(openRequests(t, admin, ids)) != 0 {
		t.Fatalf("apply that no longer needs the change request: %s", r)
	}
}

// TestApplyAtSchedulesChangeRequests: --apply-at schedules the change request apply opens; the same time
// leaves it alone, a new one updates it, and a time that does not parse is refused saying what to give.
func TestApplyAtSchedulesChangeRequests(t *testing.T) {
	acct := approvalAccount(t)
	fixture := "testdata/approval/01-enable.yaml"
	if r := runCLI(t, nil, "apply", "--auto-approve", "testdata/approval/00-initial.yaml"); r.code != exitOK {
		t.Fatalf("initial apply: %s", r)
	}
	ids := readShopIDs(t, acct.clientAs(t, "flagsync-test", testPass))
	admin := acct.clientAs(t, "flagsync-test", testPass)
	scheduledAt := func() string {
		t.Helper()
		open := openRequests(t, admin, ids)
		if len(open) != 1 || open[0].ApplyAt == nil {
			t.Fatalf("open change requests: %+v", open)
		}
		return *open[0].ApplyAt
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--apply-at", "2030-01-02T03:04:05Z", fixture); r.code != exitOK || !strings.Contains(r.stdout, "opened change request") {
		t.Fatalf("apply --apply-at: %s", r)
	}
	if at := scheduledAt(); !strings.HasPrefix(at, "2030-01-02T03:04:05") {
		t.Fatalf("applyAt = %s", at)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--apply-at", "2030-01-02T04:04:05+01:00", fixture); r.code != exitOK || !strings.Contains(r.stdout, "is unchanged") {
		t.Fatalf("apply with the same time in another zone: %s", r)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--apply-at", "2030-02-01T00:00:00Z", fixture); r.code != exitOK || !strings.Contains(r.stdout, "updated change request") {
		t.Fatalf("apply with a new time: %s", r)
	}
	if at := scheduledAt(); !strings.HasPrefix(at, "2030-02-01T00:00:00") {
		t.Fatalf("applyAt after the update = %s", at)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--apply-at", "tomorrow", fixture); r.code != exitError || !strings.Contains(r.stderr, "RFC 3339") {
		t.Fatalf("apply --apply-at tomorrow: %s", r)
	}
}
