package spec_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtures lists the inputs under dir: *.yaml files and subdirectories (loaded as directories), by rule name.
func fixtures(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			out[name] = filepath.Join(dir, name)
		case strings.HasSuffix(name, ".yaml"):
			out[strings.TrimSuffix(name, ".yaml")] = filepath.Join(dir, name)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	return out
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update after checking):\n--- want\n%s\n--- got\n%s", file, want, got)
	}
}

// TestBadFixtures loads each testdata/bad/<rule> input and compares every reported problem, failures then
// warnings, with <rule>.golden.
func TestBadFixtures(t *testing.T) {
	for rule, path := range fixtures(t, "testdata/bad") {
		t.Run(rule, func(t *testing.T) {
			s, warnings, err := spec.LoadWith(context.Background(), path, spec.LoadOptions{})
			if err == nil {
				t.Fatalf("loaded %s without error: %+v", path, s)
			}
			var errs spec.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error is %T, not spec.Errors: %v", err, err)
			}
			for _, e := range errs {
				if e.Pos.File == "" || e.Pos.Line == 0 {
					t.Errorf("error without a position: %v", e)
				}
			}
			got := err.Error() + "\n"
			if len(warnings) > 0 {
				got += warnings.Error() + "\n"
			}
			golden(t, filepath.Join("testdata/bad", rule+".golden"), got)
		})
	}
}

// TestWarnFixtures loads each testdata/warn/<rule> input, which ConfigCat accepts but whose SDKs will not act on
// as written: the load succeeds, and every warning, with its file:line:col, matches <rule>.golden.
func TestWarnFixtures(t *testing.T) {
	for rule, path := range fixtures(t, "testdata/warn") {
		t.Run(rule, func(t *testing.T) {
			s, warnings, err := spec.LoadWith(context.Background(), path, spec.LoadOptions{})
			if err != nil {
				t.Fatalf("load %s: %v", path, err)
			}
			if len(warnings) == 0 {
				t.Fatalf("loaded %s without warnings", path)
			}
			for _, w := range warnings {
				if !w.Warning || w.Pos.File == "" || w.Pos.Line == 0 {
					t.Errorf("not a warning with a position: %#v", w)
				}
			}
			if failures, again := spec.Check(s); len(failures) > 0 || len(again) != len(warnings) {
				t.Errorf("Check of the loaded state: %d failures (%v), %d warnings, want 0 and %d", len(failures),
					failures, len(again), len(warnings))
			}
			roundTrip(t, s)
			golden(t, filepath.Join("testdata/warn", rule+".golden"), warnings.Error()+"\n")
		})
	}
}

// TestGoodFixtures loads each testdata/good/<name> input, checks it round-trips through Write, and compares
// what Write produces with <name>.golden.
func TestGoodFixtures(t *testing.T) {
	for name, path := range fixtures(t, "testdata/good") {
		t.Run(name, func(t *testing.T) {
			s, err := spec.Load(path)
			if err != nil {
				t.Fatalf("load %s: %v", path, err)
			}
			if errs := spec.Validate(s); len(errs) > 0 {
				t.Fatalf("Validate after Load: %v", errs)
			}
			roundTrip(t, s)
			var b strings.Builder
			if err := spec.Write(&b, s); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata/good", name+".golden"), b.String())
		})
	}
}
