package main

// The GitHub Action's entry point. Everything comes from the environment (inputs as INPUT_*, the workflow as
// GITHUB_*), and everything goes back through GitHub's channels rather than an exit code alone: errors and
// warnings as annotations at the file and line that cause them, the plan or result in the step summary, one
// pull-request comment per path kept up to date (found by its marker, never duplicated), and outputs for later
// steps. Each command (plan, apply, drift, validate, test) is a method that runs the same pipeline as the CLI
// (buildPlan, executePlan) and then reports; the Markdown itself comes from render. Credentials are masked
// before anything is printed. Failing to comment or to write the summary is a warning: the run's verdict
// stands on the plan.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/ghaction"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("action", "run as the GitHub Action: plan, apply, drift or validate from the Action's inputs", runAction)
}

const actionHelp = `Usage: flagsync action

Runs inside a GitHub Actions step (the flagsync Action's entry point). Everything comes from the environment:
inputs as INPUT_COMMAND, INPUT_PATH, INPUT_API-HOST, INPUT_API-USER, INPUT_API-PASS, INPUT_REASON,
INPUT_GITHUB-TOKEN, INPUT_COMMENT, INPUT_FORCE and INPUT_BYPASS-APPROVAL, and the workflow context as GITHUB_*
variables.

  plan      plan on a pull request: step summary, one pull-request comment kept up to date, outputs
  apply     apply (on a push to the default branch): result in the step summary, reason from the commit
  drift     plan on a schedule: fails when the account differs from the files, and says what differs
  validate  check the YAML; problems become annotations at their file and line
  test      check the YAML's tests; each failed expectation is an annotation at its test's line
            (plan runs them too, lists failures in the comment and fails)

Outputs: has-changes, applicable, creates, updates, deletes, plan (path of the JSON plan).
Exit status: 0 success; 1 error; 2 drift found.
`

// actionCredentials are the ConfigCat credentials the inputs or the environment carry.
var actionCredentials = []struct{ input, env string }{
	{"api-host", "CONFIGCAT_API_HOST"},
	{"api-user", "CONFIGCAT_API_USER"},
	{"api-pass", "CONFIGCAT_API_PASS"},
}

// actionRun is one run of the Action.
type actionRun struct {
	e  *env
	gh *ghaction.Runner
	gc *ghaction.Context

	command string
	path    string
	reason  string
	token   string
	comment bool
	force   bool
	bypass  bool
	// applyApproved applies flagsync's approved change requests.
	applyApproved bool
	// resendSecrets sends the secrets of every webhook and integration again (plan and apply; drift ignores it).
	resendSecrets bool
	// applyAt schedules the change requests apply opens or updates (input apply-at); unset: not scheduled.
	applyAt timeFlag
}

func runAction(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprint(e.stdout, actionHelp)
		return exitOK
	}
	gh := ghaction.New(e.getenv, e.stdout)
	// Masks go first, before anything could print a secret.
	gh.Mask(gh.Input("api-user"), gh.Input("api-pass"), gh.Input("github-token"),
		e.getenv("CONFIGCAT_API_USER"), e.getenv("CONFIGCAT_API_PASS"))
	if len(args) > 0 {
		gh.Errorf("flagsync action takes no arguments; it reads the Action's inputs (INPUT_COMMAND, INPUT_PATH, ...)")
		return exitError
	}
	a := &actionRun{e: e, gh: gh}
	if err := a.readInputs(); err != nil {
		gh.Errorf("%v", err)
		return exitError
	}
	switch a.command {
	case "validate":
		return a.validate(ctx)
	case "plan":
		return a.plan(ctx)
	case "apply":
		return a.apply(ctx)
	case "test":
		return a.test(ctx)
	default:
		return a.drift(ctx)
	}
}

func (a *actionRun) readInputs() error {
	a.command = strings.ToLower(a.gh.Input("command"))
	if a.command == "" {
		a.command = "plan"
	}
	switch a.command {
	case "plan", "apply", "drift", "validate", "test":
	default:
		return fmt.Errorf("input command: %q is not one of plan, apply, drift, validate, test", a.command)
	}
	if a.path = a.gh.Input("path"); a.path == "" {
		a.path = defaultPath
	}
	a.reason = a.gh.Input("reason")
	a.token = a.gh.Input("github-token")
	var err error
	if a.comment, err = a.gh.BoolInput("comment", true); err != nil {
		return err
	}
	if a.force, err = a.gh.BoolInput("force", false); err != nil {
		return err
	}
	if a.bypass, err = a.gh.BoolInput("bypass-approval", false); err != nil {
		return err
	}
	if a.applyApproved, err = a.gh.BoolInput("apply-approved", false); err != nil {
		return err
	}
	if a.resendSecrets, err = a.gh.BoolInput("resend-secrets", false); err != nil {
		return err
	}
	if at := a.gh.Input("apply-at"); at != "" {
		if err := a.applyAt.Set(at); err != nil {
			return fmt.Errorf("input apply-at: %q: %v", at, err)
		}
	}
	a.gc, err = a.gh.Context()
	return err
}

// pullRequest is the pull request the run is for, or nil.
func (a *actionRun) pullRequest() *ghaction.PullRequest { return a.gc.Event.PullRequest }

func (a *actionRun) validate(ctx context.Context) int {
	st, ok := a.load(ctx)
	if !ok {
		return exitError
	}
	msg := fmt.Sprintf("%s is valid: %s, %s", a.path, plural(len(st.Products), "product"), plural(countFlags(st), "flag"))
	fmt.Fprintln(a.e.stdout, msg)
	a.summary("## flagsync validate\n\n" + htmlText(msg) + "\n\n" + a.footer("validate"))
	return exitOK
}

// load validates the YAML. Problems become annotations at their file, line and column, the step summary
// lists them and, on a pull request, so does the plan comment.
func (a *actionRun) load(ctx context.Context) (*spec.State, bool) {
	opts, err := loadOptions(a.e)
	if err != nil {
		a.gh.Errorf("%v", err)
		return nil, false
	}
	st, warnings, err := spec.LoadWith(ctx, a.path, opts)
	for _, w := range warnings {
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelWarning, Title: "flagsync", File: w.Pos.File,
			Line: w.Pos.Line, Col: w.Pos.Column, Message: annotationMessage(w)})
	}
	if err == nil {
		return st, true
	}
	var list spec.Errors
	if !errors.As(err, &list) {
		a.gh.Errorf("%s: %v", a.path, err)
		return nil, false
	}
	for _, le := range list {
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelError, Title: "flagsync", File: le.Pos.File,
			Line: le.Pos.Line, Col: le.Pos.Column, Message: annotationMessage(le)})
	}
	var md strings.Builder
	_ = render.ValidationMarkdown(&md, a.command, a.path, list) // a strings.Builder does not fail
	md.WriteString("\n" + a.footer(a.command))
	a.summary(md.String())
	if a.command == "plan" {
		a.upsertComment(ctx, md.String(), true)
	}
	a.gh.Errorf("%s: %s found; nothing was sent to ConfigCat", a.path, plural(len(list), "problem"))
	return nil, false
}

// annotationMessage is a spec error without the position the annotation already carries.
func annotationMessage(le *spec.Error) string {
	if le.Pos.File == "" {
		return le.Error()
	}
	return le.Msg
}

// credentials passes the ConfigCat credentials from the inputs (or the environment) to the API client, which
// reads CONFIGCAT_API_* through the command's environment. A missing one stops the run with a message that says
// where to set it.
func (a *actionRun) credentials() bool {
	got := map[string]string{}
	for _, c := range actionCredentials {
		v := a.gh.Input(c.input)
		if v == "" {
			v = a.e.getenv(c.env)
		}
		got[c.env] = v
	}
	base := a.e.lookupEnv
	a.e.lookupEnv = func(name string) (string, bool) {
		if v, ok := got[name]; ok && v != "" {
			return v, true
		}
		return base(name)
	}
	if got["CONFIGCAT_API_USER"] != "" && got["CONFIGCAT_API_PASS"] != "" {
		return true
	}
	var msg string
	if pr := a.pullRequest(); pr != nil && pr.Fork() {
		msg = fmt.Sprintf("no ConfigCat credentials: pull request #%d comes from the fork %q, and GitHub gives the workflows "+
			"of pull requests from forks no secrets; the files are valid, but only a maintainer can plan them against "+
			"ConfigCat (for example from a branch of this repository)", pr.Number, pr.HeadRepo)
	} else {
		msg = "no ConfigCat credentials: set the inputs api-user and api-pass from secrets " +
			"(api-user: ${{ secrets.CONFIGCAT_API_USER }}, api-pass: ${{ secrets.CONFIGCAT_API_PASS }}), " +
			"or the environment variables CONFIGCAT_API_USER and CONFIGCAT_API_PASS"
	}
	a.gh.Errorf("%s", msg)
	a.summary("## flagsync " + a.command + "\n\n> [!CAUTION]\n> " + htmlText(msg) + "\n")
	return false
}

// readOnlyPlan prepares a plan with a client that refuses writes (plan, drift; see prepare), estimates its
// budget, and logs and outputs it. The caller closes pl.acct when ok.
func (a *actionRun) readOnlyPlan(ctx context.Context) (pl *planned, ok bool) {
	if pl, ok = a.prepare(ctx, planRequest{readOnly: true}); !ok {
		return nil, false
	}
	estimateBudget(pl)
	if !a.logAndOutput(pl) {
		_ = pl.acct.close(false)
		return nil, false
	}
	return pl, true
}

// prepareApply prepares a plan with a client that may write; see prepare.
func (a *actionRun) prepareApply(ctx context.Context) (*planned, bool) {
	return a.prepare(ctx, planRequest{})
}

// prepare validates, passes the credentials on and builds the plan of req with the Action's inputs; ok is false
// when the run must stop.
func (a *actionRun) prepare(ctx context.Context, req planRequest) (*planned, bool) {
	desired, ok := a.load(ctx)
	if !ok {
		return nil, false
	}
	if !a.credentials() {
		return nil, false
	}
	req.path, req.force, req.maxDeletePercent = a.path, a.force, -1
	req.reason, req.bypassApproval = a.applyReason(), a.bypass
	req.applyApproved, req.title, req.applyAt = a.applyApproved, a.changeRequestTitle(), a.applyAt.at
	// drift reports what differs, and a secret never can: it ignores resend-secrets
	req.resendSecrets = a.resendSecrets && a.command != "drift"
	req.desired = desired // loaded once: a second load would read and warn twice
	pl, err := buildPlan(ctx, a.e, req)
	if err != nil {
		if err != errPrinted {
			a.gh.Errorf("%v", err)
		}
		return nil, false
	}
	for _, w := range pl.plan.Warnings {
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelWarning, Title: "flagsync", File: w.Pos.File,
			Line: w.Pos.Line, Col: w.Pos.Column, Message: w.Message})
	}
	return pl, true
}

func (a *actionRun) plan(ctx context.Context) int {
	pl, ok := a.readOnlyPlan(ctx)
	if !ok {
		return exitError
	}
	defer pl.acct.close(false)
	md, err := planMarkdown(pl)
	if err != nil {
		a.gh.Errorf("%v", err)
		return exitError
	}
	failures := a.annotateTests(pl.tests)
	md += failedTestsMarkdown(failures) + a.footer("plan")
	a.summary(md)
	a.upsertComment(ctx, md, !pl.plan.IsEmpty() || len(pl.plan.Problems) > 0 || len(failures) > 0)
	if pl.err != nil {
		a.refused(pl, "the plan cannot be applied")
		return exitError
	}
	if len(failures) > 0 {
		a.gh.Errorf("the plan cannot be applied: %s must pass first", plural(len(failures), "failed test expectation"))
		return exitError
	}
	return exitOK
}

// test is the Action's `command: test`: the files' tests, each failure an annotation at the test's line.
func (a *actionRun) test(ctx context.Context) int {
	st, ok := a.load(ctx)
	if !ok {
		return exitError
	}
	report := runSpecTests(st)
	failures := a.annotateTests(report)
	fmt.Fprintln(a.e.stdout, report.summary())
	a.summary("## flagsync test\n\n" + htmlText(report.summary()) + "\n" + failedTestsMarkdown(failures) + "\n" + a.footer("test"))
	if len(failures) > 0 {
		return exitError
	}
	return exitOK
}

// annotateTests annotates each failed expectation of a test run at its test's line and returns the failures;
// report is nil when the files have no tests.
func (a *actionRun) annotateTests(report *testReport) []testFailure {
	if report == nil {
		return nil
	}
	failures := report.failures()
	for _, f := range failures {
		fmt.Fprintln(a.e.stderr, "flagsync: "+f.String())
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelError, Title: "flagsync test", File: f.pos.File,
			Line: f.pos.Line, Message: strings.TrimPrefix(f.String(), fileLine(f.pos)+": ")})
	}
	return failures
}

// failedTestsMarkdown lists failed expectations for the step summary and the pull request comment.
func failedTestsMarkdown(failures []testFailure) string {
	if len(failures) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n### Failed tests\n\n")
	for _, f := range failures {
		b.WriteString("- " + htmlText(f.String()) + "\n")
	}
	return b.String()
}

// refused reports a plan apply would refuse: each problem as an error annotation at the file and line that
// causes it, then one error that says why nothing goes ahead.
func (a *actionRun) refused(pl *planned, what string) {
	reportBuildError(a.e, pl.err)
	for _, pr := range pl.plan.Problems {
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelError, Title: "flagsync", File: pr.Pos.File,
			Line: pr.Pos.Line, Col: pr.Pos.Column, Message: pr.Message})
	}
	var unsafe *planner.UnsafeError
	if len(pl.plan.Problems) > 0 {
		msg := fmt.Sprintf("%s: %s must be fixed first", what, plural(len(pl.plan.Problems), "problem"))
		if errors.As(pl.err, &unsafe) {
			msg += "; " + unsafe.Error()
		}
		a.gh.Errorf("%s", msg)
		return
	}
	a.gh.Errorf("%s: %v", what, pl.err)
}

func (a *actionRun) apply(ctx context.Context) int {
	pl, ok := a.prepareApply(ctx)
	if !ok {
		return exitError
	}
	defer pl.acct.close(false)
	exec := pl.executor(a.e)
	pl.budget = applier.EstimateBudget(pl.plan, exec, applier.DefaultLimits)
	countCloses(pl.budget, exec)
	if !a.logAndOutput(pl) {
		return exitError
	}
	if pl.err != nil {
		if md, err := planMarkdown(pl); err == nil {
			a.summary(md + a.footer("apply"))
		}
		a.refused(pl, "nothing was applied")
		return exitError
	}
	if pl.plan.IsEmpty() {
		a.summary("## flagsync apply\n\nNothing to apply: the account already matches <code>" + htmlText(a.path) + "</code>.\n\n" + a.footer("apply"))
		return exitOK
	}
	fmt.Fprintf(a.e.stdout, "\nApplying with reason %q\n", pl.req.reason)
	res := executePlan(ctx, a.e, pl.acct.client, exec, pl.plan, false)
	var md bytes.Buffer
	if err := render.ResultMarkdown(&md, res); err != nil {
		a.gh.Errorf("%v", err)
		return exitError
	}
	closeErr := error(nil)
	if res.Err == nil {
		closeErr = exec.CloseChangeRequests(ctx)
	}
	if lines := changeRequestOutcomes(exec.ChangeRequests()); len(lines) > 0 {
		md.WriteString("\n**Change requests**\n\n")
		for _, l := range lines {
			fmt.Fprintln(a.e.stdout, l)
			md.WriteString("- " + htmlText(l) + "\n")
		}
		md.WriteString("\n")
	}
	a.summary(md.String() + a.footer("apply"))
	if res.Err != nil {
		a.gh.Errorf("apply stopped: %v; what was applied is in the account, and the next run plans the rest anew", res.Err)
		return exitError
	}
	if closeErr != nil {
		a.gh.Errorf("%v", closeErr)
		return exitError
	}
	return exitOK
}

// changeRequestTitle titles the change requests apply opens after the pull request, else the commit.
func (a *actionRun) changeRequestTitle() string {
	if pr := a.pullRequest(); pr != nil && pr.Title != "" {
		return fmt.Sprintf("%s (#%d)", pr.Title, pr.Number)
	}
	if hc := a.gc.Event.HeadCommit; hc != nil && hc.Subject() != "" {
		return hc.Subject()
	}
	return defaultTitle(a.e)
}

// driftBlameWindow is how far back drift reads the audit log for who changed what (the v1 audit log endpoints'
// limit; the v2 one pages, and drift stops reading once every drifted object is found).
const driftBlameWindow = 30 * 24 * time.Hour

func (a *actionRun) drift(ctx context.Context) int {
	pl, ok := a.readOnlyPlan(ctx)
	if !ok {
		return exitError
	}
	defer pl.acct.close(false)
	where := "<code>" + htmlText(a.path) + "</code>"
	waiting := changeRequestSection(pl.plan)
	if len(render.DriftLines(pl.plan)) == 0 {
		notes := ""
		for _, line := range render.NoteLines(pl.plan) {
			notes += line + "\n\n"
		}
		a.summary("## flagsync drift\n\nNo drift: the account matches " + where + ".\n\n" + notes + waiting + a.footer("drift check"))
		fmt.Fprintf(a.e.stdout, "No drift: the account matches %s.\n", a.path)
		return exitOK
	}
	if pl.err != nil {
		reportBuildError(a.e, pl.err)
	}
	blame := a.blame(ctx, pl)
	var md strings.Builder
	if err := render.DriftMarkdown(&md, a.path, pl.plan, blame, render.MarkdownOptions{Budget: pl.budget}); err != nil {
		a.gh.Errorf("%v", err)
		return exitError
	}
	a.summary(md.String() + a.footer("drift check"))
	drifted := render.DriftLines(pl.plan)
	const shown = 20
	msg := fmt.Sprintf("the account has drifted from %s: apply would make %s:\n", a.path, plural(len(drifted), "change"))
	if len(drifted) > shown {
		msg += strings.Join(drifted[:shown], "\n") + fmt.Sprintf("\n... and %d more (see the step summary)", len(drifted)-shown)
	} else {
		msg += strings.Join(drifted, "\n")
	}
	if len(blame) > 0 {
		msg += "\n" + strings.Join(blame[:min(len(blame), shown)], "\n")
	}
	a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelError, Title: "flagsync drift", Message: msg})
	return exitChanges
}

// blame names who last changed each drifted object, from the audit log; a failure to read it is a warning, not
// a failed drift check.
func (a *actionRun) blame(ctx context.Context, pl *planned) []string {
	blames, err := executor.ReadBlame(ctx, pl.acct.client, pl.plan, pl.remote, time.Now().Add(-driftBlameWindow))
	if err != nil {
		a.gh.Annotate(ghaction.Annotation{Level: ghaction.LevelWarning, Title: "flagsync drift",
			Message: fmt.Sprintf("cannot tell who changed what: %v", err)})
		return nil
	}
	out := make([]string, len(blames))
	for i, b := range blames {
		out[i] = b.String()
	}
	return out
}

// changeRequestSection lists the open change requests of the plan for a summary, or is empty.
func changeRequestSection(p *planner.Plan) string {
	lines := render.ChangeRequestLines(p, time.Now())
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("**Change requests** (not drift: they wait for approval):\n\n")
	for _, l := range lines {
		b.WriteString("- " + htmlText(l) + "\n")
	}
	return b.String() + "\n"
}

// logAndOutput prints the plan to the log, saves it as JSON and sets the outputs.
func (a *actionRun) logAndOutput(pl *planned) bool {
	p := pl.plan
	if err := render.Text(a.e.stdout, p, render.Options{Budget: pl.budget}); err != nil {
		a.gh.Errorf("%v", err)
		return false
	}
	file, shown := a.planFile()
	if err := savePlan(file, p, pl.budget); err != nil {
		a.gh.Errorf("saving the plan: %v", err)
		return false
	}
	c, u, d := p.Counts()
	for _, o := range append([][2]string{
		{"has-changes", strconv.FormatBool(!p.IsEmpty())},
		{"applicable", strconv.FormatBool(p.Applicable())},
		{"creates", strconv.Itoa(c)},
		{"updates", strconv.Itoa(u)},
		{"deletes", strconv.Itoa(d)},
		{"plan", shown},
	}, impactOutputs(p)...) {
		if err := a.gh.SetOutput(o[0], o[1]); err != nil {
			a.gh.Errorf("setting output %s: %v", o[0], err)
			return false
		}
	}
	return true
}

// planFile is where the JSON plan goes, and the path the plan output shows. RUNNER_TEMP is used when it
// exists here; in a Docker action it is a path of the host, so the plan goes to .flagsync/plan.json in the
// workspace, and the output is relative to the workspace, the working directory of later steps.
func (a *actionRun) planFile() (file, shown string) {
	if t := a.gc.RunnerTemp; t != "" {
		if st, err := os.Stat(t); err == nil && st.IsDir() {
			f := filepath.Join(t, "flagsync-plan.json")
			return f, f
		}
	}
	rel := filepath.Join(".flagsync", "plan.json")
	if ws := a.gc.Workspace; ws != "" {
		return filepath.Join(ws, rel), filepath.ToSlash(rel)
	}
	return rel, filepath.ToSlash(rel)
}

// htmlText escapes text for HTML element content (not attributes).
func htmlText(s string) string { return render.HTMLText(s) }

// planMarkdown is the plan with its budget for the step summary and the pull request comment.
func planMarkdown(pl *planned) (string, error) {
	var b bytes.Buffer
	if err := render.MarkdownWith(&b, pl.plan, render.MarkdownOptions{Budget: pl.budget}); err != nil {
		return "", err
	}
	return b.String(), nil
}

// footer names what ran, on which commit, with a link to the run.
func (a *actionRun) footer(what string) string {
	s := "<sub>flagsync " + what + " of <code>" + htmlText(a.path) + "</code>"
	sha := a.gc.SHA
	if pr := a.pullRequest(); pr != nil && pr.HeadSHA != "" {
		sha = pr.HeadSHA // GITHUB_SHA is the merge commit GitHub made for the run
	}
	if len(sha) >= 7 {
		s += " at <code>" + htmlText(sha[:7]) + "</code>"
	}
	if u := a.gc.RunURL(); u != "" {
		s += ` · <a href="` + html.EscapeString(u) + `">workflow run</a>`
	}
	return s + "</sub>\n"
}

// summary appends Markdown to the step summary; failing to is a warning, not a failed run.
func (a *actionRun) summary(md string) {
	if err := a.gh.AddSummary(md); err != nil {
		a.gh.Warningf("step summary: %v", err)
	}
}

// upsertComment keeps the one plan comment of this path on the pull request up to date. It creates the comment
// only when create is true, so that a plan without changes edits an earlier comment but adds none. Failing to
// comment is a warning: the plan is in the step summary either way.
func (a *actionRun) upsertComment(ctx context.Context, body string, create bool) {
	pr := a.pullRequest()
	if pr == nil || !a.comment {
		return
	}
	if a.token == "" {
		a.gh.Warningf("input github-token is empty, so the plan is not commented on pull request #%d", pr.Number)
		return
	}
	repo := a.gc.Repository
	if repo == "" {
		repo = pr.BaseRepo
	}
	client, err := ghaction.NewClient(a.gc.APIURL, a.token, nil)
	if err == nil {
		var outcome ghaction.CommentOutcome
		var c *ghaction.Comment
		outcome, c, err = client.UpsertComment(ctx, repo, pr.Number, ghaction.PlanMarker(a.path), body, create)
		if err == nil {
			if c != nil {
				fmt.Fprintf(a.e.stdout, "Plan comment %s: %s\n", outcome, c.HTMLURL)
			}
			return
		}
	}
	hint := ""
	var apiErr *ghaction.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden {
		hint = "; the job needs `permissions: pull-requests: write`"
		if pr.Fork() {
			hint += ", and pull requests from forks get a read-only token"
		}
	}
	a.gh.Warningf("could not update the plan comment on pull request #%d: %v%s", pr.Number, err, hint)
}

// applyReason is the input reason, or the pushed commit's subject with where it came from.
func (a *actionRun) applyReason() string {
	if a.reason != "" {
		return a.reason
	}
	base := defaultReason(a.e)
	if hc := a.gc.Event.HeadCommit; hc != nil && hc.Subject() != "" {
		subject := hc.Subject()
		if r := []rune(subject); len(r) > 200 {
			subject = string(r[:200]) + "..."
		}
		return subject + " (" + base + ")"
	}
	return base
}
