package configcat

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
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
type limiter struct {
	clock     Clock
	perSecond int
	perMinute int

	mu        sync.Mutex
	endpoints map[string]*endpointLimit
}

// windowMargin widens each window a little, so that requests sent right at a window's edge, whose arrival the
// network may reorder or delay differently, still land in the window the server counts them in.
const windowMargin = 60 * time.Millisecond

type endpointLimit struct {
	second, minute *slidingWindow
	blockedUntil   time.Time
}

// slidingWindow remembers the send times of the last limit requests in a ring.
type slidingWindow struct {
	length time.Duration
	sent   []time.Time // ring of the last len(sent) send times
	next   int         // index of the oldest entry, where the next send is written
	n      int         // entries used
}

func newWindow(limit int, length time.Duration) *slidingWindow {
	if limit <= 0 {
		return nil
	}
	return &slidingWindow{length: length + windowMargin, sent: make([]time.Time, limit)}
}

// freeAt returns when the window admits one more request: now, or when its oldest send leaves it.
func (w *slidingWindow) freeAt(now time.Time) time.Time {
	if w == nil || w.n < len(w.sent) {
		return now
	}
	if at := w.sent[w.next].Add(w.length); at.After(now) {
		return at
	}
	return now
}

func (w *slidingWindow) record(t time.Time) {
	if w == nil {
		return
	}
	w.sent[w.next] = t
	w.next = (w.next + 1) % len(w.sent)
	w.n = min(w.n+1, len(w.sent))
}

func newLimiter(clock Clock, perSecond, perMinute int) *limiter {
	return &limiter{clock: clock, perSecond: perSecond, perMinute: perMinute, endpoints: map[string]*endpointLimit{}}
}

// endpoint returns the limits of one template; the caller holds l.mu.
func (l *limiter) endpoint(key string) *endpointLimit {
	e := l.endpoints[key]
	if e == nil {
		e = &endpointLimit{second: newWindow(l.perSecond, time.Second), minute: newWindow(l.perMinute, time.Minute)}
		l.endpoints[key] = e
	}
	return e
}

// wait blocks until a request on the endpoint key may be sent, and records it as sent.
func (l *limiter) wait(ctx context.Context, key string) error {
	for {
		l.mu.Lock()
		e := l.endpoint(key)
		now := l.clock.Now()
		at := now
		for _, t := range []time.Time{e.blockedUntil, e.second.freeAt(now), e.minute.freeAt(now)} {
			if t.After(at) {
				at = t
			}
		}
		if !at.After(now) {
			e.second.record(now)
			e.minute.record(now)
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		if err := l.clock.Sleep(ctx, at.Sub(now)); err != nil {
			return err
		}
	}
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

// observe reads the rate-limit headers of an answer: a spent quota holds the endpoint back until the reset.
func (l *limiter) observe(key string, h http.Header) {
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
