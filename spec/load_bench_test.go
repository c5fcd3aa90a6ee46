package spec_test

import (
	"os"
	"testing"

	"github.com/flagsync/flagsync/internal/memprobe"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// BenchmarkLoadLargeAccount loads issue 14's account (1 product × 10 configs × 10 environments × 1,000 flags
// with rules, 9.5 MB of YAML), written to a temporary directory by the benchmark, never committed. It
// reports the YAML's size and the peak heap above the baseline (the goal: under 1 s and 100 MB):
//
//	go test ./spec -run '^$' -bench LoadLargeAccount -benchtime 3x
func BenchmarkLoadLargeAccount(b *testing.B) {
	dir := b.TempDir()
	paths, err := spec.WriteDir(dir, spectest.Account(1, 10, 10, 1000))
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for range b.N {
		probe := memprobe.Start()
		st, err := spec.Load(dir)
		peak = max(peak, probe.Stop())
		if err != nil {
			b.Fatal(err)
		}
		if n := len(st.Products[0].Configs[9].Flags); n != 1000 {
			b.Fatalf("%d flags in the last config, want 1000", n)
		}
	}
	b.ReportMetric(float64(size)/1e6, "yaml-MB")
	b.ReportMetric(float64(peak)/1e6, "peak-MB")
}
