package ghaction

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/ghaction/ghtest"
	"github.com/google/go-cmp/cmp"
)

func TestSetOutput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "output")
	if err := os.WriteFile(file, []byte("earlier=from another step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, stdout := fakeRunner(t, map[string]string{"GITHUB_OUTPUT": file})
	for _, kv := range [][2]string{
		{"creates", "3"},
		{"plan", ".flagsync/plan.json"},
		// A value that tries to end a fixed heredoc and set another output.
		{"note", "a\nghadelimiter_\nEOF\nhas-changes=false"},
	} {
		if err := r.SetOutput(kv[0], kv[1]); err != nil {
			t.Fatalf("SetOutput(%q): %v", kv[0], err)
		}
	}
	got, err := ghtest.ReadOutputs(file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"earlier": "from another step",
		"creates": "3",
		"plan":    ".flagsync/plan.json",
		"note":    "a\nghadelimiter_\nEOF\nhas-changes=false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
	if stdout.Len() != 0 {
		t.Errorf("SetOutput wrote to stdout: %q", stdout)
	}
}

func TestSetOutputRejectsBadNames(t *testing.T) {
	r, _ := fakeRunner(t, map[string]string{"GITHUB_OUTPUT": filepath.Join(t.TempDir(), "o")})
	for _, name := range []string{"", "a\nb", "a=b", "a<<b"} {
		if err := r.SetOutput(name, "v"); err == nil {
			t.Errorf("SetOutput(%q) succeeded", name)
		}
	}
}

func TestFilesOutsideARunnerAreSkipped(t *testing.T) {
	r, out := fakeRunner(t, nil)
	if err := r.SetOutput("creates", "1"); err != nil {
		t.Errorf("SetOutput without GITHUB_OUTPUT: %v", err)
	}
	if err := r.AddSummary("# hi"); err != nil {
		t.Errorf("AddSummary without GITHUB_STEP_SUMMARY: %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q", out)
	}
}

func TestAddSummaryAppends(t *testing.T) {
	file := filepath.Join(t.TempDir(), "summary")
	r, _ := fakeRunner(t, map[string]string{"GITHUB_STEP_SUMMARY": file})
	if err := r.AddSummary("## one"); err != nil {
		t.Fatal(err)
	}
	if err := r.AddSummary("two\n"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), "## one\ntwo\n"; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestAddSummaryReportsAnUnwritableFile(t *testing.T) {
	r, _ := fakeRunner(t, map[string]string{"GITHUB_STEP_SUMMARY": filepath.Join(t.TempDir(), "missing", "summary")})
	err := r.AddSummary("x")
	if err == nil || !strings.HasPrefix(err.Error(), "GITHUB_STEP_SUMMARY: ") {
		t.Errorf("err = %v", err)
	}
}
