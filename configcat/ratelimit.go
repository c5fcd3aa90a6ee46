package configcat

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Clock tells the time and sleeps. The client reads the time only through it, so that tests of pacing can
// advance a fake clock instead of sleeping.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first, and returns ctx's error in the latter case.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// maxServerWait caps how long a reset time or Retry-After the server reports can hold a template back, so
// that a clock skew or a bogus header cannot stall a run for hours.
const maxServerWait = 10 * time.Minute

// limiter paces requests per endpoint template with a sliding-window log per limit: a request goes when fewer
// than perSecond requests were sent on its template in the last second (plus windowMargin) and fewer than
// perMinute in the last minute (plus windowMargin). That bounds every window of those lengths, however the
// server aligns its own (fixed windows opened by the first call, wall-clock windows, or sliding ones), while
// letting a template use its whole quota at once: the first 500 calls of a template go at 20/s, where token
// buckets safe for every window would have to sustain no more than 8/s (measured: the apply benchmark's
// 10% change took 2.7 times its least time with buckets). On top of that, a template the server reported spent
// (X-Rate-Limit-Remaining: 0, or a 429) is held back until the reported reset.
//
// The log holds, for each request, when its answer came: the server counted the request at some instant
// before that, and a request released a window's length later cannot reach the server within the same window,
// however long either of them stalled on the way out, on the network or in the server (issue 14: a request
// that stalled after its release reached the server with the 20 released after it). A released request holds
// its place in every window until then. A request that never left gives its place back, and so does one the
// server refused with 429: the client then waits the Retry-After, by when the server's window has started
// afresh, and counting the refused attempt too had cost a whole extra minute.
//
// Holding a stalled request's place from its release costs next to nothing: traced on the apply benchmark's
// stalled variant (one request in 50 held 0.5–2 s after its release), a stage whose stalls were not at its
// end took as long as unstalled (96 creates: 4.06 s stalled, 4.07 s not), since the place comes back one
// window after the late answer and the rate stays 20 per second; nor did the stalled request's hold on one of
// the applier's concurrent changes slow the others. All that the stalls cost was the wait for a stalled
// request at the end of a stage, before the next one began; the applier now waits there only with the
// changes of the stalled request's config (applier/schedule.go), and the client tells it when a request is
// admitted (WithAdmitted).
type limiter struct {
	clock     Clock
	perSecond int
	perMinute int
	// unlimited is set once the server says it has no limits (NoRateLimitHeader): only its reported resets
	// pace then.
	unlimited atomic.Bool

	mu        sync.Mutex
	endpoints map[string]*endpointLimit
}

// NoRateLimitHeader is the answer header with which a server (the emulator run with its limits off) tells
// the client that it has no rate limits, so that the client stops pacing itself. Its value is "off".
const NoRateLimitHeader = "X-Flagsync-Rate-Limit"

// windowMargin widens each window a little, for a server whose clock ticks coarsely. It was 60 ms while
// windows were anchored at send times, to cover the network; anchored at answer times they need no such
// cover, and the 10% change of the apply benchmark went from 1.11 to 1.04–1.06 times its least time.
const windowMargin = 10 * time.Millisecond

// pendingPoll is how often a request waiting only on requests still under way looks again.
const pendingPoll = 5 * time.Millisecond

type endpointLimit struct {
	slots        []*slot // the requests in the longest window, and those still under way
	blockedUntil time.Time
}

// slot is one request's place in its template's windows.
type slot struct {
	doneAt time.Time // when the answer came; zero while the request is under way
}

// occupies reports whether the slot counts in a window of the given length that ends at now.
func (s *slot) occupies(now time.Time, length time.Duration) bool {
	return s.doneAt.IsZero() || s.doneAt.Add(length).After(now)
}

// freeAt returns when a window of length holding at most limit requests admits one more: now, or when
// enough answered requests leave it. ok is false when that depends on requests still under way.
func (e *endpointLimit) freeAt(now time.Time, limit int, length time.Duration) (at time.Time, ok bool) {
	if limit <= 0 {
		return now, true
	}
	var leaving []time.Time
	inWindow := 0
	for _, s := range e.slots {
		if s.occupies(now, length) {
			inWindow++
			if !s.doneAt.IsZero() {
				leaving = append(leaving, s.doneAt.Add(length))
			}
		}
	}
	excess := inWindow - limit + 1
	if excess <= 0 {
		return now, true
	}
	if len(leaving) < excess {
		return time.Time{}, false
	}
	slices.SortFunc(leaving, time.Time.Compare)
	return leaving[excess-1], true
}

// prune forgets the answered requests that have left every window.
func (e *endpointLimit) prune(now time.Time, longest time.Duration) {
	e.slots = slices.DeleteFunc(e.slots, func(s *slot) bool { return !s.occupies(now, longest) })
}

func newLimiter(clock Clock, perSecond, perMinute int) *limiter {
	return &limiter{clock: clock, perSecond: perSecond, perMinute: perMinute, endpoints: map[string]*endpointLimit{}}
}

// endpoint returns the limits of one template; the caller holds l.mu.
func (l *limiter) endpoint(key string) *endpointLimit {
	e := l.endpoints[key]
	if e == nil {
		e = &endpointLimit{}
		l.endpoints[key] = e
	}
	return e
}

// paces reports whether the client keeps windows of its own.
func (l *limiter) paces() bool {
	return (l.perSecond > 0 || l.perMinute > 0) && !l.unlimited.Load()
}

// wait blocks until a request on the endpoint key may be sent and reserves its place in the windows. The
// caller reports what became of the request with answered or release; the slot is nil when nothing is paced.
func (l *limiter) wait(ctx context.Context, key string) (*slot, error) {
	for {
		l.mu.Lock()
		e := l.endpoint(key)
		now := l.clock.Now()
		at, known := l.freeAt(e, now)
		if known && !at.After(now) {
			var s *slot
			if l.paces() {
				s = &slot{}
				e.slots = append(e.slots, s)
			}
			l.mu.Unlock()
			return s, nil
		}
		l.mu.Unlock()
		d := pendingPoll
		if known {
			d = at.Sub(now)
		}
		if err := l.clock.Sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// freeAt returns when the endpoint admits one more request, or false when that depends on requests that
// are still under way; the caller holds l.mu.
func (l *limiter) freeAt(e *endpointLimit, now time.Time) (time.Time, bool) {
	at := now
	if e.blockedUntil.After(at) {
		at = e.blockedUntil
	}
	if !l.paces() {
		return at, true
	}
	e.prune(now, l.longestWindow())
	for _, w := range []struct {
		limit  int
		length time.Duration
	}{{l.perSecond, time.Second + windowMargin}, {l.perMinute, time.Minute + windowMargin}} {
		t, ok := e.freeAt(now, w.limit, w.length)
		if !ok {
			return time.Time{}, false
		}
		if t.After(at) {
			at = t
		}
	}
	return at, true
}

func (l *limiter) longestWindow() time.Duration {
	if l.perMinute > 0 {
		return time.Minute + windowMargin
	}
	return time.Second + windowMargin
}

// answered records that the answer to the request of s (or its failure after it left) came at t.
func (l *limiter) answered(s *slot, t time.Time) {
	if s == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	s.doneAt = t
}

// release gives the place of s in the windows of key back: its request never reached the server, or the server
// refused it with 429.
func (l *limiter) release(key string, s *slot) {
	if s == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.endpoint(key)
	e.slots = slices.DeleteFunc(e.slots, func(x *slot) bool { return x == s })
}

// block holds the endpoint key back until t.
func (l *limiter) block(key string, t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.endpoint(key)
	now := l.clock.Now()
	if t.Sub(now) > maxServerWait {
		t = now.Add(maxServerWait)
	}
	if t.After(e.blockedUntil) {
		e.blockedUntil = t
	}
}

// observe reads the rate-limit headers of an answer: a server without limits stops the client's pacing, and
// a spent quota holds the endpoint back until the reset.
func (l *limiter) observe(key string, h http.Header) {
	if h.Get(NoRateLimitHeader) == "off" {
		l.unlimited.Store(true)
	}
	rem, ok := parseInt(h.Get("X-Rate-Limit-Remaining"))
	if !ok || rem > 0 {
		return
	}
	now := l.clock.Now()
	reset, ok := parseReset(h.Get("X-Rate-Limit-Reset"), now)
	if !ok {
		// spent, but no reset given: give the window a second before trying again
		reset = now.Add(time.Second)
	}
	l.block(key, reset)
}

func parseInt(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil
}

// parseReset reads X-Rate-Limit-Reset: an ISO-8601 time, else epoch seconds, else seconds from now.
func parseReset(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return time.Time{}, false
	}
	if f >= 1e9 { // a Unix time (2001 or later), not a delay
		return time.Unix(0, int64(f*1e9)), true
	}
	return now.Add(time.Duration(f * float64(time.Second))), true
}

// parseRetryAfter reads Retry-After: delay seconds, else an HTTP date.
func parseRetryAfter(s string, now time.Time) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 0 {
		return time.Duration(n * float64(time.Second)), true
	}
	if t, err := http.ParseTime(s); err == nil {
		return max(0, t.Sub(now)), true
	}
	return 0, false
}
