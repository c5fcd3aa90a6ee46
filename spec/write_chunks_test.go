package spec

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestChunkedWriteEqualsOneEncode checks that writing in pieces gives exactly what one yaml.v3 encode gives, at
// every chunk size, on the good fixtures.
func TestChunkedWriteEqualsOneEncode(t *testing.T) {
	inputs, err := filepath.Glob("testdata/good/*.yaml")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no good fixtures: %v", err)
	}
	inputs = append(inputs, "testdata/good/split") // its files are parts of one state
	defer func(n int) { chunkNodes = n }(chunkNodes)
	for _, f := range inputs {
		s, err := Load(f)
		if err != nil {
			t.Fatal(err)
		}
		root := newWriter().node(reflect.ValueOf(s))
		var whole bytes.Buffer
		enc := yaml.NewEncoder(&whole)
		enc.SetIndent(2)
		if err := enc.Encode(root); err != nil {
			t.Fatal(err)
		}
		enc.Close()
		for _, n := range []int{1, 2, 5, 20, 1 << 30} {
			chunkNodes = n
			var got bytes.Buffer
			if err := writeYAML(&got, root); err != nil {
				t.Fatal(err)
			}
			if got.String() != whole.String() {
				t.Fatalf("%s, chunks of %d nodes:\n%s\n--- one encode:\n%s", f, n, got.String(), whole.String())
			}
		}
	}
}
