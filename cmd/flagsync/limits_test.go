package main

import (
	"strings"
	"testing"
)

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{
		"33554432": 32 << 20, "32MiB": 32 << 20, "64 mib": 64 << 20, "1GiB": 1 << 30, "512KiB": 512 << 10,
		"10MB": 10_000_000, "2kb": 2000, "100B": 100,
	} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5", "abc", "1.5MiB", "12 parsecs", "9999999999GiB"} {
		if n, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) = %d, want an error", in, n)
		}
	}
}

// TestSizeCapsFromTheEnvironment: FLAGSYNC_MAX_FILE_BYTES and FLAGSYNC_MAX_TOTAL_BYTES reach the loader, and a
// value that is not a size is an error that names the variable.
func TestSizeCapsFromTheEnvironment(t *testing.T) {
	path := writeYAML(t, shopYAML)
	t.Setenv("FLAGSYNC_MAX_FILE_BYTES", "100")
	r := runCLI(t, nil, "validate", path)
	if r.code != exitError || !strings.Contains(r.stderr, "flags.yaml: file is larger than 100 bytes") ||
		!strings.Contains(r.stderr, "FLAGSYNC_MAX_FILE_BYTES") {
		t.Fatalf("a file over FLAGSYNC_MAX_FILE_BYTES: %s", r)
	}
	t.Setenv("FLAGSYNC_MAX_FILE_BYTES", "64KiB")
	if r := runCLI(t, nil, "validate", path); r.code != exitOK {
		t.Fatalf("a file under FLAGSYNC_MAX_FILE_BYTES: %s", r)
	}
	t.Setenv("FLAGSYNC_MAX_TOTAL_BYTES", "100")
	if r := runCLI(t, nil, "validate", path); r.code != exitError || !strings.Contains(r.stderr, "FLAGSYNC_MAX_TOTAL_BYTES") {
		t.Fatalf("a file over FLAGSYNC_MAX_TOTAL_BYTES: %s", r)
	}
	t.Setenv("FLAGSYNC_MAX_TOTAL_BYTES", "lots")
	r = runCLI(t, nil, "validate", path)
	if r.code != exitError || !strings.HasPrefix(r.stderr, `flagsync: FLAGSYNC_MAX_TOTAL_BYTES="lots": want a size above zero`) {
		t.Fatalf("a bad FLAGSYNC_MAX_TOTAL_BYTES: %s", r)
	}
}
