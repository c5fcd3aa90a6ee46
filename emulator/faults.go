package emulator

import (
	"fmt"
	"math/rand"
	"net/http"
	"sync"
	"time"
)

type fault int

const (
	faultNone fault = iota
	fault429
	fault500
	fault503
	faultSlow
	faultDropBefore // the connection closes before the request is handled
	faultDropAfter  // the request is handled and committed, then the connection closes unanswered
	faultKinds      = int(faultDropAfter)
)

// maxSlowDelay bounds the delay of a slow-answer fault.
const maxSlowDelay = 2 * time.Second

// faults draws, for each request, whether it fails and how, from a seeded generator: the same seed and the
// same request order give the same faults. Faults never touch the state.
type faults struct {
	mu   sync.Mutex
	rate float64
	rng  *rand.Rand
}

func newFaults(rate float64, seed int64) *faults {
	f := &faults{}
	f.set(rate, seed)
	return f
}

func (f *faults) set(rate float64, seed int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rate = min(max(rate, 0), 1)
	f.rng = rand.New(rand.NewSource(seed))
}

func (f *faults) next() fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rate == 0 || f.rng.Float64() >= f.rate {
		return faultNone
	}
	return fault(1 + f.rng.Intn(faultKinds))
}

// delay is the length of a slow answer, between a tenth of maxSlowDelay and maxSlowDelay.
func (f *faults) delay() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	lo := maxSlowDelay / 10
	return lo + time.Duration(f.rng.Int63n(int64(maxSlowDelay-lo)))
}

func injectError(w http.ResponseWriter, f fault) {
	w.Header().Set("Content-Type", "text/plain")
	switch f {
	case fault429:
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, "API calls quota exceeded! (injected fault)")
	case fault503:
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, "Service Unavailable (injected fault)")
	default:
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "Internal Server Error (injected fault)")
	}
}
