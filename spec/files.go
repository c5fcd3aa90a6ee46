package spec

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// How flagsync reads a directory PATH (docs/yaml.md, "How flagsync reads a directory"):
//
//   - every *.yaml and *.yml regular file at any depth is read, once, in lexical order;
//   - names starting with "." are hidden: hidden directories (.git, .github) are not entered and hidden files are
//     not read, but a hidden YAML file that holds flagsync content is named in a warning;
//   - a symbolic link is followed when its target, fully resolved, lies inside PATH (itself resolved); one that
//     leaves PATH, loops or leads nowhere is an error, and what it points at is never opened nor printed;
//   - a FIFO, socket or device (or a link to one) named *.yaml or *.yml is an error, found by its mode without
//     opening it (opening a FIFO blocks);
//   - a file reached through several paths is read once, under its own path when it has one (a link inside PATH is
//     an alias, not a second declaration).

// source is one file a load reads.
type source struct {
	name string // the path the user sees: PATH joined with the names walked, links included
	real string // the fully resolved path that is opened
}

// tree is what a walk of PATH found.
type tree struct {
	files  []source // the files to read, in lexical order of their names
	hidden []source // hidden *.yaml and *.yml regular files: not read, but checked for flagsync content
	errs   Errors   // entries that cannot be read as the rule says
}

// link is a symbolic link met during a walk; links are followed after the tree's own directories so that a file
// keeps its own name when a link also leads to it.
type link struct {
	name string // as the user sees it
	real string // the link itself, in a resolved directory
}

// walker walks PATH by the rule above.
type walker struct {
	ctx      context.Context
	root     string // PATH as given, for messages
	realRoot string
	dirs     map[string]bool // resolved directories already walked
	seen     map[string]bool // resolved files already listed
	links    []link
	tree
}

// listFiles walks PATH, a directory or a single file, and lists what a load reads. A problem with an entry is in
// the tree's errs; err is for PATH itself and for cancellation.
func listFiles(ctx context.Context, path string) (*tree, error) {
	abs, err := filepath.Abs(path) // links may be absolute: compare them with an absolute PATH
	if err != nil {
		return nil, err
	}
	realRoot, err := filepath.EvalSymlinks(abs)
	if err != nil {
		// the error's own path may be where PATH, a link, leads: name PATH as given instead
		return nil, fmt.Errorf("%s: %s", path, reason(err))
	}
	info, err := os.Stat(realRoot)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, reason(err))
	}
	t := &tree{}
	switch {
	case info.IsDir():
	case info.Mode().IsRegular():
		t.files = []source{{name: path, real: realRoot}}
		return t, nil
	default:
		t.errs.add(Pos{File: filepath.ToSlash(path)}, "", "is a %s, not a regular file; flagsync reads only regular "+
			"files and directories", modeKind(info.Mode()))
		return t, nil
	}
	w := &walker{ctx: ctx, root: path, realRoot: realRoot, dirs: map[string]bool{}, seen: map[string]bool{}}
	w.dir(path, realRoot)
	for i := 0; i < len(w.links) && ctx.Err() == nil; i++ {
		w.follow(w.links[i]) // may append further links
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sortSources(w.files)
	sortSources(w.hidden)
	return &w.tree, nil
}

// dir lists one directory, once however many links lead to it.
func (w *walker) dir(name, real string) {
	if w.dirs[real] {
		return
	}
	w.dirs[real] = true
	entries, err := os.ReadDir(real)
	if err != nil {
		w.problem(name, "cannot list the directory (%s); make it readable or remove it", reason(err))
		return
	}
	for _, e := range entries {
		if w.ctx.Err() != nil {
			return
		}
		w.entry(filepath.Join(name, e.Name()), filepath.Join(real, e.Name()), e.Type())
	}
}

// entry sorts one directory entry by its type, which comes from the directory listing, not from opening it.
func (w *walker) entry(name, real string, mode fs.FileMode) {
	base := filepath.Base(name)
	yaml := isYAMLName(base)
	switch {
	case strings.HasPrefix(base, "."):
		if mode.IsRegular() && yaml {
			w.hidden = append(w.hidden, source{name: name, real: real})
		}
	case mode.IsDir():
		w.dir(name, real)
	case mode&fs.ModeSymlink != 0:
		w.links = append(w.links, link{name: name, real: real})
	case mode.IsRegular():
		if yaml {
			w.file(name, real)
		}
	case yaml:
		w.problem(name, "is a %s, not a regular file; flagsync reads only regular files: replace it with a "+
			"file or remove it", modeKind(mode))
	}
}

// follow resolves a symbolic link and walks or lists what it leads to, if that lies inside PATH. It never opens
// the target, and no message names it.
func (w *walker) follow(l link) {
	target, err := filepath.EvalSymlinks(l.real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		w.problem(l.name, "symbolic link leads nowhere (its target is missing); fix it or remove it")
		return
	case err != nil:
		w.problem(l.name, "symbolic link loops or cannot be resolved; fix it or remove it")
		return
	}
	info, err := os.Stat(target)
	if err != nil {
		w.problem(l.name, "cannot inspect what the symbolic link leads to (%s); fix it or remove it", reason(err))
		return
	}
	yaml := isYAMLName(filepath.Base(l.name))
	if !info.IsDir() && !yaml {
		return // a file that is not *.yaml or *.yml is never read, wherever it is
	}
	rel, inside := within(w.realRoot, target)
	switch {
	case !inside:
		w.problem(l.name, "symbolic link leaves %s; copy the files into %s or point PATH at a directory that "+
			"holds both", w.root, w.root)
	case inGit(rel):
		w.problem(l.name, "symbolic link leads into .git, which flagsync never reads; remove it")
	case info.IsDir():
		if _, loops := within(target, filepath.Dir(l.real)); loops {
			w.problem(l.name, "symbolic link loops: it leads back to a directory that holds it; remove it")
			return
		}
		w.dir(l.name, target)
	case info.Mode().IsRegular():
		w.file(l.name, target)
	default:
		w.problem(l.name, "symbolic link leads to a %s, not a regular file; flagsync reads only regular files: "+
			"replace it with a file or remove it", modeKind(info.Mode()))
	}
}

// file lists a file to read, unless another path already led to it.
func (w *walker) file(name, real string) {
	if w.seen[real] {
		return
	}
	w.seen[real] = true
	w.files = append(w.files, source{name: name, real: real})
}

func (w *walker) problem(name, format string, args ...any) {
	w.errs.add(Pos{File: filepath.ToSlash(name)}, "", format, args...)
}

// within reports whether path lies inside dir (or is dir), both resolved, with path relative to dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// inGit reports whether a relative path goes through a .git directory.
func inGit(rel string) bool {
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == ".git" {
			return true
		}
	}
	return false
}

func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// sortSources orders files as a depth-first walk in lexical order would meet them: a/b.yaml before a-b.yaml.
func sortSources(files []source) {
	key := func(s source) string { return strings.ReplaceAll(s.name, string(filepath.Separator), "\x00") }
	sort.Slice(files, func(i, j int) bool { return key(files[i]) < key(files[j]) })
}

// modeKind names a file type that is not a regular file or directory.
func modeKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m.IsDir():
		return "directory"
	}
	return "special file"
}

// reason is an error without the path it carries: the path may be a link's resolved target, which messages must
// not show.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
