package spec

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	yamlv4 "go.yaml.in/yaml/v4"
)

// syntaxProblem is a YAML syntax error at the place a person has to fix it.
type syntaxProblem struct {
	line, column int // 1-based; column counts characters; 0 when unknown
	msg          string
}

// badCharacter finds the first character YAML does not allow anywhere in a file: invalid UTF-8, a control
// character other than tab and line breaks, or a byte order mark after the start. yaml.v3 reports these without
// a position, so the loader looks for them itself before parsing.
func badCharacter(data []byte) *syntaxProblem {
	line, column := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		var msg string
		switch {
		case r == utf8.RuneError && size <= 1:
			msg = fmt.Sprintf("byte 0x%02X is not valid UTF-8; save the file as UTF-8", data[i])
		case r == 0:
			msg = "a NUL byte (U+0000) is not allowed in YAML; remove it (is this a binary file?)"
		case r == '\uFEFF' && i > 0:
			msg = "a byte order mark (U+FEFF) is allowed only at the very start of a file; remove it"
		case !printable(r):
			msg = fmt.Sprintf("control character U+%04X is not allowed in YAML; remove it, or write it as an "+
				"escape such as \"\\u%04X\" inside double quotes", r, r)
		}
		if msg != "" {
			return &syntaxProblem{line, column, msg}
		}
		i += size
		if r == '\n' {
			line, column = line+1, 1
		} else {
			column++
		}
	}
	return nil
}

// printable reports whether YAML allows r in a file as it is (YAML 1.2 c-printable).
func printable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		return true
	case r < 0x20 || r == 0x7F:
		return false
	case r >= 0x80 && r < 0xA0:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}
	return true
}

// yamlLine splits a yaml.v3 error message into its line, when it names one, and the message.
var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// locate finds where a YAML syntax error is. yaml.v3's messages carry a line only (often the line a construct
// started on rather than the one that breaks it) and never a column; go.yaml.in/yaml/v4, the same parser with
// its marks exposed, reads the same bytes again to find the place. It runs only for a file that failed.
func locate(data []byte, v3err error) *syntaxProblem {
	p := &syntaxProblem{msg: strings.TrimPrefix(v3err.Error(), "yaml: ")}
	if m := yamlLine.FindStringSubmatch(v3err.Error()); m != nil {
		fmt.Sscan(m[1], &p.line)
		p.msg = m[2]
	}
	dec := yamlv4.NewDecoder(bytes.NewReader(data))
	for {
		var doc yamlv4.Node
		err := dec.Decode(&doc)
		var le *yamlv4.LoadError
		switch {
		case err == nil:
			continue
		case errors.As(err, &le) && le.Mark.Line > 0:
			return explain(data, le)
		}
		return p
	}
}

// explain turns a located parser error into one place and a message that says what to do.
func explain(data []byte, le *yamlv4.LoadError) *syntaxProblem {
	at := &syntaxProblem{line: le.Mark.Line, column: le.Mark.Column, msg: le.Message}
	ctx := fmt.Sprintf("%d:%d", le.ContextMark.Line, le.ContextMark.Column)
	switch {
	case charAt(data, at.line, at.column) == '\t' || strings.Contains(le.Message, "tab character"):
		at.column = tabColumn(data, at.line, at.column)
		at.msg = "a tab indents this line; YAML indents with spaces only, so replace the tab with spaces"
	case strings.HasPrefix(le.Message, "unknown anchor"):
		name := strings.TrimSuffix(strings.TrimPrefix(le.Message, "unknown anchor '"), "' referenced")
		at.msg = fmt.Sprintf("alias *%s refers to no anchor; define &%s earlier in the same document, or write "+
			"the value out", name, name)
	case le.ContextMsg == "while scanning a quoted scalar":
		at.line, at.column = le.ContextMark.Line, le.ContextMark.Column
		at.msg = fmt.Sprintf("this quoted text is never closed; add the closing %c", charAt(data, at.line, at.column))
	case le.ContextMsg == "while parsing a flow node":
		at.msg = le.Message + "; look for a [ or { before this point that is never closed"
	case strings.HasPrefix(le.ContextMsg, "while parsing a flow"):
		at.msg = fmt.Sprintf("%s: the %s opened at %s is not closed or is missing a comma", le.Message,
			strings.TrimPrefix(le.ContextMsg, "while parsing a flow "), ctx)
	case strings.HasPrefix(le.ContextMsg, "while parsing a block"):
		at.msg = fmt.Sprintf("%s: this line is indented differently from the %s that starts at %s; line it up "+
			"with the items or fields around it", le.Message, strings.TrimPrefix(le.ContextMsg, "while parsing a block "),
			ctx)
	case le.Message == "mapping values are not allowed in this context":
		at.msg = "a colon here starts a mapping where none can start; quote the text if it holds \": \", or " +
			"check the indentation of this line"
	case le.Message == "found character that cannot start any token":
		at.msg = fmt.Sprintf("%q cannot start a value here; quote the text", charAt(data, at.line, at.column))
	}
	return at
}

// charAt returns the character at a 1-based line and column, or 0.
func charAt(data []byte, line, column int) rune {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 0
	}
	runes := []rune(string(lines[line-1]))
	if column < 1 || column > len(runes) {
		return 0
	}
	return runes[column-1]
}

// tabColumn returns the column of the first tab on a line at or before column, or column itself.
func tabColumn(data []byte, line, column int) int {
	for c := 1; c <= column; c++ {
		if charAt(data, line, c) == '\t' {
			return c
		}
	}
	return column
}
