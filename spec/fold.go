package spec

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key folds a name or flag key for identity: ConfigCat compares names and keys case-insensitively. It folds as
// strings.EqualFold does (Unicode simple case folding), so Key(a) == Key(b) exactly when Same(a, b): "Staging"
// and "ſtaging" (U+017F LATIN SMALL LETTER LONG S) are one name, and so are "K" and "K" (U+212A KELVIN SIGN).
// Each rune becomes the canonical member of its case-folding orbit (see foldRune); ASCII becomes lower case.
func Key(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			return foldUnicode(name)
		}
		if 'A' <= c && c <= 'Z' {
			return foldASCIIFrom(name, i)
		}
	}
	return name // already folded: no allocation on the hot path
}

// compareKeys compares Key(a) with Key(b) without building them while both are ASCII.
func compareKeys(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca >= utf8.RuneSelf || cb >= utf8.RuneSelf {
			return strings.Compare(Key(a), Key(b))
		}
		if ca, cb = lowerASCII(ca), lowerASCII(cb); ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b)) // Key folds rune by rune: equal prefixes fold alike, and the longer is greater
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Same reports whether two names or keys denote the same object.
func Same(a, b string) bool { return strings.EqualFold(a, b) }

// foldASCIIFrom lower-cases an ASCII-only name whose first upper-case letter is at i; it falls back to
// foldUnicode if a non-ASCII byte follows.
func foldASCIIFrom(name string, i int) string {
	b := []byte(name)
	for ; i < len(b); i++ {
		c := b[i]
		if c >= utf8.RuneSelf {
			return foldUnicode(name)
		}
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func foldUnicode(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune returns the canonical member of r's orbit under unicode.SimpleFold (the runes strings.EqualFold
// treats as equal): the smallest lower-case member, or the smallest member when none is lower case. For an
// ASCII letter that is its lower case, even where the orbit holds non-ASCII runes (k, K and U+212A).
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	best, bestLower := r, unicode.IsLower(r)
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		lower := unicode.IsLower(f)
		if lower && !bestLower || lower == bestLower && f < best {
			best, bestLower = f, lower
		}
	}
	return best
}
