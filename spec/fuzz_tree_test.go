//go:build unix

package spec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// treeNames are the paths a fuzzed tree is built from, inside its root.
var treeNames = []string{"a.yaml", "b.yml", "d", "d/c.yaml", ".h.yaml", "d/e", "d/e/f.YAML", ".hid", ".hid/g.yaml",
	"x.txt", "d/.i.yml", "l", "d/l.yaml", ".git", ".git/k.yaml"}

// outsideTargets are what links out of the tree point at: files and directories beside the root, the root's
// parent, and system files. "" is the outside directory itself.
var outsideTargets = []string{"secret.yaml", "", "pipe.yaml", "missing.yaml", "..", "/dev/null", "/etc", "/"}

// outsideMarker is in the only YAML outside the tree: no state, error or warning may ever contain it.
const outsideMarker = "OutsideTheTree7f3a"

// FuzzLoadTree builds a small directory tree from the fuzz input (files with fuzzed or valid content, directories,
// links inside and out, FIFOs) and loads it. The load must return (never hang on a FIFO, never panic), never list
// a file outside the tree, never show what is outside, and every error must name a file in the tree.
//
// The script is read three bytes at a time: an operation, a name from treeNames and an operand.
func FuzzLoadTree(f *testing.F) {
	valid := []byte("products:\n  - name: Shop\n    configs:\n      - name: Main\n        flags:\n" +
		"          - {key: darkMode, type: boolean, value: false}\n")
	f.Add([]byte{0, 0, 0}, valid)
	f.Add([]byte{0, 0, 0, 3, 11, 7, 0, 8, 0}, valid)    // a link to a hidden directory
	f.Add([]byte{0, 0, 0, 4, 11, 1, 4, 1, 0}, valid)    // links out: a directory and a *.yml file
	f.Add([]byte{0, 0, 0, 5, 1, 0, 3, 3, 1}, valid)     // a FIFO named b.yml and a link to it
	f.Add([]byte{2, 2, 0, 3, 5, 2, 1, 4, 0}, valid)     // d/e links to d: a loop; .h.yaml has flags
	f.Add([]byte{1, 0, 0, 1, 3, 0, 3, 12, 0}, []byte{}) // a file reached twice
	f.Add([]byte{0, 0, 0, 1, 14, 0}, valid)             // flags in .git
	f.Fuzz(func(t *testing.T, script, content []byte) {
		if len(script) > 36 {
			script = script[:36]
		}
		root, outside := buildTree(t, script, content)
		checkTree(t, root, outside)
	})
}

// buildTree makes the tree a script describes and the outside directory beside it. Operations that cannot be done
// (a file under a file, a name already taken) are passed over: the tree is whatever the script could build.
func buildTree(t *testing.T, script, content []byte) (root, outside string) {
	base := t.TempDir()
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, dir := range []string{root, outside} {
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := "organization: " + outsideMarker + "\nproducts:\n  - name: " + outsideMarker + "\n"
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(outside, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+2 < len(script); i += 3 {
		name := filepath.Join(root, treeNames[int(script[i+1])%len(treeNames)])
		operand := int(script[i+2])
		if !placeable(root, name) {
			continue
		}
		switch script[i] % 6 {
		case 0:
			_ = os.WriteFile(name, content, 0o644)
		case 1: // valid flags, with a key of their own
			flags := fmt.Sprintf("products:\n  - name: Shop\n    configs:\n      - name: Main\n        flags:\n"+
				"          - {key: flag%d, type: boolean, value: true}\n", i)
			_ = os.WriteFile(name, []byte(flags), 0o644)
		case 2:
			_ = os.Mkdir(name, 0o755)
		case 3:
			target := filepath.Join(root, treeNames[operand%len(treeNames)])
			rel, _ := filepath.Rel(filepath.Dir(name), target)
			_ = os.Symlink(rel, name)
		case 4:
			target := outsideTargets[operand%len(outsideTargets)]
			if !filepath.IsAbs(target) {
				target = filepath.Join(outside, target)
			}
			_ = os.Symlink(target, name)
		case 5:
			_ = syscall.Mkfifo(name, 0o644)
		}
	}
	return root, outside
}

// placeable makes the directories above name, inside root, and reports whether name can be made there without
// going through a link or a FIFO: the test must never write outside its tree, nor open a FIFO it made.
func placeable(root, name string) bool {
	dir := root
	rel, _ := filepath.Rel(root, name)
	parts := strings.Split(rel, string(filepath.Separator))
	for _, part := range parts[:len(parts)-1] {
		dir = filepath.Join(dir, part)
		info, err := os.Lstat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if os.Mkdir(dir, 0o755) != nil {
				return false
			}
		case err != nil || !info.IsDir():
			return false
		}
	}
	_, err := os.Lstat(name)
	return errors.Is(err, fs.ErrNotExist)
}

// checkTree loads root and checks the properties FuzzLoadTree promises.
func checkTree(t *testing.T, root, outside string) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := listFiles(context.Background(), root)
	if err != nil {
		t.Fatalf("listFiles: %v", err)
	}
	for _, f := range append(tr.files, tr.hidden...) {
		if _, inside := within(realRoot, f.real); !inside || inGit(f.real[len(realRoot):]) {
			t.Fatalf("%s would be read from %s, outside the tree or in .git", f.name, f.real)
		}
		if !strings.HasPrefix(f.name, root+string(filepath.Separator)) {
			t.Fatalf("file named %s, outside the tree's names", f.name)
		}
	}
	s, warnings, err := loadWithin(t, root, 10*time.Second)
	if s != nil {
		for _, p := range s.Products {
			if p.Name == outsideMarker {
				t.Fatalf("a product from outside the tree was loaded")
			}
		}
	}
	var errs Errors
	switch {
	case err == nil:
	case errors.As(err, &errs):
		checkNamed(t, root, outside, errs)
	case err.Error() != "no *.yaml or *.yml files under "+root:
		t.Fatalf("error is neither an Errors nor the empty tree's: %T %v", err, err)
	}
	checkNamed(t, root, outside, warnings)
}

// checkNamed checks that every problem names a file of the tree and shows nothing of what lies outside.
func checkNamed(t *testing.T, root, outside string, errs Errors) {
	t.Helper()
	for _, e := range errs {
		msg := e.Error()
		if e.Pos.File == "" || !strings.HasPrefix(e.Pos.File, filepath.ToSlash(root)) {
			t.Errorf("problem without a file of the tree: %q", msg)
		}
		if strings.Contains(msg, outside) || strings.Contains(msg, outsideMarker) || strings.Contains(msg, "/etc") ||
			strings.Contains(msg, "/dev") {
			t.Errorf("problem shows what is outside the tree: %q", msg)
		}
	}
}

// loadWithin loads path, failing instead of hanging.
func loadWithin(t *testing.T, path string, limit time.Duration) (*State, Errors, error) {
	type result struct {
		s        *State
		warnings Errors
		err      error
	}
	done := make(chan result, 1)
	go func() {
		s, w, err := LoadWith(context.Background(), path, LoadOptions{MaxFileBytes: 64 << 10, MaxTotalBytes: 256 << 10})
		done <- result{s, w, err}
	}()
	select {
	case r := <-done:
		return r.s, r.warnings, r.err
	case <-time.After(limit):
		t.Fatalf("load of %s still running after %s", path, limit)
		return nil, nil, nil
	}
}
