package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
	"github.com/flagsync/flagsync/spec"
)

// planRequest is what plan, apply, drift and the Action share: where the YAML is, which account, the safety
// options, and what apply sends with its writes (so that plan's verdict is apply's).
type planRequest struct {
	path             string
	local            bool
	readOnly         bool
	force            bool
	maxDeletePercent int // negative: not given
	reason           string
	bypassApproval   bool
	// resendSecrets plans updates of the webhooks and integrations with secrets (planner.Options.ResendSecrets).
	resendSecrets bool
	population    string // a population file for the impact; empty: generated and test users only
	// applyApproved applies flagsync's approved change requests; title names the change requests apply opens.
	applyApproved bool
	title         string
	// applyAt schedules the change requests apply opens or updates; nil: applied when someone applies them.
	applyAt *time.Time
	// desired is the state at path when the caller loaded it already (the Action, which annotates its
	// problems); nil: buildPlan loads it.
	desired *spec.State
}

// planned is a plan and everything it was made from; the caller closes acct.
type planned struct {
	desired *spec.State
	current *spec.State
	remote  *configcat.Remote
	plan    *planner.Plan
	// budget is the applier's estimate of the plan's cost, for display; nil until estimated.
	budget *applier.Budget
	acct   *account
	// err is the plan's refusal (problems, or an unsafe plan without --force); plan is still set.
	err error
	// tests is the outcome of the files' tests, nil when they have none; plan.FailedTests counts its failures.
	tests *testReport
	// req is the request the plan was built (or its saved copy read) for; apply takes its options from it.
	req planRequest
}

// executor is the executor of the plan, with the options of its request.
func (pl *planned) executor(e *env) *executor.Executor {
	return executor.New(pl.acct.client, pl.remote, pl.plan, executor.Options{Reason: pl.req.reason, LookupEnv: e.lookupEnv,
		BypassApproval: pl.req.bypassApproval, Title: pl.req.title, ApplyAt: pl.req.applyAt})
}

// buildPlan loads the YAML, reads the products it declares from the account and plans, checking every write
// apply would make against what the account and the environment allow. A load error has been printed already
// when it is returned.
func buildPlan(ctx context.Context, e *env, req planRequest) (*planned, error) {
	desired := req.desired
	if desired == nil {
		var err error
		if desired, err = loadSpec(ctx, e, req.path); err != nil {
			return nil, errPrinted
		}
	}
	acct, err := openAccount(e, accountOptions{local: req.local, readOnly: req.readOnly})
	if err != nil {
		return nil, err
	}
	pl, err := planAgainst(ctx, e, acct, desired, req)
	if err != nil {
		_ = acct.close(false)
		return nil, err
	}
	return pl, nil
}

// planAgainst reads the products desired declares from acct and plans, with the account's change requests,
// code references and the plan's impact attached. The plan's refusal is in the result's err; the error
// returned is a failure to plan at all.
func planAgainst(ctx context.Context, e *env, acct *account, desired *spec.State, req planRequest) (*planned, error) {
	current, remote, err := acct.client.Fetch(ctx, configcat.FetchOptions{
		Products: declaredProducts(desired), Organization: desired.Organization,
	})
	if err != nil {
		return nil, atOrganization(err, desired)
	}
	opts := planner.Options{Force: req.force, ResendSecrets: req.resendSecrets, Writes: &planner.WriteInputs{Reason: req.reason,
		BypassApproval: req.bypassApproval, ChangeRequests: true, LookupEnv: e.lookupEnv, Limits: fetchedLimits(remote)}}
	if req.maxDeletePercent >= 0 {
		opts.MaxDeletePercent = &req.maxDeletePercent
	}
	plan, refusal := planner.Build(current, desired, opts)
	if planner.NeedsOrganizationLimits(plan, opts.Writes.Limits) {
		if opts.Writes.Limits, err = organizationLimits(ctx, acct.client, remote); err != nil {
			return nil, err
		}
		plan, refusal = planner.Build(current, desired, opts)
	}
	if err := attachChangeRequests(ctx, acct.client, plan, current, remote, req); err != nil {
		return nil, err
	}
	refs, err := executor.ReadCodeReferences(ctx, acct.client, plan, remote)
	if err != nil {
		return nil, err
	}
	if len(refs) > 0 {
		planner.AttachCodeReferences(plan, refs)
		refusal = plan.Refusal()
	}
	if err := attachImpact(plan, current, desired, req.population); err != nil {
		return nil, err
	}
	pl := &planned{desired: desired, current: current, remote: remote, plan: plan, acct: acct, err: refusal, req: req}
	if len(desired.Tests) > 0 {
		pl.tests = runSpecTests(desired)
		plan.FailedTests = pl.tests.failed()
	}
	return pl, nil
}

// atOrganization puts the position of the files' organization: line (or of the first file, when they name
// none) before an error about the organization, so that it says where to fix it.
func atOrganization(err error, desired *spec.State) error {
	var oe *configcat.OrganizationError
	if !errors.As(err, &oe) || desired.OrganizationPos.IsZero() {
		return err
	}
	return fmt.Errorf("%s: %w", desired.OrganizationPos, err)
}

// fetchedLimits are the formula limits the values GETs of Fetch reported, or none.
func fetchedLimits(remote *configcat.Remote) planner.Limits {
	if remote == nil || remote.FlagLimits == nil {
		return planner.Limits{}
	}
	return plannerLimits(*remote.FlagLimits, 0)
}

// organizationLimits reads every plan limit of the organization: one GET, made only when the plan needs a
// limit Fetch did not report (see planner.NeedsOrganizationLimits).
func organizationLimits(ctx context.Context, c *configcat.Client, remote *configcat.Remote) (planner.Limits, error) {
	l, err := c.OrganizationLimitations(ctx, remote.OrganizationID)
	if err != nil {
		return planner.Limits{}, fmt.Errorf("reading the organization's plan limits: %w", err)
	}
	return plannerLimits(l.FeatureFlagLimitations, int(l.MaxPredefinedVariations)), nil
}

func plannerLimits(f configcat.FeatureFlagLimitations, maxVariations int) planner.Limits {
	return planner.Limits{
		MaxPercentageOptionCount:          int(f.MaxPercentageOptionCount),
		MaxTargetingRuleCount:             int(f.MaxTargetingRuleCount),
		MaxComparisonValueLength:          int(f.MaxComparisonValueLength),
		MaxComparisonValueListLength:      int(f.MaxComparisonValueListLength),
		MaxComparisonValueListItemLength:  int(f.MaxComparisonValueListItemLength),
		MaxStringFlagValueLength:          int(f.MaxStringFlagValueLength),
		MaxConditionPerTargetingRuleCount: int(f.MaxConditionPerTargetingRuleCount),
		MaxPredefinedVariations:           maxVariations,
	}
}

// declaredProducts lists the products the YAML names, with their previous names, so that Fetch reads nothing
// else.
func declaredProducts(s *spec.State) []string {
	var names []string
	for _, p := range s.Products {
		names = append(names, p.Name)
		if p.RenamedFrom != "" {
			names = append(names, p.RenamedFrom)
		}
	}
	return names
}

// errPrinted is returned when the error was already shown to the user.
var errPrinted = errors.New("flagsync: failed")

// reportBuildError prints why a plan cannot go ahead: problems (each after the file:line that causes it), or an
// unsafe plan.
func reportBuildError(e *env, err error) {
	var unsafe *planner.UnsafeError
	var problems *planner.ProblemError
	switch {
	case errors.As(err, &problems):
		for _, p := range problems.Problems {
			fmt.Fprintf(e.stderr, "flagsync: %s\n", p)
		}
		if errors.As(err, &unsafe) {
			fmt.Fprintf(e.stderr, "flagsync: %s\n", unsafe.Error())
		}
	case errors.As(err, &unsafe):
		fmt.Fprintf(e.stderr, "flagsync: %s\n", unsafe.Error())
	default:
		fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
	}
}

// executePlan applies a plan with progress on stdout, then prints what was applied and the calls client made.
func executePlan(ctx context.Context, e *env, client *configcat.Client, exec applier.Executor, p *planner.Plan, color bool) *applier.Result {
	res := applier.Apply(ctx, exec, p, applier.Options{Progress: newProgress(e).event})
	fmt.Fprintln(e.stdout)
	if err := render.ResultText(e.stdout, res, render.Options{Color: color}); err != nil {
		fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
	}
	fmt.Fprintln(e.stdout, callSummary(client.Stats()))
	return res
}
