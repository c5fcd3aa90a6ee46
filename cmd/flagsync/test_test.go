package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// quickstartCopy copies examples/quickstart, tests included, into a fresh directory.
func quickstartCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, "../../examples/quickstart/flags.yaml", filepath.Join(dir, "flags.yaml"))
	return filepath.Join(dir, "flags.yaml")
}

// TestTestFailsAfterAnEditOfTheRulesAndPassesOnceFixed is the user's loop: the quickstart's tests pass; an edit
// of the rules makes one fail with file:line, what was got and what served it, and JUnit XML says the same;
// undoing the edit makes them pass again.
func TestTestFailsAfterAnEditOfTheRulesAndPassesOnceFixed(t *testing.T) {
	file := quickstartCopy(t)
	if r := runCLI(t, nil, "test", file); r.code != exitOK || !strings.Contains(r.stdout, "3 passed, 0 failed") {
		t.Fatalf("the quickstart's tests: %s", r)
	}
	edit(t, file, "- if: [{segment: Employees}]\n                    serve: true", "- if: [{segment: Employees}]\n                    serve: false")
	junit := filepath.Join(t.TempDir(), "junit.xml")
	r := runCLI(t, nil, "test", "--junit", junit, file)
	want := file + `:50: test "employees always get the new checkout": newCheckout in Production: got false, want true (served by rule 1)`
	if r.code != exitError || !strings.Contains(r.stdout, want+"\n") || !strings.Contains(r.stdout, "2 passed, 1 failed") {
		t.Fatalf("after the edit: %s\nwant the line %s", r, want)
	}
	var suites junitSuites
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatalf("JUnit XML: %v\n%s", err, data)
	}
	s := suites.Suites[0]
	if s.Tests != 3 || s.Failures != 1 || s.Cases[0].Failure == nil || s.Cases[0].Failure.Message != want || s.Cases[1].Failure != nil {
		t.Errorf("JUnit XML:\n%s", data)
	}
	edit(t, file, "- if: [{segment: Employees}]\n                    serve: false", "- if: [{segment: Employees}]\n                    serve: true")
	if r := runCLI(t, nil, "test", file); r.code != exitOK {
		t.Errorf("after the fix: %s", r)
	}
}

func TestTestMeasuresShares(t *testing.T) {
	file := quickstartCopy(t)
	edit(t, file, "{percent: 10, serve: true}\n                  - {percent: 90, serve: false}", "{percent: 30, serve: true}\n                  - {percent: 70, serve: false}")
	r := runCLI(t, nil, "test", file)
	if r.code != exitError || !strings.Contains(r.stdout, `test "a tenth of shoppers get the new checkout": newCheckout in Production: true for `) ||
		!strings.Contains(r.stdout, "% of 2000 generated users, want 10% ± 2\n") {
		t.Fatalf("%s", r)
	}
	edit(t, file, "percent: 10, tolerance: 2", "percent: 30, tolerance: 2")
	if r := runCLI(t, nil, "test", file); r.code != exitOK {
		t.Errorf("with the share the rules give: %s", r)
	}
}

func TestTestReportsUnknownFlagsAsLoadErrors(t *testing.T) {
	file := quickstartCopy(t)
	edit(t, file, "expect: {newCheckout: true}", "expect: {newChekout: true}")
	r := runCLI(t, nil, "validate", file)
	if r.code != exitError || !strings.Contains(r.stderr, `flags.yaml:57:14: test "everyone tries the new checkout in Staging": product "Webshop" has no flag "newChekout"`) {
		t.Errorf("%s", r)
	}
}

// TestPlanAndApplyRefuseFailingTests: plan shows the plan, then the failing test, and exits 1; apply refuses
// before writing anything.
func TestPlanAndApplyRefuseFailingTests(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	file := quickstartCopy(t)
	edit(t, file, "value: support@acme.com", "value: help@acme.com")
	r := runCLI(t, nil, "plan", file)
	if r.code != exitError || !strings.Contains(r.stderr, `test "employees always get the new checkout": supportEmail in Production: got "help@acme.com", want "support@acme.com" (served by default)`) ||
		!strings.Contains(r.stderr, "refused: 2 passed, 1 failed") || !strings.Contains(r.stdout, "supportEmail") {
		t.Fatalf("plan with a failing test: %s", r)
	}
	if !strings.Contains(r.stdout, "Plan refused: 1 test expectation fails. Nothing will be applied.") ||
		strings.Contains(r.stdout, "Plan: ") {
		t.Errorf("the text plan does not say it is refused by the test:\n%s", r.stdout)
	}
	r = runCLI(t, nil, "plan", "--format", "json", file)
	var saved struct {
		FailedTests int  `json:"failedTests"`
		Applicable  bool `json:"applicable"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &saved); err != nil || saved.FailedTests != 1 || saved.Applicable {
		t.Errorf("JSON plan with a failing test: %+v (%v)\n%s", saved, err, r.stdout)
	}
	r = runCLI(t, nil, "apply", "--auto-approve", file)
	if r.code != exitError || !strings.Contains(r.stderr, "refused:") || acct.writes() != 0 {
		t.Fatalf("apply with a failing test: %s (%d writes)", r, acct.writes())
	}
	edit(t, file, "supportEmail: support@acme.com}", "supportEmail: help@acme.com}")
	if r := runCLI(t, nil, "apply", "--auto-approve", file); r.code != exitOK || acct.writes() == 0 {
		t.Fatalf("apply once the test is fixed: %s", r)
	}
}
