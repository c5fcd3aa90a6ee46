package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// diffContext is how many unchanged lines a per-flag diff keeps around each change.
const diffContext = 3

// DefaultMarkdownBytes keeps a Markdown plan under GitHub's limit for a pull-request comment (65,536 characters).
const DefaultMarkdownBytes = 60000

// MarkdownOptions tune the Markdown rendering.
type MarkdownOptions struct {
	// MaxBytes is the size the rendering aims to stay under: table rows and flag diffs that would go past it
	// are left out, and a note says how many. Zero means DefaultMarkdownBytes; negative means no limit.
	MaxBytes int
	// Now is the time change requests' ages are told from; zero means time.Now().
	Now time.Time
	// Budget is the applier's estimate of the plan's cost, shown after the summary; nil shows none.
	Budget *applier.Budget
}

// Markdown writes a plan for a pull-request comment or a step summary with the default options.
func Markdown(w io.Writer, p *planner.Plan) error { return MarkdownWith(w, p, MarkdownOptions{}) }

// MarkdownWith writes a plan for a pull-request comment or a step summary: the summary counts first, then one
// collapsible section per product with a table of its changes and a unified diff per changed flag.
func MarkdownWith(w io.Writer, p *planner.Plan, o MarkdownOptions) error {
	limit := o.MaxBytes
	if limit == 0 {
		limit = DefaultMarkdownBytes
	}
	b := &mdWriter{Writer: bufio.NewWriter(w), limit: limit}
	b.WriteString("## flagsync plan\n\n")
	mdWarnings(b, p.Warnings)
	if p.IsEmpty() && p.Applicable() {
		b.WriteString(noChanges + "\n")
		for _, line := range NoteLines(p) {
			b.WriteString("\n" + line + "\n")
		}
		mdChangeRequests(b, p, o.Now)
		return b.Flush()
	}
	mdSummary(b, p, o.Budget)
	mdUnsafe(b, p)
	mdProblems(b, p.Problems)
	mdImpact(b, p.Impact)
	mdChangeRequests(b, p, o.Now)
	for _, g := range group(p.Changes) {
		mdProduct(b, g)
	}
	if b.omitted > 0 {
		fmt.Fprintf(b, "_%d more changes are left out to keep this under %d bytes; run `flagsync plan` or see the JSON plan for all of them._\n", b.omitted, limit)
	}
	return b.Flush()
}

// mdWarnings writes the plan's warnings in a warning alert, if any.
func mdWarnings(b *mdWriter, warnings []planner.Problem) {
	mdProblemAlert(b, "> [!WARNING]\n", warnings)
}

// mdProblemAlert writes head and then each problem as an item of the alert, after its position; nothing when
// there are none.
func mdProblemAlert(b *mdWriter, head string, ps []planner.Problem) {
	if len(ps) == 0 {
		return
	}
	b.WriteString(head)
	for _, pr := range ps {
		b.WriteString("> - " + mdPos(pr.Pos) + mdEscape(pr.Message) + "\n")
	}
	b.WriteString("\n")
}

// mdSummary writes the counts and the budget, or why apply would refuse the plan, then the notes about what
// the plan does not compare.
func mdSummary(b *mdWriter, p *planner.Plan, budget *applier.Budget) {
	if p.Applicable() {
		b.WriteString("**" + countsLine(p) + "**")
		if budget != nil {
			b.WriteString(" " + budgetLine(budget))
		}
	} else {
		b.WriteString("**" + refusedLine(p) + "**")
	}
	b.WriteString("\n\n")
	for _, line := range NoteLines(p) {
		b.WriteString(line + "\n\n")
	}
}

// mdUnsafe lists the safety thresholds the plan exceeds, if any.
func mdUnsafe(b *mdWriter, p *planner.Plan) {
	if len(p.Unsafe) == 0 {
		return
	}
	if p.Forced {
		b.WriteString("> [!WARNING]\n> **Unsafe plan, forced:**\n")
	} else {
		b.WriteString("> [!CAUTION]\n> **Unsafe plan:** rerun with `--force` to apply it.\n")
	}
	for _, v := range p.Unsafe {
		b.WriteString("> - " + mdEscape(v.String()) + "\n")
	}
	b.WriteString("\n")
}

// mdProblems lists the changes that cannot be made, if any.
func mdProblems(b *mdWriter, problems []planner.Problem) {
	mdProblemAlert(b, "> [!CAUTION]\n> **Problems:** these changes cannot be made.\n", problems)
}

// mdChangeRequests lists the change requests of environments that require approval, if any.
func mdChangeRequests(b *mdWriter, p *planner.Plan, now time.Time) {
	lines := ChangeRequestLines(p, now)
	if len(lines) == 0 {
		return
	}
	b.WriteString("**Change requests** (environments that require approval):\n")
	for _, l := range lines {
		b.WriteString("- " + mdEscape(l) + "\n")
	}
	b.WriteString("\n")
}

// mdPos is a problem's position as code, followed by a colon, or nothing when it is unknown.
func mdPos(p spec.Pos) string {
	if p.IsZero() {
		return ""
	}
	return "`" + strings.ReplaceAll(p.String(), "`", "'") + "`: "
}

// mdWriter counts what it writes, so that optional parts can be left out past the size limit.
type mdWriter struct {
	*bufio.Writer
	limit   int // negative: none
	written int
	omitted int
}

func (m *mdWriter) WriteString(s string) (int, error) {
	m.written += len(s)
	return m.Writer.WriteString(s)
}

func (m *mdWriter) Write(p []byte) (int, error) {
	m.written += len(p)
	return m.Writer.Write(p)
}

// optional writes s when it fits under the limit, keeping room for the closing lines, else counts it as left out.
func (m *mdWriter) optional(s string) {
	const reserve = 2000
	if m.limit >= 0 && m.written+len(s) > m.limit-reserve {
		m.omitted++
		return
	}
	m.WriteString(s)
}

func mdProduct(b *mdWriter, g *productGroup) {
	fmt.Fprintf(b, "<details open>\n<summary><b>Product %s</b>: %d to create, %d to update, %d to delete</summary>\n\n",
		HTMLText(quote(g.name)), g.creates, g.updates, g.deletes)
	var rows []*planner.Change
	rows = append(rows, g.self...)
	rows = append(rows, g.changes...)
	for _, cg := range g.configs {
		rows = append(rows, cg.self...)
		for _, f := range cg.flags {
			rows = append(rows, f.vars...)
		}
	}
	if len(rows) > 0 {
		b.WriteString("| | Object | Change |\n| :-: | --- | --- |\n")
		for _, c := range rows {
			obj := label(c)
			if c.Kind == planner.KindVariation {
				obj += " of flag " + quote(c.Address.Config+"/"+c.Address.Flag)
			}
			b.optional(fmt.Sprintf("| %c | %s | %s |\n", opMark(c.Op), mdCell(obj+notes(c)), mdCell(strings.Join(changeDetails(c), "\n"))))
		}
		b.WriteString("\n")
	}
	for _, cg := range g.configs {
		for _, f := range cg.flags {
			if len(f.self) == 0 && len(f.values) == 0 {
				continue
			}
			b.optional(mdFlag(cg.name, f))
		}
	}
	b.WriteString("</details>\n\n")
}

// changeDetails are the lines describing a change in the Markdown table.
func changeDetails(c *planner.Change) []string {
	var out []string
	switch c.Op {
	case planner.Create:
		for _, f := range createdFields(c) {
			out = append(out, f[0]+": "+f[1])
		}
		if len(out) == 0 {
			out = append(out, "created")
		}
	case planner.Update:
		for _, f := range c.Fields {
			out = append(out, f.Name+": "+fieldValue(f.Before)+" → "+fieldValue(f.After))
		}
	case planner.Delete:
		out = append(out, "deleted")
	}
	return out
}

// mdFlag writes a collapsible unified diff of one flag: its metadata and the values that change. A created flag
// shows all its values, a deleted one its metadata, a flag whose type changes both in full.
func mdFlag(config string, f *flagGroup) string {
	var created, deleted, before, after *spec.Flag
	for _, c := range f.self {
		switch {
		case c.Op == planner.Create:
			created = c.After.Flag
		case c.Op == planner.Delete:
			deleted = c.Before.Flag
		default:
			before, after = c.Before.Flag, c.After.Flag
		}
	}
	var bl, al []string
	op := byte('~')
	switch {
	case created != nil || deleted != nil:
		if created != nil {
			al = flagLines(f.key, created, nil, nil)
			op = '+'
		}
		if deleted != nil {
			bl = flagLines(f.key, deleted, nil, nil)
			op = '-'
		}
		if created != nil && deleted != nil {
			op = '~'
		}
	default:
		var envs []string
		bv, av := map[string]*spec.EnvValue{}, map[string]*spec.EnvValue{}
		for _, ev := range f.values {
			envs = append(envs, ev.env)
			bv[ev.env], av[ev.env] = ev.v.Before, ev.v.After
		}
		bl = flagLines(f.key, before, envs, bv)
		al = flagLines(f.key, after, envs, av)
	}
	title := fmt.Sprintf("%c flag <code>%s</code>", op, HTMLText(config+"/"+f.key))
	switch {
	case created != nil && deleted != nil:
		title += HTMLText(fmt.Sprintf(" (type changes from %s to %s: deleted and created again)", deleted.Type, created.Type))
	case len(f.self) > 0:
		title += HTMLText(notes(f.self[0]))
	}
	return fmt.Sprintf("<details>\n<summary>%s</summary>\n\n```diff\n%s```\n\n</details>\n\n", title, fence(unified(bl, al, diffContext)))
}

// mdCell makes text safe inside a table cell, lines separated by <br>.
func mdCell(s string) string {
	s = HTMLText(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", "<br>")
}

func mdEscape(s string) string {
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "`", "\\`")
	return r.Replace(s)
}

// fence keeps a diff from closing its code block early.
func fence(s string) string { return strings.ReplaceAll(s, "```", "`\u200b``") }
