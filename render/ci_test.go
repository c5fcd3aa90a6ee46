package render

import (
	"strings"
	"testing"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

func TestDriftLinesNameTheFlagsOfValueWrites(t *testing.T) {
	p := &planner.Plan{Changes: []planner.Change{
		{Op: planner.Delete, Kind: planner.KindTag, Address: planner.Address{Product: "Webshop", Name: "legacy"}},
		{Op: planner.Update, Kind: planner.KindValues, Address: planner.Address{Product: "Webshop", Config: "Main", Environment: "Production"},
			Values: []planner.FlagValue{{Key: "newCheckout"}, {Key: "supportEmail"}}},
	}}
	got := strings.Join(DriftLines(p), "\n")
	want := "- tag Webshop/legacy\n~ value of flag Webshop/Main/newCheckout in Production\n~ value of flag Webshop/Main/supportEmail in Production"
	if got != want {
		t.Errorf("DriftLines =\n%s\nwant\n%s", got, want)
	}
}

func TestDriftMarkdownListsTheDriftAndFoldsThePlan(t *testing.T) {
	p := &planner.Plan{Version: planner.SchemaVersion, Changes: []planner.Change{
		{Op: planner.Create, Kind: planner.KindTag, Address: planner.Address{Product: "Webshop", Name: "<new>"}},
	}}
	var b strings.Builder
	blame := []string{"tag <new> of product Webshop changed by Ann (ann@acme.com) on 2026-12-01 10:22 UTC"}
	if err := DriftMarkdown(&b, "flags/a&b", p, blame, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"**The account has drifted from <code>flags/a&amp;b</code>.** Apply would make 1 change to bring it back:",
		"```\n+ tag Webshop/<new>\n```",
		"**Who changed it** (audit log, last 30 days):\n\n- tag &lt;new&gt; of product Webshop changed by Ann (ann@acme.com)",
		"<details>\n<summary>The plan</summary>\n\n",
		"**Plan: 1 to create, 0 to update, 0 to delete.**",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("drift Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestValidationMarkdownShowsTheFirstHundredErrors(t *testing.T) {
	var errs spec.Errors
	for i := range 102 {
		errs = append(errs, &spec.Error{Pos: spec.Pos{File: "flags/x.yaml", Line: i + 1, Column: 3}, Msg: "bad <value>"})
	}
	var b strings.Builder
	if err := ValidationMarkdown(&b, "plan", "flags", errs); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if !strings.HasPrefix(md, "## flagsync plan\n\n**102 problems in <code>flags</code>; nothing was sent to ConfigCat.**\n\n") {
		t.Errorf("head:\n%s", md)
	}
	if !strings.Contains(md, "- <code>flags/x.yaml:100:3: bad &lt;value&gt;</code>\n") || strings.Contains(md, "flags/x.yaml:101:3") {
		t.Errorf("want the first 100 errors listed, escaped:\n%s", md)
	}
	if !strings.HasSuffix(md, "- and 2 more: run `flagsync validate flags`\n") {
		t.Errorf("tail:\n%s", md)
	}
}
