package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func loadState(t *testing.T, name string) *spec.State {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var s spec.State
	if err := yaml.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	spec.Normalize(&s)
	return &s
}

// fixtureBudget is the budget the goldens show with fixturePlan.
var fixtureBudget = &applier.Budget{Calls: map[string]int{"POST /v1/configs/{configId}/settings": 3, "PUT /v1/tags/{tagId}": 11}, MinDuration: 2 * time.Second}

// fixturePlan is the plan from testdata/current.yaml to testdata/desired.yaml.
func fixturePlan(t *testing.T) *planner.Plan {
	t.Helper()
	p, err := planner.Build(loadState(t, "current.yaml"), loadState(t, "desired.yaml"), planner.Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return p
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (rerun with -update if intended)\n--- got\n%s", name, got)
	}
}

// goldenFormats renders p as text, Markdown and JSON with budget (nil for none), compares each with its golden
// file, testdata/<base>.txt.golden and so on, and returns the renderings by that name.
func goldenFormats(t *testing.T, base string, p *planner.Plan, budget *applier.Budget) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tt := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{base + ".txt", func(b *bytes.Buffer) error { return Text(b, p, Options{Budget: budget}) }},
		{base + ".md", func(b *bytes.Buffer) error { return MarkdownWith(b, p, MarkdownOptions{Budget: budget}) }},
		{base + ".json", func(b *bytes.Buffer) error { return JSON(b, p, budget) }},
	} {
		var b bytes.Buffer
		if err := tt.render(&b); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		golden(t, tt.name, b.Bytes())
		out[tt.name] = b.String()
	}
	return out
}

func TestGolden(t *testing.T) {
	p := fixturePlan(t)
	empty := &planner.Plan{Version: planner.SchemaVersion, Changes: []planner.Change{}}
	result := &applier.Result{Applied: p.Changes[:3], Failed: p.Changes[3:4], Pending: p.Changes[4:6],
		Err: errors.New(`could not update tag "preview" of product "Website": ConfigCat refused updating a tag (400 Bad Request): Name: already in use`)}
	for _, tt := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"plan.txt", func(b *bytes.Buffer) error { return Text(b, p, Options{Budget: fixtureBudget}) }},
		{"plan-color.txt", func(b *bytes.Buffer) error { return Text(b, p, Options{Color: true, Budget: fixtureBudget}) }},
		{"plan.md", func(b *bytes.Buffer) error { return MarkdownWith(b, p, MarkdownOptions{Budget: fixtureBudget}) }},
		{"plan.json", func(b *bytes.Buffer) error { return JSON(b, p, fixtureBudget) }},
		{"empty.txt", func(b *bytes.Buffer) error { return Text(b, empty, Options{Color: true}) }},
		{"empty.md", func(b *bytes.Buffer) error { return Markdown(b, empty) }},
		{"result.txt", func(b *bytes.Buffer) error { return ResultText(b, result, Options{}) }},
		{"result.md", func(b *bytes.Buffer) error { return ResultMarkdown(b, result) }},
		{"result.json", func(b *bytes.Buffer) error { return ResultJSON(b, result) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestEmptyPlanSaysSo(t *testing.T) {
	s := loadState(t, "desired.yaml")
	p, err := planner.Build(s, loadState(t, "desired.yaml"), planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Text(&b, p, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	// the fixture's webhook has a secure header, which no plan can compare: the plan says so
	want := "No changes. The account matches the files.\n" +
		"1 webhook or integration has secrets (valueFromEnv) that ConfigCat never returns, so they are not compared; " +
		"after rotating one, plan and apply with --resend-secrets to send them again.\n"
	if b.String() != want {
		t.Errorf("got %q", b.String())
	}
}

// TestResendSecretsPlanSaysWhatItSends: an update planned only to send secrets again names their variables (never
// their values), in text and in Markdown, and the note about uncompared secrets goes away.
func TestResendSecretsPlanSaysWhatItSends(t *testing.T) {
	s := loadState(t, "desired.yaml")
	p, err := planner.Build(s, loadState(t, "desired.yaml"), planner.Options{ResendSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	var text, md bytes.Buffer
	if err := Text(&text, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, p); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": md.String()} {
		if !strings.Contains(out, "sends its secrets again from HOOK_TOKEN") {
			t.Errorf("%s does not say which secret the update sends:\n%s", name, out)
		}
		if !strings.Contains(out, "Plan: 0 to create, 1 to update, 0 to delete.") {
			t.Errorf("%s does not count the update:\n%s", name, out)
		}
		if strings.Contains(out, "not compared") {
			t.Errorf("%s says secrets are not compared although the plan sends them all:\n%s", name, out)
		}
	}
}

// TestMarkdownNotesUncomparedSecrets: the Markdown of a plan with changes carries the note too.
func TestMarkdownNotesUncomparedSecrets(t *testing.T) {
	p := fixturePlan(t)
	p.UncomparedSecrets = 2
	var b bytes.Buffer
	if err := Markdown(&b, p); err != nil {
		t.Fatal(err)
	}
	if want := "2 webhooks and integrations have secrets (valueFromEnv) that ConfigCat never returns"; !strings.Contains(b.String(), want) {
		t.Errorf("no %q in:\n%s", want, b.String())
	}
}

func TestTextWithoutColorHasNoEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, fixturePlan(t), Options{Budget: fixtureBudget}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b[") {
		t.Errorf("colour codes without Options.Color")
	}
	if !strings.HasSuffix(b.String(), "Plan: 7 to create, 12 to update, 4 to delete.\nApply will make 14 API calls, at least 2s within ConfigCat's rate limits.\n") {
		t.Errorf("closing lines:\n%s", b.String())
	}
}

func TestJSONRoundTrips(t *testing.T) {
	p := fixturePlan(t)
	var b bytes.Buffer
	if err := JSON(&b, p, fixtureBudget); err != nil {
		t.Fatal(err)
	}
	var q planner.Plan
	if err := json.Unmarshal(b.Bytes(), &q); err != nil {
		t.Fatal(err)
	}
	var b2 bytes.Buffer
	if err := JSON(&b2, &q, fixtureBudget); err != nil {
		t.Fatal(err)
	}
	if b.String() != b2.String() {
		t.Errorf("JSON changes on a round trip")
	}
}

func TestSecretsNeverShown(t *testing.T) {
	cur, des := loadState(t, "current.yaml"), loadState(t, "desired.yaml")
	des.Products[0].Webhooks[0].Headers[0].Value = "s3cr3t-token"
	cur.Products[0].Webhooks[0].Headers[0].Value = "0ld-s3cr3t"
	p, err := planner.Build(cur, des, planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, r := range []func() error{
		func() error { return Text(&b, p, Options{}) },
		func() error { return Markdown(&b, p) },
		func() error { return JSON(&b, p, nil) },
	} {
		if err := r(); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(b.String(), "s3cr3t") {
		t.Errorf("a secure header value appears in the output")
	}
}

func TestGoldenUnsafeAndProblems(t *testing.T) {
	cur, des := loadState(t, "current.yaml"), loadState(t, "current.yaml")
	des.Products[0].Configs[0].EvaluationVersion = spec.EvaluationV1
	des.Products[0].Environments = des.Products[0].Environments[:1]
	for _, f := range des.Products[0].Configs[0].Flags {
		delete(f.Values, "Staging")
	}
	des.Products[0].Webhooks = nil
	des.Products[0].Configs[0].Pos = spec.Pos{File: "flags/website.yaml", Line: 7, Column: 9} // as Load records it
	p, err := planner.Build(cur, des, planner.Options{})
	var ue *planner.UnsafeError
	var pe *planner.ProblemError
	if !errors.As(err, &ue) || !errors.As(err, &pe) {
		t.Fatalf("want both an unsafe and a problem error, got %v", err)
	}
	goldenFormats(t, "unsafe", p, nil)
}

// TestRefusedPlanSaysSo: a plan apply would refuse closes with why, never with the summary of a plan that
// goes ahead, and its JSON says it is not applicable.
func TestRefusedPlanSaysSo(t *testing.T) {
	problem := planner.Problem{Kind: planner.KindFlag, Address: planner.Address{Product: "P", Config: "C", Flag: "f"},
		Pos: spec.Pos{File: "flags/p.yaml", Line: 12, Column: 7}, Message: "flag \"f\" has no hint"}
	unsafe := planner.Violation{Kind: planner.KindConfig, Deleted: 1, Protected: true, Addresses: []planner.Address{{Product: "P", Config: "Old"}}}
	change := planner.Change{Op: planner.Delete, Kind: planner.KindConfig, Address: planner.Address{Product: "P", Config: "Old"}}
	for _, tt := range []struct {
		name string
		plan planner.Plan
		want string // the closing line
	}{
		{"problem", planner.Plan{Changes: []planner.Change{}, Problems: []planner.Problem{problem}},
			"Plan refused: 1 problem must be fixed before apply. Nothing will be applied."},
		{"unsafe", planner.Plan{Changes: []planner.Change{change}, Unsafe: []planner.Violation{unsafe}},
			"Plan refused: the plan is unsafe; rerun with --force to apply it. Nothing will be applied."},
		{"forced", planner.Plan{Changes: []planner.Change{change}, Unsafe: []planner.Violation{unsafe}, Forced: true},
			"Plan: 0 to create, 0 to update, 1 to delete."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.plan
			p.Version = planner.SchemaVersion
			budget := &applier.Budget{Calls: map[string]int{"DELETE /v1/configs/{configId}": 1}}
			var txt, md, js bytes.Buffer
			if err := Text(&txt, &p, Options{Budget: budget}); err != nil {
				t.Fatal(err)
			}
			if err := MarkdownWith(&md, &p, MarkdownOptions{Budget: budget}); err != nil {
				t.Fatal(err)
			}
			if err := JSON(&js, &p, budget); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(txt.String()), "\n")
			applicable := tt.name == "forced"
			last := lines[len(lines)-1]
			if applicable {
				last = lines[len(lines)-2] // the budget line follows
			}
			if last != tt.want || !strings.Contains(md.String(), "**"+tt.want) {
				t.Errorf("text ends with %q, want %q\nmarkdown:\n%s", last, tt.want, md.String())
			}
			if !applicable && (strings.Contains(txt.String(), "Plan: ") || strings.Contains(txt.String(), "Apply will make")) {
				t.Errorf("a refused plan shows the summary of one that goes ahead:\n%s", txt.String())
			}
			if len(p.Problems) > 0 && (!strings.Contains(txt.String(), "  flags/p.yaml:12:7: flag \"f\" has no hint") ||
				!strings.Contains(md.String(), "> - `flags/p.yaml:12:7`: flag \"f\" has no hint")) {
				t.Errorf("the problem is not shown after its position:\n%s\n%s", txt.String(), md.String())
			}
			var back struct {
				Applicable *bool `json:"applicable"`
			}
			if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Applicable == nil || *back.Applicable != applicable {
				t.Errorf("JSON applicable = %v (%v), want %v", back.Applicable, err, applicable)
			}
		})
	}
}

func TestMarkdownStaysUnderTheLimit(t *testing.T) {
	mk := func(def bool) *spec.State {
		c := &spec.Config{Name: "Main"}
		for i := 0; i < 2000; i++ {
			c.Flags = append(c.Flags, &spec.Flag{Key: fmt.Sprintf("flag%04d", i), Type: spec.TypeBoolean,
				Values: map[string]*spec.EnvValue{"Production": {Default: spec.BoolValue(def)}}})
		}
		s := &spec.State{Products: []*spec.Product{{Name: "Web", Environments: []*spec.Environment{{Name: "Production"}}, Configs: []*spec.Config{c}}}}
		spec.Normalize(s)
		return s
	}
	p, err := planner.Build(mk(false), mk(true), planner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Markdown(&b, p); err != nil {
		t.Fatal(err)
	}
	if b.Len() > DefaultMarkdownBytes {
		t.Errorf("%d bytes, over the %d limit", b.Len(), DefaultMarkdownBytes)
	}
	if !strings.Contains(b.String(), "more changes are left out") || !strings.Contains(b.String(), "Plan: 0 to create, 1 to update, 0 to delete.") {
		t.Errorf("no summary or no note:\n%s", b.String()[:500])
	}
	b.Reset()
	if err := MarkdownWith(&b, p, MarkdownOptions{MaxBytes: -1}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "<summary>~ flag"); n != 2000 {
		t.Errorf("unlimited rendering shows %d flag diffs, want 2000", n)
	}
}

func TestWarningsShowEvenWithoutChanges(t *testing.T) {
	p := &planner.Plan{Version: planner.SchemaVersion, Changes: []planner.Change{}, Warnings: []planner.Problem{
		{Kind: planner.KindFlag, Message: `ignore flags pattern "supprt*" matches no flag in product "Web"`}}}
	var text, md bytes.Buffer
	if err := Text(&text, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "Warning: ignore flags pattern \"supprt*\" matches no flag in product \"Web\"\n\n" + noChanges + "\n"; text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	if err := Markdown(&md, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "> [!WARNING]\n> - ignore flags pattern \"supprt\\*\" matches no flag") {
		t.Errorf("markdown lacks the warning:\n%s", md.String())
	}
}

// TestDashboardValuesLine checks the line that says how many values a plan leaves to the dashboard, with and
// without changes, so that an edit of them showing nothing is explained.
func TestDashboardValuesLine(t *testing.T) {
	empty := &planner.Plan{Version: planner.SchemaVersion, Changes: []planner.Change{}, DashboardValues: 4,
		DashboardDiffering: 1}
	const line = "4 values are left to the dashboard (valueOwner: dashboard) and not compared with the files; 1 of them differs from the files.\n"
	var text, md bytes.Buffer
	if err := Text(&text, empty, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := noChanges + "\n" + line; text.String() != want {
		t.Errorf("text of an empty plan:\n%s\nwant:\n%s", text.String(), want)
	}
	if err := Markdown(&md, empty); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), noChanges+"\n\n"+line) {
		t.Errorf("markdown of an empty plan lacks the line:\n%s", md.String())
	}

	p := fixturePlan(t)
	p.DashboardValues, p.DashboardDiffering = 1, 0
	text.Reset()
	md.Reset()
	if err := Text(&text, p, Options{Budget: fixtureBudget}); err != nil {
		t.Fatal(err)
	}
	const one = "1 value is left to the dashboard (valueOwner: dashboard) and not compared with the files.\n"
	if !strings.Contains(text.String(), "Plan: 7 to create, 12 to update, 4 to delete.\n"+one+"Apply will make") {
		t.Errorf("text: the line does not follow the summary:\n%s", text.String())
	}
	if err := MarkdownWith(&md, p, MarkdownOptions{Budget: fixtureBudget}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "rate limits.\n\n"+one) {
		t.Errorf("markdown: the line does not follow the summary:\n%s", md.String())
	}
	p.DashboardValues = 0
	text.Reset()
	if err := Text(&text, p, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "dashboard") {
		t.Errorf("a plan without dashboard values mentions them:\n%s", text.String())
	}
}
