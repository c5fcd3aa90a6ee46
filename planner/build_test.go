package planner

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

const base = `
products:
- name: Web
  environments:
  - {name: Production, order: 0}
  - {name: Staging, order: 1}
  tags:
  - {name: beta, color: panther}
  segments:
  - {name: Testers, attribute: Email, comparator: isOneOf, value: a@x.com}
  configs:
  - name: Main
    flags:
    - {key: darkMode, type: boolean, value: false}
    - key: banner
      type: string
      tags: [beta]
      environments:
        Production:
          default: "off"
          rules:
          - if: [{segment: Testers}]
            serve: "on"
        Staging: {default: "on"}
`

// edit returns base with each old string replaced by the following new one.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q not in base", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestBuild(t *testing.T) {
	tests := []struct {
		name             string
		current, desired string
		want             string
		force            bool // the plan deletes a whole kind, which the safety valve refuses
	}{
		{
			name:    "identical states plan nothing",
			current: base, desired: base,
		},
		{
			name: "representation differences plan nothing",
			current: `
products:
- name: Web
  preferences: {keyGenerationMode: camelCase, reasonRequiredEnvironments: [Staging, Production]}
  environments: [{name: Production, description: ""}]
  configs:
  - name: Main
    evaluationVersion: v2
    flags:
    - key: a
      name: a
      type: double
      tags: [y, X, y]
      environments:
        production: {default: 1, percentageAttribute: Identifier, rules: []}
  webhooks:
  - {config: Main, environment: Production, url: "https://h", method: GET, headers: [{key: b, value: "2"}, {key: a, value: "1"}]}
`,
			desired: `
products:
- name: Web
  preferences: {reasonRequiredEnvironments: [production, Staging]}
  environments: [{name: Production}]
  configs:
  - name: Main
    flags:
    - {key: a, type: double, tags: [x, Y], value: 1.0}
  webhooks:
  - {config: main, environment: production, url: "https://h", headers: [{key: a, value: "1"}, {key: b, value: "2"}]}
`,
		},
		{
			name:    "references compare case-insensitively",
			current: strings.Replace(base, "{segment: Testers}", "{segment: TESTERS}", 1),
			desired: strings.Replace(base, "tags: [beta]", "tags: [Beta]", 1),
		},
		{
			name:    "a new product is created top-down; only values beyond plain defaults are written",
			current: `products: []`,
			desired: base,
			want: `
create product Web
create environment Web/Production
create environment Web/Staging
create config Web/Main
create tag Web/beta
create segment Web/Testers
create flag Web/Main/banner (string)
create flag Web/Main/darkMode (boolean)
update values Web/Main/Production
  banner: - -> {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"}
`,
		},
		{
			name:    "field-level updates of every kind",
			current: base + webhookAndGroup,
			desired: edit(t,
				"{name: Staging, order: 1}", "{name: Staging, order: 1, color: '#00ff00'}",
				"color: panther", "color: whale",
				"value: a@x.com}", "value: 'a@x.com,b@x.com'}",
				"- name: Main\n", "- name: Main\n    description: the main config\n",
				"{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: boolean, hint: dark UI, value: false}",
				"Staging: {default: \"on\"}", "Staging: {default: \"off\"}",
			) + strings.NewReplacer("content: old", "content: new", "accessType: readOnly", "accessType: full").Replace(webhookAndGroup) +
				"  preferences: {reasonRequired: true}\n",
			want: `
update environment Web/Staging
  color: - -> "#00ff00"
update config Web/Main
  description: - -> "the main config"
update tag Web/beta
  color: "panther" -> "whale"
update segment Web/Testers
  value: "a@x.com" -> "a@x.com,b@x.com"
update preferences Web
  reasonRequired: false -> true
update permissionGroup Web/Devs
  accessType: "readOnly" -> "full"
update webhook Web/Main/Production/POST https://hook
  content: "old" -> "new"
update flag Web/Main/darkMode (boolean)
  hint: - -> "dark UI"
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"off"}
`,
		},
		{
			name:    "undeclared objects are deleted bottom-up, values rewritten first",
			force:   true,
			current: base,
			desired: `
products:
- name: Web
  environments:
  - {name: Production, order: 0}
  - {name: Staging, order: 1}
  configs:
  - name: Main
    flags:
    - {key: banner, type: string, environments: {Production: {default: "off"}, Staging: {default: "on"}}}
`,
			want: `
update flag Web/Main/banner (string)
  tags: ["beta"] -> -
update values Web/Main/Production
  banner: {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"} -> {"default":"off"}
delete flag Web/Main/darkMode (boolean)
delete segment Web/Testers
delete tag Web/beta
`,
		},
		{
			name:    "prune false leaves undeclared objects alone",
			current: base,
			desired: `
products:
- name: Web
  prune: false
  environments: [{name: Production, order: 0}]
  configs:
  - name: Main
    flags:
    - {key: banner, type: string, tags: [beta], environments: {Production: {default: "on"}}}
`,
			want: `
update values Web/Main/Production
  banner: {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"} -> {"default":"on"}
`,
		},
		{
			name:    "ignored objects are neither changed nor deleted",
			current: base + "  - name: Legacy\n",
			desired: `
ignore: {flags: [dark*], configs: [legacy]}
products:
- name: Web
  ignore: {segments: [test*], tags: [BETA]}
  environments:
  - {name: Production, order: 0}
  - {name: Staging, order: 1}
  tags: [{name: beta, color: whale}]
  configs:
  - name: Main
    flags:
    - key: banner
      type: string
      environments:
        Production:
          default: "off"
          rules:
          - if: [{segment: Testers}]
            serve: "on"
        Staging: {default: "on"}
`,
			want: `
update flag Web/Main/banner (string)
  tags: ["beta"] -> -
`,
		},
		{
			name:    "renames update in place and translate references",
			current: base,
			desired: edit(t,
				"- name: Web\n", "- name: Shop\n  renamedFrom: Web\n",
				"{name: Production, order: 0}", "{name: Live, order: 0, renamedFrom: Production}",
				"{name: beta, color: panther}", "{name: preview, color: panther, renamedFrom: beta}",
				"{name: Testers, attribute", "{name: QA, renamedFrom: Testers, attribute",
				"- name: Main\n", "- name: Core\n    renamedFrom: Main\n",
				"tags: [beta]", "tags: [preview]",
				"Production:\n", "Live:\n",
				"{segment: Testers}", "{segment: QA}",
			),
			want: `
update product Shop renamed from Web
  name: "Web" -> "Shop"
update environment Shop/Live renamed from Production
  name: "Production" -> "Live"
update config Shop/Core renamed from Main
  name: "Main" -> "Core"
update tag Shop/preview renamed from beta
  name: "beta" -> "preview"
update segment Shop/QA renamed from Testers
  name: "Testers" -> "QA"
`,
		},
		{
			name:    "a flag rename creates the new key from the old one, then deletes the old key",
			current: base,
			desired: edit(t,
				"- key: banner\n", "- key: topBanner\n      renamedFrom: banner\n",
				"tags: [beta]", "tags: []",
				"Staging: {default: \"on\"}", "Staging: {default: \"new\"}",
			),
			want: `
create flag Web/Main/topBanner (string) from banner
update flag Web/Main/topBanner (string)
  tags: ["beta"] -> -
update values Web/Main/Staging
  topBanner: {"default":"on"} -> {"default":"new"}
delete flag Web/Main/banner (string) renamed to topBanner [renamed]
`,
		},
		{
			name:    "a type change deletes and creates the flag",
			current: base,
			desired: edit(t, "{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: int, value: 3}"),
			want: `
delete flag Web/Main/darkMode (boolean) [typeChanged]
create flag Web/Main/darkMode (int) [typeChanged]
`,
		},
		{
			name:    "a new environment gets every flag's value, a new segment exists before it is used",
			current: base,
			desired: edit(t,
				"{name: Staging, order: 1}", "{name: Staging, order: 1}\n  - {name: Dev, order: 2}",
				"  configs:", "  - {name: Devs, attribute: Email, comparator: contains, value: '@x.com'}\n  configs:",
				"Staging: {default: \"on\"}", "Staging: {default: \"on\"}\n        Dev:\n          default: \"off\"\n          rules: [{if: [{segment: Devs}], serve: \"on\"}]",
			),
			want: `
create environment Web/Dev
create segment Web/Devs
update values Web/Main/Dev
  banner: - -> {"rules":[{"if":[{"comparator":"isIn","segment":"Devs"}],"serve":"on"}],"default":"off"}
  darkMode: - -> {"default":false}
`,
		},
		{
			name: "prerequisites: references dropped before the flags are deleted, dependents deleted first",
			current: edit(t, "{key: darkMode, type: boolean, value: false}",
				`{key: darkMode, type: boolean, value: false}
    - {key: a, type: boolean, value: true}
    - key: b
      type: boolean
      environments: {Production: {default: false, rules: [{if: [{flag: a, equals: true}], serve: true}]}}
    - key: c
      type: boolean
      environments: {Production: {default: false, rules: [{if: [{flag: b, equals: true}], serve: true}]}}
    - key: d
      type: boolean
      environments: {Production: {default: false, rules: [{if: [{flag: c, equals: true}], serve: true}]}}`),
			desired: edit(t, "{key: darkMode, type: boolean, value: false}",
				`{key: darkMode, type: boolean, value: false}
    - {key: d, type: boolean, value: false}`),
			want: `
update values Web/Main/Production
  d: {"rules":[{"if":[{"flag":"c","equals":true}],"serve":true}],"default":false} -> {"default":false}
update values Web/Main/Staging
  d: - -> {"default":false}
delete flag Web/Main/c (boolean)
delete flag Web/Main/b (boolean)
delete flag Web/Main/a (boolean)
`,
		},
		{
			name: "predefined variations: added before values use them, removed after values stop",
			current: edit(t, "{key: darkMode, type: boolean, value: false}",
				`{key: darkMode, type: boolean, value: false}
    - key: color
      type: string
      variations: [{value: red, name: Red}, {value: blue, name: Blue}]
      value: red`),
			desired: edit(t, "{key: darkMode, type: boolean, value: false}",
				`{key: darkMode, type: boolean, value: false}
    - key: color
      type: string
      variations: [{value: red, name: Rouge}, {value: green, name: Green}]
      value: green`),
			want: `
create variation Web/Main/color/"green"
update variation Web/Main/color/"red"
  name: "Red" -> "Rouge"
update values Web/Main/Production
  color: {"default":"red"} -> {"default":"green"}
update values Web/Main/Staging
  color: {"default":"red"} -> {"default":"green"}
delete variation Web/Main/color/"blue"
`,
		},
		{
			name:    "secure webhook header values are never compared",
			current: base + "  webhooks: [{config: Main, environment: Production, url: 'https://h', headers: [{key: token, secure: true}]}]\n",
			desired: base + "  webhooks: [{config: Main, environment: Production, url: 'https://h', headers: [{key: token, secure: true, valueFromEnv: HOOK_TOKEN}]}]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(state(t, tt.current), state(t, tt.desired), Options{Force: tt.force})
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			checkPlan(t, p, tt.want)
			if got := p.IsEmpty(); got != (tt.want == "") {
				t.Errorf("IsEmpty() = %v", got)
			}
		})
	}
}

const webhookAndGroup = `  webhooks:
  - {config: Main, environment: Production, url: "https://hook", method: post, content: old}
  permissionGroups:
  - {name: Devs, accessType: readOnly}
`

func TestBuildEvaluationVersionIsAProblem(t *testing.T) {
	cur := state(t, edit(t, "- name: Main\n", "- name: Main\n    evaluationVersion: v1\n"))
	p, err := Build(cur, state(t, base), Options{})
	var pe *ProblemError
	if !errors.As(err, &pe) {
		t.Fatalf("want a *ProblemError, got %v", err)
	}
	want := `config "Main" in product "Web": evaluationVersion cannot change from v1 to v2; create the config under another name and delete this one`
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
	if len(p.Problems) != 1 || !p.IsEmpty() {
		t.Errorf("plan: %d problems, %d changes", len(p.Problems), len(p.Changes))
	}
}

// TestBuildDoesNotModifyItsInputs: renames, ignored objects and prune: false, which rewrite both sides before the
// diff, do so on copies.
func TestBuildDoesNotModifyItsInputs(t *testing.T) {
	cur := state(t, edit(t, "{key: darkMode, type: boolean, value: false}",
		"{key: darkMode, type: boolean, value: false}\n    - {key: xOld, type: boolean, value: true}"))
	des := state(t, edit(t, "{name: Production, order: 0}", "{name: Live, order: 0, renamedFrom: Production}",
		"Production:\n", "Live:\n", "- name: Web\n", "- name: Web\n  prune: false\n  ignore: {flags: [x*]}\n",
		"  tags:\n  - {name: beta, color: panther}\n", ""))
	wantCur, wantDes := asJSON(t, cur), asJSON(t, des)
	before := dump(mustBuild(t, cur, des))
	if after := dump(mustBuild(t, cur, des)); after != before {
		t.Errorf("a second Build differs:\n%s\nvs\n%s", before, after)
	}
	if asJSON(t, cur) != wantCur {
		t.Errorf("Build changed the current state")
	}
	if asJSON(t, des) != wantDes {
		t.Errorf("Build changed the desired state")
	}
}

func asJSON(t *testing.T, s *spec.State) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustBuild(t *testing.T, cur, des *spec.State) *Plan {
	t.Helper()
	p, err := Build(cur, des, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBuildRefusesToDeleteWhatKeptFlagsUse(t *testing.T) {
	cur := state(t, base)
	des := state(t, edit(t,
		"- name: Web\n", "- name: Web\n  ignore: {flags: [banner]}\n",
		"  segments:\n  - {name: Testers, attribute: Email, comparator: isOneOf, value: a@x.com}\n", ""))
	p, err := Build(cur, des, Options{Force: true}) // the only segment goes: forced, to see the problem alone
	want := `segment "Testers" in product "Web" would be deleted, but flag "banner" in config "Main" still uses it; declare the segment or stop using it`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	checkPlan(t, p, "delete segment Web/Testers\n")
}

func TestBuildRenamedEnvironmentTranslatesReferences(t *testing.T) {
	refs := `  preferences: {reasonRequired: true, reasonRequiredEnvironments: [%s]}
  webhooks: [{config: Main, environment: %s, url: "https://h"}]
  permissionGroups: [{name: %s, accessType: custom, environmentAccess: {%s: full, Staging: readOnly}}]
`
	cur := state(t, base+fmt.Sprintf(refs, "Production", "Production", "Devs", "Production"))
	des := state(t, edit(t, "{name: Production, order: 0}", "{name: Live, order: 0, renamedFrom: Production}", "Production:\n", "Live:\n")+
		strings.Replace(fmt.Sprintf(refs, "Live", "Live", "Developers", "Live"), "name: Developers", "name: Developers, renamedFrom: Devs", 1))
	p, err := Build(cur, des, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkPlan(t, p, `
update environment Web/Live renamed from Production
  name: "Production" -> "Live"
update permissionGroup Web/Developers renamed from Devs
  name: "Devs" -> "Developers"
`)
	if err := CheckFresh(p, cur); err != nil {
		t.Errorf("fresh plan reported stale: %v", err)
	}
}

func TestBuildRefusesTypeChangeOfAPrerequisite(t *testing.T) {
	prereq := `{key: darkMode, type: %s, value: %s}
    - key: uses
      type: boolean
      environments: {Production: {default: false, rules: [{if: [{flag: darkMode, equals: %s}], serve: true}]}, Staging: {default: false}}`
	cur := state(t, edit(t, "{key: darkMode, type: boolean, value: false}", fmt.Sprintf(prereq, "boolean", "false", "true")))
	des := state(t, edit(t, "{key: darkMode, type: boolean, value: false}", fmt.Sprintf(prereq, "int", "0", "1")))
	_, err := Build(cur, des, Options{})
	want := `flag "darkMode" in config "Main" of product "Web" cannot change type while flag "uses" uses it as a prerequisite; remove that prerequisite and apply first, or give the new flag another key`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
}

func TestBuildRenameWithTypeChangeStartsAfresh(t *testing.T) {
	p := mustBuild(t, state(t, base), state(t, edit(t,
		"{key: darkMode, type: boolean, value: false}", "{key: theme, renamedFrom: darkMode, type: string, value: dark}")))
	checkPlan(t, p, `
create flag Web/Main/theme (string)
delete flag Web/Main/darkMode (boolean) renamed to theme [renamed]
`)
}

// TestBuildMissingHintIsAProblem: when ConfigCat requires hints in a product whose preferences the files leave
// alone, a flag created or changed without one is a problem before apply, not a refusal half way through it.
func TestBuildMissingHintIsAProblem(t *testing.T) {
	cur := state(t, edit(t, "- name: Web\n", "- name: Web\n  preferences: {mandatorySettingHint: true}\n",
		"{key: darkMode, type: boolean, value: false}", "{key: darkMode, hint: Dark UI, type: boolean, value: false}",
		"      type: string\n", "      hint: Top banner\n      type: string\n"))
	des := state(t, edit(t, "{key: darkMode, type: boolean, value: false}",
		"{key: darkMode, hint: Dark UI, type: boolean, value: false}\n    - {key: fresh, type: boolean, value: true}"))
	p, err := Build(cur, des, Options{})
	var pe *ProblemError
	if !errors.As(err, &pe) || len(pe.Problems) != 2 {
		t.Fatalf("want 2 problems (fresh created, banner's hint removed), got %v", err)
	}
	for _, pr := range pe.Problems {
		if !strings.Contains(pr.Message, "requires one (mandatorySettingHint is on in ConfigCat)") {
			t.Errorf("problem: %s", pr.Message)
		}
	}
	if p == nil {
		t.Fatal("no plan")
	}
	// with the hints given there is no problem
	des = state(t, edit(t, "{key: darkMode, type: boolean, value: false}",
		"{key: darkMode, hint: Dark UI, type: boolean, value: false}\n    - {key: fresh, hint: New, type: boolean, value: true}",
		"      type: string\n", "      hint: Top banner\n      type: string\n"))
	if _, err := Build(cur, des, Options{}); err != nil {
		t.Fatalf("with hints: %v", err)
	}
	// a renamed flag whose tags change too is created and then updated: one flag, one problem
	des = state(t, edit(t, "{key: darkMode, type: boolean, value: false}", "{key: darkMode, hint: Dark UI, type: boolean, value: false}",
		"- key: banner\n", "- key: topBanner\n      renamedFrom: banner\n", "tags: [beta]", "tags: []"))
	_, err = Build(cur, des, Options{})
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Address.Flag != "topBanner" {
		t.Fatalf("want 1 problem (topBanner created without a hint), got %v", err)
	}
}

// TestBuildPlacesNewFlagsAfterExistingOnes: flags the files give no order are created after the existing ones,
// in the order of their keys, rather than wherever parallel creates happen to land.
func TestBuildPlacesNewFlagsAfterExistingOnes(t *testing.T) {
	cur := state(t, edit(t, "{key: darkMode, type: boolean, value: false}", "{key: darkMode, order: 5, type: boolean, value: false}"))
	des := state(t, edit(t, "{key: darkMode, type: boolean, value: false}",
		"{key: darkMode, type: boolean, value: false}\n    - {key: alpha, type: boolean, value: true}\n    - {key: beta, type: boolean, value: true}\n    - {key: gamma, order: 2, type: boolean, value: true}"))
	p := mustBuild(t, cur, des)
	got := map[string]int{}
	for _, c := range p.Changes {
		if c.Op == Create && c.Kind == KindFlag {
			got[c.Address.Flag] = *c.After.Flag.Order
		}
	}
	// banner has no order remotely; darkMode has 5; gamma keeps the order the files give
	if want := map[string]int{"alpha": 6, "beta": 7, "gamma": 2}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("orders of created flags: %v, want %v", got, want)
	}
}
