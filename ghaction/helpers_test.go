package ghaction

import (
	"bytes"
	"strings"
	"testing"
)

// fakeRunner returns a Runner over the given environment and what it writes.
func fakeRunner(t *testing.T, env map[string]string) (*Runner, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	return New(func(k string) string { return env[k] }, &out), &out
}

// lines splits output into its lines, without the last empty one.
func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
