package executor

import (
	"context"
	"fmt"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// ReadCodeReferences reads ConfigCat's code references of the flags p deletes for good (planner.DeletedFlags):
// one call per such flag, none when the plan deletes no flag.
func ReadCodeReferences(ctx context.Context, client *configcat.Client, p *planner.Plan, remote *configcat.Remote) ([]planner.CodeReference, error) {
	var out []planner.CodeReference
	for _, a := range planner.DeletedFlags(p) {
		rp := remote.Product(a.Product)
		if rp == nil || rp.Config(a.Config) == nil || rp.Config(a.Config).Flag(a.Flag) == nil {
			continue
		}
		reports, err := client.CodeReferences(ctx, rp.Config(a.Config).Flag(a.Flag).ID)
		if err != nil {
			return nil, fmt.Errorf("reading the code references of flag %s: %w", a, err)
		}
		for _, rep := range reports {
			for _, l := range rep.References {
				ref := planner.CodeReference{Flag: a, Repository: deref(rep.Repository), Branch: deref(rep.Branch), File: l.File}
				if l.ReferenceLine != nil { // required by the schema; a missing one leaves the line unknown
					ref.Line = int(l.ReferenceLine.LineNumber)
				}
				out = append(out, ref)
			}
		}
	}
	return out, nil
}
