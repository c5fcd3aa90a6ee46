package planner

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// richPlan touches every kind of change, with doubles whose JSON looks like ints.
func richPlan(t *testing.T) (*Plan, string) {
	t.Helper()
	cur := base + webhookAndGroup + "  - name: Old\n"
	des := edit(t,
		"{name: Staging, order: 1}", "{name: Staging, order: 1, color: red}",
		"{key: darkMode, type: boolean, value: false}", `{key: darkMode, type: boolean, value: false}
    - key: ratio
      type: double
      variations: [{value: 1.0}, {value: 2.5}]
      environments:
        Production: {default: 1.0, percentages: [{percent: 50, serve: 2.5}, {percent: 50, serve: 1.0}]}
        Staging: {default: 2.0}`,
	) + strings.Replace(webhookAndGroup, "content: old", "content: new", 1)
	p, err := Build(state(t, cur), state(t, des), Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, cur
}

func TestPlanJSONRoundTrip(t *testing.T) {
	p, _ := richPlan(t)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Plan
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	if diff := cmp.Diff(p, &q, cmpOpts, cmpopts.IgnoreUnexported(Change{})); diff != "" {
		t.Errorf("round trip differs (-want +got):\n%s", diff)
	}
	if !strings.Contains(string(b), `"version":1`) {
		t.Errorf("no version in %s", b)
	}
}

func TestPlanJSONRefusesNewerVersions(t *testing.T) {
	var q Plan
	err := json.Unmarshal([]byte(`{"version": 99, "changes": []}`), &q)
	if err == nil || !strings.Contains(err.Error(), "plan schema version 99 is not supported") {
		t.Errorf("got %v", err)
	}
}

func TestCheckFresh(t *testing.T) {
	p, cur := richPlan(t)
	if err := CheckFresh(p, state(t, cur)); err != nil {
		t.Fatalf("unchanged account: %v", err)
	}
	// an unrelated change (a flag no change depends on) leaves the plan fresh
	unrelated := strings.Replace(cur, "Staging: {default: \"on\"}", "Staging: {default: \"on\"}\n    - {key: other, type: boolean, value: true}", 1)
	if err := CheckFresh(p, state(t, unrelated)); err != nil {
		t.Errorf("unrelated change: %v", err)
	}

	for _, tt := range []struct{ name, from, to, want string }{
		{"a changed webhook", "content: old", "content: older",
			"plan is stale: since it was made, webhook Web/Main/Production/POST https://hook was changed; run flagsync plan again"},
		{"a created object", "    - {key: darkMode", "    - {key: ratio, type: double, value: 0.5}\n    - {key: darkMode",
			"plan is stale: since it was made, flag Web/Main/ratio was created, value of flag Main/ratio in Production was created; run flagsync plan again"},
		{"a deleted object", "  - name: Old\n", "",
			"plan is stale: since it was made, permission group Web/Old was deleted; run flagsync plan again"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			now := strings.Replace(cur, tt.from, tt.to, 1)
			err := CheckFresh(p, state(t, now))
			var se *StaleError
			if !errors.As(err, &se) {
				t.Fatalf("want a *StaleError, got %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestCheckFreshTellsWebhooksApartByURLCase: webhook URLs are case-sensitive, so a webhook's fingerprint is its
// own, not that of a webhook whose URL differs only in case.
func TestCheckFreshTellsWebhooksApartByURLCase(t *testing.T) {
	hooks := `  webhooks:
  - {config: Main, environment: Production, url: "https://h/A", content: x}
  - {config: Main, environment: Production, url: "https://h/a", content: y}
`
	cur := base + hooks
	des := base + "  webhooks: [{config: Main, environment: Production, url: \"https://h/A\", content: x2}]\n"
	p := mustBuild(t, state(t, cur), state(t, des))
	checkPlan(t, p, `
update webhook Web/Main/Production/GET https://h/A
  content: "x" -> "x2"
delete webhook Web/Main/Production/GET https://h/a
`)
	err := CheckFresh(p, state(t, strings.Replace(cur, "content: y", "content: z", 1)))
	want := "plan is stale: since it was made, webhook Web/Main/Production/GET https://h/a was changed; run flagsync plan again"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}
