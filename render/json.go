package render

import (
	"encoding/json"
	"io"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
)

// JSON writes a plan as indented JSON in the schema of planner.Plan (documented in docs/plan-json.md), with the
// applier's estimate b of its cost when b is not nil; reading it back with encoding/json gives the same plan
// (the budget is for readers: apply estimates again against the account it applies to).
func JSON(w io.Writer, p *planner.Plan, b *applier.Budget) error {
	type plainPlan planner.Plan // the plan's fields without its MarshalJSON, to place the budget among them
	return writeJSON(w, struct {
		plainPlan
		Budget     *applier.Budget `json:"budget,omitempty"`
		Applicable bool            `json:"applicable"`
	}{plainPlan(*p), b, p.Applicable()})
}

// resultJSON is the JSON form of an apply result.
type resultJSON struct {
	Version int              `json:"version"`
	Applied []planner.Change `json:"applied"`
	Failed  []planner.Change `json:"failed"`
	Pending []planner.Change `json:"pending"`
	Error   string           `json:"error,omitempty"`
}

// ResultJSON writes an apply result as indented JSON: {"version", "applied", "failed", "pending", "error"}, the
// changes in the plan's schema.
func ResultJSON(w io.Writer, r *applier.Result) error {
	out := resultJSON{Version: planner.SchemaVersion, Applied: nonNil(r.Applied), Failed: nonNil(r.Failed), Pending: nonNil(r.Pending)}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	return writeJSON(w, out)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func nonNil(cs []planner.Change) []planner.Change {
	if cs == nil {
		return []planner.Change{}
	}
	return cs
}
