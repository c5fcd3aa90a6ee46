package spec

import (
	"strings"
	"testing"
)

// TestCompareKeys checks that compareKeys orders names as their folded keys do, ASCII or not.
func TestCompareKeys(t *testing.T) {
	names := []string{"", "a", "A", "ab", "aB", "b", "Env 0", "env 1", "ſtaging", "Staging", "K", "\u212A", "ka",
		"Z", "é", "É", "e", "[", "_", "a\u212A"}
	for _, a := range names {
		for _, b := range names {
			if got, want := compareKeys(a, b), strings.Compare(Key(a), Key(b)); got != want {
				t.Errorf("compareKeys(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
