package spec

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// lookalikes names the Cyrillic and Greek letters that look like Latin ones: a name that mixes them with Latin
// letters ("Prоduction" with U+043E) reads as one name and is another.
var lookalikes = map[rune]string{
	'а': "CYRILLIC SMALL LETTER A", 'е': "CYRILLIC SMALL LETTER IE", 'о': "CYRILLIC SMALL LETTER O",
	'р': "CYRILLIC SMALL LETTER ER", 'с': "CYRILLIC SMALL LETTER ES", 'у': "CYRILLIC SMALL LETTER U",
	'х': "CYRILLIC SMALL LETTER HA", 'і': "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
	'ј': "CYRILLIC SMALL LETTER JE", 'ѕ': "CYRILLIC SMALL LETTER DZE", 'һ': "CYRILLIC SMALL LETTER SHHA",
	'ԁ': "CYRILLIC SMALL LETTER KOMI DE", 'ԛ': "CYRILLIC SMALL LETTER QA", 'ԝ': "CYRILLIC SMALL LETTER WE",
	'к': "CYRILLIC SMALL LETTER KA", 'А': "CYRILLIC CAPITAL LETTER A", 'В': "CYRILLIC CAPITAL LETTER VE",
	'Е': "CYRILLIC CAPITAL LETTER IE", 'К': "CYRILLIC CAPITAL LETTER KA", 'М': "CYRILLIC CAPITAL LETTER EM",
	'Н': "CYRILLIC CAPITAL LETTER EN", 'О': "CYRILLIC CAPITAL LETTER O", 'Р': "CYRILLIC CAPITAL LETTER ER",
	'С': "CYRILLIC CAPITAL LETTER ES", 'Т': "CYRILLIC CAPITAL LETTER TE", 'Х': "CYRILLIC CAPITAL LETTER HA",
	'І': "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I", 'Ј': "CYRILLIC CAPITAL LETTER JE",
	'Ѕ': "CYRILLIC CAPITAL LETTER DZE", 'Ү': "CYRILLIC CAPITAL LETTER STRAIGHT U",
	'Α': "GREEK CAPITAL LETTER ALPHA", 'Β': "GREEK CAPITAL LETTER BETA", 'Ε': "GREEK CAPITAL LETTER EPSILON",
	'Ζ': "GREEK CAPITAL LETTER ZETA", 'Η': "GREEK CAPITAL LETTER ETA", 'Ι': "GREEK CAPITAL LETTER IOTA",
	'Κ': "GREEK CAPITAL LETTER KAPPA", 'Μ': "GREEK CAPITAL LETTER MU", 'Ν': "GREEK CAPITAL LETTER NU",
	'Ο': "GREEK CAPITAL LETTER OMICRON", 'Ρ': "GREEK CAPITAL LETTER RHO", 'Τ': "GREEK CAPITAL LETTER TAU",
	'Υ': "GREEK CAPITAL LETTER UPSILON", 'Χ': "GREEK CAPITAL LETTER CHI", 'ο': "GREEK SMALL LETTER OMICRON",
	'ν': "GREEK SMALL LETTER NU", 'α': "GREEK SMALL LETTER ALPHA", 'ι': "GREEK SMALL LETTER IOTA",
	'κ': "GREEK SMALL LETTER KAPPA", 'ρ': "GREEK SMALL LETTER RHO", 'υ': "GREEK SMALL LETTER UPSILON",
}

// describeRune names a character for messages: "е" (U+0435 CYRILLIC SMALL LETTER IE), or "é" (U+00E9).
func describeRune(r rune) string {
	if name, ok := lookalikes[r]; ok {
		return fmt.Sprintf("%q (U+%04X %s)", string(r), r, name)
	}
	if !unicode.IsPrint(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("%q (U+%04X)", string(r), r)
}

// firstNonASCII returns the first character of s outside ASCII, if any.
func firstNonASCII(s string) (rune, bool) {
	for _, r := range s {
		if r >= utf8.RuneSelf {
			return r, true
		}
	}
	return 0, false
}

// mixedLookalike returns the first Cyrillic or Greek look-alike in a name that also has Latin letters.
func mixedLookalike(name string) (rune, bool) {
	var latin bool
	var found rune
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin = true
		case found == 0 && lookalikes[r] != "":
			found = r
		}
	}
	return found, latin && found != 0
}
