package planner

import (
	"encoding/json"
	"strings"
	"testing"
)

// gitEdits changes a value of each flag in each environment of base, as a commit to the files would.
var gitEdits = []string{
	"{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: boolean, environments: {Production: {default: true}, Staging: {default: true}}}",
	`default: "off"`, `default: "soon"`,
	`Staging: {default: "on"}`, `Staging: {default: "later"}`,
}

// ownerEdits returns base with gitEdits and then each old string replaced by the following new one.
func ownerEdits(t *testing.T, pairs ...string) string {
	t.Helper()
	return edit(t, append(append([]string{}, gitEdits...), pairs...)...)
}

// Where valueOwner is written, and which values the Git edits then still change.
const (
	productOwner = "- name: Web\n"
	configOwner  = "- name: Main\n"
	prodEnv      = "{name: Production, order: 0}"
	stagingEnv   = "{name: Staging, order: 1}"
	darkModeFlag = "{key: darkMode, type: boolean,"
	bannerFlag   = "- key: banner\n"
)

func TestValueOwnerLevels(t *testing.T) {
	allValues := `
update values Web/Main/Production
  banner: {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"} -> {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"soon"}
  darkMode: {"default":false} -> {"default":true}
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
  darkMode: {"default":false} -> {"default":true}
`
	tests := []struct {
		name      string
		desired   string
		want      string
		dashboard int // values left to the dashboard
		differing int // of those, values that differ from the files
	}{
		{name: "without valueOwner the files own every value", desired: ownerEdits(t), want: allValues},
		{name: "valueOwner git is the default", desired: ownerEdits(t, productOwner, productOwner+"  valueOwner: git\n"),
			want: allValues},
		{name: "product: every value left to the dashboard",
			desired:   ownerEdits(t, productOwner, productOwner+"  valueOwner: dashboard\n"),
			dashboard: 4, differing: 4},
		{name: "environment: Production left to the dashboard, Staging from the files",
			desired: ownerEdits(t, prodEnv, "{name: Production, order: 0, valueOwner: dashboard}"),
			want: `
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
  darkMode: {"default":false} -> {"default":true}
`, dashboard: 2, differing: 2},
		{name: "config: every value of the config left to the dashboard",
			desired:   ownerEdits(t, configOwner, configOwner+"    valueOwner: dashboard\n"),
			dashboard: 4, differing: 4},
		{name: "flag: darkMode left to the dashboard, banner from the files",
			desired: ownerEdits(t, darkModeFlag, darkModeFlag+" valueOwner: dashboard,"),
			want: `
update values Web/Main/Production
  banner: {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"} -> {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"soon"}
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
`, dashboard: 2, differing: 2},
		{name: "environment beats product",
			desired: ownerEdits(t, productOwner, productOwner+"  valueOwner: dashboard\n",
				stagingEnv, "{name: Staging, order: 1, valueOwner: git}"),
			want: `
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
  darkMode: {"default":false} -> {"default":true}
`, dashboard: 2, differing: 2},
		{name: "config beats environment",
			desired: ownerEdits(t, prodEnv, "{name: Production, order: 0, valueOwner: dashboard}",
				configOwner, configOwner+"    valueOwner: git\n"),
			want: allValues},
		{name: "flag beats config",
			desired: ownerEdits(t, configOwner, configOwner+"    valueOwner: dashboard\n",
				bannerFlag, bannerFlag+"      valueOwner: git\n"),
			want: `
update values Web/Main/Production
  banner: {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"off"} -> {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":"on"}],"default":"soon"}
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
`, dashboard: 2, differing: 2},
		{name: "flag beats environment",
			desired: ownerEdits(t, prodEnv, "{name: Production, order: 0, valueOwner: dashboard}",
				darkModeFlag, darkModeFlag+" valueOwner: git,"),
			want: `
update values Web/Main/Production
  darkMode: {"default":false} -> {"default":true}
update values Web/Main/Staging
  banner: {"default":"on"} -> {"default":"later"}
  darkMode: {"default":false} -> {"default":true}
`, dashboard: 1, differing: 1},
		{name: "values equal to the files are counted, not differing",
			desired:   edit(t, productOwner, productOwner+"  valueOwner: dashboard\n"),
			dashboard: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(state(t, base), state(t, tt.desired), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, p, tt.want)
			if p.DashboardValues != tt.dashboard || p.DashboardDiffering != tt.differing {
				t.Errorf("left to the dashboard: %d values, %d differing; want %d, %d", p.DashboardValues,
					p.DashboardDiffering, tt.dashboard, tt.differing)
			}
		})
	}
}

// TestValueOwnerDashboardKeepsDefinitionsInGit checks that only values are left to the dashboard: the files
// still create, update and delete flags, and a flag or environment created by the plan gets the files' values.
func TestValueOwnerDashboardKeepsDefinitionsInGit(t *testing.T) {
	dashboard := func(pairs ...string) string {
		return edit(t, append([]string{productOwner, productOwner + "  valueOwner: dashboard\n"}, pairs...)...)
	}
	tests := []struct {
		name, desired, want string
		force               bool
	}{
		{name: "a flag's metadata still follows the files",
			desired: dashboard("{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: boolean, hint: dark UI, value: true}"),
			want: `
update flag Web/Main/darkMode (boolean)
  hint: - -> "dark UI"
`},
		{name: "a new flag gets the files' values, targeting included",
			desired: dashboard("    flags:\n", `    flags:
    - key: promo
      type: boolean
      environments:
        Production: {default: false, rules: [{if: [{segment: Testers}], serve: true}]}
        Staging: {default: true}
`),
			want: `
create flag Web/Main/promo (boolean)
update values Web/Main/Production
  promo: - -> {"rules":[{"if":[{"comparator":"isIn","segment":"Testers"}],"serve":true}],"default":false}
`},
		{name: "a new environment gets the files' values",
			desired: dashboard(stagingEnv, stagingEnv+"\n  - {name: QA, order: 2}",
				"{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: boolean, environments: {Production: {default: false}, Staging: {default: false}, QA: {default: true}}}"),
			want: `
create environment Web/QA
update values Web/Main/QA
  darkMode: - -> {"default":true}
`},
		{name: "a deleted flag is still deleted", force: true,
			desired: dashboard("    - {key: darkMode, type: boolean, value: false}\n", ""),
			want: `
delete flag Web/Main/darkMode (boolean)
`},
		{name: "a flag whose type changes is created again with the files' values", force: true,
			desired: dashboard("{key: darkMode, type: boolean, value: false}", "{key: darkMode, type: string, value: dim}"),
			want: `
delete flag Web/Main/darkMode (boolean) [typeChanged]
create flag Web/Main/darkMode (string) [typeChanged]
`},
		{name: "a renamed flag keeps the dashboard's values",
			desired: dashboard("- key: banner\n", "- key: promoBanner\n      renamedFrom: banner\n", `Staging: {default: "on"}`, `Staging: {default: "later"}`),
			want: `
create flag Web/Main/promoBanner (string) from banner
delete flag Web/Main/banner (string) renamed to promoBanner [renamed]
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(state(t, base), state(t, tt.desired), Options{Force: tt.force})
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, p, tt.want)
		})
	}
}

// TestValueOwnerIsNotAConfigCatField checks that valueOwner never shows as a field change: it is not stored in
// the account, which therefore never has it.
func TestValueOwnerIsNotAConfigCatField(t *testing.T) {
	desired := edit(t, configOwner, configOwner+"    valueOwner: dashboard\n",
		prodEnv, "{name: Production, order: 0, valueOwner: git}",
		darkModeFlag, darkModeFlag+" valueOwner: git,")
	p, err := Build(state(t, base), state(t, desired), Options{})
	if err != nil || !p.IsEmpty() {
		t.Fatalf("plan %v:\n%s", err, dump(p))
	}
	created, err := Build(state(t, `products: []`), state(t, desired), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(created)
	if strings.Contains(string(b), "valueOwner") {
		t.Errorf("a plan that creates the product carries valueOwner:\n%s", b)
	}
}

// TestValueOwnerInPlanJSON checks the counts programs read from a plan.
func TestValueOwnerInPlanJSON(t *testing.T) {
	p, err := Build(state(t, base), state(t, ownerEdits(t, prodEnv, "{name: Production, order: 0, valueOwner: dashboard}")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"dashboardValues":2,"dashboardDiffering":2`) {
		t.Errorf("plan JSON lacks the dashboard counts:\n%s", b)
	}
	var back Plan
	if err := json.Unmarshal(b, &back); err != nil || back.DashboardValues != 2 || back.DashboardDiffering != 2 {
		t.Errorf("read back: %v, %d values, %d differing", err, back.DashboardValues, back.DashboardDiffering)
	}
}
