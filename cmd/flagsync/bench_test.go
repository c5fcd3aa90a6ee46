package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/flagsync/flagsync/internal/longbench"
	"github.com/flagsync/flagsync/internal/memprobe"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// BenchmarkLocalLargeAccount applies issue 14's account (1 product × 10 configs × 10 environments × 1,000 flags,
// about 9 MB of YAML, generated here and never committed) to an empty --local account, then plans it again
// (a no-op) and reports the plan's peak heap above the baseline, and the CPU time (user and system) of both. Goals: apply under 60 s, plan under 150 MB.
// It takes a minute or more, so it runs only when asked:
//
//	FLAGSYNC_LONG_BENCH=1 go test ./cmd/flagsync -run '^$' -bench LocalLargeAccount -benchtime 1x -timeout 20m
func BenchmarkLocalLargeAccount(b *testing.B) {
	longbench.Require(b)
	dir := chdir(b)
	flags := filepath.Join(dir, "flags")
	if _, err := spec.WriteDir(flags, spectest.Account(1, 10, 10, 1000)); err != nil {
		b.Fatal(err)
	}
	b.Run("apply-from-empty", func(b *testing.B) {
		for range b.N {
			if err := os.RemoveAll(filepath.Dir(localStatePath)); err != nil {
				b.Fatal(err)
			}
			t0, cpu0 := time.Now(), cpuTime(b)
			if r := runCLI(b, nil, "apply", "--local", "--auto-approve", flags); r.code != exitOK {
				b.Fatalf("apply --local: exit %d\n%.2000s", r.code, r.stderr)
			}
			b.ReportMetric(time.Since(t0).Seconds(), "wall-s")
			b.ReportMetric((cpuTime(b) - cpu0).Seconds(), "cpu-s")
		}
	})
	b.Run("noop-plan", func(b *testing.B) {
		var peak uint64
		for range b.N {
			probe, cpu0 := memprobe.Start(), cpuTime(b)
			r := runCLI(b, nil, "plan", "--local", "--detailed-exitcode", flags)
			peak = max(peak, probe.Stop())
			b.ReportMetric((cpuTime(b) - cpu0).Seconds(), "cpu-s")
			if r.code != exitOK {
				b.Fatalf("plan --local after apply: exit %d\n%.2000s", r.code, r.stderr)
			}
		}
		b.ReportMetric(float64(peak)/1e6, "peak-MB")
	})
}

// cpuTime is the CPU time (user and system) the process has used: on a shared machine it says more than the
// wall time about the work done.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
