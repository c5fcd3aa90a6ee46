// Package longbench gates the benchmarks that take minutes: they run only when FLAGSYNC_LONG_BENCH=1, so that
// `go test -bench .` stays quick.
package longbench

import (
	"os"
	"testing"
)

// Env is the environment variable that asks for the long benchmarks.
const Env = "FLAGSYNC_LONG_BENCH"

// Require skips b unless the long benchmarks were asked for.
func Require(b *testing.B) {
	b.Helper()
	if os.Getenv(Env) != "1" {
		b.Skipf("takes minutes; run with %s=1", Env)
	}
}
