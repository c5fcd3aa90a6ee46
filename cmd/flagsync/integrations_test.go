package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	ddSecret    = "dd-0123456789-secret"
	slackSecret = "https://hooks.slack.com/services/T0/B0/s3cr3t"
)

// applyIntegrations applies testdata/integrations.yaml to the account in CONFIGCAT_*, its secrets from the
// environment.
func applyIntegrations(t *testing.T) {
	t.Helper()
	t.Setenv("DD_API_KEY", ddSecret)
	t.Setenv("SLACK_HOOK", slackSecret)
	if r := runCLI(t, nil, "apply", "--auto-approve", "testdata/integrations.yaml"); r.code != exitOK {
		t.Fatalf("apply: %s", r)
	}
}

// Export writes integrations with a valueFromEnv for each secret, never the secret, and plan of the export
// finds nothing to change.
func TestExportIntegrationsThenPlanShowsNoChanges(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	applyIntegrations(t)
	out := filepath.Join(t.TempDir(), "export.yaml")
	r := runCLI(t, nil, "export", "--out", out)
	if r.code != exitOK {
		t.Fatal(r)
	}
	for _, v := range []string{"FLAGSYNC_INTEGRATION_DATADOG_ALERTS_APIKEY", "FLAGSYNC_INTEGRATION_SLACK_TEAM_CHANNEL_INCOMING_WEBHOOK_URL"} {
		if !strings.Contains(r.stderr, v) {
			t.Errorf("export does not name %s:\n%s", v, r.stderr)
		}
	}
	exported, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(exported), ddSecret) || strings.Contains(string(exported), "s3cr3t") {
		t.Fatalf("the export holds a secret:\n%s", exported)
	}
	if !strings.Contains(string(exported), "integrations:") || !strings.Contains(string(exported), "valueFromEnv: FLAGSYNC_INTEGRATION_DATADOG_ALERTS_APIKEY") {
		t.Fatalf("the export lacks the integrations:\n%s", exported)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", out); r.code != exitOK {
		t.Fatalf("plan of the export: %s", r)
	}
}

// Migrate cannot read an integration's secrets back: without the variables it names, it leaves the integration
// out and says how to copy it; with them set, it copies it and the target plans clean.
func TestMigrateIntegrations(t *testing.T) {
	src, dst := newTestAccount(t), newTestAccount(t)
	src.use(t, "CONFIGCAT")
	applyIntegrations(t)
	src.use(t, "CONFIGCAT_SOURCE")
	dst.use(t, "CONFIGCAT")
	t.Setenv("FLAGSYNC_INTEGRATION_DATADOG_ALERTS_APIKEY", ddSecret)
	r := runCLI(t, nil, "migrate", "--auto-approve")
	if r.code != exitOK || !strings.Contains(r.stderr, `slack integration "Team channel" is not copied`) ||
		!strings.Contains(r.stderr, "set FLAGSYNC_INTEGRATION_SLACK_TEAM_CHANNEL_INCOMING_WEBHOOK_URL") ||
		strings.Contains(r.stderr, `integration "Alerts" is not copied`) {
		t.Fatalf("first migrate: %s", r)
	}
	t.Setenv("FLAGSYNC_INTEGRATION_SLACK_TEAM_CHANNEL_INCOMING_WEBHOOK_URL", slackSecret)
	if r := runCLI(t, nil, "migrate", "--auto-approve"); r.code != exitOK || strings.Contains(r.stderr, "not copied") {
		t.Fatalf("second migrate: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", "testdata/integrations.yaml"); r.code != exitOK {
		t.Fatalf("the target differs from the source after migrate: %s", r)
	}
	if strings.Contains(r.stdout+r.stderr, ddSecret) || strings.Contains(r.stdout+r.stderr, "s3cr3t") {
		t.Fatal("migrate printed a secret")
	}
}
