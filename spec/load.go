package spec

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
)

// Load reads the desired state from a YAML file, or from every *.yaml and *.yml file under a directory (see
// YAMLFiles for which), merges the files into one state, normalizes it and validates it. On failure the error is
// an Errors listing every problem with its file, line and column. Load drops warnings; LoadWith returns them.
func Load(path string) (*State, error) {
	s, _, err := LoadWith(context.Background(), path, LoadOptions{})
	return s, err
}

// LoadOptions bound a load; the zero value takes the defaults.
type LoadOptions struct {
	// MaxFileBytes caps the size of one file; 0 takes DefaultMaxFileBytes.
	MaxFileBytes int64
	// MaxTotalBytes caps the size of all the files of a load together, hidden files checked for flagsync content
	// included; 0 takes DefaultMaxTotalBytes.
	MaxTotalBytes int64
}

// LoadWith is Load that also returns the warnings, sorted by position: what the files say that will not act as
// written but does not stop the load. When the load fails, err is an Errors of the failures only, except when
// PATH cannot be found or ctx is cancelled. Every file is read within the caps of opts.
func LoadWith(ctx context.Context, path string, opts LoadOptions) (*State, Errors, error) {
	t, err := listFiles(ctx, path)
	if err != nil {
		return nil, nil, interrupted(path, err)
	}
	if len(t.errs) > 0 {
		return nil, nil, t.errs.sorted()
	}
	if len(t.files) == 0 {
		return nil, nil, fmt.Errorf("no *.yaml or *.yml files under %s", path)
	}
	b := newBudget(path, opts)
	l := newLoader()
	var problems Errors
	read := map[string]bool{}
	ahead := newParseAhead(runtime.GOMAXPROCS(0))
	for _, f := range t.files {
		if b.over {
			break
		}
		data, problem, err := b.read(ctx, f)
		if err != nil {
			return nil, nil, interrupted(path, err)
		}
		read[f.real] = true
		if problem != nil {
			problems = append(problems, problem)
			continue
		}
		if p, full := ahead.start(filepath.ToSlash(f.name), data); full {
			l.add(p)
		}
	}
	for p := range ahead.rest() {
		l.add(p)
	}
	hidden, err := b.hiddenWarnings(ctx, t.hidden, read)
	if err != nil {
		return nil, nil, interrupted(path, err)
	}
	if len(problems) > 0 {
		return nil, hidden.sorted(), problems.sorted()
	}
	if err := ctx.Err(); err != nil { // parsing the last file may have taken a while
		return nil, nil, interrupted(path, err)
	}
	s, warnings, err := l.finish()
	return s, append(warnings, hidden...).sorted(), err
}

// interrupted says that a load stopped because it was cancelled (Ctrl-C, SIGTERM); other errors pass unchanged.
func interrupted(path string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("reading %s was interrupted before the end; nothing was loaded: %w", path, err)
	}
	return err
}

// LoadBytes is Load for one file's contents; name is the file name errors carry.
func LoadBytes(name string, data []byte) (*State, error) {
	l := newLoader()
	l.add(parseFile(name, data))
	s, _, err := l.finish()
	return s, err
}

// YAMLFiles lists the files Load reads from dir, in lexical order: every *.yaml and *.yml regular file at any
// depth, skipping hidden files and directories (.git, .github) and following symbolic links that stay inside dir;
// a file reached through several paths is listed once. A link that leaves dir, loops or leads nowhere, and a FIFO,
// socket or device named *.yaml or *.yml, make the error an Errors naming each.
func YAMLFiles(dir string) ([]string, error) {
	t, err := listFiles(context.Background(), dir)
	if err != nil {
		return nil, err
	}
	if len(t.errs) > 0 {
		return nil, t.errs.sorted()
	}
	files := make([]string, len(t.files))
	for i, f := range t.files {
		files[i] = f.name
	}
	return files, nil
}

// loader accumulates files into one state.
type loader struct {
	state  *State
	errs   Errors
	pos    *positions
	texts  map[string]string // the state's texts, shared (see decoder.intern)
	budget int               // nodes left to expand through aliases, for the whole load
	broken bool              // a file could not be parsed, so the state is incomplete
}

func newLoader() *loader {
	return &loader{pos: newPositions(), texts: map[string]string{}, budget: maxAliasNodes}
}

// parsedFile is a file parsed into documents, or the syntax error that stops it being parsed.
type parsedFile struct {
	name   string
	docs   []document
	syntax *syntaxProblem
}

// parseFile parses one file, which may hold several documents. A file that is not valid YAML has exactly one
// syntax error, at the place to fix. The documents share data's memory: data must not change afterwards.
func parseFile(name string, data []byte) parsedFile {
	if p := badCharacter(data); p != nil {
		return parsedFile{name: name, syntax: p}
	}
	docs, err := parseYAML(data)
	if err != nil {
		return parsedFile{name: name, syntax: locate(data, err)}
	}
	return parsedFile{name: name, docs: docs}
}

// parseAhead parses the files of a load concurrently, at most limit at a time, and hands them back in the order
// they were started: the state and the errors are those of parsing one file after the other.
type parseAhead struct {
	limit   int
	pending []chan parsedFile
}

func newParseAhead(limit int) *parseAhead { return &parseAhead{limit: max(limit, 1)} }

// start parses a file in the background. When limit files are already being parsed, it first waits for the
// oldest and returns it (full is true), so that at most limit parsed trees wait in memory.
func (a *parseAhead) start(name string, data []byte) (oldest parsedFile, full bool) {
	if len(a.pending) >= a.limit {
		oldest, full = <-a.pending[0], true
		a.pending = a.pending[1:]
	}
	done := make(chan parsedFile, 1)
	go func() { done <- parseFile(name, data) }()
	a.pending = append(a.pending, done)
	return oldest, full
}

// rest returns the files still being parsed, in order, as they finish.
func (a *parseAhead) rest() iter.Seq[parsedFile] {
	return func(yield func(parsedFile) bool) {
		for _, done := range a.pending {
			if !yield(<-done) {
				return
			}
		}
	}
}

// add decodes a parsed file's documents and merges them into the state; a file that is not valid YAML adds its
// one error and none of its documents.
func (l *loader) add(p parsedFile) {
	if l.budget <= 0 {
		return // the alias budget is spent: what follows would only add noise
	}
	file := p.name
	if p.syntax != nil {
		l.syntaxError(file, p.syntax)
		return
	}
	for _, doc := range p.docs {
		d := &decoder{file: file, errs: &l.errs, pos: l.pos, fileID: l.pos.file(file), budget: &l.budget,
			release: !doc.aliases, texts: l.texts}
		s := d.document(doc.root)
		if l.budget <= 0 {
			return // what was decoded is cut short: checking it would only add noise
		}
		l.merge(s)
	}
}

// syntaxError records a file that is not valid YAML.
func (l *loader) syntaxError(file string, p *syntaxProblem) {
	l.broken = true
	l.errs.add(Pos{File: file, Line: p.line, Column: p.column}, "", "invalid YAML: %s", p.msg)
}

// finish normalizes and validates the merged state.
func (l *loader) finish() (*State, Errors, error) {
	s := l.state
	if s == nil {
		s = &State{}
	}
	Normalize(s)
	s.OrganizationPos = l.pos.at(s, "organization")
	if !l.broken && l.budget > 0 {
		// a state missing a file, or cut short, would only add errors about what is missing
		l.errs = append(l.errs, notAt(validate(s, l.pos), l.errs)...)
	}
	failures, warnings := l.errs.sorted().split()
	if len(failures) > 0 {
		return nil, warnings, failures
	}
	return s, warnings, nil
}

// notAt drops the failures found where an earlier error already is: a value the decoder refused is left unset,
// and validation would only add that it is missing.
func notAt(found, earlier Errors) Errors {
	taken := map[Pos]bool{}
	for _, e := range earlier {
		taken[e.Pos] = true
	}
	var out Errors
	for _, e := range found {
		if e.Warning || !taken[e.Pos] {
			out = append(out, e)
		}
	}
	return out
}

// merge adds a document's state to the accumulated one: products and configs with the same name are one object
// whose lists are joined; a scalar set differently in two places is a conflict.
func (l *loader) merge(src *State) {
	if l.state == nil {
		l.state = src
		return
	}
	dst := l.state
	l.scalars(dst, src, "organization")
	if src.Ignore != nil {
		if dst.Ignore == nil {
			dst.Ignore = &Ignore{}
		}
		appendLists(dst.Ignore, src.Ignore)
	}
	if src.Safety != nil {
		if dst.Safety == nil {
			dst.Safety = &Safety{}
		}
		l.scalars(dst.Safety, src.Safety, "maxDeletePercent", "minExisting")
	}
	if src.Impact != nil {
		if dst.Impact == nil {
			dst.Impact = src.Impact // keeps the file it was declared in, for its relative path
		} else {
			l.scalars(dst.Impact, src.Impact, "population", "users")
		}
	}
	dst.Tests = append(dst.Tests, src.Tests...)
	for _, p := range src.Products {
		if q := dst.Product(p.Name); q != nil && p.Name != "" {
			l.spelling("product", q, p, q.Name, p.Name)
			l.mergeProduct(q, p)
		} else {
			dst.Products = append(dst.Products, p)
		}
	}
}

func (l *loader) mergeProduct(dst, src *Product) {
	l.scalars(dst, src, "description", "order", "renamedFrom", "prune", "valueOwner")
	switch {
	case src.Preferences == nil:
	case dst.Preferences == nil:
		dst.Preferences = src.Preferences
	default:
		l.errs.add(src.Preferences.Pos, "", "product %q: preferences are declared twice (also at %s); keep one",
			src.Name, dst.Preferences.Pos)
	}
	if src.Ignore != nil {
		if dst.Ignore == nil {
			dst.Ignore = &Ignore{}
		}
		appendLists(dst.Ignore, src.Ignore)
	}
	dst.Environments = append(dst.Environments, src.Environments...)
	dst.Tags = append(dst.Tags, src.Tags...)
	dst.Segments = append(dst.Segments, src.Segments...)
	dst.Webhooks = append(dst.Webhooks, src.Webhooks...)
	dst.PermissionGroups = append(dst.PermissionGroups, src.PermissionGroups...)
	dst.Integrations = append(dst.Integrations, src.Integrations...)
	for _, c := range src.Configs {
		if d := dst.Config(c.Name); d != nil && c.Name != "" {
			l.spelling("config", d, c, d.Name, c.Name)
			l.scalars(d, c, "description", "order", "evaluationVersion", "renamedFrom", "valueOwner")
			d.Flags = append(d.Flags, c.Flags...)
		} else {
			dst.Configs = append(dst.Configs, c)
		}
	}
}

// spelling reports a product or config whose name is spelt differently in two places: ConfigCat keeps the
// exact spelling, so flagsync cannot tell which one is meant.
func (l *loader) spelling(kind string, first, again any, name, other string) {
	if name != other {
		l.errs.add(l.pos.at(again, "name"), "", "%s %q is spelt %q at %s; spell it the same everywhere", kind, other,
			name, l.pos.at(first, "name"))
	}
}

// scalars merges the named scalar fields of src into dst (both pointers to the same struct type).
func (l *loader) scalars(dst, src any, fields ...string) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	fs := yamlFields(d.Type())
	for _, name := range fields {
		f, _ := findField(fs, name)
		df, sf := d.Field(f.index), s.Field(f.index)
		switch {
		case sf.IsZero():
		case df.IsZero():
			df.Set(sf)
			l.pos.set(dst, name, l.pos.at(src, name))
		case !reflect.DeepEqual(df.Interface(), sf.Interface()):
			l.errs.add(l.pos.at(src, name), "", "%s%s is set to %s here but to %s at %s; set it in one place",
				objectName(src), name, show(sf), show(df), l.pos.at(dst, name))
		}
	}
}

func show(v reflect.Value) string {
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.String {
		return strconv.Quote(v.String())
	}
	return fmt.Sprint(v.Interface())
}

// objectName names a product, config or the state for messages.
func objectName(obj any) string {
	switch o := obj.(type) {
	case *Product:
		return fmt.Sprintf("product %q: ", o.Name)
	case *Config:
		return fmt.Sprintf("config %q: ", o.Name)
	case *Safety:
		return "safety: "
	case *ImpactOptions:
		return "impact: "
	}
	return ""
}

// appendLists appends every []string field of src to dst's (two *Ignore).
func appendLists(dst, src *Ignore) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := 0; i < d.NumField(); i++ {
		if d.Field(i).Kind() == reflect.Slice {
			d.Field(i).Set(reflect.AppendSlice(d.Field(i), s.Field(i)))
		}
	}
}
