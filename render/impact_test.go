package render

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/impact"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// impactPlan is the plan of testdata/impact (a percentage change, a prerequisite chain, a rule change, a
// segment change moving two flags and a no-op refactor) with its impact over 10,000 generated users, the
// population file and the test users.
func impactPlan(t *testing.T) *planner.Plan {
	t.Helper()
	cur, err := spec.Load(filepath.Join("testdata", "impact", "current.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	des, err := spec.Load(filepath.Join("testdata", "impact", "desired.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	users, err := impact.ReadPopulation(filepath.Join("testdata", "impact", "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	p.Impact = impact.Compute(cur, des, p, impact.Population{Generated: impact.DefaultGenerated, File: "population.csv", Users: users})
	return p
}

func TestGoldenImpact(t *testing.T) {
	goldenFormats(t, "impact", impactPlan(t), nil)
}

func TestImpactLinesSayWhatChanges(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, impactPlan(t), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"newCheckout in Production: false 89.8% → 69.7% (−20.1 points), true 10.2% → 30.3% (+20.1 points) of 10,202 users; 2,047 users change value",
		"also changes: checkoutBanner in Production, via prerequisite newCheckout",
		"also changes: checkoutSurvey in Production, via prerequisite checkoutBanner",
		"also changes: betaSearch in Production, via segment Beta users",
		"also changes: betaNav in Production, via segment Beta users",
		"ann@acme.com: 0 → 10",
		"bob@example.com: false → true",
		"legacyMode in Production: true 100.0% of 10,202 users; nobody's value changes",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text plan lacks %q:\n%s", want, b.String())
		}
	}
}

func TestImpactRoundTripsThroughJSON(t *testing.T) {
	p := impactPlan(t)
	var b bytes.Buffer
	if err := JSON(&b, p, nil); err != nil {
		t.Fatal(err)
	}
	var back planner.Plan
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var t1, t2 bytes.Buffer
	if err := Text(&t1, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Text(&t2, &back, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(t1.String(), "users change value") {
		t.Fatalf("the plan shows no impact:\n%s", t1.String())
	}
	if t1.String() != t2.String() {
		t.Errorf("a saved plan shows another impact:\n%s\n---\n%s", t1.String(), t2.String())
	}
	if !reflect.DeepEqual(back.Impact, p.Impact) {
		t.Errorf("the impact read back differs from the one saved:\n%+v\n---\n%+v", back.Impact, p.Impact)
	}
}

func TestNoOpRefactorSaysNobodyIsAffected(t *testing.T) {
	p := impactPlan(t)
	var only []planner.FlagImpact
	for _, f := range p.Impact.Flags {
		if f.Address.Flag == "legacyMode" {
			only = append(only, f)
		}
	}
	p.Impact.Flags = only
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, p, Options{}) },
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, p) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), impactNobody) {
			t.Errorf("%s does not say %q:\n%s", name, impactNobody, b.String())
		}
	}
}

// TestHunksNameTheirEnvironment checks that a diff hunk deep in an environment's value says which one.
func TestHunksNameTheirEnvironment(t *testing.T) {
	before := []string{"key: k", "environments:", "  Production:", "    rules:"}
	for i := range 12 {
		before = append(before, "      - if: [{attribute: A, comparator: isOneOf, values: [v"+string(rune('a'+i))+"]}]")
	}
	before = append(before, "  Staging:", "    default: false")
	after := append([]string(nil), before...)
	after[len(before)-4] = "      - if: [{attribute: A, comparator: isOneOf, values: [changed]}]"
	got := unified(before, after, 3)
	if !strings.Contains(got, "@@ … @@ Production:\n") {
		t.Errorf("the hunk does not name Production:\n%s", got)
	}
}

func TestResultNamesAProductOnce(t *testing.T) {
	r := &applier.Result{Applied: []planner.Change{{Op: planner.Create, Kind: planner.KindProduct, Address: planner.Address{Product: "Webshop"}}}}
	var b bytes.Buffer
	if err := ResultText(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `+ product "Webshop"`) || strings.Contains(b.String(), "in Webshop") {
		t.Errorf("result: %s", b.String())
	}
}
