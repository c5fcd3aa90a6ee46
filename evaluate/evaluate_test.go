package evaluate_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

func targeting(t testing.TB) *spec.State {
	t.Helper()
	st, _, err := spec.LoadWith(context.Background(), "../examples/targeting", spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func documentOf(t testing.TB, st *spec.State, product, config, env string) (*sdkconfig.Document, []byte) {
	t.Helper()
	doc, err := sdkconfig.Build(st, product, config, env)
	if err != nil {
		t.Fatal(err)
	}
	data, err := doc.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return doc, data
}

// TestSourcesServeTheirOwnValues checks, for random states and users, that the rule or percentage option
// reported for a value is one that serves that value, and that options are reported with their share.
func TestSourcesServeTheirOwnValues(t *testing.T) {
	for seed := range uint64(10) {
		st := spectest.RandomState(rand.New(rand.NewPCG(seed, 31)), spectest.Options{})
		users := randomUsers(rand.New(rand.NewPCG(seed, 32)), st, 100)
		for _, p := range st.Products {
			for _, c := range p.Configs {
				for _, e := range p.Environments {
					doc, data := documentOf(t, st, p.Name, c.Name, e.Name)
					ev, err := evaluate.New(data)
					if err != nil {
						t.Fatal(err)
					}
					for _, u := range users {
						for _, r := range ev.Evaluate(u) {
							if want := servedAt(doc.Flags[r.Key], r.Source); r.Err != nil || fmt.Sprint(want) != fmt.Sprint(r.Value) {
								t.Fatalf("seed %d, flag %q: %v (err %v) reported as served by %v, which serves %v",
									seed, r.Key, r.Value, r.Err, r.Source, want)
							}
						}
					}
					ev.Close()
				}
			}
		}
	}
}

// servedAt is the value the document serves at a source, and the option's share must match.
func servedAt(f *sdkconfig.Flag, s evaluate.Source) any {
	options := f.Percentages
	if s.Rule > 0 {
		r := f.Rules[s.Rule-1]
		if s.Option == 0 {
			return r.Served.Value.Any()
		}
		options = r.Percentages
	}
	if s.Option > 0 {
		if o := options[s.Option-1]; o.Percent == s.Percent {
			return o.Value.Any()
		}
		return "a share other than the option's"
	}
	return f.Default.Any()
}

func TestTargetingExample(t *testing.T) {
	st := targeting(t)
	_, data := documentOf(t, st, "Mobile app", "App", "Production")
	ev, err := evaluate.New(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	tests := []struct {
		user     evaluate.User
		flag     string
		want     any
		servedBy string
	}{
		{evaluate.User{"Identifier": "1", "Email": "kim@acme.com"}, "newOnboarding", true, "rule 1"},
		{evaluate.User{"Identifier": "1", "Email": "kim@acme.org"}, "newOnboarding", true, "rule 2"},
		{evaluate.User{"Identifier": "1", "Email": "kim@acme.com"}, "theme", "dark", "rule 2"},
		{evaluate.User{"Identifier": "1", "Roles": []string{"accessibility-tester"}}, "theme", "contrast", "rule 1"},
		{evaluate.User{"Identifier": "1", "Age": "30"}, "maxUploadMb", 100, "rule 2"},
		{evaluate.User{"Identifier": "1", "Age": 17}, "maxUploadMb", 25, "default"},
		{evaluate.User{"Identifier": "1", "Plan": "pro", "Age": "30"}, "maxUploadMb", 500, "rule 1"},
		{evaluate.User{"Identifier": "1", "SignedUp": "1700000000"}, "discountRate", 0.15, "rule 1"},
		{evaluate.User{"Identifier": "1", "Email": "ceo@acme.com"}, "welcomeText", "Welcome back, boss!", "rule 1"},
		{evaluate.User{"Identifier": "1"}, "killSwitch", false, "default"},
	}
	for _, tc := range tests {
		r := ev.Evaluate(tc.user, tc.flag)[0]
		if r.Err != nil || r.Value != tc.want || r.Source.String() != tc.servedBy {
			t.Errorf("%s for %v = %v (%T) by %v, err %v; want %v by %s", tc.flag, tc.user, r.Value, r.Value, r.Source,
				r.Err, tc.want, tc.servedBy)
		}
	}
	// 5% of users without a rule get true from the first percentage option, the rest false from the second
	counts := map[string]int{}
	for i := range 2000 {
		r := ev.Evaluate(evaluate.User{"Identifier": fmt.Sprint("user-", i)}, "newOnboarding")[0]
		counts[fmt.Sprint(r.Value, " by ", r.Source)]++
	}
	if len(counts) != 2 || counts["true by percentage option 1 (5%)"] < 60 || counts["true by percentage option 1 (5%)"] > 140 ||
		counts["false by percentage option 2 (95%)"] < 1860 {
		t.Fatalf("percentages: %v", counts)
	}
}

func TestRejectsWhatIsNotConfigJSON(t *testing.T) {
	for _, doc := range []string{"", "{", `{"f": 3}`} {
		if ev, err := evaluate.New([]byte(doc)); err == nil {
			ev.Close()
			t.Errorf("New(%q) accepted it", doc)
		}
	}
}

// BenchmarkTenThousandUsers evaluates every flag of the targeting example's App config for 10,000 users,
// as an impact count of a change would.
func BenchmarkTenThousandUsers(b *testing.B) {
	st := targeting(b)
	_, data := documentOf(b, st, "Mobile app", "App", "Production")
	ev, err := evaluate.New(data)
	if err != nil {
		b.Fatal(err)
	}
	defer ev.Close()
	users := make([]evaluate.User, 10_000)
	for i := range users {
		users[i] = evaluate.User{"Identifier": fmt.Sprint("user-", i), "Email": fmt.Sprintf("u%d@acme.%s", i, []string{"com", "org", "net"}[i%3]),
			"Country": []string{"NL", "BE", "US"}[i%3], "AppVersion": fmt.Sprintf("%d.%d.0", i%7, i%10), "Age": fmt.Sprint(i % 80),
			"CompanyId": fmt.Sprint(i % 500)}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, u := range users {
			ev.Evaluate(u)
		}
	}
	b.ReportMetric(float64(len(users)*len(ev.Keys())), "evaluations/op")
}

// TestForState: an evaluator of a state's config evaluates as one of the document built by hand, names are
// matched case-insensitively, and an unknown config is an error that names it.
func TestForState(t *testing.T) {
	st := targeting(t)
	ev, doc, err := evaluate.ForState(st, "mobile APP", "app", "production")
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	if doc == nil || doc.Flags["newOnboarding"] == nil {
		t.Fatalf("ForState returned no document of the config: %+v", doc)
	}
	user := evaluate.User{"Identifier": "1", "Email": "kim@acme.com"}
	if got := ev.Evaluate(user, "newOnboarding")[0].Value; got != true {
		t.Errorf("newOnboarding = %v, want true (rule 1)", got)
	}
	if _, _, err := evaluate.ForState(st, "Mobile app", "Nope", "Production"); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("unknown config: err = %v", err)
	}
}

// TestValuesAreEvaluatesValues checks that Values, the cheap path, gives each flag of the targeting example the
// value (or the error) Evaluate gives, for users with and without the attributes the rules read.
func TestValuesAreEvaluatesValues(t *testing.T) {
	_, data := documentOf(t, targeting(t), "Mobile app", "App", "Production")
	ev, err := evaluate.New(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	keys := append(append([]string(nil), ev.Keys()...), "noSuchFlag")
	users := []evaluate.User{{"Identifier": "1", "Email": "kim@acme.com"}, {"Identifier": "2", "Plan": "pro", "Age": "30"},
		{"Identifier": "3", "Roles": []string{"accessibility-tester"}}, {}}
	for i := range 200 {
		users = append(users, evaluate.User{"Identifier": fmt.Sprint("user-", i)})
	}
	got := make([]evaluate.Result, len(keys))
	for _, u := range users {
		ev.Values(evaluate.Prepare(u), keys, got)
		for i, want := range ev.Evaluate(u, keys...) {
			if got[i].Key != want.Key || got[i].Value != want.Value || (got[i].Err == nil) != (want.Err == nil) {
				t.Errorf("%s for %v: Values %v (err %v), Evaluate %v (err %v)", keys[i], u, got[i].Value, got[i].Err, want.Value, want.Err)
			}
		}
	}
	if got[len(keys)-1].Err == nil {
		t.Error("noSuchFlag has a value; want the SDK's error")
	}
}
