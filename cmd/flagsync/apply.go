package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("apply", "make the account match the YAML (shows the plan and asks first)", runApply)
}

func runApply(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "apply [PATH] [flags] | apply --plan FILE [flags]",
		"Plans like `flagsync plan`, shows the plan, asks for confirmation and applies it; or applies a plan saved with\n"+
			"`flagsync plan --out FILE` after checking that the account has not changed since.\n\n"+
			"Exit status: 0 applied (or nothing to do); 1 error, refused or failed (what was applied is listed).")
	pf := addPlanFlags(fs)
	planFile := fs.String("plan", "", "apply this saved plan instead of planning again")
	autoApprove := fs.Bool("auto-approve", false, "apply without asking (required when stdin is not a terminal)")
	path, err := parseWithPath(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	req := pf.request(e, path, false)
	if *planFile != "" && req.resendSecrets {
		return usageError(e, fs, "--resend-secrets plans anew, and --plan applies a saved plan as it is; pass --resend-secrets to the plan that saves it")
	}
	var pl *planned
	if *planFile != "" {
		pl, err = loadSavedPlan(ctx, e, *planFile, req)
	} else {
		pl, err = buildPlan(ctx, e, req)
	}
	if err != nil {
		return failUnlessPrinted(e, err)
	}
	save := false
	defer func() {
		if cerr := pl.acct.close(save); cerr != nil {
			fmt.Fprintf(e.stderr, "flagsync: %v\n", cerr)
		}
	}()
	exec := pl.executor(e)
	pl.budget = applier.EstimateBudget(pl.plan, exec, applier.DefaultLimits)
	countCloses(pl.budget, exec)
	if err := render.Text(e.stdout, pl.plan, render.Options{Color: useColor(e), Budget: pl.budget}); err != nil {
		return fail(e, err)
	}
	if refusesApply(e, pl) {
		return exitError
	}
	if pl.plan.IsEmpty() {
		return exitOK
	}
	if *planFile == "" && !*autoApprove {
		if code, ok := confirm(e); !ok {
			return code
		}
	}
	save = true
	return execute(ctx, e, pl, exec)
}

// execute applies a planned and confirmed plan, then closes and lists the change requests the apply opened.
func execute(ctx context.Context, e *env, pl *planned, exec *executor.Executor) int {
	res := executePlan(ctx, e, pl.acct.client, exec, pl.plan, useColor(e))
	if res.Err != nil {
		fmt.Fprintf(e.stderr, "flagsync: apply stopped: %v\nflagsync: run apply again to converge: what was applied is in the account, the rest is planned anew\n", res.Err)
		return exitError
	}
	if err := exec.CloseChangeRequests(ctx); err != nil {
		return fail(e, err)
	}
	for _, line := range changeRequestOutcomes(exec.ChangeRequests()) {
		fmt.Fprintln(e.stdout, line)
	}
	return exitOK
}

// confirm asks on the terminal, as Terraform does; anything but "yes" cancels.
func confirm(e *env) (int, bool) {
	if !e.stdinIsTerminal {
		fmt.Fprintln(e.stderr, "flagsync: stdin is not a terminal, so apply cannot ask for confirmation; review the plan and pass --auto-approve")
		return exitError, false
	}
	fmt.Fprint(e.stdout, "\nDo you want to apply these changes? Only 'yes' is accepted: ")
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		fmt.Fprintln(e.stdout, "Apply cancelled; nothing was changed.")
		return exitError, false
	}
	return exitOK, true
}

// loadSavedPlan reads a plan saved by `plan --out`, fetches the products it touches, refuses it when the account
// changed since, and checks its writes again here, where apply runs: the reason, approvals, the environment
// variables of webhook headers and the plan limits.
func loadSavedPlan(ctx context.Context, e *env, file string, req planRequest) (*planned, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("apply --plan: %w", err)
	}
	var p planner.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("apply --plan: %s is not a flagsync plan: %w", file, err)
	}
	acct, err := openAccount(e, accountOptions{local: req.local})
	if err != nil {
		return nil, err
	}
	current, remote, err := acct.client.Fetch(ctx, configcat.FetchOptions{Products: planProducts(&p), Organization: p.Organization})
	if err == nil {
		err = planner.CheckFresh(&p, current)
	}
	in := planner.WriteInputs{Reason: req.reason, BypassApproval: req.bypassApproval, ChangeRequests: true, LookupEnv: e.lookupEnv, Limits: fetchedLimits(remote)}
	if err == nil && planner.NeedsOrganizationLimits(&p, in.Limits) {
		in.Limits, err = organizationLimits(ctx, acct.client, remote)
	}
	if err != nil {
		_ = acct.close(false)
		return nil, err
	}
	p.Problems = append(p.Problems, planner.CheckWrites(&p, current, nil, in)...)
	return &planned{current: current, remote: remote, plan: &p, acct: acct, err: p.Refusal(), req: req}, nil
}

// planProducts lists the products a plan touches, under their current and new names.
func planProducts(p *planner.Plan) []string {
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		if n != "" && !seen[spec.Key(n)] {
			seen[spec.Key(n)] = true
			names = append(names, n)
		}
	}
	for _, c := range p.Changes {
		add(c.Address.Product)
		if c.Kind == planner.KindProduct {
			add(c.RenamedFrom)
		}
	}
	return names
}

// defaultReason builds an audit-log reason from the CI context: repository, commit and pull request.
func defaultReason(e *env) string {
	repo, sha := e.getenv("GITHUB_REPOSITORY"), e.getenv("GITHUB_SHA")
	if repo == "" {
		return "flagsync apply"
	}
	if len(sha) > 12 {
		sha = sha[:12]
	}
	r := "flagsync apply from " + repo
	if sha != "" {
		r += "@" + sha
	}
	if ref := e.getenv("GITHUB_REF"); strings.HasPrefix(ref, "refs/pull/") {
		r += " (pull request #" + strings.TrimSuffix(strings.TrimPrefix(ref, "refs/pull/"), "/merge") + ")"
	}
	if run := e.getenv("GITHUB_RUN_ID"); run != "" && e.getenv("GITHUB_SERVER_URL") != "" {
		r += ", run " + e.getenv("GITHUB_SERVER_URL") + "/" + repo + "/actions/runs/" + run
	}
	return r
}

// refusesApply reports whether the plan may not be applied, and says why: apply would refuse it (its problems and
// violations), or a test of the files fails.
func refusesApply(e *env, pl *planned) bool {
	if pl.err != nil {
		reportBuildError(e, pl.err)
		return true
	}
	return testsFail(e, pl)
}

// estimateBudget estimates the plan's API call budget for display.
func estimateBudget(pl *planned) {
	exec := executor.New(pl.acct.client, pl.remote, pl.plan, executor.Options{})
	pl.budget = applier.EstimateBudget(pl.plan, exec, applier.DefaultLimits)
	countCloses(pl.budget, exec)
}
