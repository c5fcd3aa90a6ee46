package spec

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameTree describes the first difference between the fast scanner's tree and yaml.v3's, or returns "".
func sameTree(fast, slow *node, path string) string {
	switch {
	case fast == nil || slow == nil:
		if fast != slow {
			return fmt.Sprintf("%s: fast %v, yaml.v3 %v", path, fast, slow)
		}
		return ""
	case fast.kind != slow.kind:
		return fmt.Sprintf("%s: kind %d, yaml.v3 %d", path, fast.kind, slow.kind)
	case fast.value != slow.value:
		return fmt.Sprintf("%s: value %q, yaml.v3 %q", path, fast.value, slow.value)
	case fast.style != slow.style || fast.tag() != slow.tag():
		return fmt.Sprintf("%s (%q): style %d tag %q, yaml.v3 %d %q", path, fast.value, fast.style, fast.tag(),
			slow.style, slow.tag())
	case fast.line != slow.line || fast.column != slow.column:
		return fmt.Sprintf("%s (%q): at %d:%d, yaml.v3 %d:%d", path, fast.value, fast.line, fast.column, slow.line,
			slow.column)
	case len(fast.kids()) != len(slow.kids()):
		return fmt.Sprintf("%s: %d children, yaml.v3 %d", path, len(fast.kids()), len(slow.kids()))
	}
	for i := range fast.kids() {
		if d := sameTree(&fast.kids()[i], &slow.kids()[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkScanner parses data with both parsers: whenever the fast scanner accepts it, yaml.v3 must accept it too
// and build the same tree. It reports whether the fast scanner accepted it.
func checkScanner(t *testing.T, data []byte) bool {
	t.Helper()
	if badCharacter(data) != nil {
		return false // the loader refuses these before parsing
	}
	fast, ok := scanFast(data)
	if !ok {
		return false
	}
	slow, err := parseWithYAMLv3(data)
	if err != nil {
		t.Fatalf("the fast scanner accepts what yaml.v3 refuses (%v):\n%s", err, data)
	}
	if len(fast) != len(slow) {
		t.Fatalf("%d documents, yaml.v3 %d:\n%s", len(fast), len(slow), data)
	}
	for i := range fast {
		if d := sameTree(fast[i].root, slow[i].root, "doc"+fmt.Sprint(i)); d != "" {
			t.Fatalf("trees differ at %s:\n%s", d, data)
		}
	}
	return true
}

// yamlFixtures returns the contents of every YAML file under testdata (links left out).
func yamlFixtures(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir("testdata", func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() || !isYAMLName(path) {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScannerMatchesYAMLv3 checks the fast scanner against yaml.v3 on every fixture, and that it reads the
// files flagsync writes (the good fixtures' goldens) rather than giving up on them.
func TestScannerMatchesYAMLv3(t *testing.T) {
	accepted := 0
	for _, data := range yamlFixtures(t) {
		if checkScanner(t, data) {
			accepted++
		}
	}
	t.Logf("the fast scanner read %d fixtures; yaml.v3 the others", accepted)
	goldens, _ := filepath.Glob("testdata/good/*.golden")
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if !checkScanner(t, data) {
			t.Errorf("the fast scanner gives up on %s, which Write wrote", g)
		}
	}
	if accepted < 40 {
		t.Errorf("the fast scanner read only %d fixtures", accepted)
	}
}

// TestScannerGivesUp lists inputs outside the scanner's subset: each must go to yaml.v3.
func TestScannerGivesUp(t *testing.T) {
	for _, in := range []string{
		"a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n", "a: b\n  c\n",
		"a: [1,\n  2]\n", "? a\n: b\n", "%YAML 1.2\n---\na: 1\n", "---\na: 1\n", "a: 1\n---\nb: 2\n",
		"a:\n\tb: 1\n", "a: 1\r\nb: 2\r\n", "\uFEFFa: 1\n", "a: 'x\n  y'\n", "a: b: c\n", "- - a\n",
		"a: 1\n b: 2\n", "a:\n  - 1\n   - 2\n", "{a: 1}: b\n", "a: \"\\q\"\n", "a: [b, ]\n", "a: {b}\n",
		"a: {" + strings.Repeat("k", 1100) + ": v}\n", strings.Repeat("k", 1100) + ": v\n",
	} {
		if _, ok := scanFast([]byte(in)); ok {
			t.Errorf("the fast scanner read %q", in)
		}
	}
}

// TestScannerReads lists inputs inside the subset, with what each must read as (kinds and values, in order).
func TestScannerReads(t *testing.T) {
	for in, want := range map[string]string{
		"a: 1\n":                            "map(a 1)",
		"a:\n- x\n- 'y'\nb: ~\n":            "map(a seq(x y) b ~)",
		"- k: v\n  l: [1, \"2\", {m: n}]\n": "seq(map(k v l seq(1 2 map(m n))))",
		"# only a comment\n":                "",
		"a: 'it''s' # comment\n":            "map(a it's)",
		"a: \"\\u00e9\\n\"\n":               "map(a é\n)",
		"café: ünï # x\nb:\n":               "map(café ünï b )",
	} {
		docs, ok := scanFast([]byte(in))
		if !ok {
			t.Errorf("the fast scanner gave up on %q", in)
			continue
		}
		var got []string
		for _, d := range docs {
			got = append(got, showTree(d.root))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q reads as %q, want %q", in, strings.Join(got, " "), want)
		}
		checkScanner(t, []byte(in))
	}
}

// showTree writes a tree compactly: map(k v ...), seq(...), scalars as their values.
func showTree(n *node) string {
	var parts []string
	for i := range n.kids() {
		parts = append(parts, showTree(&n.kids()[i]))
	}
	switch n.kind {
	case mappingNode:
		return "map(" + strings.Join(parts, " ") + ")"
	case sequenceNode:
		return "seq(" + strings.Join(parts, " ") + ")"
	}
	return n.value
}

// FuzzScanner checks the fast scanner against yaml.v3 on arbitrary input, seeded with every fixture.
func FuzzScanner(f *testing.F) {
	for _, data := range yamlFixtures(f) {
		if len(data) < 16<<10 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScanner(t, data)
	})
}

// TestScannerTextsAreCopies checks that the fast scanner's nodes hold no part of the file (so that a large
// file's buffer can be freed as soon as it is parsed): overwriting the file after parsing changes no text.
func TestScannerTextsAreCopies(t *testing.T) {
	data := []byte("plain: text\nsingle: 'it''s'\nlist:\n  - item\n  - {key: \"quoted\"}\n  - [a, b]\n")
	docs, ok := scanFast(data)
	if !ok {
		t.Fatal("the fast scanner gave up on block-style YAML")
	}
	want := nodeTexts(docs[0].root, nil)
	for i, text := range want {
		want[i] = strings.Clone(text) // not the node's text, which this checks
	}
	for i := range data {
		data[i] = 'z'
	}
	if got := nodeTexts(docs[0].root, nil); !slices.Equal(got, want) {
		t.Errorf("texts after the file changed: %q, want %q", got, want)
	}
	if len(want) != 14 { // the collections' empty texts too
		t.Errorf("%d texts %q, want 14", len(want), want)
	}
}

// nodeTexts appends the texts of n and its descendants to out.
func nodeTexts(n *node, out []string) []string {
	out = append(out, n.value)
	for i := range n.kids() {
		out = nodeTexts(&n.kids()[i], out)
	}
	return out
}
