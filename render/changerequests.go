package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/flagsync/flagsync/planner"
)

// ChangeRequestLines describes the plan's change requests, one line each, as of now: where, which one, its state
// and what apply does with it. "Production (config Main, product Shop): waiting for approval in change request
// 123, opened 2 hours ago by Ann (ann@acme.com)". A zero now means time.Now().
func ChangeRequestLines(p *planner.Plan, now time.Time) []string {
	if now.IsZero() {
		now = time.Now()
	}
	var out []string
	for _, cr := range p.ChangeRequests {
		out = append(out, changeRequestPlace(cr.Address)+": "+changeRequestState(cr, now))
	}
	return out
}

func changeRequestPlace(a planner.Address) string {
	return fmt.Sprintf("%s (config %s, product %s)", a.Environment, a.Config, a.Product)
}

// changeRequestState says what the change request waits for and what apply does with it.
func changeRequestState(cr planner.ChangeRequest, now time.Time) string {
	flags := "the values of " + flagList(cr.Flags)
	switch cr.Action {
	case planner.OpenChangeRequest:
		return "requires approval: apply opens a change request proposing " + flags
	case planner.CloseChangeRequest:
		return fmt.Sprintf("apply closes change request %d (%s): the files no longer need it", cr.ID, opened(cr, now))
	case planner.ApplyChangeRequest:
		return fmt.Sprintf("change request %d is approved: apply applies it (--apply-approved)", cr.ID)
	}
	if cr.Conflicts > 0 {
		fix := "resolve it in the ConfigCat dashboard"
		if cr.Action == planner.UpdateChangeRequest {
			fix = "apply proposes the values again against the current ones (ConfigCat asks for a new approval)"
		}
		return fmt.Sprintf("change request %d (%s) has %s: a value changed after it was proposed; %s",
			cr.ID, opened(cr, now), plural(cr.Conflicts, "conflict"), fix)
	}
	if cr.Action == planner.UpdateChangeRequest {
		return fmt.Sprintf("the files changed: apply updates change request %d (%s) to propose %s (ConfigCat asks for a new approval)",
			cr.ID, opened(cr, now), flags)
	}
	text := fmt.Sprintf("waiting for approval in change request %d, %s", cr.ID, opened(cr, now))
	if cr.Approved {
		text = fmt.Sprintf("change request %d (%s) is approved and waits to be applied: apply it in the dashboard, or run apply --apply-approved",
			cr.ID, opened(cr, now))
	}
	if cr.Proposal == "" {
		text += ", touching " + flagList(cr.Flags) + " (not opened by flagsync)"
	}
	return text
}

// opened is "opened 2 hours ago by Ann (ann@acme.com)".
func opened(cr planner.ChangeRequest, now time.Time) string {
	s := "opened " + ago(now.Sub(cr.CreatedAt))
	if cr.Creator != "" {
		s += " by " + cr.Creator
	}
	return s
}

// ago says how long ago, roughly: "just now", "5 minutes ago", "2 hours ago", "3 days ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	}
	return plural(int(d/(24*time.Hour)), "day") + " ago"
}

func flagList(keys []string) string {
	if len(keys) == 0 {
		return "no flag"
	}
	return strings.Join(keys, ", ")
}

// plural is n and the noun, plural unless n is 1: "1 day", "3 days".
func plural(n int, noun string) string {
	return numbered(n, noun, noun+"s")
}
