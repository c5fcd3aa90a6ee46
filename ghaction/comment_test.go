package ghaction

import (
	"context"
	"testing"

	"github.com/flagsync/flagsync/ghaction/ghtest"
)

func TestPlanMarker(t *testing.T) {
	for in, want := range map[string]string{
		"flags":             "<!-- flagsync:plan path=flags -->",
		"./flags/":          "<!-- flagsync:plan path=flags -->",
		"config/prod-flags": "<!-- flagsync:plan path=config/prod-flags -->",
		"a-->b c":           "<!-- flagsync:plan path=a%2D%2D%3Eb%20c -->",
		`win\flags`:         "<!-- flagsync:plan path=win/flags -->",
	} {
		if got := PlanMarker(in); got != want {
			t.Errorf("PlanMarker(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUpsertCommentKeepsOneCommentPerMarker(t *testing.T) {
	ctx := context.Background()
	gh := ghtest.New(testToken)
	defer gh.Close()
	gh.PerPage = 3
	for range 4 {
		gh.AddComment("acme/flags", 42, "LGTM")
	}
	// A reply quoting the marker somewhere else must not be taken for the plan comment.
	gh.AddComment("acme/flags", 42, "> see\n"+PlanMarker("flags"))
	c := newClient(t, gh.URL, testToken)

	if out, _, err := c.UpsertComment(ctx, "acme/flags", 42, PlanMarker("flags"), "no changes", false); err != nil || out != CommentSkipped {
		t.Fatalf("empty plan without a comment: %v, %v; want skipped", out, err)
	}
	out, first, err := c.UpsertComment(ctx, "acme/flags", 42, PlanMarker("flags"), "plan 1", true)
	if err != nil || out != CommentCreated {
		t.Fatalf("first run: %v, %v; want created", out, err)
	}
	out, second, err := c.UpsertComment(ctx, "acme/flags", 42, PlanMarker("flags"), "plan 2", true)
	if err != nil || out != CommentUpdated || second.ID != first.ID {
		t.Fatalf("second run: %v, %+v, %v; want the same comment updated", out, second, err)
	}
	if out, _, err := c.UpsertComment(ctx, "acme/flags", 42, PlanMarker("flags"), "plan 2", true); err != nil || out != CommentUnchanged {
		t.Fatalf("third run with the same body: %v, %v; want unchanged", out, err)
	}
	if out, _, err := c.UpsertComment(ctx, "acme/flags", 42, PlanMarker("other"), "plan of other", true); err != nil || out != CommentCreated {
		t.Fatalf("other path: %v, %v; want its own comment", out, err)
	}
	if n := gh.Count("POST"); n != 2 {
		t.Errorf("%d POSTs, want 2 (one per path)", n)
	}
	if n := gh.Count("PATCH"); n != 1 {
		t.Errorf("%d PATCHes, want 1", n)
	}
	var plans []string
	for _, cm := range gh.Comments("acme/flags", 42) {
		if cm.ID == first.ID {
			plans = append(plans, cm.Body)
		}
	}
	if len(plans) != 1 || plans[0] != PlanMarker("flags")+"\nplan 2" {
		t.Errorf("plan comment = %q", plans)
	}
}

func TestUpsertCommentEditsTheOldestOfTwo(t *testing.T) {
	gh := ghtest.New(testToken)
	defer gh.Close()
	m := PlanMarker("flags")
	older := gh.AddComment("acme/flags", 1, m+"\nold")
	newer := gh.AddComment("acme/flags", 1, m+"\nraced")
	c := newClient(t, gh.URL, testToken)
	_, cm, err := c.UpsertComment(context.Background(), "acme/flags", 1, m, "new", true)
	if err != nil {
		t.Fatal(err)
	}
	if cm.ID != older {
		t.Errorf("edited %d, want the older %d (not %d)", cm.ID, older, newer)
	}
}
