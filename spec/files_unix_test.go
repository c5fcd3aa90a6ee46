//go:build unix

package spec_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flagsync/flagsync/spec"
)

// loadSoon loads path, failing the test instead of hanging when the load blocks (on a FIFO, say).
func loadSoon(t *testing.T, path string, opts spec.LoadOptions) (*spec.State, spec.Errors, error) {
	t.Helper()
	type result struct {
		s        *spec.State
		warnings spec.Errors
		err      error
	}
	done := make(chan result, 1)
	go func() {
		s, w, err := spec.LoadWith(context.Background(), path, opts)
		done <- result{s, w, err}
	}()
	select {
	case r := <-done:
		return r.s, r.warnings, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("load %s still running after 10s: it blocks", path)
		return nil, nil, nil
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestSpecialFilesAreRefusedWithoutOpening: a FIFO named *.yaml, and a link to one, are errors at once (opening a
// FIFO would block the load for ever); a FIFO under another name, or a hidden one, is passed over.
func TestSpecialFilesAreRefusedWithoutOpening(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "flags.yaml"), shopYAML("darkMode"))
	mkfifo(t, filepath.Join(dir, "pipe.yaml"))
	mkfifo(t, filepath.Join(dir, "store", "pipe"))
	symlink(t, "store/pipe", filepath.Join(dir, "linked.yml"))
	mkfifo(t, filepath.Join(dir, ".hidden.yaml"))
	_, _, err := loadSoon(t, dir, spec.LoadOptions{})
	want := dir + "/linked.yml: symbolic link leads to a named pipe (FIFO), not a regular file; flagsync reads only " +
		"regular files: replace it with a file or remove it\n" +
		dir + "/pipe.yaml: is a named pipe (FIFO), not a regular file; flagsync reads only regular files: replace " +
		"it with a file or remove it"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}

	// PATH itself a FIFO, or a link to one
	_, _, err = loadSoon(t, filepath.Join(dir, "pipe.yaml"), spec.LoadOptions{})
	if err == nil || !strings.HasSuffix(err.Error(), "pipe.yaml: is a named pipe (FIFO), not a regular file; flagsync reads only regular files and directories") {
		t.Errorf("PATH a FIFO: %v", err)
	}
	if _, _, err = loadSoon(t, filepath.Join(dir, "linked.yml"), spec.LoadOptions{}); err == nil ||
		!strings.Contains(err.Error(), "linked.yml: is a named pipe (FIFO)") {
		t.Errorf("PATH a link to a FIFO: %v", err)
	}
}

// TestDeviceThroughALink: /dev/null reached through a link is refused: as PATH because it is no regular file, and
// inside a directory because it leaves it. The message never names /dev/null.
func TestDeviceThroughALink(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "flags.yaml"), shopYAML("darkMode"))
	symlink(t, "/dev/null", filepath.Join(dir, "null.yaml"))
	_, _, err := loadSoon(t, filepath.Join(dir, "null.yaml"), spec.LoadOptions{})
	if err == nil || !strings.HasSuffix(err.Error(), "null.yaml: is a character device, not a regular file; flagsync reads only regular files and directories") {
		t.Errorf("PATH a link to /dev/null: %v", err)
	}
	_, _, err = loadSoon(t, dir, spec.LoadOptions{})
	if err == nil || !strings.HasSuffix(err.Error(), "null.yaml: symbolic link leaves "+dir+"; copy the files into "+
		dir+" or point PATH at a directory that holds both") {
		t.Errorf("a link to /dev/null in PATH: %v", err)
	}
	if strings.Contains(err.Error(), "/dev") {
		t.Errorf("the message names the link's target: %v", err)
	}
}

// TestPathThroughALink: PATH is resolved first, so a PATH that is itself a link to a directory reads that
// directory, and its inner links are judged against the resolved directory. A PATH that is missing, or a link
// that leads nowhere, is named as given.
func TestPathThroughALink(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	write(t, filepath.Join(real, "flags.yaml"), shopYAML("darkMode"))
	symlink(t, "flags.yaml", filepath.Join(real, "again.yaml"))
	symlink(t, "real", filepath.Join(base, "flags"))
	files, err := spec.YAMLFiles(filepath.Join(base, "flags"))
	if err != nil || len(files) != 1 || files[0] != filepath.Join(base, "flags", "flags.yaml") {
		t.Fatalf("YAMLFiles = %q, %v", files, err)
	}
	symlink(t, "gone", filepath.Join(base, "dangling"))
	for _, missing := range []string{filepath.Join(base, "missing"), filepath.Join(base, "dangling")} {
		if _, err := spec.Load(missing); err == nil || err.Error() != missing+": no such file or directory" {
			t.Errorf("load %s: %v", missing, err)
		}
	}
}

// TestAbsoluteLinkInsideARelativePath: a link written as an absolute path that leads inside PATH is inside, though
// PATH is given relative to the working directory.
func TestAbsoluteLinkInsideARelativePath(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "flags", "team", "flags.yaml"), shopYAML("darkMode"))
	symlink(t, filepath.Join(base, "flags", "team"), filepath.Join(base, "flags", "alias"))
	t.Chdir(base)
	files, err := spec.YAMLFiles("flags")
	if err != nil || len(files) != 1 || files[0] != filepath.Join("flags", "team", "flags.yaml") {
		t.Fatalf("YAMLFiles = %q, %v", files, err)
	}
}
