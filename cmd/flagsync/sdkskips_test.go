package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// TestExportKeepsWhatSDKsSkip: an account holding values ConfigCat accepts but its SDKs skip (invalid versions,
// empty list items, v1 and segment numbers SDKs cannot read) and decimal commas, in v1 and v2 configs and in
// segments, exports to YAML that loads with the same warnings as the files it was applied from, plans without
// changes, and keeps every text other YAML readers would misread quoted.
func TestExportKeepsWhatSDKsSkip(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	in := filepath.Join("testdata", "sdk-skips.yaml")
	want := warningTexts(t, in)
	if len(want) < 10 {
		t.Fatalf("the fixture gives %d warnings, want at least 10: %q", len(want), want)
	}
	if r := runCLI(t, nil, "apply", "--auto-approve", in); r.code != exitOK {
		t.Fatalf("apply: %s", r)
	}
	file := filepath.Join(t.TempDir(), "export.yaml")
	if r := runCLI(t, nil, "export", "--out", file); r.code != exitOK {
		t.Fatal(r)
	}
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := warningTexts(t, file); !slices.Equal(got, want) {
		t.Errorf("warnings of the export:\n%s\nwant those of the input:\n%s\nexported:\n%s", strings.Join(got, "\n"),
			strings.Join(want, "\n"), exported)
	}
	r := runCLI(t, nil, "validate", file)
	if r.code != exitOK || !strings.Contains(r.stderr, "warning: ") {
		t.Errorf("validate of the export: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", file); r.code != exitOK {
		t.Errorf("plan of the export: %s\nexported:\n%s", r, exported)
	}
	for _, quoted := range []string{`- name: "1.10"`, `description: "yes"`, `- key: "on"`, `hint: "0x1F"`,
		`"off": "017"`, `serve: "12:30"`, `serve: "2024-01-01"`, `serve: "~"`, `value: 3.0.`, `"1e3"`} {
		if !strings.Contains(string(exported), quoted) {
			t.Errorf("export lacks %s:\n%s", quoted, exported)
		}
	}
}

// warningTexts loads path and returns its warnings' messages, sorted, failing the test if the load fails.
func warningTexts(t *testing.T, path string) []string {
	t.Helper()
	_, warnings, err := spec.LoadWith(context.Background(), path, spec.LoadOptions{})
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	var out []string
	for _, w := range warnings {
		if w.Pos.File != path || w.Pos.Line == 0 {
			t.Errorf("warning without a position in %s: %v", path, w)
		}
		out = append(out, w.Msg)
	}
	slices.Sort(out)
	return out
}
