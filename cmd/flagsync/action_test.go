package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/ghaction"
	"github.com/flagsync/flagsync/ghaction/ghtest"
	"github.com/flagsync/flagsync/planner"
	"gopkg.in/yaml.v3"
)

// Recognisable secrets: no output may show them except in the ::add-mask:: commands that hide them.
const (
	actionUser  = "cc-user-4f1d2a9b"
	actionPass  = "cc-pass-Zq81-never-printed"
	actionToken = "ghs_pr0Token-never-printed"
)

// actionRunner plays GitHub's runner for `flagsync action`: a workspace holding the example flags, an emulated
// ConfigCat account, a fake of GitHub's REST API and the environment a step gets.
type actionRunner struct {
	t         *testing.T
	workspace string
	emu       *emulator.Server
	apiURL    string
	gh        *ghtest.Server
	vars      map[string]string
	steps     int

	mu      sync.Mutex
	reasons []string // the reason query parameter of every ConfigCat write
}

// actionStep is what one step printed and wrote.
type actionStep struct {
	code            int
	stdout, stderr  string
	outputs         map[string]string
	summary         string
	outputFile      string
	annotationLines []string
}

func (s actionStep) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s\nsummary:\n%s", s.code, s.stdout, s.stderr, s.summary)
}

func newActionRunner(t *testing.T, event, eventFile string) *actionRunner {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "examples", "github", "flags"))
	if err != nil {
		t.Fatal(err)
	}
	payload, err := filepath.Abs(filepath.Join("..", "..", "ghaction", "testdata", eventFile))
	if err != nil {
		t.Fatal(err)
	}
	ws := t.TempDir()
	copyDir(t, src, filepath.Join(ws, "flags"))
	runnerTemp := t.TempDir()
	t.Chdir(ws)
	// No credentials from the machine running the tests: the action must take them from its inputs.
	for _, v := range []string{"CONFIGCAT_API_HOST", "CONFIGCAT_API_USER", "CONFIGCAT_API_PASS"} {
		t.Setenv(v, "")
	}

	r := &actionRunner{t: t, workspace: ws}
	r.emu = emulator.New(emulator.Options{User: actionUser, Pass: actionPass, RateLimit: emulator.RateLimit{Off: true}})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet {
			r.mu.Lock()
			r.reasons = append(r.reasons, req.URL.Query().Get("reason"))
			r.mu.Unlock()
		}
		r.emu.ServeHTTP(w, req)
	}))
	t.Cleanup(api.Close)
	r.apiURL = api.URL
	r.gh = ghtest.New(actionToken)
	t.Cleanup(r.gh.Close)

	r.vars = map[string]string{
		"GITHUB_ACTIONS":     "true",
		"GITHUB_REPOSITORY":  "acme/webshop-flags",
		"GITHUB_EVENT_NAME":  event,
		"GITHUB_EVENT_PATH":  payload,
		"GITHUB_SHA":         "e5bd3914e2e596debea16f433f57875b5b90bcd6",
		"GITHUB_REF":         "refs/heads/main",
		"GITHUB_API_URL":     r.gh.URL,
		"GITHUB_SERVER_URL":  "https://github.com",
		"GITHUB_RUN_ID":      "9001",
		"GITHUB_WORKSPACE":   ws,
		"RUNNER_TEMP":        runnerTemp,
		"INPUT_COMMAND":      "plan",
		"INPUT_PATH":         "flags",
		"INPUT_API-HOST":     api.URL,
		"INPUT_API-USER":     actionUser,
		"INPUT_API-PASS":     actionPass,
		"INPUT_GITHUB-TOKEN": actionToken,
		"INPUT_COMMENT":      "true",
		"INPUT_FORCE":        "false",
		"INPUT_REASON":       "",
	}
	if event == "pull_request" {
		r.vars["GITHUB_REF"] = "refs/pull/42/merge"
	}
	return r
}

// step runs `flagsync action` as one step of a job, with fresh output and summary files as the runner gives
// every step.
func (r *actionRunner) step(command string) actionStep {
	r.t.Helper()
	r.steps++
	dir := r.t.TempDir()
	vars := map[string]string{}
	for k, v := range r.vars {
		vars[k] = v
	}
	vars["INPUT_COMMAND"] = command
	vars["GITHUB_OUTPUT"] = filepath.Join(dir, "set_output")
	vars["GITHUB_STEP_SUMMARY"] = filepath.Join(dir, "step_summary")
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, lookupEnv: func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}}
	s := actionStep{code: run(context.Background(), e, []string{"action"}), stdout: out.String(), stderr: errb.String(), outputFile: vars["GITHUB_OUTPUT"]}
	if data, err := os.ReadFile(vars["GITHUB_STEP_SUMMARY"]); err == nil {
		s.summary = string(data)
	}
	if _, err := os.Stat(s.outputFile); err == nil {
		if s.outputs, err = ghtest.ReadOutputs(s.outputFile); err != nil {
			r.t.Fatalf("outputs file: %v", err)
		}
	}
	for _, line := range strings.Split(s.stdout, "\n") {
		for _, secret := range []string{actionPass, actionUser, actionToken} {
			if strings.Contains(line, secret) && !strings.HasPrefix(line, "::add-mask::") {
				r.t.Fatalf("step %d printed a secret outside ::add-mask:: in %q\n%s", r.steps, line, s)
			}
		}
		if strings.HasPrefix(line, "::error") || strings.HasPrefix(line, "::warning") {
			s.annotationLines = append(s.annotationLines, line)
		}
	}
	for _, secret := range []string{actionPass, actionUser, actionToken} {
		if strings.Contains(s.stderr+s.summary, secret) {
			r.t.Fatalf("step %d printed a secret on stderr or in the summary\n%s", r.steps, s)
		}
	}
	for _, c := range r.gh.Comments("acme/webshop-flags", 42) {
		if strings.Contains(c.Body, actionPass) || strings.Contains(c.Body, actionToken) {
			r.t.Fatalf("a comment holds a secret: %q", c.Body)
		}
	}
	return s
}

// writes counts the ConfigCat requests other than GET.
func (r *actionRunner) writes() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reasons)
}

// planComments are the comments on pull request 42 that start with the plan marker of flags.
func (r *actionRunner) planComments() []ghtest.Comment {
	var out []ghtest.Comment
	for _, c := range r.gh.Comments("acme/webshop-flags", 42) {
		if strings.HasPrefix(c.Body, ghaction.PlanMarker("flags")+"\n") {
			out = append(out, c)
		}
	}
	return out
}

func (r *actionRunner) editYAML(old, repl string) {
	r.t.Helper()
	p := filepath.Join(r.workspace, "flags", "webshop.yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		r.t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		r.t.Fatalf("webshop.yaml has no %q", old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(repl), 1), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestActionPlanOnPullRequestKeepsOneComment(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.gh.AddComment("acme/webshop-flags", 42, "Looks good to me")

	first := r.step("plan")
	if first.code != exitOK {
		t.Fatal(first)
	}
	if got := first.outputs; got["has-changes"] != "true" || got["creates"] == "0" || got["deletes"] != "0" {
		t.Errorf("outputs = %v, want creates and no deletes into an empty account", got)
	}
	// Every flag is new, so every one of the 10,000 generated users gets a value it did not have.
	if n, err := strconv.Atoi(first.outputs["users-affected"]); err != nil || n < 10000 || first.outputs["largest-share-change"] == "" || !strings.Contains(first.summary, "Impact, evaluated with ConfigCat's SDK") {
		t.Errorf("impact outputs %v, summary:\n%s", first.outputs, first.summary)
	}
	data, err := os.ReadFile(first.outputs["plan"])
	if err != nil {
		t.Fatalf("the plan output names no readable file: %v", err)
	}
	var p planner.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("the plan file is not a plan: %v", err)
	}
	if c, _, _ := p.Counts(); fmt.Sprint(c) != first.outputs["creates"] {
		t.Errorf("plan file creates %d, output says %s", c, first.outputs["creates"])
	}
	for _, want := range []string{"## flagsync plan", `Product "Webshop"`, "newCheckout", "<code>a10867b</code>", "https://github.com/acme/webshop-flags/actions/runs/9001"} {
		if !strings.Contains(first.summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, first.summary)
		}
	}
	if !strings.Contains(first.stdout, "::add-mask::"+actionPass) || !strings.Contains(first.stdout, "::add-mask::"+actionToken) {
		t.Errorf("the secrets were not masked:\n%s", first.stdout)
	}
	comments := r.planComments()
	if len(comments) != 1 || r.gh.Count(http.MethodPost) != 1 {
		t.Fatalf("%d plan comments after %d POSTs, want exactly one created", len(comments), r.gh.Count(http.MethodPost))
	}
	if !strings.Contains(comments[0].Body, "## flagsync plan") {
		t.Errorf("comment body:\n%s", comments[0].Body)
	}
	for _, req := range r.gh.Requests() {
		if req.Auth != "Bearer "+actionToken {
			t.Errorf("%s %s sent Authorization %q", req.Method, req.Path, req.Auth)
		}
	}

	// A new push changes the YAML: the same comment is edited, none is added.
	r.editYAML("value: support@acme.com", "value: help@acme.com")
	second := r.step("plan")
	if second.code != exitOK {
		t.Fatal(second)
	}
	after := r.planComments()
	if len(after) != 1 || after[0].ID != comments[0].ID || after[0].Edited != 1 {
		t.Fatalf("plan comments after the second run: %+v; want comment %d edited once", after, comments[0].ID)
	}
	if r.gh.Count(http.MethodPost) != 1 || r.gh.Count(http.MethodPatch) != 1 {
		t.Errorf("%d POSTs and %d PATCHes, want 1 and 1", r.gh.Count(http.MethodPost), r.gh.Count(http.MethodPatch))
	}
	if !strings.Contains(after[0].Body, "help@acme.com") || strings.Contains(after[0].Body, "support@acme.com") {
		t.Errorf("the edited comment does not show the new plan:\n%s", after[0].Body)
	}
	if n := len(r.gh.Comments("acme/webshop-flags", 42)); n != 2 {
		t.Errorf("%d comments on the pull request, want the reviewer's and the plan", n)
	}
	if r.writes() != 0 {
		t.Errorf("plan sent %d writes to ConfigCat", r.writes())
	}
}

func TestActionApplyThenDrift(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")

	applied := r.step("apply")
	if applied.code != exitOK {
		t.Fatal(applied)
	}
	if !strings.Contains(applied.summary, "## flagsync apply") || !strings.Contains(applied.summary, "Apply complete") {
		t.Errorf("apply summary:\n%s", applied.summary)
	}
	if applied.outputs["has-changes"] != "true" {
		t.Errorf("apply outputs = %v", applied.outputs)
	}
	r.mu.Lock()
	reasons := append([]string(nil), r.reasons...)
	r.mu.Unlock()
	var withReason int
	for _, reason := range reasons {
		if reason == "" {
			continue
		}
		withReason++
		if !strings.HasPrefix(reason, "Merge pull request #42 from acme/rollout-checkout (flagsync apply from acme/webshop-flags@e5bd3914e2e5") {
			t.Errorf("reason %q does not come from the commit", reason)
		}
	}
	if withReason == 0 {
		t.Error("no value write carried a reason")
	}
	if n := r.gh.Count(http.MethodPost) + r.gh.Count(http.MethodGet); n != 0 {
		t.Errorf("apply on a push called GitHub's API %d times", n)
	}

	r.vars["GITHUB_EVENT_NAME"] = "schedule"
	r.vars["GITHUB_EVENT_PATH"] = filepath.Join(t.TempDir(), "no-payload.json")
	writes := r.writes()
	green := r.step("drift")
	if green.code != exitOK || green.outputs["has-changes"] != "false" || !strings.Contains(green.summary, "No drift") {
		t.Fatalf("drift right after apply: %s\noutputs %v", green, green.outputs)
	}
	if len(green.annotationLines) != 0 {
		t.Errorf("annotations without drift: %q", green.annotationLines)
	}

	// Someone recolours the tag in ConfigCat's dashboard.
	ctx := context.Background()
	cc, err := configcat.New(configcat.Config{BaseURL: r.apiURL, User: actionUser, Pass: actionPass})
	if err != nil {
		t.Fatal(err)
	}
	products, err := cc.Products(ctx)
	if err != nil || len(products) != 1 {
		t.Fatalf("products %v, %v", products, err)
	}
	tags, err := cc.Tags(ctx, products[0].ProductID)
	if err != nil || len(tags) != 1 {
		t.Fatalf("tags %v, %v", tags, err)
	}
	whale := "whale"
	if _, err := cc.UpdateTag(ctx, tags[0].TagID, configcat.TagRequest{Name: &tags[0].Name, Color: &whale}); err != nil {
		t.Fatal(err)
	}
	writes++

	r.emu.ResetCounts()
	red := r.step("drift")
	if red.code != exitChanges {
		t.Fatalf("drift after an out-of-band change: %s", red)
	}
	if red.outputs["has-changes"] != "true" || red.outputs["updates"] != "1" {
		t.Errorf("outputs = %v, want one update", red.outputs)
	}
	if len(red.annotationLines) != 1 || !strings.HasPrefix(red.annotationLines[0], "::error title=flagsync drift::the account has drifted from flags") ||
		!strings.Contains(red.annotationLines[0], "~ tag Webshop/checkout") {
		t.Errorf("drift annotation = %q", red.annotationLines)
	}
	// who changed it, from the audit log: one page read finds it
	blame := "tag Webshop/checkout changed by flagsync emulator (emulator@flagsync.invalid) on "
	if len(red.annotationLines) != 1 || !strings.Contains(red.annotationLines[0], blame) {
		t.Errorf("drift annotation does not name who changed the tag: %q", red.annotationLines)
	}
	if n := r.emu.Counts()[configcat.CallProductAuditLogs]; n != 1 {
		t.Errorf("drift read the audit log %d times, want once", n)
	}
	for _, want := range []string{"has drifted", "~ tag Webshop/checkout", `"whale" → "panther"`, blame} {
		if !strings.Contains(red.summary, want) {
			t.Errorf("drift summary lacks %q:\n%s", want, red.summary)
		}
	}
	if r.writes() != writes {
		t.Errorf("drift sent %d writes to ConfigCat", r.writes()-writes)
	}
}

func TestActionEmptyPlanEditsButNeverCreatesTheComment(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.vars["INPUT_COMMENT"] = "false"
	if s := r.step("apply"); s.code != exitOK {
		t.Fatal(s)
	}
	r.vars["INPUT_COMMENT"] = "true"

	empty := r.step("plan")
	if empty.code != exitOK || empty.outputs["has-changes"] != "false" || empty.outputs["creates"] != "0" || empty.outputs["users-affected"] != "0" {
		t.Fatalf("%s\noutputs %v", empty, empty.outputs)
	}
	if !strings.Contains(empty.summary, "No changes") {
		t.Errorf("summary:\n%s", empty.summary)
	}
	if n := r.gh.Count(http.MethodPost); n != 0 || len(r.planComments()) != 0 {
		t.Fatalf("an empty plan created a comment (%d POSTs)", n)
	}

	// A change, then its revert: the comment made for the change is edited to say there is nothing to do.
	r.editYAML("value: support@acme.com", "value: help@acme.com")
	if s := r.step("plan"); s.code != exitOK || s.outputs["updates"] == "0" {
		t.Fatal(s)
	}
	r.editYAML("value: help@acme.com", "value: support@acme.com")
	if s := r.step("plan"); s.code != exitOK {
		t.Fatal(s)
	}
	comments := r.planComments()
	if len(comments) != 1 || comments[0].Edited != 1 || !strings.Contains(comments[0].Body, "No changes") {
		t.Errorf("plan comments = %+v, want one, edited to say no changes", comments)
	}
}

func TestActionValidationErrorsBecomeAnnotations(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.editYAML("type: string", "type: text")

	s := r.step("validate")
	if s.code != exitError {
		t.Fatal(s)
	}
	var atLine []string
	for _, a := range s.annotationLines {
		if strings.HasPrefix(a, "::error col=") && strings.Contains(a, ",file=flags/webshop.yaml,line=") {
			atLine = append(atLine, a)
		}
	}
	if len(atLine) == 0 || !strings.Contains(atLine[0], "text") {
		t.Fatalf("no annotation at a file and line for the bad type:\n%s", s.stdout)
	}
	line := lineOf(t, filepath.Join(r.workspace, "flags", "webshop.yaml"), "type: text")
	if !strings.Contains(atLine[0], fmt.Sprintf(",line=%d,", line)) {
		t.Errorf("annotation %q, want line %d", atLine[0], line)
	}
	if !strings.Contains(s.summary, "1 problem in <code>flags</code>") {
		t.Errorf("summary:\n%s", s.summary)
	}
	if r.gh.Count(http.MethodPost) != 0 {
		t.Error("validate commented on the pull request")
	}

	// plan reports the same problems on the pull request and sends nothing to ConfigCat.
	p := r.step("plan")
	if p.code != exitError || len(p.annotationLines) != len(s.annotationLines) {
		t.Fatalf("plan of bad YAML: %s", p)
	}
	if c := r.planComments(); len(c) != 1 || !strings.Contains(c[0].Body, "nothing was sent to ConfigCat") {
		t.Errorf("plan comments = %+v", c)
	}
	if len(r.emu.Counts()) != 0 {
		t.Errorf("ConfigCat was called: %v", r.emu.Counts())
	}
}

func lineOf(t *testing.T, file, text string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("%s has no %q", file, text)
	return 0
}

func TestActionForkWithoutCredentials(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request_fork.json")
	delete(r.vars, "INPUT_API-USER")
	r.vars["INPUT_API-PASS"] = ""
	r.gh.ReadOnly = true

	s := r.step("plan")
	if s.code != exitError {
		t.Fatal(s)
	}
	if len(s.annotationLines) != 1 || !strings.Contains(s.annotationLines[0], `no ConfigCat credentials: pull request #43 comes from the fork "outsider/webshop-flags"`) {
		t.Errorf("annotations = %q", s.annotationLines)
	}
	if !strings.Contains(s.summary, "no ConfigCat credentials") {
		t.Errorf("summary:\n%s", s.summary)
	}
	if len(r.emu.Counts()) != 0 {
		t.Errorf("ConfigCat was called: %v", r.emu.Counts())
	}

	r.vars["GITHUB_EVENT_PATH"] = strings.Replace(r.vars["GITHUB_EVENT_PATH"], "pull_request_fork.json", "pull_request.json", 1)
	s = r.step("plan")
	if s.code != exitError || len(s.annotationLines) != 1 || !strings.Contains(s.annotationLines[0], "set the inputs api-user and api-pass from secrets") {
		t.Errorf("missing credentials on a branch of the repository: %q\n%s", s.annotationLines, s)
	}
}

func TestActionCredentialsFromTheEnvironment(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.vars["CONFIGCAT_API_HOST"] = r.vars["INPUT_API-HOST"]
	r.vars["CONFIGCAT_API_USER"] = actionUser
	r.vars["CONFIGCAT_API_PASS"] = actionPass
	for _, k := range []string{"INPUT_API-HOST", "INPUT_API-USER", "INPUT_API-PASS"} {
		delete(r.vars, k)
	}
	s := r.step("plan")
	if s.code != exitOK || !strings.Contains(s.stdout, "::add-mask::"+actionPass) {
		t.Fatal(s)
	}
}

func TestActionCommentRefusedIsAWarning(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.gh.ReadOnly = true
	s := r.step("plan")
	if s.code != exitOK {
		t.Fatal(s)
	}
	if len(s.annotationLines) != 1 || !strings.HasPrefix(s.annotationLines[0], "::warning::could not update the plan comment on pull request #42") ||
		!strings.Contains(s.annotationLines[0], "pull-requests: write") {
		t.Errorf("annotations = %q", s.annotationLines)
	}
	if !strings.Contains(s.summary, "## flagsync plan") {
		t.Errorf("summary:\n%s", s.summary)
	}
}

func TestActionPlanFileInTheWorkspaceWithoutRunnerTemp(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	r.vars["RUNNER_TEMP"] = "/home/runner/work/_temp-of-the-host"
	s := r.step("plan")
	if s.code != exitOK || s.outputs["plan"] != ".flagsync/plan.json" {
		t.Fatalf("plan output %q\n%s", s.outputs["plan"], s)
	}
	if _, err := os.Stat(filepath.Join(r.workspace, ".flagsync", "plan.json")); err != nil {
		t.Error(err)
	}
	if r.gh.Count(http.MethodGet) != 0 {
		t.Error("plan on a push looked for a pull-request comment")
	}
}

func TestActionRejectsBadInputs(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	for input, want := range map[string]string{
		"INPUT_COMMAND": `::error::input command: "destroy" is not one of plan, apply, drift, validate`,
		"INPUT_FORCE":   `::error::input force: "maybe" is not a boolean (want true or false)`,
	} {
		old := r.vars[input]
		r.vars[input] = map[string]string{"INPUT_COMMAND": "destroy", "INPUT_FORCE": "maybe"}[input]
		var out bytes.Buffer
		vars := r.vars
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, lookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }}
		if code := run(context.Background(), e, []string{"action"}); code != exitError || !strings.Contains(out.String(), want) {
			t.Errorf("%s: exit %d\n%s", input, code, out.String())
		}
		r.vars[input] = old
	}
	if len(r.emu.Counts()) != 0 {
		t.Errorf("ConfigCat was called: %v", r.emu.Counts())
	}
}

// TestExampleWorkflowsMatchActionYML keeps the example workflows in step with action.yml: every input they pass
// and every output they read is declared, and `flagsync action` reads every declared input.
func TestExampleWorkflowsMatchActionYML(t *testing.T) {
	var action struct {
		Inputs  map[string]any `yaml:"inputs"`
		Outputs map[string]any `yaml:"outputs"`
		Runs    struct {
			Using string   `yaml:"using"`
			Args  []string `yaml:"args"`
		} `yaml:"runs"`
	}
	readYAML(t, filepath.Join("..", "..", "action.yml"), &action)
	if action.Runs.Using != "docker" || strings.Join(action.Runs.Args, " ") != "action" {
		t.Errorf("action.yml runs %q with %q, want a Docker action running `flagsync action`", action.Runs.Using, action.Runs.Args)
	}
	src, err := os.ReadFile("action.go")
	if err != nil {
		t.Fatal(err)
	}
	for name := range action.Inputs {
		if !strings.Contains(string(src), `"`+name+`"`) {
			t.Errorf("action.yml declares input %q, which action.go never reads", name)
		}
	}

	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "github", "workflows", "*.yml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("example workflows %v, %v; want plan, apply and drift", files, err)
	}
	commands := map[string]bool{}
	for _, f := range files {
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					ID   string            `yaml:"id"`
					Uses string            `yaml:"uses"`
					With map[string]string `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		readYAML(t, f, &wf)
		data, _ := os.ReadFile(f)
		for _, job := range wf.Jobs {
			for _, st := range job.Steps {
				if !strings.HasPrefix(st.Uses, "flagsync/flagsync@") {
					continue
				}
				commands[st.With["command"]] = true
				for in := range st.With {
					if _, ok := action.Inputs[in]; !ok {
						t.Errorf("%s passes input %q, which action.yml does not declare", f, in)
					}
				}
				for _, ref := range strings.Split(string(data), "steps."+st.ID+".outputs.")[1:] {
					name := strings.FieldsFunc(ref, func(r rune) bool { return !(r == '-' || r == '_' || r >= 'a' && r <= 'z') })[0]
					if _, ok := action.Outputs[name]; !ok {
						t.Errorf("%s reads output %q, which action.yml does not declare", f, name)
					}
				}
			}
		}
	}
	for _, c := range []string{"plan", "apply", "drift"} {
		if !commands[c] {
			t.Errorf("no example workflow runs command %q", c)
		}
	}
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func TestActionUnsafePlanNeedsTheForceInput(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	if s := r.step("apply"); s.code != exitOK {
		t.Fatal(s)
	}
	// The pull request drops the config and the Staging environment: deletes the planner refuses without force.
	// The segment stays: the planner deletes segments before the configs whose flags use them (reported).
	small := "products:\n  - name: Webshop\n    description: The online shop\n    environments:\n      - {name: Production, color: \"#c62828\", order: 0}\n" +
		"    segments:\n      - {name: Employees, attribute: Email, comparator: contains, value: \"@acme.com\"}\n"
	if err := os.WriteFile(filepath.Join(r.workspace, "flags", "webshop.yaml"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	refused := r.step("plan")
	if refused.code != exitError || refused.outputs["deletes"] == "0" {
		t.Fatalf("unsafe plan without force: %s\noutputs %v", refused, refused.outputs)
	}
	if len(refused.annotationLines) != 1 || !strings.Contains(refused.annotationLines[0], "::error::the plan cannot be applied: ") {
		t.Errorf("annotations = %q", refused.annotationLines)
	}
	c := r.planComments()
	if len(c) != 1 || !strings.Contains(c[0].Body, "**Unsafe plan:**") {
		t.Fatalf("the comment does not show why the plan is refused: %+v", c)
	}
	writes := r.writes()
	if s := r.step("apply"); s.code != exitError || r.writes() != writes {
		t.Fatalf("apply of an unsafe plan without force: %d writes\n%s", r.writes()-writes, s)
	}

	r.vars["INPUT_FORCE"] = "true"
	forced := r.step("plan")
	if forced.code != exitOK || !strings.Contains(forced.summary, "Unsafe plan, forced") {
		t.Fatalf("forced plan: %s", forced)
	}
	if s := r.step("apply"); s.code != exitOK {
		t.Fatalf("forced apply: %s", s)
	}
	if s := r.step("drift"); s.code != exitOK {
		t.Errorf("drift after the forced apply: %s", s)
	}
}

func TestActionReasonInput(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	r.vars["INPUT_REASON"] = "CHG-1234: roll out the new checkout, approved by Mona"
	if s := r.step("apply"); s.code != exitOK {
		t.Fatal(s)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, reason := range r.reasons {
		if reason != "" {
			n++
			if reason != r.vars["INPUT_REASON"] {
				t.Errorf("reason %q, want the input", reason)
			}
		}
	}
	if n == 0 {
		t.Error("no write carried the reason")
	}
}

func TestActionCommentInputFalse(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.vars["INPUT_COMMENT"] = "false"
	s := r.step("plan")
	if s.code != exitOK || s.outputs["has-changes"] != "true" || !strings.Contains(s.summary, "## flagsync plan") {
		t.Fatal(s)
	}
	if n := len(r.gh.Requests()); n != 0 {
		t.Errorf("comment: false still called GitHub %d times", n)
	}
}

// TestActionReportsFailedTests: `command: test` and plan annotate a failed expectation at its test's line, and
// plan lists it in the pull request comment and fails.
func TestActionReportsFailedTests(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	r.editYAML("products:\n", "tests:\n  - name: maintenance is on\n    environment: Production\n    expect: {maintenanceMode: true}\nproducts:\n")
	line := lineOf(t, filepath.Join(r.workspace, "flags", "webshop.yaml"), "- name: maintenance is on")
	want := fmt.Sprintf("file=flags/webshop.yaml,line=%d,title=flagsync test::test \"maintenance is on\": maintenanceMode in Production: got false, want true (served by default)", line)
	for _, command := range []string{"test", "plan"} {
		s := r.step(command)
		if s.code != exitError || !slices.ContainsFunc(s.annotationLines, func(a string) bool { return strings.Contains(a, want) }) {
			t.Fatalf("%s: want an annotation containing %s\n%s\n%v", command, want, s, s.annotationLines)
		}
	}
	if c := r.planComments(); len(c) != 1 || !strings.Contains(c[0].Body, "Failed tests") || !strings.Contains(c[0].Body, "maintenance is on") {
		t.Errorf("plan comments = %+v", c)
	}
}

// TestActionApplyListsChangeRequests: in an environment that requires approval, the Action's apply opens a
// change request titled after the commit and lists it in the summary, and updates the same one when the files
// change.
func TestActionApplyListsChangeRequests(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	file, withApproval := requireApproval(t, r)
	s := r.step("apply")
	if s.code != exitOK || !strings.Contains(s.summary, "**Change requests**") ||
		!strings.Contains(s.summary, "Production (config Main, product Webshop): opened change request ") {
		t.Fatalf("first apply:\n%s", s)
	}
	open, err := changeRequestsOf(t, r)
	if err != nil || len(open) != 1 || !strings.HasPrefix(open[0].Title, "Merge pull request #42 from acme/rollout-checkout") ||
		strings.Join(open[0].AffectedSettingKeys, ",") != "newCheckout" {
		t.Fatalf("open change requests: %+v, %v", open, err)
	}
	id := strconv.FormatInt(open[0].ChangeRequestID, 10)

	changed := strings.Replace(withApproval, "                default: false\n", "                default: true\n", 1)
	if changed == withApproval {
		t.Fatal("the fixture has no Production default to change")
	}
	if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	s = r.step("apply")
	if s.code != exitOK || !strings.Contains(s.summary, "Production (config Main, product Webshop): updated change request "+id) {
		t.Fatalf("apply of the changed files:\n%s", s)
	}
}

// TestActionApplyAtInput: the apply-at input schedules the change request apply opens, and a time that does not
// parse fails the run, naming the input and the form to give.
func TestActionApplyAtInput(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	requireApproval(t, r)
	r.vars["INPUT_APPLY-AT"] = "tomorrow"
	if s := r.step("apply"); s.code != exitError || !strings.Contains(s.stdout, "input apply-at") || !strings.Contains(s.stdout, "RFC 3339") {
		t.Fatalf("apply with apply-at tomorrow:\n%s", s)
	}
	r.vars["INPUT_APPLY-AT"] = "2030-01-02T04:04:05+01:00"
	if s := r.step("apply"); s.code != exitOK || !strings.Contains(s.summary, "opened change request ") {
		t.Fatalf("apply with apply-at:\n%s", s)
	}
	open, err := changeRequestsOf(t, r)
	if err != nil || len(open) != 1 || open[0].ApplyAt == nil || !strings.HasPrefix(*open[0].ApplyAt, "2030-01-02T03:04:05") {
		t.Fatalf("open change requests: %+v, %v", open, err)
	}
}

// requireApproval makes Production of the workspace's Webshop require approval and returns the file and its new
// text. The product is created with its preferences first: Production's rules then go through a change request.
func requireApproval(t *testing.T, r *actionRunner) (file, text string) {
	t.Helper()
	file = filepath.Join(r.workspace, "flags", "webshop.yaml")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Replace(string(raw), "    tags:\n", "    preferences: {approveRequiredEnvironments: [Production]}\n    tags:\n", 1)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, text
}

// changeRequestsOf lists the open change requests of Webshop's Main config in Production.
func changeRequestsOf(t *testing.T, r *actionRunner) ([]configcat.ChangeRequestSummary, error) {
	t.Helper()
	cc, err := configcat.New(configcat.Config{BaseURL: r.apiURL, User: actionUser, Pass: actionPass})
	if err != nil {
		return nil, err
	}
	_, remote, err := cc.Fetch(context.Background(), configcat.FetchOptions{Products: []string{"Webshop"}})
	if err != nil {
		return nil, err
	}
	rp := remote.Product("Webshop")
	env, _ := rp.EnvironmentID("Production")
	return cc.ChangeRequests(context.Background(), rp.ID, rp.Config("Main").ID, env, configcat.ChangeRequestOpen)
}

// TestActionResendSecretsInput: the plan summary says secrets are not compared; with resend-secrets apply
// sends a rotated one, and drift, which reports differences and never sees a secret, ignores the input.
func TestActionResendSecretsInput(t *testing.T) {
	r := newActionRunner(t, "push", "push.json")
	r.editYAML("    tags:\n", "    integrations:\n      - {type: dataDog, name: Alerts, parameters: [{key: apikey, valueFromEnv: DD_API_KEY}]}\n    tags:\n")
	r.vars["DD_API_KEY"] = "dd-key-before"
	if s := r.step("apply"); s.code != exitOK {
		t.Fatalf("first apply: %s", s)
	}
	r.vars["DD_API_KEY"] = "dd-key-rotated"
	if s := r.step("plan"); s.code != exitOK || s.outputs["has-changes"] != "false" ||
		!strings.Contains(s.summary, "1 webhook or integration has secrets (valueFromEnv) that ConfigCat never returns") {
		t.Fatalf("plan after rotating: %s", s)
	}
	r.vars["INPUT_RESEND-SECRETS"] = "true"
	if s := r.step("drift"); s.code != exitOK || !strings.Contains(s.summary, "No drift") ||
		!strings.Contains(s.summary, "that ConfigCat never returns, so they are not compared") {
		t.Fatalf("drift with resend-secrets: %s", s)
	}
	if s := r.step("apply"); s.code != exitOK {
		t.Fatalf("apply with resend-secrets: %s", s)
	}
	var saved strings.Builder
	if err := r.emu.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved.String(), "dd-key-rotated") || strings.Contains(saved.String(), "dd-key-before") {
		t.Errorf("the account does not hold the rotated secret alone:\n%s", saved.String())
	}
}
