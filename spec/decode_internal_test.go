package spec

import (
	"fmt"
	"testing"
)

// TestSeenKeys checks that a key is found where it was first written, folded or not, in small mappings and in
// mappings too large for the look-back.
func TestSeenKeys(t *testing.T) {
	for _, size := range []int{3, 16, 17, 40} {
		for _, fold := range []bool{false, true} {
			seen := seenKeys{fold: fold}
			keys := make([]node, size)
			for i := range keys {
				keys[i] = node{kind: scalarNode, value: fmt.Sprintf("Env %d", i), line: int32(i + 1)}
				if seen.find(keys[i].value) != nil {
					t.Fatalf("size %d: %q found before it was added", size, keys[i].value)
				}
				seen.add(&keys[i])
			}
			for i := range keys {
				exact, folded := fmt.Sprintf("Env %d", i), fmt.Sprintf("ENV %d", i)
				if got := seen.find(exact); got != &keys[i] {
					t.Errorf("size %d fold %v: %q found at %v, want line %d", size, fold, exact, got, i+1)
				}
				if got := seen.find(folded); (got != nil) != fold || fold && got != &keys[i] {
					t.Errorf("size %d fold %v: %q found at %v", size, fold, folded, got)
				}
			}
		}
	}
}
