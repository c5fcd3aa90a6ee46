package spec_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, every failure must be a list of positioned
// errors, and whatever it accepts must validate and survive a round trip through Write.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"testdata/good/*.yaml", "testdata/bad/*.yaml", "testdata/*/*/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if info, err := os.Lstat(file); err != nil || !info.Mode().IsRegular() {
				continue // the links of the directory fixtures (testdata/files)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) < 16<<10 { // large seeds (the length limits) slow mutation down for little gain
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := spec.LoadBytes("fuzz.yaml", data)
		if err != nil {
			var errs spec.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error is not a non-empty spec.Errors: %T %v", err, err)
			}
			return
		}
		if errs := spec.Validate(s); len(errs) > 0 {
			t.Fatalf("Load accepted a state Validate rejects:\n%v", errs)
		}
		roundTrip(t, s)
	})
}
