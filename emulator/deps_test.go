package emulator

import (
	"go/build"
	"testing"
)

// The emulator stands in for ConfigCat, so it must not use the client it is a test bench for: it shares only
// the JSON models of package configcat/wire, which the contract tests check against the published spec.
func TestDoesNotImportTheClient(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if imp == "github.com/flagsync/flagsync/configcat" {
			t.Errorf("package emulator imports %s", imp)
		}
	}
}
