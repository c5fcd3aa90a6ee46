package ghaction

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInputs(t *testing.T) {
	r, _ := fakeRunner(t, map[string]string{
		"INPUT_API-HOST": "  api.example.com \n",
		"INPUT_COMMENT":  "False",
		"INPUT_FORCE":    "yes",
	})
	if got := r.Input("api-host"); got != "api.example.com" {
		t.Errorf("Input(api-host) = %q, want the trimmed value", got)
	}
	if got := r.Input("path"); got != "" {
		t.Errorf("Input(path) = %q for an input not given", got)
	}
	if got, err := r.BoolInput("comment", true); err != nil || got {
		t.Errorf("BoolInput(comment) = %v, %v; want false", got, err)
	}
	if got, err := r.BoolInput("missing", true); err != nil || !got {
		t.Errorf("BoolInput(missing, true) = %v, %v; want the default", got, err)
	}
	_, err := r.BoolInput("force", false)
	if err == nil || !strings.Contains(err.Error(), `input force: "yes" is not a boolean`) {
		t.Errorf("BoolInput(force) error = %v", err)
	}
}

func TestAnnotateEscapesPropertiesAndMessage(t *testing.T) {
	r, out := fakeRunner(t, map[string]string{"GITHUB_WORKSPACE": "/github/workspace"})
	r.Annotate(Annotation{
		Level: LevelError, Title: "flagsync: validate", File: "/github/workspace/flags/a,b:c.yaml", Line: 12, Col: 5,
		Message: "flag \"x\": 100% wrong\r\nsecond line",
	})
	r.Annotate(Annotation{Level: LevelWarning, File: "flags/web.yaml", Message: "no line"})
	r.Annotate(Annotation{Message: "plain", Line: 3}) // a line without a file means nothing to the runner
	want := []string{
		"::error col=5,file=flags/a%2Cb%3Ac.yaml,line=12,title=flagsync%3A validate::flag \"x\": 100%25 wrong%0D%0Asecond line",
		"::warning file=flags/web.yaml::no line",
		"::error::plain",
	}
	if diff := cmp.Diff(want, lines(out.String())); diff != "" {
		t.Errorf("annotations (-want +got):\n%s", diff)
	}
}

func TestAnnotateKeepsPathsOutsideTheWorkspace(t *testing.T) {
	r, out := fakeRunner(t, map[string]string{"GITHUB_WORKSPACE": "/github/workspace"})
	r.Annotate(Annotation{File: "/etc/flags.yaml", Line: 1, Message: "m"})
	if got, want := out.String(), "::error file=/etc/flags.yaml,line=1::m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMask(t *testing.T) {
	r, out := fakeRunner(t, nil)
	r.Mask("", "  ", "s3cr%t", "line one\nline two")
	want := []string{
		"::add-mask::s3cr%25t",
		"::add-mask::line one%0Aline two",
		"::add-mask::line one",
		"::add-mask::line two",
	}
	if diff := cmp.Diff(want, lines(out.String())); diff != "" {
		t.Errorf("masks (-want +got):\n%s", diff)
	}
}

func TestGroupAndLevels(t *testing.T) {
	r, out := fakeRunner(t, nil)
	r.Group("Plan: flags")
	r.Noticef("n %d", 1)
	r.Warningf("w")
	r.Errorf("e: %s", "x")
	r.EndGroup()
	want := []string{"::group::Plan: flags", "::notice::n 1", "::warning::w", "::error::e: x", "::endgroup::"}
	if diff := cmp.Diff(want, lines(out.String())); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
}
