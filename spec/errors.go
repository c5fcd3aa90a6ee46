package spec

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in a desired state, at the place it was declared.
type Error struct {
	// Pos is where the problem is; it is zero for a state that did not come from YAML.
	Pos Pos
	// Path names the object the problem is in, such as Webshop/Main/newCheckout, for states without positions.
	Path string
	// Msg says what is wrong and, where it helps, how to fix it.
	Msg string
	// Warning marks a problem that does not stop a load or a plan: the state is usable, but something in the
	// files will not act as written (a rule that can never match, a file that is not read).
	Warning bool
}

func (e *Error) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	switch {
	case !e.Pos.IsZero():
		return e.Pos.String() + ": " + msg
	case e.Path != "":
		return e.Path + ": " + msg
	}
	return msg
}

// Errors is every problem found in a desired state, sorted by position.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns es as an error, or nil when there are no problems.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// add records a problem.
func (es *Errors) add(pos Pos, path, format string, args ...any) {
	*es = append(*es, &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// warn records a warning.
func (es *Errors) warn(pos Pos, path, format string, args ...any) {
	*es = append(*es, &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// split separates the failures from the warnings, keeping the order of each.
func (es Errors) split() (failures, warnings Errors) {
	for _, e := range es {
		if e.Warning {
			warnings = append(warnings, e)
		} else {
			failures = append(failures, e)
		}
	}
	return failures, warnings
}

// sorted returns the errors ordered by file, line and column, without exact repeats (a shorthand value folded into
// several environments reports its problem once).
func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].Pos, es[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return es[i].Path < es[j].Path
	})
	out := es[:0]
	seen := map[string]bool{}
	for _, e := range es {
		k := e.Error()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
