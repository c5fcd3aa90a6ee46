package render

import (
	"encoding/json"
	"io"

	"github.com/flagsync/flagsync/planner"
)

// JSON writes a plan as indented JSON in the schema of planner.Plan (documented in docs/plan-json.md); reading
// it back with encoding/json gives the same plan.
func JSON(w io.Writer, p *planner.Plan) error { return writeJSON(w, p) }

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
func ResultJSON(w io.Writer, r *planner.Result) error {
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
