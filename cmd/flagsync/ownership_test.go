package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/spec"
)

// dashboardEdit writes a flag's value in one environment through the API at baseURL, as someone toggling it in
// ConfigCat's dashboard would.
func dashboardEdit(t *testing.T, baseURL, user, pass, product, config, flag, env string, v *spec.EnvValue) {
	t.Helper()
	ctx := context.Background()
	c, err := configcat.New(configcat.Config{BaseURL: baseURL, User: user, Pass: pass})
	if err != nil {
		t.Fatal(err)
	}
	_, remote, err := c.Fetch(ctx, configcat.FetchOptions{Products: []string{product}})
	if err != nil {
		t.Fatal(err)
	}
	rp := remote.Product(product)
	rc := rp.Config(config)
	envID, ok := rp.EnvironmentID(env)
	if !ok || rc == nil || rc.Flags[spec.Key(flag)] == nil {
		t.Fatalf("no %s/%s/%s in %s", product, config, flag, env)
	}
	formula, err := configcat.FormulaV2(flag, v, rp.Resolver(config))
	if err != nil {
		t.Fatal(err)
	}
	batch := []configcat.UpdateEvaluationFormulaWithID{{SettingID: rc.Flags[spec.Key(flag)].ID, UpdateEvaluationFormula: formula}}
	if _, err := c.PostValuesV2(ctx, rc.ID, envID, "toggled in the dashboard", batch); err != nil {
		t.Fatal(err)
	}
}

// on is a boolean flag switched on, without targeting.
var on = &spec.EnvValue{Default: spec.BoolValue(true)}

// TestActionDriftLeavesDashboardValues runs the Action's drift check on files that leave Production values to the
// dashboard: a toggle there is no drift (and the summary says how many values it left alone), while a toggle of
// a Staging value of the same flag, which Git owns, is.
func TestActionDriftLeavesDashboardValues(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	r.editYAML(`{name: Production, color: "#c62828", order: 0}`, `{name: Production, color: "#c62828", order: 0, valueOwner: dashboard}`)
	if s := r.step("apply"); s.code != exitOK {
		t.Fatal(s)
	}
	r.vars["GITHUB_EVENT_NAME"] = "schedule"
	r.vars["GITHUB_EVENT_PATH"] = filepath.Join(t.TempDir(), "no-payload.json")

	dashboardEdit(t, r.apiURL, actionUser, actionPass, "Webshop", "Main", "maintenanceMode", "Production", on)
	green := r.step("drift")
	if green.code != exitOK || !strings.Contains(green.summary, "No drift") || len(green.annotationLines) != 0 {
		t.Fatalf("drift after a toggle of a dashboard-owned value: %s", green)
	}
	const line = "3 values are left to the dashboard (valueOwner: dashboard) and not compared with the files; 1 of them differs from the files."
	if !strings.Contains(green.summary, line) || !strings.Contains(green.stdout, line) {
		t.Errorf("drift does not say how many values it left to the dashboard:\n%s", green)
	}

	dashboardEdit(t, r.apiURL, actionUser, actionPass, "Webshop", "Main", "maintenanceMode", "Staging", on)
	red := r.step("drift")
	if red.code != exitChanges {
		t.Fatalf("drift after a toggle of a Git-owned value: %s", red)
	}
	if !strings.Contains(red.summary, "~ value of flag Webshop/Main/maintenanceMode in Staging") ||
		strings.Contains(red.summary, "in Production") {
		t.Errorf("drift should name the Staging value only:\n%s", red.summary)
	}
}

// TestExportValueOwner exports an account in both modes: each export plans clean, and after a dashboard edit
// only the git-mode export wants to undo it.
func TestExportValueOwner(t *testing.T) {
	acct := seededAccount(t, shopYAML)
	dir := t.TempDir()
	gitFile, dashboardFile := filepath.Join(dir, "git.yaml"), filepath.Join(dir, "dashboard.yaml")
	if r := runCLI(t, nil, "export", "--out", gitFile); r.code != exitOK {
		t.Fatal(r)
	}
	if r := runCLI(t, nil, "export", "--value-owner", "dashboard", "--out", dashboardFile); r.code != exitOK {
		t.Fatal(r)
	}
	if data, _ := os.ReadFile(gitFile); strings.Contains(string(data), "valueOwner") {
		t.Errorf("the git export writes valueOwner:\n%s", data)
	}
	if st, err := spec.Load(dashboardFile); err != nil || st.Product("Shop").ValueOwner != spec.ValueOwnerDashboard {
		t.Errorf("the dashboard export does not leave the product's values to the dashboard (%v)", err)
	}
	for _, f := range []string{gitFile, dashboardFile} {
		if r := runCLI(t, nil, "plan", "--detailed-exitcode", f); r.code != exitOK {
			t.Fatalf("plan of %s right after export: %s", filepath.Base(f), r)
		}
	}

	dashboardEdit(t, acct.url, "flagsync-test", testPass, "Shop", "Main", "darkMode", "Staging", on)
	r := runCLI(t, nil, "plan", "--detailed-exitcode", dashboardFile)
	if r.code != exitOK || !strings.Contains(r.stdout, "4 values are left to the dashboard (valueOwner: dashboard) and not compared with the files; 1 of them differs from the files.") {
		t.Errorf("plan of the dashboard export after a dashboard edit: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", gitFile); r.code != exitChanges {
		t.Errorf("plan of the git export after a dashboard edit: %s", r)
	}
	if r := runCLI(t, nil, "export", "--value-owner", "initial"); r.code != exitError || !strings.Contains(r.stderr, `--value-owner "initial": want git or dashboard`) {
		t.Errorf("export --value-owner initial: %s", r)
	}
}

// TestMigrateValueOwnerDashboard migrates into a target whose values were edited since a first migration:
// with --value-owner dashboard a second migration keeps them, and says so; a flag new in the source is created
// with its values.
func TestMigrateValueOwnerDashboard(t *testing.T) {
	src, dst := migrationAccounts(t, shopYAML)
	if r := runCLI(t, nil, "migrate", "--auto-approve"); r.code != exitOK {
		t.Fatalf("first migrate: %s", r)
	}
	dashboardEdit(t, dst.url, "flagsync-test", testPass, "Shop", "Main", "darkMode", "Staging", on)
	src.use(t, "CONFIGCAT")
	withNewFlag := shopYAML + "          - {key: search, type: boolean, value: true}\n"
	if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, withNewFlag)); r.code != exitOK {
		t.Fatal(r)
	}
	src.use(t, "CONFIGCAT_SOURCE")
	dst.use(t, "CONFIGCAT")
	r := runCLI(t, nil, "migrate", "--auto-approve", "--value-owner", "dashboard")
	if r.code != exitOK || !strings.Contains(r.stdout, "Migration verified") ||
		!strings.Contains(r.stdout, "1 value of the target differs from the source and was kept as it is (--value-owner dashboard).") {
		t.Fatalf("second migrate: %s", r)
	}
	edited := strings.Replace(withNewFlag, "              Production:\n", "              Staging: true\n              Production:\n", 1)
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", writeYAML(t, edited)); r.code != exitOK {
		t.Errorf("the target is not the source with the dashboard edit kept: %s", r)
	}
}

// TestEvalUsesTheAccountsDashboardValues evaluates examples/split-ownership after a toggle in the dashboard: in
// Production, whose values the files leave to the dashboard, eval serves the account's value and says so; in
// Staging the files' value; without an account it warns and serves the files' initial value.
func TestEvalUsesTheAccountsDashboardValues(t *testing.T) {
	const example = "../../examples/split-ownership"
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	if r := runCLI(t, nil, "apply", "--auto-approve", example); r.code != exitOK {
		t.Fatal(r)
	}
	dashboardEdit(t, acct.url, "flagsync-test", testPass, "Webshop", "Main", "newCheckout", "Production", on)

	r := runCLI(t, nil, "eval", example, "--env", "Production", "newCheckout", "paymentProvider")
	if r.code != exitOK || !strings.Contains(r.stdout, "newCheckout      true      default (the account's value: valueOwner dashboard)\n") ||
		!strings.Contains(r.stdout, "paymentProvider  \"stripe\"  default\n") {
		t.Errorf("eval in Production:\n%s", r)
	}
	r = runCLI(t, nil, "eval", example, "--env", "Production", "newCheckout", "--format", "json")
	var out evalJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out.Flags) != 1 ||
		out.Flags[0].Value != true || out.Flags[0].ValueFrom != "account" {
		t.Errorf("eval --format json in Production (%v):\n%s", err, r)
	}
	if r := runCLI(t, nil, "eval", example, "--env", "Staging", "newCheckout"); r.code != exitOK ||
		strings.Contains(r.stdout, "account") || !strings.Contains(r.stdout, "newCheckout  true   default\n") {
		t.Errorf("eval in Staging:\n%s", r)
	}

	for _, v := range []string{"CONFIGCAT_API_HOST", "CONFIGCAT_API_USER", "CONFIGCAT_API_PASS"} {
		t.Setenv(v, "")
	}
	r = runCLI(t, nil, "eval", example, "--env", "Production", "newCheckout")
	if r.code != exitOK || !strings.Contains(r.stdout, "newCheckout  false  default\n") ||
		!strings.Contains(r.stderr, "warning: eval: the files leave the values of 2 flags in Production to the dashboard (valueOwner: dashboard), and no account can be read") {
		t.Errorf("eval without an account:\n%s", r)
	}
}
