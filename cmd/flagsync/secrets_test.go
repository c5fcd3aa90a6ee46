package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// emulatorHolds reports whether the account's stored state contains s.
func (a *testAccount) emulatorHolds(t *testing.T, s string) bool {
	t.Helper()
	var saved strings.Builder
	if err := a.srv.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	return strings.Contains(saved.String(), s)
}

// TestResendSecretsPushesRotatedSecrets: ConfigCat never returns a secret, so after rotating one plan shows no
// change but says that secrets are not compared and how to send them; --resend-secrets plans an update of each
// webhook and integration with secrets, and apply sends the rotated values, named in the plan by variable only.
func TestResendSecretsPushesRotatedSecrets(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	const file = "testdata/secrets.yaml"
	t.Setenv("HOOK_TOKEN", "hook-token-before")
	t.Setenv("DD_API_KEY", "dd-key-before")
	if r := runCLI(t, nil, "apply", "--auto-approve", file); r.code != exitOK {
		t.Fatalf("first apply: %s", r)
	}
	t.Setenv("HOOK_TOKEN", "hook-token-rotated")
	t.Setenv("DD_API_KEY", "dd-key-rotated")

	r := runCLI(t, nil, "plan", "--detailed-exitcode", file)
	if r.code != exitOK || !strings.Contains(r.stdout, "2 webhooks and integrations have secrets (valueFromEnv) that ConfigCat never returns, so they are not compared") ||
		!strings.Contains(r.stdout, "--resend-secrets") {
		t.Fatalf("plan after rotating: %s", r)
	}
	writes := acct.writes()
	if r := runCLI(t, nil, "apply", "--auto-approve", file); r.code != exitOK || acct.writes() != writes {
		t.Fatalf("apply without --resend-secrets wrote %d times: %s", acct.writes()-writes, r)
	}

	r = runCLI(t, nil, "plan", "--detailed-exitcode", "--resend-secrets", file)
	if r.code != exitChanges || !strings.Contains(r.stdout, "sends its secrets again from HOOK_TOKEN") ||
		!strings.Contains(r.stdout, "sends its secrets again from DD_API_KEY") || strings.Contains(r.stdout, "not compared") {
		t.Fatalf("plan --resend-secrets: %s", r)
	}
	r = runCLI(t, nil, "apply", "--auto-approve", "--resend-secrets", file)
	if r.code != exitOK {
		t.Fatalf("apply --resend-secrets: %s", r)
	}
	for _, secret := range []string{"hook-token-rotated", "dd-key-rotated", "hook-token-before", "dd-key-before"} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("apply printed the secret %q", secret)
		}
	}
	for secret, want := range map[string]bool{"hook-token-rotated": true, "dd-key-rotated": true, "hook-token-before": false, "dd-key-before": false} {
		if got := acct.emulatorHolds(t, secret); got != want {
			t.Errorf("after apply --resend-secrets the account holds %q: %v, want %v", secret, got, want)
		}
	}
}

// TestResendSecretsWithSavedPlanIsRefused: a saved plan is applied as it is, so --resend-secrets belongs to
// the plan command that saves it; apply says so instead of silently sending nothing.
func TestResendSecretsWithSavedPlanIsRefused(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	t.Setenv("HOOK_TOKEN", "hook-token")
	t.Setenv("DD_API_KEY", "dd-key")
	saved := filepath.Join(t.TempDir(), "plan.json")
	if r := runCLI(t, nil, "plan", "--out", saved, "testdata/secrets.yaml"); r.code != exitOK {
		t.Fatal(r)
	}
	r := runCLI(t, nil, "apply", "--plan", saved, "--resend-secrets")
	if r.code == exitOK || !strings.Contains(r.stderr, "pass --resend-secrets to the plan that saves it") || acct.writes() != 0 {
		t.Fatalf("apply --plan --resend-secrets: %s", r)
	}
}
