package spec

import "testing"

// TestNeedsQuotes pins which texts Write quotes: those that YAML 1.1 or 1.2 readers (PyYAML, js-yaml, yq,
// yaml.v3) would read as a null, a boolean, a number or a timestamp, and no others.
func TestNeedsQuotes(t *testing.T) {
	for s, want := range map[string]bool{
		// nulls and booleans, YAML 1.2 and 1.1
		"": true, "~": true, "null": true, "Null": true, "NULL": true, "true": true, "False": true, "yes": true,
		"No": true, "ON": true, "off": true, "y": true, "Y": true, "n": true, "N": true, "<<": true, "=": true,
		// numbers: decimal, octal, hex, binary, underscores, exponents, infinities, sexagesimal
		"42": true, "-7": true, "+1": true, "1.10": true, "1.": true, ".5": true, "017": true, "0o17": true,
		"0x1F": true, "0b101": true, "1_000": true, "1e3": true, "1E-3": true, "6.02e+23": true, ".inf": true,
		"-.Inf": true, ".NaN": true, "12:30": true, "1:20:30.5": true, "190:20:30": true,
		// timestamps
		"2024-01-01": true, "2024-1-1": true, "2001-12-14t21:59:43.10-05:00": true, "2001-12-14 21:59:43.10 -5": true,
		"2001-12-14\t21:59:43": true,
		// text every reader reads as text
		"yess": false, "nope": false, "onion": false, "nul": false, "nULL": false, "True1": false, "Y2": false,
		"1.2.3": false, "3.0.": false, "v1.2.3": false, "2,5": false, "1,000": false, "0x": false, "1e": false,
		"inf": false, "NaN": false, "Infinity": false, "12:60": false, "2024-01": false, "20240101x": false,
		"a1": false, "dark mode": false, "-": false, ".": false, "1 000": false, "12:3a": false,
	} {
		if got := needsQuotes(s); got != want {
			t.Errorf("needsQuotes(%q) = %v, want %v", s, got, want)
		}
	}
}
