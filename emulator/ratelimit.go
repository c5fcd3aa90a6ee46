package emulator

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Default rate limits, after ConfigCat's documentation ("around 20 per second and 500 per minute for each
// endpoint"); the window shape is the behaviour doc's inference (Q12).
const (
	DefaultPerSecond = 20
	DefaultPerMinute = 500
)

// NoRateLimitHeader is set to "off" on every answer while the emulator has no rate limits. It is
// configcat.NoRateLimitHeader (not imported: configcat's tests use the emulator), on which flagsync's client
// stops pacing itself.
const NoRateLimitHeader = "X-Flagsync-Rate-Limit"

// RateLimit configures the fixed-window limits applied per credential and per endpoint template.
// A zero PerSecond or PerMinute means its default; a negative one disables that window. Off disables both.
type RateLimit struct {
	Off                  bool
	PerSecond, PerMinute int
}

// ParseRateLimit reads "20/s,500/m", "20/s", "500/m" or "off". A window not named keeps its default.
func ParseRateLimit(s string) (RateLimit, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "off") {
		return RateLimit{Off: true}, nil
	}
	var rl RateLimit
	if s == "" {
		return rl, fmt.Errorf("rate limit is empty; want e.g. 20/s,500/m or off")
	}
	for _, part := range strings.Split(s, ",") {
		num, unit, ok := strings.Cut(strings.TrimSpace(part), "/")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n <= 0 {
			return RateLimit{}, fmt.Errorf("rate limit %q: want a positive count per s or m, e.g. 20/s,500/m", part)
		}
		switch unit {
		case "s":
			rl.PerSecond = n
		case "m":
			rl.PerMinute = n
		default:
			return RateLimit{}, fmt.Errorf("rate limit %q: unknown period %q, want s or m", part, unit)
		}
	}
	return rl, nil
}

type rateRule struct {
	limit  int
	period time.Duration
	name   string // as in X-Rate-Limit-Limit and the 429 body: "1s", "1m"
}

type window struct {
	start time.Time
	count int
}

// limiter keeps one fixed window per (credential, endpoint template, rule). A window opens at the first
// request and closes one period later, as in AspNetCoreRateLimit, which ConfigCat's header names come from.
type limiter struct {
	mu      sync.Mutex
	rules   []rateRule
	windows map[string][]window
}

func newLimiter(rl RateLimit) *limiter {
	l := &limiter{}
	l.set(rl)
	return l
}

func (l *limiter) set(rl RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rules = nil
	l.windows = map[string][]window{}
	if rl.Off {
		return
	}
	ps, pm := rl.PerSecond, rl.PerMinute
	if ps == 0 {
		ps = DefaultPerSecond
	}
	if pm == 0 {
		pm = DefaultPerMinute
	}
	if ps > 0 {
		l.rules = append(l.rules, rateRule{limit: ps, period: time.Second, name: "1s"})
	}
	if pm > 0 {
		l.rules = append(l.rules, rateRule{limit: pm, period: time.Minute, name: "1m"})
	}
}

// allow counts the request against its windows. It sets the rate-limit headers on w and returns true, or
// answers 429 on w and returns false.
func (l *limiter) allow(r *http.Request, w http.ResponseWriter, key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.rules) == 0 {
		// say so, so that flagsync's client does not pace itself at ConfigCat's limits for nothing
		w.Header().Set(NoRateLimitHeader, "off")
		return true
	}
	user, _, _ := basicAuth(r) // as authentication reads it, so that one credential has one window
	id := user + "\x00" + key
	ws := l.windows[id]
	if ws == nil {
		ws = make([]window, len(l.rules))
		l.windows[id] = ws
	}
	var retry time.Duration
	blocked := -1
	for i, rule := range l.rules {
		if ws[i].start.IsZero() || !now.Before(ws[i].start.Add(rule.period)) {
			ws[i] = window{start: now}
		}
		if ws[i].count >= rule.limit {
			if d := ws[i].start.Add(rule.period).Sub(now); d > retry || blocked < 0 {
				retry, blocked = d, i
			}
		}
	}
	if blocked >= 0 {
		secs := int(math.Ceil(retry.Seconds()))
		if secs < 1 {
			secs = 1
		}
		rule := l.rules[blocked]
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprintf(w, "API calls quota exceeded! maximum admitted %d per %s.", rule.limit, rule.name)
		return false
	}
	tightest := -1
	for i, rule := range l.rules {
		ws[i].count++
		rem := rule.limit - ws[i].count
		if tightest < 0 || rem <= l.rules[tightest].limit-ws[tightest].count {
			tightest = i
		}
	}
	rule := l.rules[tightest]
	w.Header().Set("X-Rate-Limit-Limit", rule.name)
	w.Header().Set("X-Rate-Limit-Remaining", strconv.Itoa(rule.limit-ws[tightest].count))
	w.Header().Set("X-Rate-Limit-Reset", ws[tightest].start.Add(rule.period).UTC().Format("2006-01-02T15:04:05.0000000Z"))
	return true
}
