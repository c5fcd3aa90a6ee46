package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesValidate keeps every example directory valid, and converging: applied to an empty account, a second
// plan finds nothing to do.
func TestExamplesValidate(t *testing.T) {
	dirs, err := filepath.Glob("../../examples/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if filepath.Base(dir) == "github" || !hasYAML(t, dir) {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if r := runCLI(t, nil, "validate", dir); r.code != exitOK {
				t.Fatal(r)
			}
			acct := newTestAccount(t)
			acct.use(t, "CONFIGCAT")
			applyConverges(t, dir)
		})
	}
	if n < 3 {
		t.Fatalf("found %d example directories with YAML, want quickstart, targeting and multi-file at least", n)
	}
}

func hasYAML(t *testing.T, dir string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			found = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
