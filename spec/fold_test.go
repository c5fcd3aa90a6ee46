package spec_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/flagsync/flagsync/spec"
)

// TestKeyFoldsLikeEqualFold checks every rune: Key maps all members of a case-folding orbit to one rune, so
// that Key(a) == Key(b) exactly when strings.EqualFold(a, b).
func TestKeyFoldsLikeEqualFold(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		k := spec.Key(string(r))
		if !strings.EqualFold(k, string(r)) {
			t.Fatalf("Key(%U) = %q, which strings.EqualFold does not take for the same", r, k)
		}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if spec.Key(string(f)) != k {
				t.Fatalf("Key(%U) = %q but Key(%U) = %q; EqualFold takes them for the same", r, k, f, spec.Key(string(f)))
			}
		}
	}
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Staging", "ſtaging"}, // U+017F LATIN SMALL LETTER LONG S
		{"K", "\u212A"},        // KELVIN SIGN
		{"newCheckout", "NEWCHECKOUT"},
		{"Éles", "éLES"},
		{"ΣΊΣΥΦΟΣ", "σίσυφος"},
	} {
		if spec.Key(c.a) != spec.Key(c.b) || !spec.Same(c.a, c.b) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want the same", c.a, spec.Key(c.a), c.b, spec.Key(c.b))
		}
	}
	for _, c := range []struct{ in, want string }{{"Production", "production"}, {"a_B", "a_b"}, {"ok", "ok"}} {
		if got := spec.Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if spec.Same("İ", "i") || spec.Key("İ") == spec.Key("i") {
		t.Errorf("U+0130 is not in i's folding orbit: Key and Same must keep them apart")
	}
}

func BenchmarkKey(b *testing.B) {
	names := []string{"production", "Production", "newCheckoutFlow_v2", "Éles környezet"}
	for i := 0; i < b.N; i++ {
		for _, n := range names {
			_ = spec.Key(n)
		}
	}
}
