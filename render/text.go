// Package render shows plans and apply results to people and programs: text for terminals, Markdown for pull
// requests and step summaries, and JSON. It owns all wording and never re-diffs: everything it shows comes from
// the plan.
package render

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Options tune the text rendering.
type Options struct {
	// Color adds ANSI colours; the caller decides (a terminal, and NO_COLOR unset).
	Color bool
	// Now is the time change requests' ages are told from; zero means time.Now().
	Now time.Time
	// Budget is the applier's estimate of the plan's cost, shown after the summary; nil shows none.
	Budget *applier.Budget
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
)

// textWriter writes indented, marked lines.
type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) mark(op byte) string {
	switch op {
	case '+':
		return t.paint(ansiGreen, "+")
	case '~':
		return t.paint(ansiYellow, "~")
	case '-':
		return t.paint(ansiRed, "-")
	}
	return " "
}

// item writes "<indent><mark> <text>".
func (t *textWriter) item(depth int, op byte, text string) {
	t.w.WriteString(strings.Repeat("  ", depth))
	t.w.WriteString(t.mark(op))
	t.w.WriteString(" ")
	t.w.WriteString(text)
	t.w.WriteString("\n")
}

// detail writes a line under an item of the given depth.
func (t *textWriter) detail(depth int, text string) {
	t.w.WriteString(strings.Repeat("  ", depth) + "    " + text + "\n")
}

func opMark(op planner.Op) byte {
	switch op {
	case planner.Create:
		return '+'
	case planner.Update:
		return '~'
	case planner.Delete:
		return '-'
	}
	return ' '
}

// Text writes a plan for a terminal: changes nested by product > config > flag > environment with + ~ - marks
// and field-level before → after, then problems (each after the file:line that causes it), safety violations,
// and the summary line and the API budget, or, for a plan apply would refuse, the line that says so instead.
func Text(w io.Writer, p *planner.Plan, o Options) error {
	t := &textWriter{w: bufio.NewWriter(w), color: o.Color}
	for _, pr := range p.Warnings {
		t.w.WriteString(t.paint(ansiYellow, "Warning:") + " " + pr.String() + "\n")
	}
	if len(p.Warnings) > 0 {
		t.w.WriteString("\n")
	}
	if p.IsEmpty() && p.Applicable() {
		t.w.WriteString(noChanges + "\n")
		t.noteLines(p)
		t.changeRequests(p, o.Now)
		return t.w.Flush()
	}
	for _, g := range group(p.Changes) {
		t.product(g)
	}
	t.impact(p.Impact)
	t.changeRequests(p, o.Now)
	if len(p.Problems) > 0 {
		t.w.WriteString("\n" + t.paint(ansiRed, "Problems:") + "\n")
		for _, pr := range p.Problems {
			t.w.WriteString("  " + pr.String() + "\n")
		}
	}
	if len(p.Unsafe) > 0 {
		head := "Unsafe, rerun with --force to apply it:"
		if p.Forced {
			head = "Unsafe, applied anyway (--force):"
		}
		t.w.WriteString("\n" + t.paint(ansiRed, head) + "\n")
		for _, v := range p.Unsafe {
			t.w.WriteString("  " + v.String() + "\n")
		}
	}
	if !p.Applicable() {
		t.w.WriteString("\n" + t.paint(ansiRed, refusedLine(p)) + "\n")
		t.noteLines(p)
		return t.w.Flush()
	}
	t.w.WriteString("\n" + t.paint(ansiBold, countsLine(p)) + "\n")
	t.noteLines(p)
	if o.Budget != nil {
		t.w.WriteString(budgetLine(o.Budget) + "\n")
	}
	return t.w.Flush()
}

// changeRequests writes the section about the change requests of environments that require approval, if any.
func (t *textWriter) changeRequests(p *planner.Plan, now time.Time) {
	lines := ChangeRequestLines(p, now)
	if len(lines) == 0 {
		return
	}
	t.w.WriteString("\n" + t.paint(ansiBold, "Change requests:") + "\n")
	for _, l := range lines {
		t.w.WriteString("  " + l + "\n")
	}
}

// noteLines writes the lines about what the plan does not compare (NoteLines), if any.
func (t *textWriter) noteLines(p *planner.Plan) {
	for _, line := range NoteLines(p) {
		t.w.WriteString(line + "\n")
	}
}

func (t *textWriter) product(g *productGroup) {
	t.object(0, "product "+quote(g.name), g.self)
	for _, c := range g.changes {
		t.change(1, c)
	}
	for _, cg := range g.configs {
		t.object(1, "config "+quote(cg.name), cg.self)
		for _, f := range cg.flags {
			t.flag(2, f)
		}
	}
}

// object writes an object's own changes, or, when it has none, its name as the heading of the changes in it.
func (t *textWriter) object(depth int, heading string, self []*planner.Change) {
	if len(self) == 0 {
		t.item(depth, ' ', heading)
	}
	for _, c := range self {
		t.change(depth, c)
	}
}

func (t *textWriter) flag(depth int, f *flagGroup) {
	t.object(depth, "flag "+quote(f.key), f.self)
	for _, c := range f.vars {
		t.change(depth+1, c)
	}
	if slices.ContainsFunc(f.self, func(c *planner.Change) bool { return c.Op == planner.Create }) {
		return // the create lists every value
	}
	for _, ev := range f.values {
		t.value(depth+1, ev)
	}
}

// change writes one change and its details.
func (t *textWriter) change(depth int, c *planner.Change) {
	t.item(depth, opMark(c.Op), label(c)+notes(c))
	switch c.Op {
	case planner.Create:
		for _, f := range createdFields(c) {
			t.detail(depth, f[0]+": "+f[1])
		}
		if c.Kind == planner.KindFlag && c.After != nil && c.After.Flag != nil {
			t.flagValues(depth, c.After.Flag.Values)
		}
	case planner.Update:
		for _, f := range c.Fields {
			t.detail(depth, f.Name+": "+fieldValue(f.Before)+" → "+fieldValue(f.After))
		}
	}
}

// flagValues lists a created flag's values by environment.
func (t *textWriter) flagValues(depth int, values map[string]*spec.EnvValue) {
	for _, env := range envNames(values) {
		v := values[env]
		if isPlain(v) {
			t.detail(depth, env+": "+v.Default.String())
			continue
		}
		t.detail(depth, env+":")
		for _, l := range envValueLines(v) {
			t.detail(depth, "  "+l)
		}
	}
}

// value writes one flag's change in one environment.
func (t *textWriter) value(depth int, ev envChange) {
	b, a := ev.v.Before, ev.v.After
	switch {
	case b == nil && isPlain(a):
		t.item(depth, '+', ev.env+": "+a.Default.String())
	case b == nil:
		t.item(depth, '+', ev.env)
		for _, l := range envValueLines(a) {
			t.detail(depth, l)
		}
	case isPlain(b) && isPlain(a):
		t.item(depth, '~', ev.env+": "+b.Default.String()+" → "+a.Default.String())
	default:
		t.item(depth, '~', ev.env)
		for _, d := range lineDiff(envValueLines(b), envValueLines(a)) {
			line := string(d.op) + " " + d.text
			switch d.op {
			case '-':
				line = t.paint(ansiRed, line)
			case '+':
				line = t.paint(ansiGreen, line)
			}
			t.detail(depth, line)
		}
	}
}

func quote(s string) string { return strconv.Quote(s) }
