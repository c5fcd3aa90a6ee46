package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
)

func init() {
	register("plan", "show what apply would change (GET requests only)", runPlan)
}

// planFlags are the flags plan and apply share: plan takes apply's reason and bypass-approval too, so that
// it refuses what apply would.
type planFlags struct {
	local            *bool
	force            *bool
	maxDeletePercent *percentFlag
	reason           *string
	bypass           *bool
	population       *string
	applyApproved    *bool
	title            *string
	applyAt          *timeFlag
	resendSecrets    *bool
}

func addPlanFlags(fs *flag.FlagSet) planFlags {
	pf := planFlags{
		local:            fs.Bool("local", false, "use the embedded emulator account in "+localStatePath+" instead of ConfigCat"),
		force:            fs.Bool("force", false, "allow deleting products, configs, environments, or more than the safety share of any kind"),
		maxDeletePercent: &percentFlag{},
		reason:           fs.String("reason", "", "audit-log reason apply sends with every value write (default built from the CI context)"),
		bypass:           fs.Bool("bypass-approval", false, "write values directly into environments that require approval (needs that permission), instead of proposing them in change requests"),
		population:       fs.String("population", "", "count the plan's impact also over the users of `FILE` (CSV with a header row, or JSON lines)"),
		applyApproved:    fs.Bool("apply-approved", false, "apply flagsync's change requests that are approved and still propose what the files want"),
		title:            fs.String("title", "", "title of the change requests apply opens (default built from the CI context, like the reason)"),
		applyAt:          &timeFlag{},
		resendSecrets:    fs.Bool("resend-secrets", false, "update every webhook and integration with secrets (valueFromEnv), to send rotated secrets: ConfigCat never returns them, so they are not compared"),
	}
	fs.Var(pf.applyAt, "apply-at", "schedule the change requests apply opens or updates: ConfigCat applies them at `TIME` (RFC 3339, such as 2026-12-24T08:00:00Z) once approved")
	fs.Var(pf.maxDeletePercent, "max-delete-percent", "refuse a plan deleting more than this `percent` of a kind's objects (default 30, or safety.maxDeletePercent in the YAML)")
	return pf
}

// request is the plan request the flags make for the YAML at path; reason defaults as apply's does.
func (pf planFlags) request(e *env, path string, readOnly bool) planRequest {
	reason := *pf.reason
	if reason == "" {
		reason = defaultReason(e)
	}
	title := *pf.title
	if title == "" {
		title = defaultTitle(e)
	}
	return planRequest{path: path, local: *pf.local, readOnly: readOnly, force: *pf.force,
		maxDeletePercent: pf.maxDeletePercent.value(), reason: reason, bypassApproval: *pf.bypass,
		applyApproved: *pf.applyApproved, title: title, applyAt: pf.applyAt.at, population: *pf.population,
		resendSecrets: *pf.resendSecrets}
}

// timeFlag is an optional point in time.
type timeFlag struct{ at *time.Time }

func (f *timeFlag) String() string {
	if f == nil || f.at == nil {
		return ""
	}
	return f.at.Format(time.RFC3339)
}

func (f *timeFlag) Set(s string) error {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Errorf("want a time such as 2026-12-24T08:00:00Z (RFC 3339, with its time zone)")
	}
	t = t.UTC()
	f.at = &t
	return nil
}

// percentFlag is an optional percentage.
type percentFlag struct {
	n   int
	set bool
}

// value is the percentage given, or -1.
func (p *percentFlag) value() int {
	if !p.set {
		return -1
	}
	return p.n
}

func (p *percentFlag) String() string {
	if p == nil || !p.set {
		return ""
	}
	return strconv.Itoa(p.n)
}

func (p *percentFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 100 {
		return fmt.Errorf("want a whole number from 0 to 100")
	}
	p.n, p.set = n, true
	return nil
}

func runPlan(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "plan [PATH] [flags]",
		"Compares the YAML at PATH (a file or a directory; default ./flags) with the account and shows the changes apply would make.\n"+
			"Sends GET requests only, so read-only credentials suffice. Checks every write apply would make against what the\n"+
			"account and the environment allow (pass apply's --reason and --bypass-approval), so that a plan that passes applies.\n\n"+
			"Exit status: 0 success; 1 error, or a plan apply would refuse; with --detailed-exitcode, 0 no changes, 2 changes, 1\n"+
			"error or refused.")
	pf := addPlanFlags(fs)
	format := fs.String("format", "text", "output format: text, markdown or json")
	out := fs.String("out", "", "also save the plan to `FILE`, to apply exactly it later with apply --plan")
	detailed := fs.Bool("detailed-exitcode", false, "exit 2 when there are changes, 0 when there are none")
	path, err := parseWithPath(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	if !validFormat(*format) {
		return usageError(e, fs, fmt.Sprintf("unknown --format %q (want text, markdown or json)", *format))
	}
	pl, err := buildPlan(ctx, e, pf.request(e, path, true))
	if err != nil {
		return failUnlessPrinted(e, err)
	}
	defer pl.acct.close(false)
	estimateBudget(pl)
	if err := renderPlan(e, e.stdout, pl, *format); err != nil {
		return fail(e, err)
	}
	if refusesApply(e, pl) {
		return exitError
	}
	if *out != "" {
		if err := savePlan(*out, pl.plan, pl.budget); err != nil {
			return fail(e, fmt.Errorf("plan: --out: %w", err))
		}
		fmt.Fprintf(e.stderr, "flagsync: plan saved to %s; run `flagsync apply --plan %s` to apply exactly this\n", *out, *out)
	}
	if *detailed && !pl.plan.IsEmpty() {
		return exitChanges
	}
	return exitOK
}

func validFormat(f string) bool { return f == "text" || f == "markdown" || f == "json" }

// renderPlan writes the plan and its budget in the chosen format; text is coloured on a terminal unless
// NO_COLOR is set.
func renderPlan(e *env, w io.Writer, pl *planned, format string) error {
	switch format {
	case "markdown":
		return render.MarkdownWith(w, pl.plan, render.MarkdownOptions{Budget: pl.budget})
	case "json":
		return render.JSON(w, pl.plan, pl.budget)
	default:
		return render.Text(w, pl.plan, render.Options{Color: useColor(e), Budget: pl.budget})
	}
}

// useColor follows https://no-color.org: colour on a terminal unless NO_COLOR is set to anything.
func useColor(e *env) bool { return e.stdoutIsTerminal && e.getenv("NO_COLOR") == "" }

// savePlan writes the plan as JSON with its budget, for readers; apply --plan estimates the budget again.
func savePlan(path string, p *planner.Plan, b *applier.Budget) error {
	var buf bytes.Buffer
	if err := render.JSON(&buf, p, b); err != nil {
		return err
	}
	return writeFileAtomic(path, buf.Bytes())
}

func failUnlessPrinted(e *env, err error) int {
	if err == errPrinted {
		return exitError
	}
	return fail(e, err)
}
