package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
)

// resultLine is the summary sentence of an apply result.
func resultLine(r *applier.Result) string {
	if len(r.Failed) == 0 && len(r.Pending) == 0 && r.Err == nil {
		return fmt.Sprintf("Apply complete: %s applied.", changes(len(r.Applied)))
	}
	return fmt.Sprintf("Apply stopped: %s applied, %d failed, %d not applied.", changes(len(r.Applied)), len(r.Failed), len(r.Pending))
}

func changes(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

// where is a change's label and notes with the containers that the label leaves out: `flag "darkMode" (boolean)
// in config "Main" of product "Web"`, and just `product "Web"` for a product.
func where(c *planner.Change) string {
	if in := c.Address.Container(c.Kind); in != "" {
		return label(c) + notes(c) + " " + in
	}
	return label(c) + notes(c)
}

// ResultText writes an apply result for a terminal: what was applied, what failed and what was not tried, and
// the error.
func ResultText(w io.Writer, r *applier.Result, o Options) error {
	t := &textWriter{w: bufio.NewWriter(w), color: o.Color}
	sections := []struct {
		title string
		cs    []planner.Change
	}{{"Applied:", r.Applied}, {"Failed:", r.Failed}, {"Not applied:", r.Pending}}
	for _, s := range sections {
		if len(s.cs) == 0 {
			continue
		}
		t.w.WriteString(s.title + "\n")
		for i := range s.cs {
			c := &s.cs[i]
			t.item(1, opMark(c.Op), where(c))
		}
	}
	if r.Err != nil {
		t.w.WriteString(t.paint(ansiRed, "Error: ") + r.Err.Error() + "\n")
	}
	t.w.WriteString(t.paint(ansiBold, resultLine(r)) + "\n")
	return t.w.Flush()
}

// ResultMarkdown writes an apply result for a step summary: the summary first, then collapsible lists.
func ResultMarkdown(w io.Writer, r *applier.Result) error {
	b := bufio.NewWriter(w)
	b.WriteString("## flagsync apply\n\n**" + resultLine(r) + "**\n\n")
	if r.Err != nil {
		b.WriteString("> [!CAUTION]\n> " + mdEscape(r.Err.Error()) + "\n\n")
	}
	sections := []struct {
		title string
		open  bool
		cs    []planner.Change
	}{{"Failed", true, r.Failed}, {"Not applied", true, r.Pending}, {"Applied", false, r.Applied}}
	for _, s := range sections {
		if len(s.cs) == 0 {
			continue
		}
		open := ""
		if s.open {
			open = " open"
		}
		fmt.Fprintf(b, "<details%s>\n<summary>%s (%d)</summary>\n\n", open, s.title, len(s.cs))
		for i := range s.cs {
			c := &s.cs[i]
			b.WriteString("- `" + string(opMark(c.Op)) + " " + strings.ReplaceAll(where(c), "`", "'") + "`\n")
		}
		b.WriteString("\n</details>\n\n")
	}
	return b.Flush()
}
