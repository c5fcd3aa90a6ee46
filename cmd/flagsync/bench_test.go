package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
// (a no-op) and reports the plan's peak heap above the baseline, and the CPU time (user and system) of both.
// noop-plan measures the --local plan, the embedded emulator's heap included. noop-plan-flagsync-alone plans the
// same account served by an emulator in a process of its own, so that its peak-MB is flagsync's alone (the
// emulator's peak resident memory is emulator-rss-MB); it then repeats the plan in two steps, to tell the load
// from the rest: state-MB is the heap the loaded YAML holds, after-load-peak-MB the peak of reading the account,
// planning and rendering above that. Goals: apply under 60 s, plan under 150 MB.
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
	b.Run("noop-plan-flagsync-alone", func(b *testing.B) {
		emu := startEmulatorProcess(b, localStatePath)
		b.Setenv("CONFIGCAT_API_HOST", emu.url)
		b.Setenv("CONFIGCAT_API_USER", benchUser)
		b.Setenv("CONFIGCAT_API_PASS", testPass)
		b.ResetTimer() // the emulator's start is not the plan's
		var peak, afterLoad, state uint64
		for range b.N {
			probe, cpu0 := memprobe.Start(), cpuTime(b)
			r := runCLI(b, nil, "plan", "--detailed-exitcode", flags)
			peak = max(peak, probe.Stop())
			b.ReportMetric((cpuTime(b) - cpu0).Seconds(), "cpu-s")
			if r.code != exitOK {
				b.Fatalf("plan after apply: exit %d\n%.2000s", r.code, r.stderr)
			}
			// the same plan in two steps: the load, then the rest with the loaded state in the baseline
			b.StopTimer()
			before := liveHeap()
			desired := loadForBench(b, flags)
			if after := liveHeap(); after > before { // less when garbage of an earlier run was still reachable at before
				state = max(state, after-before)
			}
			probe = memprobe.Start()
			planLoadedForBench(b, desired, flags)
			afterLoad = max(afterLoad, probe.Stop())
			b.StartTimer()
		}
		b.ReportMetric(float64(peak)/1e6, "peak-MB")
		b.ReportMetric(float64(state)/1e6, "state-MB")
		b.ReportMetric(float64(afterLoad)/1e6, "after-load-peak-MB")
		b.ReportMetric(float64(emu.stop(b))/1e6, "emulator-rss-MB")
	})
}

// liveHeap is the heap the live objects hold, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// benchEnv is the environment of a command run by a benchmark, its output discarded.
func benchEnv() *env {
	return &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, lookupEnv: os.LookupEnv}
}

// loadForBench loads the YAML at path as plan does.
func loadForBench(b *testing.B, path string) *spec.State {
	b.Helper()
	desired, err := loadSpec(context.Background(), benchEnv(), path)
	if err != nil {
		b.Fatal(err)
	}
	return desired
}

// planLoadedForBench does what `flagsync plan` does once its YAML (at path) is loaded into desired: reads the
// account, plans, estimates and renders the plan as text. The plan must change nothing.
func planLoadedForBench(b *testing.B, desired *spec.State, path string) {
	b.Helper()
	e := benchEnv()
	pl, err := buildPlan(context.Background(), e, planRequest{path: path, readOnly: true, maxDeletePercent: -1, desired: desired})
	if err != nil {
		b.Fatal(err)
	}
	defer pl.acct.close(false)
	estimateBudget(pl)
	if err := renderPlan(e, e.stdout, pl, "text"); err != nil {
		b.Fatal(err)
	}
	if !pl.plan.IsEmpty() || pl.err != nil {
		b.Fatalf("the plan changes %d objects (refused: %v)", len(pl.plan.Changes), pl.err)
	}
}

// benchUser is the user the emulator process of a benchmark accepts, with testPass.
const benchUser = "flagsync-bench"

// emulatorProcess is `flagsync emulator` run by this test binary in a process of its own.
type emulatorProcess struct {
	cmd     *exec.Cmd
	url     string
	stopped sync.Once
}

// startEmulatorProcess serves the state file at statePath from a process of its own, without rate limits, until
// stop or the end of the test.
func startEmulatorProcess(t testing.TB, statePath string) *emulatorProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "emulator", "--addr", "127.0.0.1:0", "--state", statePath, "--rate-limit", "off",
		"--user", benchUser, "--pass", testPass)
	cmd.Env = append(os.Environ(), "FLAGSYNC_TEST_RUN_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &emulatorProcess{cmd: cmd}
	t.Cleanup(p.kill)
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "listening on ") {
		p.kill()
		t.Fatalf("emulator did not start: %q\n%s", lines.Text(), stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // the SDK keys it prints next
	p.url = strings.TrimPrefix(lines.Text(), "listening on ")
	return p
}

// kill ends the emulator without saving its state: a plan only reads.
func (p *emulatorProcess) kill() {
	p.stopped.Do(func() {
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	})
}

// stop ends the emulator and returns its peak resident memory in bytes: VmHWM, read before the process ends.
// Not the rusage of the ended process: Linux carries the parent's peak over a fork and exec into the child's
// ru_maxrss, which then says how large this benchmark had grown when it started the emulator.
func (p *emulatorProcess) stop(t testing.TB) int64 {
	t.Helper()
	peak, err := peakRSS(p.cmd.Process.Pid)
	p.kill()
	if err != nil {
		t.Fatal(err)
	}
	return peak
}

// peakRSS is the peak resident memory in bytes of the running process pid (VmHWM in /proc/pid/status).
func peakRSS(pid int) (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
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
