package spec

import "testing"

// TestIsSemVer pins what counts as a version: what the Go SDK's parser (blang/semver v4 Parse) reads after
// trimming spaces.
func TestIsSemVer(t *testing.T) {
	for s, want := range map[string]bool{
		"1.2.3": true, " 1.2.3 ": true, "0.0.0": true, "1.2.3-rc.1": true, "1.2.3-rc-1.x": true,
		"1.2.3+build.007": true, "1.2.3-0.alpha+exp.sha.5114f85": true, "18446744073709551615.0.0": true,
		"3.0.": false, "2": false, "1.2": false, "v1.2.3": false, "1.02.3": false, "01.2.3": false,
		"1.2.3-01": false, "1.2.3-": false, "1.2.3+": false, "1.2.3-rc..1": false, "": false, " ": false,
		"18446744073709551616.0.0": false, "1.2.3.4": false, "1.2.3 - 2.0.0": false, "1.2.x": false,
	} {
		if got := isSemVer(s); got != want {
			t.Errorf("isSemVer(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSDKNumber pins how number comparison text reads: a comma is the decimal point, as in ConfigCat's SDKs.
func TestSDKNumber(t *testing.T) {
	for s, want := range map[string]float64{"2": 2, "2.5": 2.5, "2,5": 2.5, " -2,5 ": -2.5, "1,000": 1, "1e3": 1000,
		".5": 0.5, "0x1p4": 16} {
		if got, ok := SDKNumber(s); !ok || got != want {
			t.Errorf("SDKNumber(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "ten", "1,000,000", "1.000,5", "2,5%", "Infinity", "NaN", "1e400", "1 000"} {
		if got, ok := SDKNumber(s); ok {
			t.Errorf("SDKNumber(%q) = %v, want no number", s, got)
		}
	}
}
