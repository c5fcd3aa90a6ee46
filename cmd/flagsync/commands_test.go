package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/configcat"
)

const shopYAML = `
products:
  - name: Shop
    environments: [{name: Production}, {name: Staging}]
    tags: [{name: checkout}]
    segments:
      - {name: Staff, attribute: Email, comparator: contains, value: "@acme.com"}
    configs:
      - name: Main
        flags:
          - key: darkMode
            type: boolean
            value: false
            environments:
              Production:
                rules:
                  - if: [{segment: Staff}]
                    serve: true
                default: false
          - key: banner
            type: string
            tags: [checkout]
            value: hello
`

func TestValidateGoodAndBad(t *testing.T) {
	good := writeYAML(t, shopYAML)
	if r := runCLI(t, nil, "validate", good); r.code != exitOK || !strings.Contains(r.stdout, "is valid: 1 product, 2 flags") {
		t.Fatal(r)
	}
	bad := writeYAML(t, strings.Replace(shopYAML, "{segment: Staff}", "{segment: Staf}", 1))
	r := runCLI(t, nil, "validate", bad)
	if r.code != exitError || !strings.Contains(r.stderr, "flags.yaml:") || !strings.Contains(r.stderr, `"Staf"`) {
		t.Fatal(r)
	}
}

func TestPlanApplyConverges(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	path := writeYAML(t, shopYAML)

	r := runCLI(t, nil, "plan", "--detailed-exitcode", path)
	if r.code != exitChanges || !strings.Contains(r.stdout, `+ flag "darkMode"`) || !strings.Contains(r.stdout, "Plan: ") {
		t.Fatalf("first plan: %s", r)
	}
	if acct.writes() != 0 {
		t.Fatalf("plan sent %d writes; it must send GET requests only", acct.writes())
	}
	r = runCLI(t, nil, "apply", "--auto-approve", path)
	// 9 writes (product, 2 environments, config, tag, segment, 2 flags, 1 batch of values) after 3 reads: the
	// products, the organizations, and the organization's plan limits (no config's values reported them yet)
	if r.code != exitOK || !strings.Contains(r.stdout, "Apply complete") ||
		!strings.Contains(r.stdout, "API calls: 12 (GET 3, POST 9), 0 answered 429") {
		t.Fatalf("apply: %s", r)
	}
	r = runCLI(t, nil, "plan", "--detailed-exitcode", path)
	if r.code != exitOK || !strings.Contains(r.stdout, "No changes.") {
		t.Fatalf("plan after apply: %s", r)
	}
}

func TestApplyAsksFirst(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	path := writeYAML(t, shopYAML)

	r := runCLI(t, nil, "apply", path) // stdin is not a terminal
	if r.code != exitError || !strings.Contains(r.stderr, "--auto-approve") || acct.writes() != 0 {
		t.Fatalf("apply without a terminal: %s (writes %d)", r, acct.writes())
	}
	r = runCLI(t, ptr("no\n"), "apply", path)
	if r.code != exitError || !strings.Contains(r.stdout, "Apply cancelled") || acct.writes() != 0 {
		t.Fatalf("apply answered no: %s (writes %d)", r, acct.writes())
	}
	r = runCLI(t, ptr("yes\n"), "apply", path)
	if r.code != exitOK || acct.writes() == 0 {
		t.Fatalf("apply answered yes: %s", r)
	}
}

func TestSavedPlanAppliesOnlyWhileFresh(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	path := writeYAML(t, shopYAML)
	if r := runCLI(t, nil, "apply", "--auto-approve", path); r.code != exitOK {
		t.Fatal(r)
	}
	changed := writeYAML(t, strings.Replace(shopYAML, "value: hello", "value: bonjour", 1))
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if r := runCLI(t, nil, "plan", "--out", planFile, changed); r.code != exitOK {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "apply", "--plan", planFile); r.code != exitOK {
		t.Fatalf("fresh saved plan: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", changed); r.code != exitOK {
		t.Fatalf("after the saved plan: %s", r)
	}

	// A saved plan is refused once the account changed under it.
	if r := runCLI(t, nil, "plan", "--out", planFile, path); r.code != exitOK {
		t.Fatal(r)
	}
	other := writeYAML(t, strings.Replace(shopYAML, "value: hello", "value: hola", 1))
	if r := runCLI(t, nil, "apply", "--auto-approve", other); r.code != exitOK {
		t.Fatal(r)
	}
	before := acct.writes()
	r := runCLI(t, nil, "apply", "--plan", planFile)
	if r.code != exitError || !strings.Contains(r.stderr, "stale") || acct.writes() != before {
		t.Fatalf("stale saved plan: %s", r)
	}
}

func TestUnsafePlanNeedsForce(t *testing.T) {
	acct := seededAccount(t, shopYAML)
	noStaging := writeYAML(t, strings.Replace(shopYAML, ", {name: Staging}", "", 1))
	before := acct.writes()
	r := runCLI(t, nil, "apply", "--auto-approve", noStaging)
	if r.code != exitError || !strings.Contains(r.stderr, "unsafe plan") || !strings.Contains(r.stderr, "--force") || acct.writes() != before {
		t.Fatalf("unsafe apply: %s", r)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--force", noStaging); r.code != exitOK {
		t.Fatalf("forced apply: %s", r)
	}
}

func TestExportThenPlanShowsNoChanges(t *testing.T) {
	seededAccount(t, shopYAML)
	out := filepath.Join(t.TempDir(), "export.yaml")
	if r := runCLI(t, nil, "export", "--out", out); r.code != exitOK {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", out); r.code != exitOK {
		t.Fatalf("plan of the export: %s", r)
	}
	dir := t.TempDir() + "/"
	stale := filepath.Join(dir, "teams", "old-product.yaml")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("products: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "export", "--product", "Shop", "--out", dir)
	if r.code != exitOK || !strings.Contains(r.stderr, "old-product.yaml was not written by this export") || strings.Contains(r.stderr, "shop.yaml") {
		t.Fatalf("export into a directory with a stale file: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", dir); r.code != exitOK {
		t.Fatalf("plan of the exported directory: %s", r)
	}
	if r := runCLI(t, nil, "export", "--product", "Nope"); r.code != exitError || !strings.Contains(r.stderr, `"Nope"`) {
		t.Fatal(r)
	}
}

func TestMigrateCopiesAndVerifies(t *testing.T) {
	migrationAccounts(t, shopYAML)
	r := runCLI(t, nil, "migrate", "--auto-approve", "--rename", "Shop=Shop EU")
	if r.code != exitOK || !strings.Contains(r.stdout, "Migration verified") {
		t.Fatalf("migrate: %s", r)
	}
	renamed := writeYAML(t, strings.Replace(shopYAML, "name: Shop", "name: Shop EU", 1))
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", renamed); r.code != exitOK {
		t.Fatalf("target differs after migrate: %s", r)
	}
	if r := runCLI(t, nil, "migrate", "--rename", "Shop"); r.code != exitError || !strings.Contains(r.stderr, "OLD=NEW") {
		t.Fatal(r)
	}
}

// TestMigrateRefusesApprovalEnvironments: migrate copies values directly and verifies the copy, so into an
// environment that requires approval it refuses before any write unless --bypass-approval.
func TestMigrateRefusesApprovalEnvironments(t *testing.T) {
	src, dst := newTestAccount(t), newTestAccount(t)
	src.use(t, "CONFIGCAT")
	source := strings.Replace(shopYAML, "    tags: [{name: checkout}]", "    preferences: {approveRequiredEnvironments: [Production]}\n    tags: [{name: checkout}]", 1)
	if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, source)); r.code != exitOK {
		t.Fatal(r)
	}
	dst.use(t, "CONFIGCAT")
	target := strings.Replace(source, "value: hello", "value: bonjour", 1)
	if r := runCLI(t, nil, "apply", "--auto-approve", "--bypass-approval", writeYAML(t, target)); r.code != exitOK {
		t.Fatal(r)
	}
	src.use(t, "CONFIGCAT_SOURCE")
	writes := dst.writes()
	r := runCLI(t, nil, "migrate", "--auto-approve")
	if r.code != exitError || !strings.Contains(r.stderr, "pass --bypass-approval") || dst.writes() != writes {
		t.Fatalf("migrate into an approval environment: %s (%d writes)", r, dst.writes()-writes)
	}
	if r := runCLI(t, nil, "migrate", "--auto-approve", "--bypass-approval"); r.code != exitOK || !strings.Contains(r.stdout, "Migration verified") {
		t.Fatalf("migrate --bypass-approval: %s", r)
	}
}

func TestLocalAccountPersists(t *testing.T) {
	dir := chdir(t)
	path := writeYAML(t, shopYAML)
	r := runCLI(t, nil, "apply", "--local", "--auto-approve", path)
	if r.code != exitOK || !strings.Contains(r.stderr, "--local: using the embedded emulator") {
		t.Fatal(r)
	}
	if _, err := os.Stat(filepath.Join(dir, localStatePath)); err != nil {
		t.Fatalf("local state not saved: %v", err)
	}
	if r := runCLI(t, nil, "plan", "--local", "--detailed-exitcode", path); r.code != exitOK {
		t.Fatalf("plan --local after apply --local: %s", r)
	}
}

func TestMissingCredentials(t *testing.T) {
	t.Setenv("CONFIGCAT_API_USER", "")
	t.Setenv("CONFIGCAT_API_PASS", "")
	r := runCLI(t, nil, "plan", writeYAML(t, shopYAML))
	if r.code != exitError || !strings.Contains(r.stderr, "CONFIGCAT_API_USER") {
		t.Fatal(r)
	}
}

func TestWrongCredentialsAreNotPrinted(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	t.Setenv("CONFIGCAT_API_PASS", testPass+"-wrong")
	r := runCLI(t, nil, "plan", writeYAML(t, shopYAML))
	if r.code != exitError || !strings.Contains(r.stderr, "401") {
		t.Fatal(r)
	}
	if strings.Contains(r.stdout+r.stderr, testPass+"-wrong") {
		t.Fatal("the wrong password was printed")
	}
}

func TestPlanFormats(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	path := writeYAML(t, shopYAML)
	if r := runCLI(t, nil, "plan", "--format", "json", path); r.code != exitOK || !strings.HasPrefix(strings.TrimSpace(r.stdout), "{") {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "plan", "--format", "markdown", path); r.code != exitOK || !strings.Contains(r.stdout, "<details>") {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "plan", "--format", "yaml", path); r.code != exitError || !strings.Contains(r.stderr, "--format") {
		t.Fatal(r)
	}
}

// TestDeleteConfigWithTheSegmentItsFlagsUse needs the config (and so its flags) deleted before the segment, which
// ConfigCat refuses to delete while a flag uses it.
func TestDeleteConfigWithTheSegmentItsFlagsUse(t *testing.T) {
	seededAccount(t, shopYAML)
	bare := writeYAML(t, `
products:
  - name: Shop
    environments: [{name: Production}, {name: Staging}]
    tags: [{name: checkout}]
`)
	applyConverges(t, bare, "--force")
}

// TestExportNamesSecureHeaderVariables: ConfigCat never returns secure header values, so export names an
// environment variable for each, and the exported YAML loads and plans clean.
func TestExportNamesSecureHeaderVariables(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	t.Setenv("HOOK_TOKEN", "t0ken")
	withHook := shopYAML + `
    webhooks:
      - config: Main
        environment: Production
        url: https://hooks.example.com/flags
        method: post
        headers:
          - {key: X-Api-Key, secure: true, valueFromEnv: HOOK_TOKEN}
`
	if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, withHook)); r.code != exitOK {
		t.Fatal(r)
	}
	out := filepath.Join(t.TempDir(), "export.yaml")
	r := runCLI(t, nil, "export", "--out", out)
	if r.code != exitOK || !strings.Contains(r.stderr, "FLAGSYNC_WEBHOOK_X_API_KEY") {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", out); r.code != exitOK {
		t.Fatalf("plan of the export: %s", r)
	}
}

// TestDeleteEnvironmentWithWhatOnlyItUses needs the environment (and so its values) deleted before the segment
// and the predefined variation that only its values use: ConfigCat refuses to delete either while in use.
func TestDeleteEnvironmentWithWhatOnlyItUses(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	const two = `
products:
  - name: Shop
    environments: [{name: Production}, {name: Staging}]
    segments:
      - {name: Testers, attribute: Email, comparator: contains, value: "@test.acme.com"}
    configs:
      - name: Main
        flags:
          - key: theme
            type: string
            variations: [{value: light}, {value: dark}]
            value: light
            environments:
              Staging:
                rules:
                  - if: [{segment: Testers}]
                    serve: dark
                default: dark
`
	if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, two)); r.code != exitOK {
		t.Fatal(r)
	}
	one := writeYAML(t, `
products:
  - name: Shop
    environments: [{name: Production}]
    configs:
      - name: Main
        flags:
          - key: theme
            type: string
            variations: [{value: light}]
            value: light
`)
	applyConverges(t, one, "--force")
}

// TestApprovalEnvironmentsGoThroughChangeRequests: value writes into an environment that requires approval are
// proposed in a change request, not written, unless --bypass-approval writes them; v1 configs there cannot be
// written at all.
func TestApprovalEnvironmentsGoThroughChangeRequests(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	withApproval := strings.Replace(shopYAML, "    tags: [{name: checkout}]", "    preferences: {approveRequiredEnvironments: [Production]}\n    tags: [{name: checkout}]", 1)
	path := writeYAML(t, withApproval)
	r := runCLI(t, nil, "apply", "--auto-approve", path)
	counts := acct.srv.Counts()
	if r.code != exitOK || counts[configcat.CallCreateChangeRequest] != 1 || counts[configcat.CallPostValuesV2] != 0 {
		t.Fatalf("apply without --bypass-approval: %s (calls %v)", r, counts)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", "--bypass-approval", path); r.code != exitOK || !strings.Contains(r.stdout, "closed change request") {
		t.Fatalf("apply with --bypass-approval: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", path); r.code != exitOK {
		t.Fatalf("plan after apply: %s", r)
	}
	v1 := writeYAML(t, withApproval+"      - name: Legacy\n        evaluationVersion: v1\n        flags:\n          - key: old\n            type: boolean\n            value: true\n            environments:\n              Production: {rules: [{if: [{segment: Staff}], serve: false}], default: true}\n")
	before := acct.writes()
	r = runCLI(t, nil, "apply", "--auto-approve", "--bypass-approval", v1)
	if r.code != exitError || !strings.Contains(r.stderr, "nor open change requests for a v1 config") || acct.writes() != before {
		t.Fatalf("apply of a v1 config into an approval environment: %s", r)
	}
}

func TestHelpAndBadFlags(t *testing.T) {
	for _, cmd := range []string{"plan", "apply", "export", "migrate", "validate", "schema"} {
		if r := runCLI(t, nil, cmd, "-h"); r.code != exitOK || !strings.Contains(r.stderr, "Usage: flagsync "+cmd) {
			t.Errorf("%s -h: %s", cmd, r)
		}
	}
	if r := runCLI(t, nil, "plan", "--max-delete-percent", "150", "flags"); r.code != exitError || !strings.Contains(r.stderr, "0 to 100") {
		t.Errorf("bad --max-delete-percent: %s", r)
	}
	if r := runCLI(t, nil, "plan", "a", "b"); r.code != exitError || !strings.Contains(r.stderr, "one PATH at most") {
		t.Errorf("two paths: %s", r)
	}
}

// TestColourOnTerminalsUnlessNoColor: a text plan is coloured on a terminal, and never with NO_COLOR set.
func TestColourOnTerminalsUnlessNoColor(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	path := writeYAML(t, shopYAML)
	plan := func(noColor string) string {
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard, stdoutIsTerminal: true,
			lookupEnv: func(k string) (string, bool) {
				if k == "NO_COLOR" {
					return noColor, noColor != ""
				}
				return os.LookupEnv(k)
			}}
		if code := run(context.Background(), e, []string{"plan", path}); code != exitOK {
			t.Fatalf("plan exited %d", code)
		}
		return out.String()
	}
	if !strings.Contains(plan(""), "\x1b[") {
		t.Error("no colour in a plan on a terminal")
	}
	if strings.Contains(plan("1"), "\x1b[") {
		t.Error("colour in a plan with NO_COLOR set")
	}
}
