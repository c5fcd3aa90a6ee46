package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/emulator"
)

// withSecureHook adds to refusalBase a webhook with a secure header from FLAGSYNC_TEST_HOOK.
const withSecureHook = refusalBase + `    webhooks:
      - config: Main
        environment: Production
        url: https://hooks.example.com/cc
        headers: [{key: X-Token, secure: true, valueFromEnv: FLAGSYNC_TEST_HOOK}]
`

// refusalBase is applied before each refusal case, so that cases can change what exists.
const refusalBase = `
products:
  - name: Shop
    environments: [{name: Production}]
    configs:
      - name: Main
        flags:
          - key: banner
            type: string
            value: hello
`

// TestPlanRefusesWhatApplyWould: for every kind of write ConfigCat would refuse half way through apply, plan
// exits 1 naming the file:line that causes it and saying the plan is refused, and apply refuses the same plan
// before sending anything but GET requests.
// legacyConfig is a v1 config to append to refusalBase's configs.
const legacyConfig = "      - name: Legacy\n        evaluationVersion: v1\n        flags:\n          - key: old\n            type: boolean\n            value: true\n"

func TestPlanRefusesWhatApplyWould(t *testing.T) {
	hinted := strings.Replace(refusalBase, "            type: string\n", "            type: string\n            hint: the banner text\n", 1)
	for _, tt := range []struct {
		name   string
		base   string                 // applied first; default refusalBase
		limits func(*emulator.Limits) // lowers the emulator's plan limits
		env    map[string]string
		args   []string
		yaml   string
		marker string // text on the line the refusal must name
		want   string // part of the message
	}{
		{name: "webhook variable unset", env: map[string]string{"FLAGSYNC_TEST_HOOK": ""},
			yaml: withSecureHook, marker: "- config: Main", want: "environment variable FLAGSYNC_TEST_HOOK is not set"},
		{name: "webhook variable with a line break", env: map[string]string{"FLAGSYNC_TEST_HOOK": "token\r\nX-Injected: 1"},
			yaml: withSecureHook, marker: "- config: Main", want: "FLAGSYNC_TEST_HOOK holds a line break"},
		{name: "targeting rules over the plan limit", limits: func(l *emulator.Limits) { l.MaxTargetingRuleCount = 1 },
			yaml: strings.Replace(refusalBase, "            value: hello\n", `            value: hello
            environments:
              Production:
                rules:
                  - {if: [{attribute: Email, comparator: textEquals, value: a@a.com}], serve: a}
                  - {if: [{attribute: Email, comparator: textEquals, value: b@b.com}], serve: b}
                default: hello
`, 1), marker: "rules:", want: "targeting rules: 2, but the organization's plan allows at most 1"},
		{name: "string value over the plan limit", limits: func(l *emulator.Limits) { l.MaxStringFlagValueLength = 8 },
			yaml:   strings.Replace(refusalBase, "value: hello", "value: hello world", 1),
			marker: "- key: banner", want: "length: 11, but the organization's plan allows at most 8"},
		{name: "predefined variations over the plan limit", limits: func(l *emulator.Limits) { l.MaxPredefinedVariations = 1 },
			yaml: refusalBase + `          - key: theme
            type: string
            variations: [{value: light}, {value: dark}]
            value: light
`, marker: "variations: [{value: light}", want: "predefined variations: 2, but the organization's plan allows at most 1"},
		{name: "reason required", args: []string{"--reason", " "},
			yaml: strings.Replace(refusalBase, "            value: hello\n", "            value: hello\n            environments: {Production: bonjour}\n", 1) +
				"    preferences: {reasonRequired: true}\n",
			marker: "environments: {Production: bonjour}", want: "a reason is required"},
		{name: "approval required on a v1 config", base: refusalBase + legacyConfig,
			yaml: refusalBase + strings.Replace(legacyConfig, "            value: true\n", "            value: true\n            environments: {Production: false}\n", 1) +
				"    preferences: {approveRequired: true}\n",
			marker: "environments: {Production: false}", want: "nor open change requests for a v1 config"},
		{name: "hint required",
			// ConfigCat requires hints; the files leave the preferences to it, so validation cannot tell
			base: strings.Replace(hinted, "    configs:\n", "    preferences: {mandatorySettingHint: true}\n    configs:\n", 1),
			yaml: hinted + `          - key: newFlag
            type: boolean
            value: true
`, marker: "- key: newFlag", want: `flag "newFlag" has no hint`},
		{name: "evaluation version", yaml: strings.Replace(refusalBase, "      - name: Main\n", "      - name: Main\n        evaluationVersion: v1\n", 1),
			marker: "- name: Main", want: "evaluationVersion cannot change from v2 to v1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := emulator.DefaultBehaviour()
			if tt.limits != nil {
				tt.limits(&b.Limits)
			}
			acct := newTestAccountWith(t, b)
			acct.use(t, "CONFIGCAT")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			base := tt.base
			if base == "" {
				base = refusalBase
			}
			if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, base)); r.code != exitOK {
				t.Fatalf("apply of the base: %s", r)
			}
			path := writeYAML(t, tt.yaml)
			at := fmt.Sprintf("%s:%d:", path, lineOf(t, path, tt.marker))
			before := acct.writes()

			r := runCLI(t, nil, append(append([]string{"plan", "--detailed-exitcode"}, tt.args...), path)...)
			if r.code != exitError || !strings.Contains(r.stderr, at) || !strings.Contains(r.stderr, tt.want) ||
				!strings.Contains(r.stdout, "Plan refused:") || strings.Contains(r.stdout, "Plan: ") {
				t.Fatalf("plan: want exit 1, %q and %q on stderr, and the refusal on stdout: %s", at, tt.want, r)
			}
			r = runCLI(t, nil, append(append([]string{"apply", "--auto-approve"}, tt.args...), path)...)
			if r.code != exitError || !strings.Contains(r.stderr, at) || acct.writes() != before {
				t.Fatalf("apply: want exit 1 naming %q and no write (made %d): %s", at, acct.writes()-before, r)
			}
			if strings.Contains(r.stdout+r.stderr, "X-Injected") {
				t.Fatal("the output shows the environment variable's value")
			}
		})
	}
}

// TestUnknownOrganizationNamesTheLine: an organization the credentials do not see is reported at the
// organization: line of the files, and nothing is written.
func TestUnknownOrganizationNamesTheLine(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	text := "organization: Nowhere Inc\n" + refusalBase
	path := writeYAML(t, text)
	at := fmt.Sprintf("%s:1:15: unknown organization \"Nowhere Inc\"", path)
	for _, cmd := range []string{"plan", "apply"} {
		r := runCLI(t, nil, cmd, "--auto-approve", path)
		if cmd == "plan" {
			r = runCLI(t, nil, cmd, path)
		}
		if r.code != exitError || !strings.Contains(r.stderr, at) || acct.writes() != 0 {
			t.Fatalf("%s: want exit 1 and %q: %s (writes %d)", cmd, at, r, acct.writes())
		}
	}
}
