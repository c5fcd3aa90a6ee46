package planner

import (
	"slices"
	"strings"
	"testing"
)

// secretsYAML adds to base a webhook with a secure header, one without secrets, and an integration with a
// secret parameter. The remote side of each is the same but for the secret, which ConfigCat never returns.
const secretsYAML = `  webhooks:
  - {config: Main, environment: Production, url: 'https://secret', headers: [{key: X-Token, secure: true, valueFromEnv: HOOK_TOKEN}]}
  - {config: Main, environment: Staging, url: 'https://plain', headers: [{key: X-Team, value: web}]}
  integrations:
  - type: dataDog
    name: Alerts
    parameters: [{key: apikey, valueFromEnv: DD_API_KEY}, {key: site, value: Eu}]
`

func secretsStates(desired string) (cur, des string) {
	remote := strings.NewReplacer("valueFromEnv: HOOK_TOKEN", "value: ''", "valueFromEnv: DD_API_KEY", "value: ''").Replace(secretsYAML)
	return base + remote, base + desired
}

func TestSecretsAreNotComparedButCounted(t *testing.T) {
	cur, des := secretsStates(secretsYAML)
	p := mustBuild(t, state(t, cur), state(t, des))
	if !p.IsEmpty() {
		t.Fatalf("a plan without --resend-secrets changes objects whose secrets only could differ:\n%s", dump(p))
	}
	if p.UncomparedSecrets != 2 {
		t.Errorf("UncomparedSecrets = %d, want 2 (the webhook with a secure header and the integration)", p.UncomparedSecrets)
	}
}

func TestResendSecretsUpdatesEveryObjectWithSecrets(t *testing.T) {
	cur, des := secretsStates(secretsYAML)
	p, err := Build(state(t, cur), state(t, des), Options{ResendSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, p, `
update webhook Web/Main/Production/GET https://secret [resendSecrets]
update integration Web/dataDog/Alerts [resendSecrets]
`)
	if p.UncomparedSecrets != 0 {
		t.Errorf("UncomparedSecrets = %d, want 0: every secret is sent", p.UncomparedSecrets)
	}
	for _, c := range p.Changes {
		if got := c.After.Secrets(); len(got) != 1 || !slices.Contains([]string{"HOOK_TOKEN", "DD_API_KEY"}, got[0]) {
			t.Errorf("%s %s: Secrets() = %v, want its one variable", c.Kind, c.Address, got)
		}
	}
}

// TestResendSecretsKeepsRealChanges: an update that changes something anyway sends the secrets with it, and
// says what it changes rather than that it only re-sends them.
func TestResendSecretsKeepsRealChanges(t *testing.T) {
	cur, des := secretsStates(strings.Replace(secretsYAML, "value: Eu", "value: Us", 1))
	p, err := Build(state(t, cur), state(t, des), Options{ResendSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, p, `
update webhook Web/Main/Production/GET https://secret [resendSecrets]
update integration Web/dataDog/Alerts
  parameters: [{"key":"apikey"},{"key":"site","value":"Eu"}] -> [{"key":"apikey"},{"key":"site","value":"Us"}]
`)
}

// TestCreatedSecretsAreNotCounted: a create sends its secrets anyway.
func TestCreatedSecretsAreNotCounted(t *testing.T) {
	p := mustBuild(t, state(t, base), state(t, base+secretsYAML))
	if p.UncomparedSecrets != 0 {
		t.Errorf("UncomparedSecrets = %d, want 0", p.UncomparedSecrets)
	}
}
