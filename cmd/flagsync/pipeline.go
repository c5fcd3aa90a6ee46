package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
	"github.com/flagsync/flagsync/spec"
)

// planRequest is what plan, apply, drift and the Action share: where the YAML is, which account, and the safety
// options.
type planRequest struct {
	path             string
	local            bool
	readOnly         bool
	force            bool
	maxDeletePercent int // negative: not given
}

// planned is a plan and everything it was made from; the caller closes acct.
type planned struct {
	desired *spec.State
	current *spec.State
	remote  *configcat.Remote
	plan    *planner.Plan
	acct    *account
	// err is Build's error (problems, or an unsafe plan without --force); plan is still set.
	err error
}

// buildPlan loads the YAML, reads the products it declares from the account and plans. A load error has been
// printed already when it is returned.
func buildPlan(ctx context.Context, e *env, req planRequest) (*planned, error) {
	desired, err := loadSpec(ctx, e, req.path)
	if err != nil {
		return nil, errPrinted
	}
	acct, err := openAccount(e, accountOptions{local: req.local, readOnly: req.readOnly})
	if err != nil {
		return nil, err
	}
	current, remote, err := acct.client.Fetch(ctx, configcat.FetchOptions{
		Products: declaredProducts(desired), Organization: desired.Organization,
	})
	if err != nil {
		_ = acct.close(false)
		return nil, err
	}
	opts := planner.Options{Force: req.force}
	if req.maxDeletePercent >= 0 {
		opts.MaxDeletePercent = &req.maxDeletePercent
	}
	plan, err := planner.Build(current, desired, opts)
	return &planned{desired: desired, current: current, remote: remote, plan: plan, acct: acct, err: err}, nil
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

// reportBuildError prints why a plan cannot go ahead: problems the API cannot make, or an unsafe plan.
func reportBuildError(e *env, err error) {
	var unsafe *planner.UnsafeError
	var problems *planner.ProblemError
	switch {
	case errors.As(err, &problems):
		for _, p := range problems.Problems {
			fmt.Fprintf(e.stderr, "flagsync: %s: %s\n", p.Address, p.Message)
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

// checkWrites refuses, before anything is written, a plan ConfigCat would refuse half way through: value writes
// that need a reason and have none, or that go to environments requiring approval without bypassApproval.
func checkWrites(p *planner.Plan, current *spec.State, reason string, bypass bool) error {
	if err := executor.CheckReason(p, current, reason); err != nil {
		return err
	}
	return executor.CheckApproval(p, current, bypass)
}

// executePlan applies a plan with progress on stdout, then prints what was applied and the calls client made.
func executePlan(ctx context.Context, e *env, client *configcat.Client, exec applier.Executor, p *planner.Plan, color bool) *planner.Result {
	res := applier.Apply(ctx, exec, p, applier.Options{Progress: newProgress(e).event})
	fmt.Fprintln(e.stdout)
	if err := render.ResultText(e.stdout, res, render.Options{Color: color}); err != nil {
		fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
	}
	fmt.Fprintln(e.stdout, callSummary(client.Stats()))
	return res
}
