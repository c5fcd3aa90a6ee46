package spec_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// loadErrors loads path and returns its failures, which must be an Errors whose every entry names a file.
func loadErrors(t *testing.T, path string, opts spec.LoadOptions) spec.Errors {
	t.Helper()
	_, _, err := spec.LoadWith(context.Background(), path, opts)
	var errs spec.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		t.Fatalf("load %s: want spec.Errors, got %T %v", path, err, err)
	}
	for _, e := range errs {
		if e.Pos.File == "" {
			t.Errorf("error without a file: %v", e)
		}
	}
	return errs
}

// flagKeys lists the keys of every flag of a state, in order.
func flagKeys(s *spec.State) []string {
	var keys []string
	for _, p := range s.Products {
		for _, c := range p.Configs {
			for _, f := range c.Flags {
				keys = append(keys, f.Key)
			}
		}
	}
	return keys
}

// TestLinksInsideAreFollowedOnce: a link to a hidden directory makes its files part of the tree, a link to a file
// or directory the tree already holds adds nothing (no "declared twice"), and a link to a file outside that is not
// *.yaml is ignored.
func TestLinksInsideAreFollowedOnce(t *testing.T) {
	dir := filepath.Join("testdata", "files", "inside")
	files, err := spec.YAMLFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "base.yaml"), filepath.Join(dir, "sub", "more.yml"), filepath.Join(dir, "team", "team.yaml")}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("YAMLFiles = %q, want %q", files, want)
	}
	s, warnings, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{})
	if err != nil || len(warnings) > 0 {
		t.Fatalf("load: %v (warnings %v)", err, warnings)
	}
	if got := flagKeys(s); !reflect.DeepEqual(got, []string{"darkMode", "sideBar", "teamBanner"}) {
		t.Errorf("flags %q", got)
	}
}

// TestLinksOutsideAreRefused: a directory link or a *.yaml link leaving PATH is an error naming the link and what
// to do, and never the target; nothing is loaded.
func TestLinksOutsideAreRefused(t *testing.T) {
	dir := filepath.Join("testdata", "files", "outside")
	errs := loadErrors(t, dir, spec.LoadOptions{})
	want := "testdata/files/outside/linked.yaml: symbolic link leaves " + dir + "; copy the files into " + dir +
		" or point PATH at a directory that holds both\n" +
		"testdata/files/outside/shared: symbolic link leaves " + dir + "; copy the files into " + dir +
		" or point PATH at a directory that holds both"
	if errs.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", errs, want)
	}
	if strings.Contains(errs.Error(), "inside") {
		t.Errorf("the message names a link's target: %v", errs)
	}
	if _, err := spec.YAMLFiles(dir); err == nil || err.Error() != want {
		t.Errorf("YAMLFiles: %v", err)
	}
}

// TestLinksThatLoopOrLeadNowhere: every broken link is reported, each at its own name.
func TestLinksThatLoopOrLeadNowhere(t *testing.T) {
	errs := loadErrors(t, filepath.Join("testdata", "files", "loop"), spec.LoadOptions{})
	want := []string{
		"testdata/files/loop/dangling.yaml: symbolic link leads nowhere (its target is missing); fix it or remove it",
		"testdata/files/loop/deep/up: symbolic link loops: it leads back to a directory that holds it; remove it",
		"testdata/files/loop/self: symbolic link loops: it leads back to a directory that holds it; remove it",
		"testdata/files/loop/self.yaml: symbolic link loops or cannot be resolved; fix it or remove it",
	}
	if got := strings.Split(errs.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHiddenFiles: a hidden file with flagsync content is named in a warning, one without is passed over in
// silence, and a hidden directory is not entered.
func TestHiddenFiles(t *testing.T) {
	dir := filepath.Join("testdata", "files", "hidden")
	s, warnings, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := flagKeys(s); !reflect.DeepEqual(got, []string{"darkMode"}) {
		t.Errorf("flags %q: hidden files must not be read", got)
	}
	want := `testdata/files/hidden/.old-flags.yaml: warning: hidden file is not read, but it declares products or ` +
		`an organization for flagsync; rename it without the leading "." to include it, or move it out of ` + dir
	if warnings.Error() != want || !warnings[0].Warning {
		t.Errorf("warnings\n%v\nwant\n%s", warnings, want)
	}
}

// TestGitDirectoryIsNotRead: .git is never entered, and flagsync content in it draws no warning.
func TestGitDirectoryIsNotRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "flags.yaml"), shopYAML("darkMode"))
	write(t, filepath.Join(dir, ".git", "flags.yaml"), shopYAML("fromGit"))
	write(t, filepath.Join(dir, ".git", ".hidden.yaml"), shopYAML("hiddenInGit"))
	s, warnings, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{})
	if err != nil || len(warnings) > 0 {
		t.Fatalf("load: %v (warnings %v)", err, warnings)
	}
	if got := flagKeys(s); !reflect.DeepEqual(got, []string{"darkMode"}) {
		t.Errorf("flags %q", got)
	}
	// a link into .git is refused rather than followed
	if err := os.Symlink(".git", filepath.Join(dir, "git")); err != nil {
		t.Fatal(err)
	}
	errs := loadErrors(t, dir, spec.LoadOptions{})
	if want := "git: symbolic link leads into .git, which flagsync never reads; remove it"; !strings.HasSuffix(errs.Error(), want) {
		t.Errorf("got %v", errs)
	}
}

// TestFileCap: a file over the per-file cap is an error naming it, the cap and the variable that raises it; the
// other files are still checked.
func TestFileCap(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.yaml"), shopYAML("small"))
	padding := "# " + strings.Repeat("x", 2000) + "\n"
	write(t, filepath.Join(dir, "b.yaml"), shopYAML("big")+padding)
	write(t, filepath.Join(dir, "c.yaml"), shopYAML("bigger")+padding)
	errs := loadErrors(t, dir, spec.LoadOptions{MaxFileBytes: 1024})
	want := "b.yaml: file is larger than 1KiB, the most flagsync reads from one file; split it into several " +
		"files, or raise the limit with the environment variable FLAGSYNC_MAX_FILE_BYTES"
	if len(errs) != 2 || !strings.HasSuffix(errs[0].Error(), want) || !strings.HasSuffix(errs[1].Pos.File, "c.yaml") {
		t.Errorf("got\n%v", errs)
	}
	if _, _, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{MaxFileBytes: 4096}); err != nil {
		t.Errorf("raised cap: %v", err)
	}
}

// TestTotalCap: the file that takes a load over the total cap is named, and nothing after it is read.
func TestTotalCap(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a", "b", "c"} {
		write(t, filepath.Join(dir, name+".yaml"), shopYAML(name+"Flag"))
	}
	size := int64(len(shopYAML("aFlag")))
	errs := loadErrors(t, dir, spec.LoadOptions{MaxTotalBytes: 2*size - 1})
	want := "b.yaml: with this file the YAML under " + dir + " adds up to more than " + fmt.Sprintf("%d bytes", 2*size-1) +
		", the most flagsync reads in one load; point PATH at a smaller directory, or raise the limit with the " +
		"environment variable FLAGSYNC_MAX_TOTAL_BYTES"
	if len(errs) != 1 || !strings.HasSuffix(errs[0].Error(), want) {
		t.Errorf("got\n%v\nwant suffix\n%s", errs, want)
	}
	// exactly at the cap is within it
	if _, _, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{MaxTotalBytes: 3 * size}); err != nil {
		t.Errorf("at the cap: %v", err)
	}
}

// TestCancelledDuringTheWalk: a load stops when its context is cancelled part-way through listing the tree, and
// says so in words a user understands.
func TestCancelledDuringTheWalk(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b", "c", "d"} {
		write(t, filepath.Join(dir, sub, "flags.yaml"), shopYAML(sub))
	}
	ctx := &cancelAfter{Context: context.Background(), checks: 3}
	_, _, err := spec.LoadWith(ctx, dir, spec.LoadOptions{})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "reading "+dir+" was interrupted") {
		t.Fatalf("err = %v", err)
	}
	if ctx.checks > 0 {
		t.Errorf("the walk did not look at the context while listing")
	}

	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := spec.LoadWith(done, dir, spec.LoadOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: %v", err)
	}
}

// cancelAfter is a context that reports itself cancelled from its checks-th look on.
type cancelAfter struct {
	context.Context
	checks int
}

func (c *cancelAfter) Err() error {
	if c.checks--; c.checks < 0 {
		return context.Canceled
	}
	return nil
}

func shopYAML(flag string) string {
	return "products:\n  - name: Shop\n    configs:\n      - name: Main\n" +
		"        flags:\n          - {key: " + flag + ", type: boolean, value: false}\n"
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
