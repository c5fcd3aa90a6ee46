package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/flagsync/flagsync/planner"
)

func TestChangeRequestLines(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	at := planner.Address{Product: "Shop", Config: "Main", Environment: "Production"}
	opened := now.Add(-2*time.Hour - 5*time.Minute)
	p := &planner.Plan{ChangeRequests: []planner.ChangeRequest{
		{Address: at, Flags: []string{"newCheckout", "banner"}, Proposal: "a", Action: planner.OpenChangeRequest},
		{ID: 123, Address: at, CreatedAt: opened, Creator: "Ann (ann@acme.com)", Proposal: "a", Action: planner.KeepChangeRequest},
		{ID: 124, Address: at, CreatedAt: opened, Proposal: "a", Approved: true, Action: planner.KeepChangeRequest},
		{ID: 125, Address: at, CreatedAt: opened, Proposal: "a", Conflicts: 1, Action: planner.UpdateChangeRequest},
		{ID: 126, Address: at, CreatedAt: now.Add(-72 * time.Hour), Conflicts: 2, Flags: []string{"x"}},
		{ID: 127, Address: at, CreatedAt: now.Add(-30 * time.Second), Proposal: "a", Action: planner.CloseChangeRequest},
	}}
	want := []string{
		"Production (config Main, product Shop): requires approval: apply opens a change request proposing the values of newCheckout, banner",
		"Production (config Main, product Shop): waiting for approval in change request 123, opened 2 hours ago by Ann (ann@acme.com)",
		"Production (config Main, product Shop): change request 124 (opened 2 hours ago) is approved and waits to be applied: apply it in the dashboard, or run apply --apply-approved",
		"Production (config Main, product Shop): change request 125 (opened 2 hours ago) has 1 conflict: a value changed after it was proposed; apply proposes the values again against the current ones (ConfigCat asks for a new approval)",
		"Production (config Main, product Shop): change request 126 (opened 3 days ago) has 2 conflicts: a value changed after it was proposed; resolve it in the ConfigCat dashboard",
		"Production (config Main, product Shop): apply closes change request 127 (opened just now): the files no longer need it",
	}
	got := ChangeRequestLines(p, now)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var text bytes.Buffer
	if err := Text(&text, p, Options{Now: now}); err != nil || !strings.Contains(text.String(), "Change requests:\n  "+want[0]+"\n  "+want[1]) {
		t.Errorf("text plan lacks the section: %v\n%s", err, text.String())
	}
	var md bytes.Buffer
	if err := MarkdownWith(&md, p, MarkdownOptions{Now: now}); err != nil || !strings.Contains(md.String(), "**Change requests**") {
		t.Errorf("Markdown plan lacks the section: %v\n%s", err, md.String())
	}
}
