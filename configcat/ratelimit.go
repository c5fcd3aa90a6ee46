package configcat

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
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

// limiter paces requests per endpoint template. Each template has two token buckets (per second and per
// minute) sized so that no window of that length ever holds more than the limit: a bucket with burst b and
// rate r lets at most b + r*w requests through in any window of length w, so b + r*w is set to the limit.
// On top of that, a template the server reported spent (X-Rate-Limit-Remaining: 0, or a 429) is held back
// until the reported reset.
type limiter struct {
	clock     Clock
	perSecond int
	perMinute int

	mu        sync.Mutex
	endpoints map[string]*endpointLimit
}

type endpointLimit struct {
	second, minute *rate.Limiter
	blockedUntil   time.Time
}

func newLimiter(clock Clock, perSecond, perMinute int) *limiter {
	return &limiter{clock: clock, perSecond: perSecond, perMinute: perMinute, endpoints: map[string]*endpointLimit{}}
}

// buckets returns the per-second and per-minute token buckets of one template (nil where there is no
// limit). A bucket with burst b and rate r lets at most b + r*w requests through in any window of length w,
// so each is sized to b + r*w = limit. The minute bucket sets the sustained rate; the second bucket needs no
// faster refill than that, so the rest of its budget goes to its burst.
func buckets(perSecond, perMinute int) (second, minute *rate.Limiter) {
	sustained := math.Inf(1)
	if perMinute > 0 {
		burst := max(1, min(perSecond, perMinute/2))
		sustained = float64(perMinute-burst) / 60
		if perMinute == 1 {
			sustained = 0.999 / 60 // one per window, refilled just after it
		}
		minute = rate.NewLimiter(rate.Limit(sustained), burst)
	}
	if perSecond > 0 {
		r := min(sustained, float64(perSecond)/2)
		burst := max(1, int(math.Floor(float64(perSecond)-r)))
		if perSecond == 1 {
			r = 0.999 // one per window, refilled just after it
		}
		second = rate.NewLimiter(rate.Limit(r), burst)
	}
	return second, minute
}

func (l *limiter) endpoint(key string) *endpointLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.endpoints[key]
	if e == nil {
		now := l.clock.Now()
		e = &endpointLimit{}
		e.second, e.minute = buckets(l.perSecond, l.perMinute)
		// rate.Limiter starts its clock at the first reservation; anchor it to the injected clock
		for _, b := range []*rate.Limiter{e.second, e.minute} {
			if b != nil {
				b.SetBurstAt(now, b.Burst())
			}
		}
		l.endpoints[key] = e
	}
	return e
}

// wait blocks until a request on the endpoint key may be sent, and takes its slot.
func (l *limiter) wait(ctx context.Context, key string) error {
	e := l.endpoint(key)
	for {
		l.mu.Lock()
		now := l.clock.Now()
		if d := e.blockedUntil.Sub(now); d > 0 {
			l.mu.Unlock()
			if err := l.clock.Sleep(ctx, d); err != nil {
				return err
			}
			continue
		}
		var delay time.Duration
		var held []*rate.Reservation
		for _, b := range []*rate.Limiter{e.second, e.minute} {
			if b == nil {
				continue
			}
			r := b.ReserveN(now, 1)
			held = append(held, r)
			delay = max(delay, r.DelayFrom(now))
		}
		l.mu.Unlock()
		if delay <= 0 {
			return nil
		}
		if err := l.clock.Sleep(ctx, delay); err != nil {
			at := l.clock.Now()
			for _, r := range held {
				r.CancelAt(at)
			}
			return err
		}
		// the server may have reported the quota spent while this request waited for its slot
		l.mu.Lock()
		blocked := e.blockedUntil.After(l.clock.Now())
		l.mu.Unlock()
		if !blocked {
			return nil
		}
	}
}

// block holds the endpoint key back until t.
func (l *limiter) block(key string, t time.Time) {
	e := l.endpoint(key)
	l.mu.Lock()
	defer l.mu.Unlock()
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
