package spec

import (
	"fmt"
	"strings"
	"testing"
)

// benchBlockYAML is a block-style file as flagsync writes it: one product, one config, flags with a value per
// environment and a rule in every third.
func benchBlockYAML(flags int) []byte {
	var b strings.Builder
	b.WriteString("products:\n  - name: P\n    environments:\n      - name: Production\n      - name: Staging\n    configs:\n      - name: C\n        flags:\n")
	for f := range flags {
		fmt.Fprintf(&b, "          - key: flag%05d\n            type: boolean\n            hint: bench\n            values:\n", f)
		for _, env := range []string{"Production", "Staging"} {
			if f%3 == 0 {
				fmt.Fprintf(&b, "              %s:\n                rules:\n                  - if: [{attribute: Email, comparator: textEndsWithAnyOf, values: ['@%d.example.com']}]\n                    serve: false\n                default: true\n", env, f)
			} else {
				fmt.Fprintf(&b, "              %s: %t\n", env, f%2 == 0)
			}
		}
	}
	return []byte(b.String())
}

// BenchmarkParse compares the two producers of the loader's nodes on the same block-style file, the figure
// behind scan.go's "several times faster than yaml.v3":
//
//	go test ./spec -run '^$' -bench Parse -benchmem
func BenchmarkParse(b *testing.B) {
	data := benchBlockYAML(2000)
	for _, p := range []struct {
		name  string
		parse func([]byte) ([]document, error)
	}{
		{"fast-scanner", func(d []byte) ([]document, error) {
			docs, ok := scanFast(d)
			if !ok {
				return nil, fmt.Errorf("the fast scanner gave up on the benchmark's file")
			}
			return docs, nil
		}},
		{"yaml.v3", parseWithYAMLv3},
	} {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
