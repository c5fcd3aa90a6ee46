package spec

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast scanner reads the block-style subset of YAML that flagsync's writer produces and that flag files are
// usually written in, straight into the loader's nodes, about ten times faster than yaml.v3 and without its
// garbage: block mappings and sequences (indentless sequences under a key too), plain, single- and
// double-quoted scalars on one line, flow collections of such scalars on one line ({segment: Staff},
// [a, 'b']), comments and blank lines, one document. Anything else (anchors, aliases, tags, block scalars,
// multi-line scalars or flow collections, complex keys, document markers, directives, tabs, CR line breaks,
// a byte order mark, odd indentation) makes it give up, and yaml.v3 parses the file instead: the scanner never
// has to get an error's position right, it only has to build, for what it accepts, the tree yaml.v3 would.
// FuzzScanner checks that it does.

// notSimple is the panic value with which the scanner gives up; scanFast recovers it.
type notSimple struct{}

// scanner reads one file line by line.
type scanner struct {
	src    string
	off    int    // where the next line starts
	lineNo int32  // the current line's number, 1-based
	text   string // the current line, without its line break
	indent int    // spaces before the current line's content; -1 at the end of the file
	eof    bool
	ascii  bool              // the current line is ASCII, so a column is a byte offset plus one
	stack  []node            // children of the collections being read, copied out when each one ends
	texts  map[string]string // the texts read so far, each copied out of src once
}

// scanFast parses data with the fast scanner; ok is false when data holds anything outside its subset. The
// nodes' texts are copies, one per distinct text (a large file repeats its keys and most of its values), never
// a part of data: the file's buffer is garbage once it is parsed, not once its tree is decoded, which keeps it
// out of the heap at the load's peak (late in decoding, when the state is nearly built). data must not change
// while it is parsed.
func scanFast(data []byte) (docs []document, ok bool) {
	if len(data) == 0 || !simpleBytes(data) {
		return nil, len(data) == 0
	}
	defer func() {
		if r := recover(); r != nil {
			if _, giveUp := r.(notSimple); !giveUp {
				panic(r)
			}
			docs, ok = nil, false
		}
	}()
	s := &scanner{src: unsafe.String(unsafe.SliceData(data), len(data)), texts: map[string]string{}}
	s.next()
	if s.eof {
		return nil, true // comments and blank lines only: no document
	}
	root := s.block()
	if !s.eof {
		s.giveUp() // content less indented than the root, or a second root
	}
	return []document{{root: &root}}, true
}

// simpleBytes reports whether data is free of what the scanner never reads: tabs, carriage returns, a byte
// order mark, and the line breaks YAML 1.1 adds (NEL, LS, PS).
func simpleBytes(data []byte) bool {
	return bytes.IndexByte(data, '\t') < 0 && bytes.IndexByte(data, '\r') < 0 &&
		!bytes.Contains(data, []byte("\uFEFF")) && !bytes.Contains(data, []byte("\u0085")) &&
		!bytes.Contains(data, []byte("\u2028")) && !bytes.Contains(data, []byte("\u2029"))
}

func (s *scanner) giveUp() { panic(notSimple{}) }

// next moves to the next line with content, skipping blank lines and comments.
func (s *scanner) next() {
	for s.off < len(s.src) {
		line := s.src[s.off:]
		if end := strings.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		s.off += len(line) + 1
		s.lineNo++
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		if ind == len(line) || line[ind] == '#' {
			continue
		}
		if ind == 0 && (marker(line, "---") || marker(line, "...") || line[0] == '%') {
			s.giveUp() // documents and directives
		}
		s.text, s.indent, s.ascii = line, ind, isASCII(line)
		return
	}
	s.text, s.indent, s.eof = "", -1, true
}

// marker reports whether line starts with a document marker (--- or ...).
func marker(line, m string) bool {
	return strings.HasPrefix(line, m) && (len(line) == 3 || line[3] == ' ')
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// column returns the 1-based column, in characters, of byte offset off of the current line.
func (s *scanner) column(off int) int32 {
	if s.ascii {
		return int32(off + 1)
	}
	return int32(utf8.RuneCountInString(s.text[:off]) + 1)
}

// block reads the node that starts the current line: a sequence, a mapping or a one-line value. Nodes are
// returned by value, so that building the tree allocates nothing but the slices of children.
func (s *scanner) block() node {
	ind := s.indent
	switch {
	case seqEntry(s.text, ind):
		return s.sequence(ind)
	case s.keyEnd(ind) >= 0:
		return s.mapping(ind, ind)
	}
	return s.lineValue(ind)
}

// seqEntry reports whether a "- " sequence entry starts at byte i of line.
func seqEntry(line string, i int) bool {
	return i < len(line) && line[i] == '-' && (i+1 == len(line) || line[i+1] == ' ')
}

// mapping reads a block mapping whose keys are indented ind spaces; its first key is at byte at of the current
// line (after "- " when the mapping is a sequence item).
func (s *scanner) mapping(ind, at int) node {
	n := node{kind: mappingNode, line: s.lineNo, column: s.column(at)}
	base := len(s.stack)
	for {
		k, v := s.entry(ind, at)
		s.stack = append(s.stack, k, v)
		if s.eof || s.indent < ind {
			break
		}
		if s.indent > ind || s.keyEnd(ind) < 0 {
			s.giveUp() // an error, or a construct the scanner does not read
		}
		at = ind
	}
	n.setKids(s.collect(base))
	return n
}

// collect moves the children pushed since base into a slice of their own.
func (s *scanner) collect(base int) []node {
	kids := make([]node, len(s.stack)-base)
	copy(kids, s.stack[base:])
	clear(s.stack[base:])
	s.stack = s.stack[:base]
	return kids
}

// entry reads one key and its value; the key is at byte at of the current line, in a mapping indented ind.
func (s *scanner) entry(ind, at int) (k, v node) {
	colon := s.keyEnd(at)
	k = s.scalar(at, colon)
	rest := skipSpaces(s.text, colon+1)
	if rest < len(s.text) && s.text[rest] != '#' {
		v = s.lineValue(rest)
	} else {
		line, col := s.lineNo, s.column(colon+1)
		s.next()
		switch {
		case !s.eof && s.indent > ind:
			v = s.block()
		case !s.eof && s.indent == ind && seqEntry(s.text, ind):
			v = s.sequence(ind) // an indentless sequence
		default:
			v = node{kind: scalarNode, null: true, line: line, column: col}
		}
	}
	if !s.eof && s.indent > ind {
		s.giveUp() // a value continued on a more indented line, or bad indentation
	}
	return k, v
}

// sequence reads a block sequence whose dashes are indented ind spaces.
func (s *scanner) sequence(ind int) node {
	n := node{kind: sequenceNode, line: s.lineNo, column: s.column(ind)}
	base := len(s.stack)
	for {
		var item node
		rest := skipSpaces(s.text, ind+1)
		switch {
		case rest == len(s.text) || s.text[rest] == '#':
			line, col := s.lineNo, s.column(ind+1)
			s.next()
			if !s.eof && s.indent > ind {
				item = s.block()
			} else {
				item = node{kind: scalarNode, null: true, line: line, column: col}
			}
		case seqEntry(s.text, rest):
			s.giveUp() // a sequence nested on the same line
		case s.keyEnd(rest) >= 0:
			item = s.mapping(rest, rest)
		default:
			item = s.lineValue(rest)
		}
		s.stack = append(s.stack, item)
		if !s.eof && s.indent > ind {
			s.giveUp()
		}
		if s.eof || s.indent < ind || !seqEntry(s.text, ind) {
			break
		}
	}
	n.setKids(s.collect(base))
	return n
}

// lineValue reads the value that starts at byte at and takes the rest of the current line, and moves on.
func (s *scanner) lineValue(at int) node {
	var n node
	var end int
	switch s.text[at] {
	case '[', '{':
		n, end = s.flow(at)
	case '\'', '"':
		n, end = s.quoted(at)
	default:
		end = s.plainEnd(at, false)
		n = s.scalar(at, end)
	}
	s.lineEnd(end)
	s.next()
	return n
}

// lineEnd checks that only spaces and a comment follow byte off of the current line.
func (s *scanner) lineEnd(off int) {
	rest := skipSpaces(s.text, off)
	if rest < len(s.text) && (s.text[rest] != '#' || s.text[rest-1] != ' ') {
		s.giveUp()
	}
}

func skipSpaces(line string, i int) int {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// maxKeyBytes is the longest key the scanner reads: yaml.v3 refuses an implicit key longer than 1024
// characters (counted up to its colon), and a character takes at least a byte.
const maxKeyBytes = 1000

// keyEnd returns the offset of the colon that ends a block mapping key starting at byte at of the current line,
// or -1 when no key starts there.
func (s *scanner) keyEnd(at int) int {
	t := s.text
	var end int
	switch t[at] {
	case '\'', '"':
		end = quotedEnd(t, at)
		if end < 0 {
			return -1
		}
	case '[', '{', '?':
		return -1
	default:
		if !plainStart(t, at, false) {
			return -1
		}
		end = at
		for end < len(t) && !(t[end] == ':' && (end+1 == len(t) || t[end+1] == ' ')) {
			if t[end] == '#' && t[end-1] == ' ' {
				return -1 // a comment: no colon follows
			}
			end++
		}
	}
	if end >= len(t) || t[end] != ':' || end+1 < len(t) && t[end+1] != ' ' {
		return -1
	}
	if end-at > maxKeyBytes {
		s.giveUp() // yaml.v3 limits implicit keys to 1024 characters
	}
	return end
}

// plainStart reports whether a plain scalar may start at byte i of line; the scanner gives up on the
// characters that start other constructs.
func plainStart(line string, i int, flow bool) bool {
	c := line[i]
	next := byte(' ')
	if i+1 < len(line) {
		next = line[i+1]
	}
	switch c {
	case '&', '*', '!', '|', '>', '%', '@', '`', ',', '[', ']', '{', '}', '#', '\'', '"':
		return false
	case '-', '?', ':':
		return next != ' ' && !(flow && (c != '-' || strings.IndexByte(",[]{}", next) >= 0))
	}
	return true
}

// plainEnd returns where a plain scalar starting at byte at of the current line ends (before a comment, or at
// the end of the line; in a flow collection also before , ] or } or ": "), giving up on what the scanner does
// not read.
func (s *scanner) plainEnd(at int, flow bool) int {
	t := s.text
	if !plainStart(t, at, flow) {
		s.giveUp()
	}
	end := at
	for ; end < len(t); end++ {
		c := t[end]
		switch {
		case c == '#' && t[end-1] == ' ':
			return end
		case c == ':' && (end+1 == len(t) || t[end+1] == ' '):
			if !flow {
				s.giveUp() // a mapping where none can start: an error
			}
			return end
		case flow && (c == ',' || c == ']' || c == '}'):
			return end
		case flow && (c == ':' || c == '?' || c == '[' || c == '{'):
			s.giveUp()
		}
	}
	return end
}

// scalar returns the scalar written between bytes at and end of the current line: quoted, or plain with its
// trailing spaces dropped.
func (s *scanner) scalar(at, end int) node {
	t := s.text
	if t[at] == '\'' || t[at] == '"' {
		n, _ := s.quoted(at)
		return n
	}
	v := s.own(strings.TrimRight(t[at:end], " "))
	return node{kind: scalarNode, line: s.lineNo, column: s.column(at), value: v, null: nullWord(v), merge: v == "<<"}
}

// own returns text (a part of the file or of a line the scanner built) as a copy of its own, the same copy for
// the same text.
func (s *scanner) own(text string) string {
	if t, ok := s.texts[text]; ok {
		return t
	}
	t := strings.Clone(text)
	s.texts[t] = t
	return t
}

// quotedEnd returns the offset just after the quoted scalar that starts at byte at of line, or -1 when it does
// not close on the line.
func quotedEnd(line string, at int) int {
	q := line[at]
	for i := at + 1; i < len(line); i++ {
		switch {
		case q == '\'' && line[i] == '\'':
			if i+1 < len(line) && line[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		case q == '"' && line[i] == '\\':
			i++
		case q == '"' && line[i] == '"':
			return i + 1
		}
	}
	return -1
}

// quoted reads the quoted scalar at byte at of the current line and returns it and the offset after it.
func (s *scanner) quoted(at int) (node, int) {
	t := s.text
	end := quotedEnd(t, at)
	if end < 0 {
		s.giveUp() // a quoted scalar over several lines
	}
	body := t[at+1 : end-1]
	n := node{kind: scalarNode, line: s.lineNo, column: s.column(at)}
	if t[at] == '\'' {
		n.style, n.value = singleQuotedStyle, s.own(strings.ReplaceAll(body, "''", "'"))
	} else {
		n.style, n.value = doubleQuotedStyle, s.own(s.unescape(body))
	}
	return n, end
}

// unescape reads the escapes of a double-quoted scalar, giving up on any but the common ones.
func (s *scanner) unescape(body string) string {
	if strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(body) {
			s.giveUp()
		}
		if r, ok := simpleEscapes[body[i]]; ok {
			b.WriteString(r)
			continue
		}
		width := escapeWidths[body[i]]
		if width == 0 || i+width >= len(body) {
			s.giveUp()
		}
		code, err := strconv.ParseUint(body[i+1:i+1+width], 16, 32)
		if err != nil || !utf8.ValidRune(rune(code)) {
			s.giveUp()
		}
		b.WriteRune(rune(code))
		i += width
	}
	return b.String()
}

// escapeWidths are the numbers of hexadecimal digits after \x, \u and \U.
var escapeWidths = map[byte]int{'x': 2, 'u': 4, 'U': 8}

// simpleEscapes are the one-character escapes of double-quoted YAML scalars.
var simpleEscapes = map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
	'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0",
	'L': "\u2028", 'P': "\u2029"}

// flow reads a flow sequence or mapping that starts at byte at and closes on the current line, and returns it
// and the offset after it.
func (s *scanner) flow(at int) (node, int) {
	t := s.text
	closing := byte(']')
	n := node{kind: sequenceNode, line: s.lineNo, column: s.column(at)}
	if t[at] == '{' {
		closing, n.kind = '}', mappingNode
	}
	base := len(s.stack)
	i := skipSpaces(t, at+1)
	for i < len(t) && t[i] != closing {
		var item node
		start := i
		item, i = s.flowNode(i)
		s.stack = append(s.stack, item)
		if n.kind == mappingNode {
			if i+1 >= len(t) || t[i] != ':' || t[i+1] != ' ' {
				s.giveUp() // a key without a value, or "key:value"
			}
			if i-start > maxKeyBytes {
				s.giveUp() // yaml.v3 limits implicit keys to 1024 characters
			}
			var value node
			value, i = s.flowNode(skipSpaces(t, i+1))
			s.stack = append(s.stack, value)
		}
		if i < len(t) && t[i] == ',' {
			i = skipSpaces(t, i+1)
			if i < len(t) && t[i] == closing {
				s.giveUp() // a trailing comma
			}
		} else if i >= len(t) || t[i] != closing {
			s.giveUp()
		}
	}
	if i >= len(t) {
		s.giveUp() // the collection goes on over several lines
	}
	n.setKids(s.collect(base))
	return n, i + 1
}

// flowNode reads one node of a flow collection at byte at and returns it and the offset of what follows it,
// spaces skipped.
func (s *scanner) flowNode(at int) (node, int) {
	t := s.text
	if at >= len(t) {
		s.giveUp()
	}
	var n node
	var end int
	switch t[at] {
	case '[', '{':
		n, end = s.flow(at)
	case '\'', '"':
		n, end = s.quoted(at)
	default:
		end = s.plainEnd(at, true)
		if end == at {
			s.giveUp() // an empty node
		}
		n = s.scalar(at, end)
	}
	return n, skipSpaces(t, end)
}
