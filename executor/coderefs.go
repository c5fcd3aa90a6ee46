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
		f := remoteFlag(remote, a)
		if f == nil {
			continue
		}
		reports, err := client.CodeReferences(ctx, f.ID)
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

// remoteFlag is the account's flag at a, or nil when the account does not have it.
func remoteFlag(remote *configcat.Remote, a planner.Address) *configcat.RemoteFlag {
	rp := remote.Product(a.Product)
	if rp == nil {
		return nil
	}
	rc := rp.Config(a.Config)
	if rc == nil {
		return nil
	}
	return rc.Flag(a.Flag)
}
