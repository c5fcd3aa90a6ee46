package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/configcat"
)

// uploadCodeReferences posts the code reference report of testdata/coderefs/report.json for flag key of
// config Main, as ConfigCat's scanner does.
func uploadCodeReferences(t *testing.T, acct *testAccount, key string) {
	t.Helper()
	c := acct.clientAs(t, "flagsync-test", testPass)
	_, remote, err := c.Fetch(context.Background(), configcat.FetchOptions{Products: []string{"Shop"}})
	if err != nil {
		t.Fatal(err)
	}
	rc := remote.Product("Shop").Config("Main")
	raw, err := os.ReadFile("testdata/coderefs/report.json")
	if err != nil {
		t.Fatal(err)
	}
	var report map[string]any
	if err := json.Unmarshal(raw, &report); err != nil {
		t.Fatal(err)
	}
	report["configId"] = rc.ID
	report["flagReferences"].([]any)[0].(map[string]any)["settingId"] = rc.Flag(key).ID
	body, _ := json.Marshal(report)
	req, _ := http.NewRequest(http.MethodPost, acct.url+"/v1/code-references", bytes.NewReader(body))
	req.SetBasicAuth("flagsync-test", testPass)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("upload: %s", resp.Status)
	}
}

// TestDeletingAFlagUsedInCodeIsRefused: plan reads the code references of the flags it deletes (and only of
// those), shows where the code uses them, and refuses the delete unless --force.
func TestDeletingAFlagUsedInCodeIsRefused(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	with, without := "testdata/coderefs/with-old-flag.yaml", "testdata/coderefs/without-old-flag.yaml"
	if r := runCLI(t, nil, "apply", "--auto-approve", with); r.code != exitOK {
		t.Fatalf("apply: %s", r)
	}
	uploadCodeReferences(t, acct, "oldCheckout")

	acct.srv.ResetCounts()
	r := runCLI(t, nil, "plan", with)
	if counts := acct.srv.Counts(); r.code != exitOK || counts[configcat.CallCodeReferences] != 0 || counts[configcat.CallListChangeRequests] != 0 {
		t.Fatalf("plan without deletes read code references: %s, %v", r, acct.srv.Counts())
	}
	where := "flag Shop/Main/oldCheckout would be deleted, but code still refers to it: acme/web@main src/checkout.ts:12"
	r = runCLI(t, nil, "plan", without)
	if r.code != exitError || !strings.Contains(r.stdout, where) || !strings.Contains(r.stderr, "--force") ||
		acct.srv.Counts()[configcat.CallCodeReferences] != 1 {
		t.Fatalf("plan deleting a referenced flag: %s (calls %v)", r, acct.srv.Counts())
	}
	writes := acct.writes()
	if r := runCLI(t, nil, "apply", "--auto-approve", without); r.code != exitError || acct.writes() != writes {
		t.Fatalf("apply without --force: %s", r)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--force", without); r.code != exitOK || !strings.Contains(r.stdout, where) {
		t.Fatalf("apply --force: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", without); r.code != exitOK {
		t.Fatalf("plan after the forced delete: %s", r)
	}
}
