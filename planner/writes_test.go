package planner

import (
	"strconv"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// loaded loads YAML as flagsync does, with positions, from a file named flags.yaml.
func loaded(t *testing.T, src string) *spec.State {
	t.Helper()
	s, err := spec.LoadBytes("flags.yaml", []byte(src))
	if err != nil {
		t.Fatalf("bad test state: %v\n%s", err, src)
	}
	return s
}

// lineOf is the 1-based number of the first line of src that contains marker.
func lineOf(t *testing.T, src, marker string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, marker) {
			return i + 1
		}
	}
	t.Fatalf("no line contains %q", marker)
	return 0
}

const writesYAML = `products:
  - name: Shop
    environments: [Production]
    configs:
      - name: Main
        flags:
          - key: banner
            type: string
            variations: [{value: hi}, {value: hello}]
            environments:
              Production:
                rules:
                  - if: [{attribute: Email, comparator: isOneOf, values: [a@b.c, d@e.f]}]
                    serve: hello
                  - if: [{attribute: Email, comparator: textEquals, value: x@y.z}]
                    serve: hi
                default: hi
    webhooks:
      - config: Main
        environment: Production
        url: https://hooks.example.com/cc
        headers: [{key: X-Token, secure: true, valueFromEnv: HOOK_TOKEN}]
`

// build plans writesYAML against an empty account with in, and returns the problems.
func buildWrites(t *testing.T, src string, in WriteInputs) []Problem {
	t.Helper()
	p, _ := Build(&spec.State{}, loaded(t, src), Options{Writes: &in})
	return p.Problems
}

func TestWebhookVariablesAreChecked(t *testing.T) {
	line := lineOf(t, writesYAML, "- config: Main")
	for _, tt := range []struct {
		name string
		env  map[string]string
		want string // "" for no problem
	}{
		{"unset", map[string]string{}, "environment variable HOOK_TOKEN is not set"},
		{"empty", map[string]string{"HOOK_TOKEN": ""}, "environment variable HOOK_TOKEN is not set"},
		{"line feed", map[string]string{"HOOK_TOKEN": "abc\nX-Evil: 1"}, "HOOK_TOKEN holds a line break"},
		{"carriage return", map[string]string{"HOOK_TOKEN": "abc\rdef"}, "HOOK_TOKEN holds a line break"},
		{"set", map[string]string{"HOOK_TOKEN": "s3cr3t"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			ps := buildWrites(t, writesYAML, WriteInputs{Reason: "r", LookupEnv: lookup})
			if tt.want == "" {
				if len(ps) > 0 {
					t.Fatalf("problems with the variable set: %v", ps)
				}
				return
			}
			if len(ps) != 1 || !strings.Contains(ps[0].Message, tt.want) || ps[0].Kind != KindWebhook ||
				ps[0].Pos.File != "flags.yaml" || ps[0].Pos.Line != line {
				t.Fatalf("problems = %+v, want one at line %d saying %q", ps, line, tt.want)
			}
			if strings.Contains(ps[0].String(), "X-Evil") || strings.Contains(ps[0].String(), "abc") {
				t.Fatalf("the problem shows the variable's value: %s", ps[0])
			}
		})
	}
}

func TestLimitsAreChecked(t *testing.T) {
	env := func(string) (string, bool) { return "token", true }
	for _, tt := range []struct {
		name   string
		limits Limits
		marker string // on the line the problem names
		want   string
	}{
		{"targeting rules", Limits{MaxTargetingRuleCount: 1}, "rules:", "targeting rules: 2, but the organization's plan allows at most 1"},
		{"conditions", Limits{MaxConditionPerTargetingRuleCount: 0, MaxComparisonValueListLength: 1}, "values: [a@b.c", "comparison values: 2, but the organization's plan allows at most 1"},
		{"list item length", Limits{MaxComparisonValueListItemLength: 3}, "values: [a@b.c", "the length of comparison value 1: 5, but"},
		{"comparison value length", Limits{MaxComparisonValueLength: 3}, "value: x@y.z", "the comparison value's length: 5, but"},
		{"string value length", Limits{MaxStringFlagValueLength: 4}, "variations:", `variation "hello"'s length: 5, but`},
		{"predefined variations", Limits{MaxPredefinedVariations: 1}, "variations:", "predefined variations: 2, but the organization's plan allows at most 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := buildWrites(t, writesYAML, WriteInputs{Reason: "r", LookupEnv: env, Limits: tt.limits})
			line := lineOf(t, writesYAML, tt.marker)
			var found bool
			for _, p := range ps {
				found = found || strings.Contains(p.Message, tt.want) && p.Pos.Line == line
			}
			if !found {
				t.Fatalf("problems = %v, want one at line %d saying %q", ps, line, tt.want)
			}
		})
	}
	if ps := buildWrites(t, writesYAML, WriteInputs{Reason: "r", LookupEnv: env, Limits: Limits{
		MaxPercentageOptionCount: 100, MaxTargetingRuleCount: 2, MaxComparisonValueLength: 5, MaxComparisonValueListLength: 2,
		MaxComparisonValueListItemLength: 5, MaxStringFlagValueLength: 5, MaxConditionPerTargetingRuleCount: 1, MaxPredefinedVariations: 2,
	}}); len(ps) > 0 {
		t.Fatalf("problems at exactly the limits: %v", ps)
	}
}

func TestNeedsOrganizationLimits(t *testing.T) {
	p, _ := Build(&spec.State{}, loaded(t, writesYAML), Options{})
	known := Limits{MaxTargetingRuleCount: 10, MaxPredefinedVariations: 10}
	if !NeedsOrganizationLimits(p, Limits{}) || !NeedsOrganizationLimits(p, Limits{MaxTargetingRuleCount: 10}) {
		t.Error("a plan creating a flag with variations and values does not ask for the organization's limits")
	}
	if NeedsOrganizationLimits(p, known) {
		t.Error("asks for limits it has")
	}
	empty, _ := Build(loaded(t, writesYAML), loaded(t, writesYAML), Options{})
	if NeedsOrganizationLimits(empty, Limits{}) {
		t.Error("a plan without writes asks for the organization's limits")
	}
}

// TestReasonAndApprovalAreProblems: a missing reason is a problem; a value write that needs approval is one
// unless it is bypassed or proposed in a change request, and always for a v1 config.
func TestReasonAndApprovalAreProblems(t *testing.T) {
	src := strings.Replace(writesYAML, "    webhooks:", "    preferences: {reasonRequired: true, approveRequiredEnvironments: [Production]}\n    webhooks:", 1)
	env := func(string) (string, bool) { return "token", true }
	line := lineOf(t, src, "rules:")
	ps := buildWrites(t, src, WriteInputs{Reason: " ", ChangeRequests: true, LookupEnv: env})
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "pass one with --reason") {
		t.Fatalf("problems = %v, want only the reason (v2 writes needing approval go through change requests)", ps)
	}
	if ps[0].Pos.Line != line || ps[0].Address.Environment != "Production" {
		t.Errorf("%v: want line %d, environment Production", ps[0], line)
	}
	ps = buildWrites(t, src, WriteInputs{Reason: "deploy", LookupEnv: env})
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "pass --bypass-approval") || ps[0].Pos.Line != line {
		t.Fatalf("problems without change requests nor bypass = %v, want the approval at line %d", ps, line)
	}
	for _, in := range []WriteInputs{{Reason: "deploy", ChangeRequests: true, LookupEnv: env}, {Reason: "deploy", BypassApproval: true, LookupEnv: env}} {
		if ps := buildWrites(t, src, in); len(ps) > 0 {
			t.Fatalf("problems with a reason and change requests or the bypass: %v", ps)
		}
	}
	v1 := strings.Replace(src, "      - name: Main\n", "      - name: Main\n        evaluationVersion: v1\n", 1)
	v1 = strings.Replace(v1, "                  - if: [{attribute: Email, comparator: isOneOf, values: [a@b.c, d@e.f]}]\n                    serve: hello\n", "", 1)
	v1 = strings.Replace(v1, "comparator: textEquals, value: x@y.z", "comparator: isOneOf, value: x@y.z", 1)
	for _, bypass := range []bool{false, true} {
		ps = buildWrites(t, v1, WriteInputs{Reason: "deploy", BypassApproval: bypass, ChangeRequests: true, LookupEnv: env})
		if len(ps) != 1 || !strings.Contains(ps[0].Message, "neither bypass it nor open change requests for a v1 config") {
			t.Fatalf("v1 config in an approval environment (bypass %v): %v", bypass, ps)
		}
	}
}

func TestProblemsNameTheirLine(t *testing.T) {
	cur := loaded(t, writesYAML)
	src := strings.Replace(writesYAML, "      - name: Main\n", "      - name: Main\n        evaluationVersion: v1\n", 1)
	src = strings.Replace(src, "                  - if: [{attribute: Email, comparator: isOneOf, values: [a@b.c, d@e.f]}]\n                    serve: hello\n", "", 1)
	src = strings.Replace(src, "comparator: textEquals, value: x@y.z", "comparator: isOneOf, value: x@y.z", 1)
	p, _ := Build(cur, loaded(t, src), Options{})
	line := lineOf(t, src, "- name: Main")
	if len(p.Problems) != 1 || p.Problems[0].Pos.Line != line ||
		!strings.HasPrefix(p.Problems[0].String(), "flags.yaml:"+strconv.Itoa(line)+":") {
		t.Fatalf("problems = %v, want the evaluation version at line %d", p.Problems, line)
	}
}

// TestLimitProblemsWithoutAPositionNameTheFlag: a value the files give no position for (a state not loaded
// from YAML, or edited after) is reported at its flag's declaration.
func TestLimitProblemsWithoutAPositionNameTheFlag(t *testing.T) {
	des := loaded(t, writesYAML)
	ev := des.Products[0].Configs[0].Flags[0].Values["Production"]
	ev.Pos = spec.Pos{}
	for _, r := range ev.Rules {
		r.Pos = spec.Pos{}
	}
	in := WriteInputs{Reason: "r", LookupEnv: func(string) (string, bool) { return "token", true },
		Limits: Limits{MaxTargetingRuleCount: 1}}
	p, _ := Build(&spec.State{}, des, Options{Writes: &in})
	line := lineOf(t, writesYAML, "- key: banner")
	if len(p.Problems) != 1 || !strings.Contains(p.Problems[0].Message, "targeting rules: 2") || p.Problems[0].Pos.Line != line {
		t.Fatalf("problems = %v, want one about the targeting rules at line %d", p.Problems, line)
	}
}
