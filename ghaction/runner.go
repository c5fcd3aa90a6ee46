// Package ghaction is the GitHub side of flagsync's Action, independent of flagsync's engine: it reads the
// Action's inputs and the workflow context, parses the event payload, writes outputs, the step summary,
// annotations and secret masks the way the runner expects them, and keeps one pull-request comment up to date
// through GitHub's REST API.
//
// Everything reads the environment through a getenv function and writes workflow commands to a writer, so a
// test can play the runner.
package ghaction

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sethvargo/go-githubactions"
)

// Runner talks to the GitHub Actions runner of the current step.
type Runner struct {
	act    *githubactions.Action
	getenv func(string) string
	out    io.Writer
}

// New returns a Runner that reads the environment with getenv and writes workflow commands to stdout.
func New(getenv func(string) string, stdout io.Writer) *Runner {
	return &Runner{
		act:    githubactions.New(githubactions.WithGetenv(getenv), githubactions.WithWriter(stdout)),
		getenv: getenv,
		out:    stdout,
	}
}

// Getenv returns an environment variable of the step, or "".
func (r *Runner) Getenv(name string) string { return r.getenv(name) }

// Input returns the input called name (INPUT_NAME, hyphens kept), trimmed; "" when not given.
func (r *Runner) Input(name string) string { return r.act.GetInput(name) }

// BoolInput reads a boolean input the way actions/toolkit's getBooleanInput does (true, True, TRUE, false,
// False, FALSE); an empty input is def.
func (r *Runner) BoolInput(name string, def bool) (bool, error) {
	switch v := r.Input(name); v {
	case "":
		return def, nil
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	default:
		return false, fmt.Errorf("input %s: %q is not a boolean (want true or false)", name, v)
	}
}

// Mask tells the runner to replace each non-empty value with *** in the log from now on. A multi-line value
// is masked line by line as well, since the runner matches masks within single lines of output.
func (r *Runner) Mask(values ...string) {
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		r.command("add-mask", nil, v)
		if strings.ContainsAny(v, "\r\n") {
			for _, line := range strings.FieldsFunc(v, func(c rune) bool { return c == '\r' || c == '\n' }) {
				if line = strings.TrimSpace(line); line != "" {
					r.command("add-mask", nil, line)
				}
			}
		}
	}
}

// Group starts a collapsible group of log lines; EndGroup ends it.
func (r *Runner) Group(title string) { r.command("group", nil, title) }

// EndGroup ends the group Group started.
func (r *Runner) EndGroup() { r.command("endgroup", nil, "") }

// Level is the severity of an annotation.
type Level string

// Annotation levels, as the runner names them.
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNotice  Level = "notice"
)

// Annotation is a message shown on the run and, with a file, on that file's line in the pull request.
type Annotation struct {
	Level   Level
	Title   string
	File    string // relative to the workspace; an absolute path inside GITHUB_WORKSPACE is made relative
	Line    int    // 0: unknown
	Col     int    // 0: unknown
	Message string
}

// Annotate writes an annotation command such as ::error file=flags/web.yaml,line=3,col=5::message. Property
// values and the message are escaped as the runner requires, so a comma, colon or newline cannot end them early.
func (r *Runner) Annotate(a Annotation) {
	if a.Level == "" {
		a.Level = LevelError
	}
	props := githubactions.CommandProperties{}
	if a.Title != "" {
		props["title"] = a.Title
	}
	if a.File != "" {
		props["file"] = r.relPath(a.File)
		if a.Line > 0 {
			props["line"] = strconv.Itoa(a.Line)
			if a.Col > 0 {
				props["col"] = strconv.Itoa(a.Col)
			}
		}
	}
	r.command(string(a.Level), props, a.Message)
}

// Errorf writes an error annotation without a file.
func (r *Runner) Errorf(format string, args ...any) {
	r.Annotate(Annotation{Level: LevelError, Message: fmt.Sprintf(format, args...)})
}

// Warningf writes a warning annotation without a file.
func (r *Runner) Warningf(format string, args ...any) {
	r.Annotate(Annotation{Level: LevelWarning, Message: fmt.Sprintf(format, args...)})
}

// Noticef writes a notice annotation without a file.
func (r *Runner) Noticef(format string, args ...any) {
	r.Annotate(Annotation{Level: LevelNotice, Message: fmt.Sprintf(format, args...)})
}

// command writes one workflow command line; go-githubactions does the escaping. Write errors are ignored like
// any other failed log line: the step's result does not depend on them.
func (r *Runner) command(name string, props githubactions.CommandProperties, msg string) {
	c := &githubactions.Command{Name: name, Properties: props, Message: msg}
	fmt.Fprintln(r.out, c.String())
}

// relPath makes an absolute path inside the workspace relative to it, with forward slashes, as annotations
// need.
func (r *Runner) relPath(p string) string {
	if ws := r.getenv("GITHUB_WORKSPACE"); ws != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(ws, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}
