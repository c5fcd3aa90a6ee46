package planner

import (
	"strings"
	"testing"
	"time"

	"github.com/flagsync/flagsync/spec"
)

func TestProposalMarkerRoundTrips(t *testing.T) {
	for _, reason := range []string{"", "Enable the checkout (acme/web@0123)", "two\nlines"} {
		if got := ProposalFromReason(ProposalMarker(reason, "0a1b2c")); got != "0a1b2c" {
			t.Errorf("ProposalFromReason(ProposalMarker(%q)) = %q", reason, got)
		}
	}
	for _, reason := range []string{"", "a reason", "flagsync proposal ", "flagsync proposal two words", "flagsync proposal x\nmore"} {
		if got := ProposalFromReason(reason); got != "" {
			t.Errorf("ProposalFromReason(%q) = %q, want none: flagsync did not open it", reason, got)
		}
	}
}

// approvalPlan is a plan writing newCheckout and banner into Production, which requires approval, and Staging,
// which does not.
func approvalPlan(t *testing.T) (*Plan, *spec.State) {
	t.Helper()
	const base = `
products:
  - name: Shop
    environments: [{name: Staging}, {name: Production}]
    preferences: {approveRequiredEnvironments: [Production]}
    configs:
      - name: Main
        flags:
          - {key: newCheckout, type: boolean, value: false}
          - {key: banner, type: string, value: hello}
`
	cur := loaded(t, base)
	desired := loaded(t, strings.Replace(strings.Replace(base, "value: false}", "value: false, environments: {Staging: true, Production: true}}", 1),
		"value: hello}", "value: hello, environments: {Production: sale}}", 1))
	p, err := Build(cur, desired, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p, cur
}

func TestAttachChangeRequests(t *testing.T) {
	prod := Address{Product: "Shop", Config: "Main", Environment: "Production"}
	p, cur := approvalPlan(t)
	AttachChangeRequests(p, cur, ChangeRequestInputs{})
	var values *Change
	for i := range p.Changes {
		c := &p.Changes[i]
		if c.Kind == KindValues && c.ChangeRequest != (c.Address.Environment == "Production") {
			t.Errorf("%s: changeRequest = %v", c.Address, c.ChangeRequest)
		}
		if c.Kind == KindValues && c.ChangeRequest {
			values = c
		}
	}
	cr := p.ChangeRequestAt(prod)
	if values == nil || cr == nil || cr.Action != OpenChangeRequest || cr.Proposal != ProposalOf(values) || len(p.ChangeRequests) != 1 {
		t.Fatalf("change requests: %+v", p.ChangeRequests)
	}
	proposal := cr.Proposal

	schedule := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if scheduled(proposal, &schedule) == proposal || scheduled(proposal, nil) != proposal {
		t.Fatal("the schedule is not part of the proposal")
	}
	foreign := ChangeRequest{ID: 7, Address: prod, Flags: []string{"banner"}}
	mine := ChangeRequest{ID: 9, Address: prod, Proposal: proposal, Flags: []string{"banner", "newCheckout"}}
	tests := []struct {
		name string
		mine ChangeRequest
		in   ChangeRequestInputs
		want ChangeRequestAction
	}{
		{"proposes what the files want", mine, ChangeRequestInputs{}, KeepChangeRequest},
		{"approved, not applied without the option", withApproval(mine), ChangeRequestInputs{}, KeepChangeRequest},
		{"approved and --apply-approved", withApproval(mine), ChangeRequestInputs{ApplyApproved: true}, ApplyChangeRequest},
		{"the files changed", withProposal(mine, "other"), ChangeRequestInputs{}, UpdateChangeRequest},
		{"a conflict", withConflict(mine), ChangeRequestInputs{ApplyApproved: true}, UpdateChangeRequest},
		{"a new schedule", mine, ChangeRequestInputs{ApplyAt: &schedule}, UpdateChangeRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, cur := approvalPlan(t)
			tt.in.Open = []ChangeRequest{foreign, tt.mine}
			AttachChangeRequests(p, cur, tt.in)
			if got := p.ChangeRequestAt(prod); got == nil || got.ID != 9 || got.Action != tt.want || got.Proposal != scheduled(proposal, tt.in.ApplyAt) {
				t.Fatalf("flagsync's change request: %+v, want %s", got, tt.want)
			}
			if len(p.ChangeRequests) != 2 || p.ChangeRequests[0].Action != "" {
				t.Errorf("someone else's change request is acted on: %+v", p.ChangeRequests)
			}
			waiting := tt.want == KeepChangeRequest || tt.want == ApplyChangeRequest
			for i := range p.Changes {
				if c := &p.Changes[i]; c.ChangeRequest && p.Waiting(c) != waiting {
					t.Errorf("Waiting = %v, want %v", p.Waiting(c), waiting)
				}
			}
		})
	}

	// the files no longer need it: closed, and the plan is not empty for it
	empty, err := Build(cur, cur, Options{})
	if err != nil {
		t.Fatal(err)
	}
	AttachChangeRequests(empty, cur, ChangeRequestInputs{Open: []ChangeRequest{foreign, mine}})
	if cr := empty.ChangeRequestAt(prod); cr == nil || cr.Action != CloseChangeRequest || empty.IsEmpty() {
		t.Fatalf("unneeded change request: %+v", empty.ChangeRequests)
	}
	// with the bypass, values are written directly and flagsync's change request is closed
	p, cur = approvalPlan(t)
	AttachChangeRequests(p, cur, ChangeRequestInputs{Open: []ChangeRequest{mine}, BypassApproval: true})
	if cr := p.ChangeRequestAt(prod); cr == nil || cr.Action != CloseChangeRequest {
		t.Fatalf("with the bypass: %+v", p.ChangeRequests)
	}
	for _, c := range p.Changes {
		if c.ChangeRequest {
			t.Errorf("%s goes through a change request despite the bypass", c.Address)
		}
	}
}

func withApproval(cr ChangeRequest) ChangeRequest           { cr.Approved = true; return cr }
func withConflict(cr ChangeRequest) ChangeRequest           { cr.Approved, cr.Conflicts = true, 1; return cr }
func withProposal(cr ChangeRequest, p string) ChangeRequest { cr.Proposal = p; return cr }

func TestAttachCodeReferences(t *testing.T) {
	flag := Address{Product: "Shop", Config: "Main", Flag: "old"}
	p := &Plan{Changes: []Change{{Op: Delete, Kind: KindFlag, Address: flag},
		{Op: Delete, Kind: KindFlag, Address: Address{Product: "Shop", Config: "Main", Flag: "renamed"}, Reason: ReasonRenamed}}}
	if got := DeletedFlags(p); len(got) != 1 || got[0] != flag {
		t.Fatalf("DeletedFlags = %v, want only the flag deleted for good", got)
	}
	AttachCodeReferences(p, []CodeReference{{Flag: flag, Repository: "acme/web", Branch: "main", File: "a.ts", Line: 3},
		{Flag: flag, Repository: "acme/app", File: "b.go", Line: 40}})
	want := "flag Shop/Main/old would be deleted, but code still refers to it: acme/web@main a.ts:3, acme/app b.go:40"
	if len(p.Unsafe) != 1 || p.Unsafe[0].String() != want || p.Applicable() {
		t.Fatalf("unsafe = %v, want %q and a refused plan", p.Unsafe, want)
	}
	p.Forced = true
	if !p.Applicable() {
		t.Error("a forced plan is refused")
	}
}
