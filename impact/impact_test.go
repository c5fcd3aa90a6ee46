package impact_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/impact"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

func load(t testing.TB, name string) *spec.State {
	t.Helper()
	st, err := spec.Load(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fixtureImpact is the impact of testdata/current.yaml → desired.yaml over 10,000 generated users and
// testdata/population.csv.
func fixtureImpact(t testing.TB) *planner.Impact {
	t.Helper()
	cur, des := load(t, "current.yaml"), load(t, "desired.yaml")
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	users, err := impact.ReadPopulation(filepath.Join("testdata", "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return impact.Compute(cur, des, plan, impact.Population{Generated: impact.DefaultGenerated, File: "population.csv", Users: users})
}

func flagImpact(t *testing.T, im *planner.Impact, env, key string) planner.FlagImpact {
	t.Helper()
	for _, f := range im.Flags {
		if f.Address.Environment == env && f.Address.Flag == key {
			return f
		}
	}
	t.Fatalf("no impact line for %s in %s; have %v", key, env, im.Flags)
	return planner.FlagImpact{}
}

func share(f planner.FlagImpact, before bool, v spec.Value) float64 {
	if before {
		return impact.ShareOf(f.Before, v)
	}
	return impact.ShareOf(f.After, v)
}

func TestPercentageChangeMovesAboutTwentyPoints(t *testing.T) {
	f := flagImpact(t, fixtureImpact(t), "Production", "newCheckout")
	if f.Via != "" || f.Users != 10_202 {
		t.Fatalf("via %q over %d users, want edited over 10,000 generated + 200 file + 2 test users", f.Via, f.Users)
	}
	b, a := share(f, true, spec.BoolValue(true)), share(f, false, spec.BoolValue(true))
	if math.Abs(b-10) > 1.5 || math.Abs(a-30) > 1.5 {
		t.Errorf("true %.2f%% → %.2f%%, want about 10%% → 30%%", b, a)
	}
	if f.Changed < 1800 || f.Changed > 2300 {
		t.Errorf("%d users change value, want about 20%% of 10,202", f.Changed)
	}
}

func TestPrerequisiteChainChangesWithoutEdits(t *testing.T) {
	im := fixtureImpact(t)
	edited := flagImpact(t, im, "Production", "newCheckout")
	for key, via := range map[string]string{"checkoutBanner": "prerequisite newCheckout", "checkoutSurvey": "prerequisite checkoutBanner"} {
		f := flagImpact(t, im, "Production", key)
		if f.Via != via || f.Changed != edited.Changed {
			t.Errorf("%s: via %q, %d changed; want via %q and the %d users of newCheckout", key, f.Via, f.Changed, via, edited.Changed)
		}
	}
}

func TestRuleChangeNamesTheTestUser(t *testing.T) {
	f := flagImpact(t, fixtureImpact(t), "Production", "discount")
	if len(f.TestUsers) != 1 || f.TestUsers[0].User != "ann@acme.com" || f.TestUsers[0].Before.String() != "0" || f.TestUsers[0].After.String() != "10" {
		t.Fatalf("test users %+v, want ann@acme.com: 0 → 10 (Bob is Dutch and had the discount)", f.TestUsers)
	}
	// BE users of the 200 in the file (every fourth, 50) and Ann get the discount now.
	if f.Changed != 51 {
		t.Errorf("%d users change, want 51", f.Changed)
	}
}

func TestSegmentChangeMovesBothFlags(t *testing.T) {
	im := fixtureImpact(t)
	for _, key := range []string{"betaSearch", "betaNav"} {
		f := flagImpact(t, im, "Production", key)
		if f.Via != "segment Beta users" || f.Changed == 0 {
			t.Errorf("%s: via %q, %d changed; want via the segment, some changed", key, f.Via, f.Changed)
		}
		if len(f.TestUsers) != 1 || f.TestUsers[0].User != "bob@example.com" {
			t.Errorf("%s: test users %+v, want bob@example.com only", key, f.TestUsers)
		}
	}
	for _, f := range im.Flags {
		if f.Address.Environment == "Staging" {
			t.Errorf("Staging's flags do not use the segment, yet %s is listed", f.Address.Flag)
		}
	}
}

func TestRefactorAffectsNobody(t *testing.T) {
	f := flagImpact(t, fixtureImpact(t), "Production", "legacyMode")
	if f.Changed != 0 || share(f, true, spec.BoolValue(true)) != 100 || share(f, false, spec.BoolValue(true)) != 100 {
		t.Errorf("%+v, want everybody keeping true", f)
	}
}

func TestSummary(t *testing.T) {
	im := fixtureImpact(t)
	if im.UsersAffected != flagImpact(t, im, "Production", "newCheckout").Changed {
		t.Errorf("users affected %d, want newCheckout's", im.UsersAffected)
	}
	if im.LargestShift < 18.5 || im.LargestShift > 21.5 {
		t.Errorf("largest shift %.2f, want about 20 points", im.LargestShift)
	}
}

// TestPercentagesAloneGiveTheirShares changes only percentages, many ways, and checks that the shares reported
// over the default population are within 1.5 points of the declared percentages.
func TestPercentagesAloneGiveTheirShares(t *testing.T) {
	for _, pcts := range [][2]int{{0, 100}, {1, 99}, {5, 95}, {25, 75}, {33, 67}, {50, 50}, {70, 30}, {99, 1}, {100, 0}} {
		cur := percentageState(10, 90)
		des := percentageState(pcts[0], pcts[1])
		plan, err := planner.Build(cur, des, planner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		im := impact.Compute(cur, des, plan, impact.Population{Generated: impact.DefaultGenerated})
		if len(im.Flags) != 1 {
			t.Fatalf("%v: %d impact lines, want 1", pcts, len(im.Flags))
		}
		f := im.Flags[0]
		for _, c := range []struct {
			shares []planner.ValueShare
			want   [2]int
		}{{f.Before, [2]int{10, 90}}, {f.After, pcts}} {
			got := [2]float64{impact.ShareOf(c.shares, spec.StringValue("a")), impact.ShareOf(c.shares, spec.StringValue("b"))}
			for i := range got {
				if math.Abs(got[i]-float64(c.want[i])) > 1.5 {
					t.Errorf("declared %v, reported %v", c.want, got)
				}
			}
		}
	}
}

func percentageState(a, b int) *spec.State {
	ev := &spec.EnvValue{Default: spec.StringValue("a"), Percentages: []*spec.PercentageOption{{Percent: a, Serve: spec.StringValue("a")}, {Percent: b, Serve: spec.StringValue("b")}}}
	p := &spec.Product{Name: "P", Environments: []*spec.Environment{{Name: "Production"}},
		Configs: []*spec.Config{{Name: "C", Flags: []*spec.Flag{{Key: "split", Type: spec.TypeString, Values: map[string]*spec.EnvValue{"Production": ev}}}}}}
	st := &spec.State{Products: []*spec.Product{p}}
	spec.Normalize(st)
	return st
}

func TestSamePlanGivesTheSameNumbers(t *testing.T) {
	a, b := fixtureImpact(t), fixtureImpact(t)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("two runs differ:\n%v\n%v", a, b)
	}
}

func TestMissingAttributesAreNamed(t *testing.T) {
	cur, des := load(t, "current.yaml"), load(t, "desired.yaml")
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	des.Tests = nil // without the file and the test users, no user has an email or a country
	im := impact.Compute(cur, des, plan, impact.Population{Generated: 100})
	for key, want := range map[string]string{"discount": "Country", "betaNav": "Email", "newCheckout": ""} {
		var got []string
		found := false
		for _, f := range im.Flags {
			if f.Address.Flag == key && f.Address.Environment == "Production" {
				got, found = f.MissingAttributes, true
			}
		}
		if !found {
			t.Errorf("%s: not listed in Production", key)
		}
		if want == "" && len(got) != 0 || want != "" && strings.Join(got, ",") != want {
			t.Errorf("%s: missing %v (listed: %v), want %q", key, got, found, want)
		}
	}
}

func TestPopulationFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	users, err := impact.ReadPopulation(write("u.jsonl", "{\"identifier\": \"u1\", \"Plan\": \"pro\", \"Age\": 30}\n\n{\"Identifier\": \"u2\", \"Roles\": [\"a\"]}\n"))
	if err != nil || len(users) != 2 || users[0]["Identifier"] != "u1" || users[0]["Age"] != 30.0 || users[1]["Roles"].([]string)[0] != "a" {
		t.Fatalf("JSON lines: %v %v", users, err)
	}
	users, err = impact.ReadPopulation(write("u.csv", "identifier,COUNTRY,Plan\nu1,NL,\nu2,,pro\n"))
	if err != nil || len(users) != 2 || users[0]["Country"] != "NL" || users[0]["Plan"] != nil || users[1]["Plan"] != "pro" {
		t.Fatalf("CSV: %v %v", users, err)
	}
	for name, tc := range map[string]struct{ file, text, want string }{
		"bad JSON":    {"b.jsonl", "{\"Identifier\": \"u1\"}\n{\"Identifier\": u2}\n", "b.jsonl:2:16: "},
		"JSON object": {"o.jsonl", "{\"Identifier\": {\"a\": 1}}\n", "o.jsonl:1:1: attribute \"Identifier\" is map"},
		"short row":   {"s.csv", "Identifier,Email\nu1\n", "s.csv:2:"},
		"no name":     {"n.csv", "Identifier,,Email\n", "n.csv:1:2: column 2 has no attribute name"},
		"empty":       {"e.csv", "", "e.csv:1:1: the population file is empty"},
	} {
		_, err := impact.ReadPopulation(write(tc.file, tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", name, err, tc.want)
		}
	}
}

func percentages(truePercent int) []*spec.PercentageOption {
	return []*spec.PercentageOption{{Percent: truePercent, Serve: spec.BoolValue(true)}, {Percent: 100 - truePercent, Serve: spec.BoolValue(false)}}
}

func loadText(t *testing.T, text string) *spec.State {
	t.Helper()
	st, err := spec.LoadBytes("flags.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func computeText(t *testing.T, current, desired string) *planner.Impact {
	t.Helper()
	cur, des := loadText(t, current), loadText(t, desired)
	plan, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return impact.Compute(cur, des, plan, impact.Population{Generated: 1000})
}

const ownedYAML = `products:
- name: P
  environments: [{name: Production}]
  configs:
  - name: C
    flags:
    - {key: gate, type: boolean, valueOwner: dashboard, value: false}
    - key: feature
      type: boolean
      environments:
        Production:
          rules:
          - if: [{flag: gate, equals: true}]
            serve: true
          default: %s
`

// TestDashboardValuesAreTheAccounts checks that a prerequisite whose value the dashboard owns is evaluated with
// the account's value (true), not the files' initial one (false).
func TestDashboardValuesAreTheAccounts(t *testing.T) {
	// feature's default goes from true to false: only the gate's true keeps everybody on true after
	current := strings.Replace(fmt.Sprintf(ownedYAML, "true"), "valueOwner: dashboard, value: false", "value: true", 1)
	im := computeText(t, current, fmt.Sprintf(ownedYAML, "false"))
	f := flagImpact(t, im, "Production", "feature")
	if f.Changed != 0 || impact.ShareOf(f.After, spec.BoolValue(true)) != 100 {
		t.Errorf("%+v: want everybody served true through the account's gate, before and after", f)
	}
	if f.DashboardValue {
		t.Error("feature's own value is the files'")
	}
}

// TestRenamedFlagIsComparedWithItsPreviousKey checks that a renamed flag is compared with its previous key.
func TestRenamedFlagIsComparedWithItsPreviousKey(t *testing.T) {
	const state = `products:
- name: P
  environments: [{name: Production}]
  configs:
  - name: C
    flags:
    - key: %s
      type: boolean
      environments:
        Production:
          percentages: [{percent: %d, serve: true}, {percent: %d, serve: false}]
          default: false
`
	desired := strings.Replace(fmt.Sprintf(state, "checkout", 20, 80), "type: boolean", "renamedFrom: oldCheckout\n      type: boolean", 1)
	im := computeText(t, fmt.Sprintf(state, "oldCheckout", 20, 80), desired)
	f := flagImpact(t, im, "Production", "checkout")
	if math.Abs(impact.ShareOf(f.Before, spec.BoolValue(true))-20) > 3 || math.Abs(impact.ShareOf(f.After, spec.BoolValue(true))-20) > 3 {
		t.Fatalf("%+v: want the renamed flag compared with oldCheckout, 20%% true on both sides", f)
	}
	// The SDK hashes the flag's key with the identifier, so a rename reshuffles who is in the 20%: about
	// 2 × 20% × 80% of the users change value although the shares stay.
	if f.Changed < 250 || f.Changed > 400 {
		t.Errorf("%d of 1000 users change, want about 320", f.Changed)
	}
}

// TestTestUserAloneGetsAValue checks a value only a test user gets: it is counted in the shares and named.
func TestTestUserAloneGetsAValue(t *testing.T) {
	const state = `products:
- name: P
  environments: [{name: Production}]
  configs:
  - name: C
    flags:
    - key: vip
      type: int
      environments:
        Production:
          rules:
          - if: [{attribute: Country, comparator: isOneOf, values: [BE]}]
            serve: %d
          default: 0
tests:
- name: Belgian
  environment: Production
  user: {identifier: be1, country: BE}
  expect: {vip: %d}
`
	f := flagImpact(t, computeText(t, fmt.Sprintf(state, 5, 7), fmt.Sprintf(state, 7, 7)), "Production", "vip")
	if f.Users != 1001 || f.Changed != 1 || share(f, true, spec.IntValue(5)) != 0.1 || share(f, false, spec.IntValue(7)) != 0.1 {
		t.Errorf("%+v: want 1,001 users, the test user alone served 5 → 7", f)
	}
	if len(f.TestUsers) != 1 || f.TestUsers[0].User != "be1" || f.TestUsers[0].Before.String() != "5" || f.TestUsers[0].After.String() != "7" {
		t.Errorf("test users %+v, want be1: 5 → 7", f.TestUsers)
	}
}
