package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/flagsync/flagsync/spec"
)

// ChangeRequest is an open ConfigCat change request in a config and environment the plan manages, and what
// apply does with it. Value writes into an environment that requires approval (unless --bypass-approval) are
// proposed in one change request per config and environment, which flagsync finds again by the marker it
// leaves in the change request's reason.
type ChangeRequest struct {
	// ID is ConfigCat's id of the change request; 0 for one apply opens.
	ID int64 `json:"id,omitempty"`
	// Address names the product, config and environment.
	Address   Address   `json:"address"`
	Title     string    `json:"title,omitempty"`
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// Creator is who opened it: "Ann (ann@acme.com)".
	Creator  string `json:"creator,omitempty"`
	Approved bool   `json:"approved,omitempty"`
	// Conflicts counts the proposed values whose flag's value changed after they were proposed.
	Conflicts int `json:"conflicts,omitempty"`
	// Flags are the keys of the flags it proposes values of.
	Flags []string `json:"flags,omitempty"`
	// Proposal fingerprints the values flagsync proposes in it (ProposalOf); empty for change requests
	// flagsync did not open, which it shows and leaves alone.
	Proposal string `json:"proposal,omitempty"`
	// Action is what apply does with it; empty for those it leaves alone.
	Action ChangeRequestAction `json:"action,omitempty"`
}

// ChangeRequestAction is what apply does with a change request.
type ChangeRequestAction string

// What apply does with a change request.
const (
	// OpenChangeRequest opens one proposing the values of a KindValues change.
	OpenChangeRequest ChangeRequestAction = "open"
	// UpdateChangeRequest replaces the proposed values of flagsync's change request: the files changed since it
	// was opened, or a flag's value changed under it (a conflict), so its values are proposed again against the
	// current ones. ConfigCat dismisses its approvals.
	UpdateChangeRequest ChangeRequestAction = "update"
	// KeepChangeRequest leaves flagsync's change request as it is: it proposes what the files want and waits
	// for approval.
	KeepChangeRequest ChangeRequestAction = "keep"
	// ApplyChangeRequest applies flagsync's approved change request (apply --apply-approved).
	ApplyChangeRequest ChangeRequestAction = "apply"
	// CloseChangeRequest closes flagsync's change request that the files no longer need.
	CloseChangeRequest ChangeRequestAction = "close"
)

// proposalPrefix starts the line of a change request's reason that marks it as flagsync's.
const proposalPrefix = "flagsync proposal "

// ProposalMarker returns reason with flagsync's marker of proposal as its last line.
func ProposalMarker(reason, proposal string) string {
	marker := proposalPrefix + proposal
	if strings.TrimSpace(reason) == "" {
		return marker
	}
	return reason + "\n\n" + marker
}

// ProposalFromReason returns the proposal the marker in a change request's reason names, or "" when flagsync
// did not open it.
func ProposalFromReason(reason string) string {
	lines := strings.Split(strings.TrimRight(reason, "\n"), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if p, ok := strings.CutPrefix(last, proposalPrefix); ok && p != "" && !strings.ContainsAny(p, " \t") {
		return p
	}
	return ""
}

// ProposalOf fingerprints the values a KindValues change writes: two changes that propose the same values of
// the same flags have the same proposal.
func ProposalOf(c *Change) string {
	type item struct {
		Key   string         `json:"key"`
		Value *spec.EnvValue `json:"value"`
	}
	items := make([]item, len(c.Values))
	for i, v := range c.Values {
		items[i] = item{spec.Key(v.Key), v.After}
	}
	slices.SortFunc(items, func(a, b item) int { return strings.Compare(a.Key, b.Key) })
	b, err := json.Marshal(items)
	if err != nil { // values of the model always marshal
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// ChangeRequestInputs are what AttachChangeRequests needs beyond the plan.
type ChangeRequestInputs struct {
	// Open are the open change requests of the approval-requiring environments of the managed configs, as read.
	Open []ChangeRequest
	// BypassApproval writes values directly instead (apply --bypass-approval): no change request is opened.
	BypassApproval bool
	// ApplyApproved applies flagsync's change requests that are approved and still propose what the files want.
	ApplyApproved bool
	// ApplyAt schedules the change requests apply opens or updates; it is part of their proposal, so that a
	// new time updates them.
	ApplyAt *time.Time
}

// AttachChangeRequests decides, for a plan built against current, which value writes go through change requests
// (v2 configs in environments that require approval, unless bypassed; v1 ones are problems, see CheckWrites)
// and what apply does with each open change request, and lists them in p.ChangeRequests.
func AttachChangeRequests(p *Plan, current *spec.State, in ChangeRequestInputs) {
	open := slices.Clone(in.Open)
	if !in.BypassApproval {
		configVersion := configVersions(p, current)
		for _, c := range approvalWrites(p, current) {
			if configVersion(c.Address) == spec.EvaluationV1 {
				continue
			}
			c.ChangeRequest = true
			proposal := scheduled(ProposalOf(c), in.ApplyAt)
			i := slices.IndexFunc(open, func(cr ChangeRequest) bool {
				return cr.Proposal != "" && cr.Action == "" && cr.Address.Key() == c.Address.Key()
			})
			if i < 0 {
				open = append(open, ChangeRequest{Address: c.Address, Flags: changedKeys(c), Proposal: proposal,
					Action: OpenChangeRequest})
				continue
			}
			cr := &open[i]
			switch {
			case cr.Proposal != proposal || cr.Conflicts > 0:
				cr.Proposal, cr.Action = proposal, UpdateChangeRequest
			case cr.Approved && in.ApplyApproved:
				cr.Action = ApplyChangeRequest
			default:
				cr.Action = KeepChangeRequest
			}
		}
	}
	for i := range open {
		if open[i].Proposal != "" && open[i].Action == "" {
			open[i].Action = CloseChangeRequest
		}
	}
	p.ChangeRequests = open
}

// scheduled folds a schedule into a proposal's fingerprint.
func scheduled(proposal string, at *time.Time) string {
	if at == nil {
		return proposal
	}
	sum := sha256.Sum256([]byte(proposal + " at " + at.UTC().Format(time.RFC3339)))
	return hex.EncodeToString(sum[:8])
}

func changedKeys(c *Change) []string {
	keys := make([]string, len(c.Values))
	for i, v := range c.Values {
		keys[i] = v.Key
	}
	return keys
}

// ChangeRequestAt returns flagsync's change request of p for the config and environment of a, or nil.
func (p *Plan) ChangeRequestAt(a Address) *ChangeRequest {
	k := Address{Product: a.Product, Config: a.Config, Environment: a.Environment}.Key()
	for i := range p.ChangeRequests {
		cr := &p.ChangeRequests[i]
		if cr.Proposal != "" && cr.Address.Key() == k {
			return cr
		}
	}
	return nil
}

// Waiting reports whether a KindValues change is already proposed, as the files want it, in an open change
// request: drift does not report it, since it waits for approval.
func (p *Plan) Waiting(c *Change) bool {
	if c.Kind != KindValues || !c.ChangeRequest {
		return false
	}
	cr := p.ChangeRequestAt(c.Address)
	return cr != nil && (cr.Action == KeepChangeRequest || cr.Action == ApplyChangeRequest)
}

// ClosesChangeRequests reports whether apply closes a change request of flagsync that the files no longer need.
func (p *Plan) ClosesChangeRequests() bool {
	return slices.ContainsFunc(p.ChangeRequests, func(cr ChangeRequest) bool { return cr.Action == CloseChangeRequest })
}
