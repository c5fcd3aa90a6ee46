package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// TestExportPlanRoundTrip is the export property: for random accounts covering every feature of the model, built
// through the emulator with apply, `export` followed by `plan` of the exported YAML against the same account shows
// no changes, whether exported to one file, to a directory, or with --value-owner dashboard, and the export loads
// with the warnings of the state it came from (values ConfigCat stores but SDKs skip).
func TestExportPlanRoundTrip(t *testing.T) {
	t.Setenv("HOOK_TOKEN", "hook-secret")
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	for seed := range seeds {
		t.Run("seed"+strconv.Itoa(seed), func(t *testing.T) {
			acct := newTestAccount(t)
			acct.use(t, "CONFIGCAT")
			st := spectest.RandomState(rand.New(rand.NewPCG(uint64(seed), 7)), spectest.Options{})
			st.Organization = ""
			allowV1Writes(st)
			var buf bytes.Buffer
			if err := spec.Write(&buf, st); err != nil {
				t.Fatal(err)
			}
			in := writeYAML(t, buf.String())
			if r := runCLI(t, nil, "apply", "--auto-approve", "--force", "--bypass-approval", in); r.code != exitOK {
				t.Fatalf("apply of the random state: %s\nYAML:\n%s", r, buf.String())
			}
			file := filepath.Join(t.TempDir(), "export.yaml")
			if r := runCLI(t, nil, "export", "--out", file); r.code != exitOK {
				t.Fatal(r)
			}
			if r := runCLI(t, nil, "plan", "--detailed-exitcode", file); r.code != exitOK {
				exported, _ := os.ReadFile(file)
				t.Fatalf("plan of the export: %s\nexported:\n%s", r, exported)
			}
			_, want := spec.Check(st)
			if got := warningTexts(t, file); !slices.Equal(got, messages(want)) {
				t.Errorf("warnings of the export:\n%s\nwant those of the state:\n%s", strings.Join(got, "\n"),
					strings.Join(messages(want), "\n"))
			}
			initial := filepath.Join(t.TempDir(), "initial.yaml")
			if r := runCLI(t, nil, "export", "--value-owner", "dashboard", "--out", initial); r.code != exitOK {
				t.Fatal(r)
			}
			if r := runCLI(t, nil, "plan", "--detailed-exitcode", initial); r.code != exitOK {
				t.Fatalf("plan of the export with --value-owner dashboard: %s", r)
			}
			dir := t.TempDir() + "/"
			if r := runCLI(t, nil, "export", "--out", dir); r.code != exitOK {
				t.Fatal(r)
			}
			if r := runCLI(t, nil, "plan", "--detailed-exitcode", dir); r.code != exitOK {
				t.Fatalf("plan of the exported directory: %s", r)
			}
		})
	}
}

// messages returns the messages of errs, sorted.
func messages(errs spec.Errors) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Msg)
	}
	slices.Sort(out)
	return out
}

// allowV1Writes turns approval off in products with v1 configs: ConfigCat's v1 value endpoints cannot bypass
// approval, so flagsync refuses such plans (see TestApplyRefusesApprovalEnvironments).
func allowV1Writes(st *spec.State) {
	for _, p := range st.Products {
		for _, c := range p.Configs {
			if c.EvaluationVersion == spec.EvaluationV1 && p.Preferences != nil {
				p.Preferences.ApproveRequired = false
				p.Preferences.ApproveRequiredEnvironments = nil
			}
		}
	}
}
