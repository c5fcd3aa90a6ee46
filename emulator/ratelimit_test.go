package emulator

import (
	"encoding/base64"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flagsync/flagsync/configcat"
)

func TestParseRateLimit(t *testing.T) {
	good := map[string]RateLimit{
		"20/s,500/m": {PerSecond: 20, PerMinute: 500},
		"5/s":        {PerSecond: 5},
		" 7/m ":      {PerMinute: 7},
		"off":        {Off: true},
		"OFF":        {Off: true},
	}
	for in, want := range good {
		got, err := ParseRateLimit(in)
		if err != nil || got != want {
			t.Fatalf("ParseRateLimit(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "20", "0/s", "-1/s", "20/h", "x/s", "20/s,"} {
		if _, err := ParseRateLimit(in); err == nil {
			t.Fatalf("ParseRateLimit(%q) accepted", in)
		}
	}
}

func TestRateLimitHeadersAnd429(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.RateLimit = RateLimit{PerSecond: 3, PerMinute: 5} })
	r := e.must(200, "GET", "/v1/me", nil)
	if got := r.header.Get("X-Rate-Limit-Remaining"); got != "2" {
		t.Fatalf("remaining = %q, want 2", got)
	}
	if got := r.header.Get("X-Rate-Limit-Limit"); got != "1s" {
		t.Fatalf("limit = %q, want 1s", got)
	}
	if got := r.header.Get("X-Rate-Limit-Reset"); got != "2026-03-01T12:00:01.0000000Z" {
		t.Fatalf("reset = %q", got)
	}
	e.must(200, "GET", "/v1/me", nil)
	e.must(200, "GET", "/v1/me", nil)
	r = e.must(429, "GET", "/v1/me", nil)
	if r.header.Get("Retry-After") != "1" || string(r.body) != "API calls quota exceeded! maximum admitted 3 per 1s." {
		t.Fatalf("429: Retry-After %q body %q", r.header.Get("Retry-After"), r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "text/plain" {
		t.Fatalf("429 content type %q", ct)
	}
	// Another endpoint template has its own windows.
	e.must(200, "GET", "/v1/organizations", nil)

	// The next second opens a new per-second window; the per-minute one (5) is now the tighter.
	e.clock.Advance(time.Second)
	r = e.must(200, "GET", "/v1/me", nil)
	if r.header.Get("X-Rate-Limit-Remaining") != "1" || r.header.Get("X-Rate-Limit-Limit") != "1m" ||
		r.header.Get("X-Rate-Limit-Reset") != "2026-03-01T12:01:00.0000000Z" {
		t.Fatalf("headers after a second: %v", r.header)
	}
	e.must(200, "GET", "/v1/me", nil)
	r = e.must(429, "GET", "/v1/me", nil)
	if r.header.Get("Retry-After") != "59" || string(r.body) != "API calls quota exceeded! maximum admitted 5 per 1m." {
		t.Fatalf("minute 429: Retry-After %q body %q", r.header.Get("Retry-After"), r.body)
	}
	e.clock.Advance(59 * time.Second)
	e.must(200, "GET", "/v1/me", nil)
}

func TestRateLimitPerTemplateNotPerPath(t *testing.T) {
	e := newEnv(t)
	a, b := e.product("A"), e.product("B")
	e.srv.SetRateLimit(RateLimit{PerSecond: 2, PerMinute: -1})
	e.must(200, "GET", "/v1/products/"+a, nil)
	e.must(200, "GET", "/v1/products/"+b, nil)
	e.must(429, "GET", "/v1/products/"+a, nil)
}

func TestRateLimitPerCredential(t *testing.T) {
	l := newLimiter(RateLimit{PerSecond: 1, PerMinute: -1})
	now := newFakeClock().Now()
	ask := func(user string) int {
		r := httptest.NewRequest("GET", "/v1/me", nil)
		r.SetBasicAuth(user, "pw")
		rec := httptest.NewRecorder()
		if !l.allow(r, rec, "GET /v1/me", now) {
			return rec.Code
		}
		return 200
	}
	if ask("a") != 200 || ask("b") != 200 {
		t.Fatalf("first calls of two credentials refused")
	}
	if ask("a") != 429 {
		t.Fatalf("second call of a credential allowed")
	}
	// authentication accepts spaces before the encoded credentials: the same credential, the same window
	r := httptest.NewRequest("GET", "/v1/me", nil)
	r.Header.Set("Authorization", "Basic   "+base64.StdEncoding.EncodeToString([]byte("b:pw")))
	if l.allow(r, httptest.NewRecorder(), "GET /v1/me", now) {
		t.Fatalf("a second call of a credential, with spaces before it, allowed")
	}
}

func TestRateLimitOffSendsNoHeaders(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 50; i++ {
		r := e.must(200, "GET", "/v1/me", nil)
		if r.header.Get("X-Rate-Limit-Remaining") != "" {
			t.Fatalf("headers with limits off")
		}
	}
}

func TestCounts(t *testing.T) {
	e := newEnv(t)
	p := e.product("A")
	e.must(200, "GET", "/v1/products/"+p, nil)
	e.do("GET", "/v1/products/00000000-0000-4000-8000-000000000000", nil)
	got := e.srv.Counts()
	if got["GET /v1/products/{productId}"] != 2 || got["POST /v1/organizations/{organizationId}/products"] != 1 {
		t.Fatalf("counts = %v", got)
	}
	e.srv.ResetCounts()
	if len(e.srv.Counts()) != 0 {
		t.Fatalf("counts after reset = %v", e.srv.Counts())
	}
}

func TestNoLimitsAdvertised(t *testing.T) {
	if NoRateLimitHeader != configcat.NoRateLimitHeader {
		t.Fatalf("the emulator says %q, the client listens for %q", NoRateLimitHeader, configcat.NoRateLimitHeader)
	}
	off := newEnv(t, func(o *Options) { o.RateLimit = RateLimit{Off: true} })
	if got := off.must(200, "GET", "/v1/me", nil).header.Get(configcat.NoRateLimitHeader); got != "off" {
		t.Errorf("without limits: %s = %q, want off", configcat.NoRateLimitHeader, got)
	}
	limited := newEnv(t, func(o *Options) { o.RateLimit = RateLimit{} })
	if got := limited.must(200, "GET", "/v1/me", nil).header.Get(configcat.NoRateLimitHeader); got != "" {
		t.Errorf("with ConfigCat's limits: %s = %q, want none", configcat.NoRateLimitHeader, got)
	}
}
