// Package memprobe measures the peak heap of a piece of work, for benchmarks that report memory goals.
package memprobe

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapMetric is the memory held by heap objects, live or not yet collected.
const heapMetric = "/memory/classes/heap/objects:bytes"

// interval is how often the heap is sampled.
const interval = 2 * time.Millisecond

// Probe samples the heap from Start until Stop.
type Probe struct {
	baseline, peak uint64
	stop           chan struct{}
	done           sync.WaitGroup
}

// Start collects garbage, takes the heap left as the baseline, and starts sampling.
func Start() *Probe {
	runtime.GC()
	p := &Probe{baseline: heapBytes(), stop: make(chan struct{})}
	p.peak = p.baseline
	p.done.Add(1)
	go p.sample()
	return p
}

func (p *Probe) sample() {
	defer p.done.Done()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		p.peak = max(p.peak, heapBytes())
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
	}
}

// Stop ends the sampling and returns the highest heap seen above the baseline, in bytes. Sampling misses
// peaks shorter than its interval, so the figure is a lower bound, close for work that takes many intervals.
func (p *Probe) Stop() uint64 {
	close(p.stop)
	p.done.Wait()
	p.peak = max(p.peak, heapBytes())
	return p.peak - p.baseline
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
