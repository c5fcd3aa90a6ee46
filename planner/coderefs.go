package planner

import (
	"fmt"
	"strings"
)

// CodeReference is one place where ConfigCat's code reference scan found a flag: a line of a file in a branch
// of a repository.
type CodeReference struct {
	// Flag is the address of the flag.
	Flag       Address `json:"flag"`
	Repository string  `json:"repository"`
	Branch     string  `json:"branch,omitempty"`
	File       string  `json:"file"`
	Line       int     `json:"line"`
}

// String is "acme/web@main src/checkout.ts:12".
func (r CodeReference) String() string {
	repo := r.Repository
	if r.Branch != "" {
		repo += "@" + r.Branch
	}
	return fmt.Sprintf("%s %s:%d", repo, r.File, r.Line)
}

// DeletedFlags are the flags the plan deletes for good: not the old key of a renamed flag, nor a flag whose
// type changes (they live on). Their code references are read before a delete.
func DeletedFlags(p *Plan) []Address {
	var out []Address
	for _, c := range p.Changes {
		if c.Kind == KindFlag && c.Op == Delete && c.Reason == "" {
			out = append(out, c.Address)
		}
	}
	return out
}

// AttachCodeReferences adds to the plan's safety violations one per deleted flag that code still refers to,
// listing where. Like the other thresholds, only --force (Options.Force) applies such a plan.
func AttachCodeReferences(p *Plan, refs []CodeReference) {
	byFlag := map[AddressKey][]CodeReference{}
	var order []Address
	for _, r := range refs {
		k := r.Flag.Key()
		if byFlag[k] == nil {
			order = append(order, r.Flag)
		}
		byFlag[k] = append(byFlag[k], r)
	}
	for _, a := range order {
		p.Unsafe = append(p.Unsafe, Violation{Kind: KindFlag, Deleted: 1, Addresses: []Address{a}, References: byFlag[a.Key()]})
	}
}

// referencedString describes a violation of a flag still used in code.
func (v Violation) referencedString() string {
	where := make([]string, len(v.References))
	for i, r := range v.References {
		where[i] = r.String()
	}
	return fmt.Sprintf("flag %s would be deleted, but code still refers to it: %s", v.Addresses[0], strings.Join(where, ", "))
}
