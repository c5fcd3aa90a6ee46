//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// plantedTree is a directory of flags that a pull request could have planted: a FIFO named like YAML (opening it
// would hang), a link out of the directory and a hidden file of flags.
func plantedTree(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "flags")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shop.yaml"), []byte(shopYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "shared")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestPlanRefusesAPlantedTree: plan names every planted entry and sends no request at all.
func TestPlanRefusesAPlantedTree(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	dir := plantedTree(t)
	r := runCLI(t, nil, "plan", dir)
	want := []string{
		dir + "/pipe.yaml: is a named pipe (FIFO), not a regular file; flagsync reads only regular files: replace it with a file or remove it",
		dir + "/shared: symbolic link leaves " + dir + "; copy the files into " + dir + " or point PATH at a directory that holds both",
		"flagsync: " + dir + ": 2 problems found; nothing was sent to ConfigCat",
	}
	if r.code != exitError || r.stderr != strings.Join(want, "\n")+"\n" {
		t.Fatalf("plan of a planted tree: %s\nwant stderr:\n%s", r, strings.Join(want, "\n"))
	}
	if strings.Contains(r.stderr, "/etc") {
		t.Errorf("the message names the link's target")
	}
	if n := len(acct.srv.Counts()); n != 0 {
		t.Errorf("plan sent requests: %v", acct.srv.Counts())
	}
}

// TestActionPlanRefusesAPlantedTree: in the Action the same entries become annotations at their files, and
// ConfigCat is not called.
func TestActionPlanRefusesAPlantedTree(t *testing.T) {
	r := newActionRunner(t, "pull_request", "pull_request.json")
	flags := filepath.Join(r.workspace, "flags")
	if err := syscall.Mkfifo(filepath.Join(flags, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := r.step("plan")
	if s.code != exitError || !strings.Contains(strings.Join(s.annotationLines, "\n"), "::error file=flags/pipe.yaml,title=flagsync::is a named pipe (FIFO)") {
		t.Fatalf("plan of a tree with a FIFO: %s", s)
	}
	if len(r.emu.Counts()) != 0 {
		t.Errorf("ConfigCat was called: %v", r.emu.Counts())
	}
}

// TestExportWarnsAboutARefusedTree: export into a directory that plan would refuse says so, by the same rule.
func TestExportWarnsAboutARefusedTree(t *testing.T) {
	seededAccount(t, shopYAML)
	dir := t.TempDir()
	if err := os.Symlink("/etc", filepath.Join(dir, "shared")); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "export", "--product", "Shop", "--out", dir+"/")
	if r.code != exitOK || !strings.Contains(r.stderr, "plan and apply will refuse "+dir) ||
		!strings.Contains(r.stderr, dir+"/shared: symbolic link leaves") {
		t.Fatalf("export into a directory with a link out of it: %s", r)
	}
}
