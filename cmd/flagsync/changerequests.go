package main

import (
	"context"
	"fmt"
	"github.com/flagsync/flagsync/applier"
	"strings"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// attachChangeRequests reads the open change requests of the environments that require approval and decides
// what apply does with them (planner.AttachChangeRequests).
func attachChangeRequests(ctx context.Context, client *configcat.Client, p *planner.Plan, current *spec.State,
	remote *configcat.Remote, req planRequest) error {
	open, err := executor.ReadChangeRequests(ctx, client, current, remote)
	if err != nil {
		return fmt.Errorf("reading the open change requests: %w", err)
	}
	planner.AttachChangeRequests(p, current, planner.ChangeRequestInputs{Open: open,
		BypassApproval: req.bypassApproval, ApplyApproved: req.applyApproved, ApplyAt: req.applyAt})
	return nil
}

// defaultTitle is the title of the change requests apply opens: the reason's commit and pull request, without
// the run's address.
func defaultTitle(e *env) string {
	t, _, _ := strings.Cut(defaultReason(e), ", run ")
	return t
}

// changeRequestOutcomes says what apply did with each change request, and where to approve the ones waiting.
func changeRequestOutcomes(crs []planner.ChangeRequest) []string {
	var out []string
	for _, cr := range crs {
		at := fmt.Sprintf("%s (config %s, product %s)", cr.Address.Environment, cr.Address.Config, cr.Address.Product)
		switch cr.Action {
		case planner.OpenChangeRequest:
			out = append(out, fmt.Sprintf("%s: opened change request %d proposing the values of %s; approve it in the ConfigCat dashboard (product %s, Change requests), then apply it there or run apply --apply-approved",
				at, cr.ID, strings.Join(cr.Flags, ", "), cr.Address.Product))
		case planner.UpdateChangeRequest:
			out = append(out, fmt.Sprintf("%s: updated change request %d; it needs a new approval", at, cr.ID))
		case planner.KeepChangeRequest:
			out = append(out, fmt.Sprintf("%s: change request %d is unchanged, waiting for approval", at, cr.ID))
		case planner.ApplyChangeRequest:
			out = append(out, fmt.Sprintf("%s: applied approved change request %d", at, cr.ID))
		case planner.CloseChangeRequest:
			out = append(out, fmt.Sprintf("%s: closed change request %d, which the files no longer need", at, cr.ID))
		}
	}
	return out
}

// countCloses adds to the plan's budget the change request closes apply makes after the plan's changes. They
// leave its least duration as it is: one call per config and environment is far below the rate limits.
func countCloses(b *applier.Budget, exec *executor.Executor) {
	if b == nil {
		return
	}
	for _, call := range exec.CloseCalls() {
		if b.Calls == nil {
			b.Calls = map[string]int{}
		}
		b.Calls[call]++
	}
}
