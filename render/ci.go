package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// shownLoadErrors is how many load errors ValidationMarkdown lists before it points to `flagsync validate`.
const shownLoadErrors = 100

// DriftLines is one line per change of a drift check, marked as in Text: what apply would do, and to what. A
// batch write of values gives one line per flag it changes; every problem gives a line marked "!". Changes
// proposed in a change request and waiting for approval are not drift.
func DriftLines(p *planner.Plan) []string {
	var out []string
	for i := range p.Changes {
		c := &p.Changes[i]
		if p.Waiting(c) {
			continue
		}
		mark := string(opMark(c.Op))
		if c.Kind != planner.KindValues {
			out = append(out, fmt.Sprintf("%s %s %s", mark, c.Kind.Noun(), c.Address.String()))
			continue
		}
		for _, v := range c.Values {
			out = append(out, fmt.Sprintf("%s value of flag %s/%s/%s in %s", mark, c.Address.Product, c.Address.Config, v.Key, c.Address.Environment))
		}
	}
	for _, pr := range p.Problems {
		out = append(out, fmt.Sprintf("! %s %s: %s", pr.Kind.Noun(), pr.Address.String(), pr.Message))
	}
	return out
}

// DriftMarkdown writes the step summary of a drift check that found drift: a caution naming the files at path,
// the DriftLines in a code block, who changed what (blame, from the audit log), the change requests that wait for
// approval, and the plan (MarkdownWith o) folded away below.
func DriftMarkdown(w io.Writer, path string, p *planner.Plan, blame []string, o MarkdownOptions) error {
	b := bufio.NewWriter(w)
	lines := DriftLines(p)
	fmt.Fprintf(b, "## flagsync drift\n\n> [!CAUTION]\n> **The account has drifted from <code>%s</code>.** Apply would make %s to bring it back:\n\n",
		HTMLText(path), changes(len(lines)))
	b.WriteString("```\n" + fence(strings.Join(lines, "\n")) + "\n```\n\n")
	bullets(b, "**Who changed it** (audit log, last 30 days):", blame)
	bullets(b, "**Change requests** (not drift: they wait for approval):", ChangeRequestLines(p, o.Now))
	b.WriteString("<details>\n<summary>The plan</summary>\n\n")
	if err := MarkdownWith(b, p, o); err != nil {
		return err
	}
	b.WriteString("\n</details>\n\n")
	return b.Flush()
}

// bullets writes a bold heading and one escaped bullet per line, or nothing when there are no lines.
func bullets(b *bufio.Writer, heading string, lines []string) {
	if len(lines) == 0 {
		return
	}
	b.WriteString(heading + "\n\n")
	for _, l := range lines {
		b.WriteString("- " + HTMLText(l) + "\n")
	}
	b.WriteString("\n")
}

// ValidationMarkdown writes the step summary of files that failed to load: how many problems the files at path
// have, that nothing reached ConfigCat, and the first shownLoadErrors of them.
func ValidationMarkdown(w io.Writer, command, path string, errs spec.Errors) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "## flagsync %s\n\n**%s in <code>%s</code>; nothing was sent to ConfigCat.**\n\n",
		command, plural(len(errs), "problem"), HTMLText(path))
	for _, le := range errs[:min(len(errs), shownLoadErrors)] {
		fmt.Fprintf(b, "- <code>%s</code>\n", HTMLText(le.Error()))
	}
	if len(errs) > shownLoadErrors {
		fmt.Fprintf(b, "- and %d more: run `flagsync validate %s`\n", len(errs)-shownLoadErrors, path)
	}
	return b.Flush()
}

// HTMLText escapes text for HTML element content (not attributes).
func HTMLText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
