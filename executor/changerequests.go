package executor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Value writes into environments that require approval, proposed in change requests: the planner decided what
// happens to each (planner.AttachChangeRequests); the executor makes the calls and records the ids.

// ConfigCat's limits on a change request's texts.
const (
	maxTitleLength  = 255
	maxReasonLength = 1000
)

// proposal is one values change's proposed values, ready to send.
type proposal struct {
	configID, envID string
	formulas        []configcat.ProposedFormula
	// stale are the setting ids the change request proposes values of that the change no longer writes.
	stale []int32
}

// proposeValues carries out what the plan decided for the change request of a values change: open it, update its
// proposed values, apply it when approved, or leave it.
func (e *Executor) proposeValues(ctx context.Context, c planner.Change, pr proposal) error {
	cr := e.changeRequestAt(c.Address)
	if cr == nil {
		return fmt.Errorf("the plan has no change request for %s", c.Address)
	}
	switch cr.Action {
	case planner.OpenChangeRequest:
		req := configcat.NewCreateChangeRequestRequest(e.changeRequestTitle(), e.changeRequestReason(cr.Proposal), pr.formulas)
		req.ApplyAt = e.applyAt
		out, err := e.client.CreateChangeRequest(ctx, pr.configID, pr.envID, req)
		if err != nil {
			return err
		}
		return e.locked(func() error { cr.ID = out.ChangeRequestID; return nil })
	case planner.UpdateChangeRequest:
		return e.updateProposal(ctx, cr, pr)
	case planner.ApplyChangeRequest:
		_, err := e.client.ApplyChangeRequest(ctx, cr.ID)
		return err
	}
	return nil // kept: it proposes what the files want and waits for approval
}

// updateProposal proposes the change's values again in flagsync's change request, rebased onto the current
// values, drops the flags the change no longer writes and renews the marker.
func (e *Executor) updateProposal(ctx context.Context, cr *planner.ChangeRequest, pr proposal) error {
	if _, err := e.client.UpdateProposedChanges(ctx, cr.ID, pr.formulas); err != nil {
		return err
	}
	for _, id := range pr.stale {
		if err := ignoreGone(e.client.DeleteProposedChange(ctx, cr.ID, id)); err != nil {
			return err
		}
	}
	reason := e.changeRequestReason(cr.Proposal)
	_, err := e.client.UpdateChangeRequest(ctx, cr.ID, configcat.UpdateChangeRequestRequest{Title: e.changeRequestTitle(),
		Reason: &reason, ApplyAt: e.applyAt})
	return err
}

// proposalOf builds the proposed values of a values change from its v2 formulas (in the order of c.Values); the
// caller holds e.mu. Each carries the version of the flag's current value, so that an update rebases it (and so
// resolves a conflict).
func (e *Executor) proposalOf(c planner.Change, cfg *configcat.RemoteConfig, items []configcat.UpdateEvaluationFormulaWithID) proposal {
	pr := proposal{configID: cfg.ID, formulas: make([]configcat.ProposedFormula, len(items))}
	for i, it := range items {
		id := it.SettingID
		pr.formulas[i] = configcat.ProposedFormula{SettingID: &id, EvaluationFormula: it.UpdateEvaluationFormula}
		if f := cfg.Flag(c.Values[i].Key); f != nil {
			if v := f.LastVersion(c.Address.Environment); v != "" {
				pr.formulas[i].LatestVersionID = &v
			}
		}
	}
	if cr := e.changeRequestAt(c.Address); cr != nil && cr.Action == planner.UpdateChangeRequest {
		for _, key := range droppedFlags(c, cr) {
			if f := cfg.Flag(key); f != nil {
				pr.stale = append(pr.stale, f.ID)
			}
		}
	}
	return pr
}

// CloseChangeRequests closes the change requests of flagsync that the plan no longer needs. Apply calls it after
// the plan's changes.
func (e *Executor) CloseChangeRequests(ctx context.Context) error {
	for i := range e.changeRequests {
		cr := &e.changeRequests[i]
		if cr.Action != planner.CloseChangeRequest {
			continue
		}
		if _, err := e.client.CloseChangeRequest(ctx, cr.ID); err != nil && !configcat.IsNotFound(err) {
			return fmt.Errorf("closing change request %d of %s: %w", cr.ID, cr.Address, err)
		}
	}
	return nil
}

// ChangeRequests returns the plan's change requests with the ids of those opened in this run.
func (e *Executor) ChangeRequests() []planner.ChangeRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]planner.ChangeRequest, len(e.changeRequests))
	copy(out, e.changeRequests)
	return out
}

// changeRequestCalls are the calls proposeValues makes for a values change.
func (e *Executor) changeRequestCalls(c planner.Change) []string {
	cr := e.changeRequestAt(c.Address)
	if cr == nil {
		return nil
	}
	switch cr.Action {
	case planner.OpenChangeRequest:
		return []string{configcat.CallCreateChangeRequest}
	case planner.UpdateChangeRequest:
		calls := []string{configcat.CallUpdateProposedChanges}
		for range droppedFlags(c, cr) {
			calls = append(calls, configcat.CallDeleteProposedChange)
		}
		return append(calls, configcat.CallUpdateChangeRequest)
	case planner.ApplyChangeRequest:
		return []string{configcat.CallApplyChangeRequest}
	}
	return nil
}

// CloseCalls lists the calls CloseChangeRequests makes.
func (e *Executor) CloseCalls() []string {
	var out []string
	for _, cr := range e.changeRequests {
		if cr.Action == planner.CloseChangeRequest {
			out = append(out, configcat.CallCloseChangeRequest)
		}
	}
	return out
}

// droppedFlags are the keys of the flags the change request proposes values of that the change no longer writes.
func droppedFlags(c planner.Change, cr *planner.ChangeRequest) []string {
	var out []string
	for _, key := range cr.Flags {
		if !slices.ContainsFunc(c.Values, func(v planner.FlagValue) bool { return spec.Same(v.Key, key) }) {
			out = append(out, key)
		}
	}
	return out
}

// changeRequestAt is the plan's change request of flagsync for the config and environment of a, or nil.
func (e *Executor) changeRequestAt(a planner.Address) *planner.ChangeRequest {
	k := planner.Address{Product: a.Product, Config: a.Config, Environment: a.Environment}.Key()
	for i := range e.changeRequests {
		if cr := &e.changeRequests[i]; cr.Proposal != "" && cr.Address.Key() == k {
			return cr
		}
	}
	return nil
}

func (e *Executor) changeRequestTitle() string {
	t := strings.TrimSpace(e.title)
	if t == "" {
		t = "flagsync apply"
	}
	return truncate(t, maxTitleLength)
}

// changeRequestReason is the audit-log reason with flagsync's marker of the proposal, within ConfigCat's limit.
func (e *Executor) changeRequestReason(proposal string) string {
	marker := planner.ProposalMarker("", proposal)
	room := maxReasonLength - utf8.RuneCountInString(marker) - 2
	return planner.ProposalMarker(truncate(e.reason, room), proposal)
}

// truncate cuts s to at most n characters, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ReadChangeRequests reads the open change requests of the (v2) configs of current's products in each
// environment whose product requires approval, one list call per config and such environment (more only past
// 100 open change requests). Products that require no approval cost nothing.
func ReadChangeRequests(ctx context.Context, client *configcat.Client, current *spec.State, remote *configcat.Remote) ([]planner.ChangeRequest, error) {
	var out []planner.ChangeRequest
	for _, p := range current.Products {
		rp := remote.Product(p.Name)
		if rp == nil || p.Preferences == nil {
			continue
		}
		for _, env := range p.Environments {
			envID, ok := rp.EnvironmentID(env.Name)
			if !ok || !p.Preferences.RequiresApproval(env.Name) {
				continue
			}
			for _, cfg := range p.Configs {
				rc := rp.Config(cfg.Name)
				if rc == nil || rc.EvaluationVersion == spec.EvaluationV1 {
					continue
				}
				list, err := client.ChangeRequests(ctx, rp.ID, rc.ID, envID, configcat.ChangeRequestOpen)
				if err != nil {
					return nil, err
				}
				at := planner.Address{Product: p.Name, Config: cfg.Name, Environment: env.Name}
				for _, s := range list {
					out = append(out, changeRequestFromWire(at, s))
				}
			}
		}
	}
	return out, nil
}

// changeRequestFromWire is a listed change request at a, flagsync's when its reason carries the marker.
func changeRequestFromWire(at planner.Address, s configcat.ChangeRequestSummary) planner.ChangeRequest {
	cr := planner.ChangeRequest{ID: s.ChangeRequestID, Address: at, Title: s.Title, Approved: s.Approved,
		Conflicts: int(s.ConflictCount), Flags: s.AffectedSettingKeys, CreatedAt: parseTime(s.CreatedAt)}
	if s.CreatorUserFullName != "" || s.CreatorUserEmail != "" {
		cr.Creator = fmt.Sprintf("%s (%s)", s.CreatorUserFullName, s.CreatorUserEmail)
	}
	if s.Reason != nil {
		cr.Proposal = planner.ProposalFromReason(*s.Reason)
	}
	return cr
}
