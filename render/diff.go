package render

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffLine is one line of a line diff: op is ' ' (both sides), '-' (before only) or '+' (after only).
type diffLine struct {
	op   byte
	text string
}

// lineDiff compares two renderings line by line.
func lineDiff(before, after []string) []diffLine {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(joinLines(before), joinLines(after))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out []diffLine
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for _, l := range strings.SplitAfter(d.Text, "\n") {
			if l == "" {
				continue
			}
			out = append(out, diffLine{op: op, text: strings.TrimSuffix(l, "\n")})
		}
	}
	return out
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// unified renders a line diff as the body of a ```diff block, keeping context lines around changes and
// eliding longer unchanged runs.
func unified(before, after []string, context int) string {
	ds := lineDiff(before, after)
	keep := make([]bool, len(ds))
	for i, d := range ds {
		if d.op == ' ' {
			continue
		}
		for j := max(0, i-context); j <= min(len(ds)-1, i+context); j++ {
			keep[j] = true
		}
	}
	var b strings.Builder
	skipped := false
	section := "" // the environment heading the current line is under, named on every hunk header
	for i, d := range ds {
		if isEnvHeading(d.text) {
			section = strings.TrimSpace(d.text)
		}
		if !keep[i] {
			skipped = true
			continue
		}
		if skipped {
			b.WriteString(strings.TrimRight("@@ … @@ "+section, " ") + "\n")
			skipped = false
		}
		b.WriteByte(d.op)
		b.WriteString(d.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// isEnvHeading reports whether a line of flagLines is an environment's heading ("  Production:").
func isEnvHeading(line string) bool {
	return strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && strings.HasSuffix(line, ":")
}
