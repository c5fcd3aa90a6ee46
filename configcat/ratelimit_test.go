package configcat

import (
	"context"
	"errors"
	"github.com/flagsync/flagsync/configcat/configcattest"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// sendLog records when (on the fake clock) each request was sent, per "METHOD path".
type sendLog struct {
	mu    sync.Mutex
	clock Clock
	times map[string][]time.Time
}

func (l *sendLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.times == nil {
		l.times = map[string][]time.Time{}
	}
	k := r.Method + " " + r.URL.Path
	l.times[k] = append(l.times[k], l.clock.Now())
}

func (l *sendLog) get(key string) []time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]time.Time(nil), l.times[key]...)
}

// maxInWindow returns the most sends that fall in any closed window of length w.
func maxInWindow(times []time.Time, w time.Duration) int {
	most, j := 0, 0
	for i := range times {
		for times[i].Sub(times[j]) > w {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

func TestPacingNeverExceedsLimits(t *testing.T) {
	log := &sendLog{}
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		log.add(r)
		return answer(200, `[]`), nil
	})
	log.clock = clock
	start := clock.Now()
	ctx := context.Background()
	for range 1000 {
		if _, err := c.Tags(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	times := log.get("GET /v1/products/p1/tags")
	if len(times) != 1000 {
		t.Fatalf("%d sends, want 1000", len(times))
	}
	if got := maxInWindow(times, time.Second); got > DefaultPerSecond {
		t.Errorf("%d requests within one second, limit %d", got, DefaultPerSecond)
	}
	if got := maxInWindow(times, time.Minute); got > DefaultPerMinute {
		t.Errorf("%d requests within one minute, limit %d", got, DefaultPerMinute)
	}
	// the pacing must not be needlessly slow either: 500 calls go at 20/s, the next 500 as the first ones
	// leave the minute, so 1000 calls take about 85 s (1000/20 s plus one minute's wait, less 25 s)
	if took := clock.Now().Sub(start); took > 90*time.Second {
		t.Errorf("1000 calls took %s on the fake clock; the pacing wastes quota", took)
	}
}

func TestPacingConfigurableLimits(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		perSecond, perMinute int
		calls                int
	}{
		{"5/s and 40/min", 5, 40, 200},
		{"tiny: 1/s and 3/min", 1, 3, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &sendLog{}
			c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				log.add(r)
				return answer(200, `[]`), nil
			}, func(c *Config) { c.PerSecond, c.PerMinute = tc.perSecond, tc.perMinute })
			log.clock = clock
			for range tc.calls {
				if _, err := c.Tags(context.Background(), "p1"); err != nil {
					t.Fatal(err)
				}
			}
			times := log.get("GET /v1/products/p1/tags")
			if len(times) != tc.calls {
				t.Fatalf("%d sends, want %d", len(times), tc.calls)
			}
			if got := maxInWindow(times, time.Second); got > tc.perSecond {
				t.Errorf("%d requests within one second, limit %d", got, tc.perSecond)
			}
			if got := maxInWindow(times, time.Minute); got > tc.perMinute {
				t.Errorf("%d requests within one minute, limit %d", got, tc.perMinute)
			}
		})
	}
}

func TestPacingPerTemplate(t *testing.T) {
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		return answer(200, `[]`), nil
	})
	ctx := context.Background()
	// spend the burst of one template: the first call that has to wait ends it (or, with no pacing at all,
	// twice the quota does)
	burst := -1 // the call that waited is not part of the burst
	for start := clock.Now(); clock.Now() == start && burst < 2*DefaultPerSecond; burst++ {
		if _, err := c.Tags(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	if burst != DefaultPerSecond {
		t.Fatalf("a burst of %d calls, want the whole per-second quota, %d", burst, DefaultPerSecond)
	}
	// other templates have budgets of their own
	before := clock.Now()
	for range burst - 1 {
		if _, err := c.Configs(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Environments(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	if clock.Now() != before {
		t.Errorf("other templates waited %s for the budget of the first", clock.Now().Sub(before))
	}
	// the budget is per template, not per URL: another product's tags share it. The call that waited opened
	// a new second; fill it, then ask for another product's tags.
	for range DefaultPerSecond - 1 {
		if _, err := c.Tags(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	if clock.Now() != before {
		t.Fatalf("the second burst waited %s", clock.Now().Sub(before))
	}
	if _, err := c.Tags(ctx, "p2"); err != nil {
		t.Fatal(err)
	}
	if clock.Now() == before {
		t.Error("tags of another product were not paced with the same template")
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header func(now time.Time) string
		want   time.Duration
	}{
		{"seconds", func(time.Time) string { return "7" }, 7 * time.Second},
		{"http date", func(now time.Time) string { return now.Add(30 * time.Second).UTC().Format(http.TimeFormat) }, 30 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &sendLog{}
			n := 0
			var clock *configcattest.Clock
			c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				log.add(r)
				n++
				if n == 1 {
					return answer(429, `API calls quota exceeded! maximum admitted 20 per 1s.`, "Retry-After", tc.header(clock.Now()), "Content-Type", "text/plain"), nil
				}
				return answer(200, `[]`), nil
			})
			log.clock = clock
			var info CallInfo
			c.onCall = func(i CallInfo) { info = i }
			if _, err := c.Products(context.Background()); err != nil {
				t.Fatal(err)
			}
			times := log.get("GET /v1/products")
			if len(times) != 2 {
				t.Fatalf("%d sends, want 2", len(times))
			}
			if gap := times[1].Sub(times[0]); gap < tc.want {
				t.Errorf("retried after %s, Retry-After asked %s", gap, tc.want)
			}
			if info.RateLimited != 1 || info.Attempts != 2 || info.Status != 200 {
				t.Errorf("call info = %+v", info)
			}
			if s := c.Stats()["GET /v1/products"]; s.RateLimited != 1 || s.Calls != 1 || s.Attempts != 2 {
				t.Errorf("stats = %+v", s)
			}
		})
	}
}

func TestRateLimitErrorWhenRetriesRunOut(t *testing.T) {
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		return answer(429, ``, "Retry-After", "2"), nil
	}, func(c *Config) { c.MaxAttempts = 3 })
	_, err := c.Products(context.Background())
	if !IsRateLimited(err) {
		t.Fatalf("err = %v, want a rate-limit error", err)
	}
	if want := "ConfigCat's rate limit still refused reading the products after 3 attempts (429 Too Many Requests); it last asked to wait 2s"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

// TestRateLimitErrorWithoutRetryAfter: when the last 429 named no wait, the error says so instead of passing
// off the client's own backoff as the server's Retry-After.
func TestRateLimitErrorWithoutRetryAfter(t *testing.T) {
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		return answer(429, ``), nil
	}, func(c *Config) { c.MaxAttempts = 3 })
	_, err := c.Products(context.Background())
	var re *RateLimitError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a *RateLimitError", err)
	}
	if re.RetryAfter != 0 {
		t.Errorf("RetryAfter = %s, want 0: the answers named no wait", re.RetryAfter)
	}
	if want := "ConfigCat's rate limit still refused reading the products after 3 attempts (429 Too Many Requests)"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

func TestSpentQuotaHoldsTemplateUntilReset(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reset func(now time.Time) string
	}{
		{"iso-8601", func(now time.Time) string { return now.Add(12 * time.Second).Format("2006-01-02T15:04:05.0000000Z") }},
		{"epoch seconds", func(now time.Time) string { return strconv.FormatInt(now.Add(12*time.Second).Unix(), 10) }},
		{"delta seconds", func(time.Time) string { return "12" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &sendLog{}
			var clock *configcattest.Clock
			n := 0
			c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				log.add(r)
				n++
				if n == 1 {
					return answer(200, `[]`, "X-Rate-Limit-Remaining", "0", "X-Rate-Limit-Reset", tc.reset(clock.Now())), nil
				}
				return answer(200, `[]`, "X-Rate-Limit-Remaining", "10"), nil
			})
			log.clock = clock
			ctx := context.Background()
			start := clock.Now()
			if _, err := c.Tags(ctx, "p1"); err != nil {
				t.Fatal(err)
			}
			// another template is not held back
			if _, err := c.Configs(ctx, "p1"); err != nil {
				t.Fatal(err)
			}
			if got := log.get("GET /v1/products/p1/configs"); len(got) != 1 || got[0] != start {
				t.Errorf("another template was held back: %v", got)
			}
			if _, err := c.Tags(ctx, "p1"); err != nil {
				t.Fatal(err)
			}
			times := log.get("GET /v1/products/p1/tags")
			if gap := times[1].Sub(times[0]); gap < 12*time.Second {
				t.Errorf("next request after %s, the quota reset after 12s", gap)
			}
		})
	}
}

func TestRemainingQuotaDoesNotDelay(t *testing.T) {
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		return answer(200, `[]`, "X-Rate-Limit-Remaining", "3", "X-Rate-Limit-Reset", "garbage"), nil
	})
	start := clock.Now()
	for range 5 {
		if _, err := c.Tags(context.Background(), "p1"); err != nil {
			t.Fatal(err)
		}
	}
	if clock.Now() != start {
		t.Errorf("waited %s with quota left", clock.Now().Sub(start))
	}
}

func TestServerErrorsRetriedForIdempotentCalls(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail func() (*http.Response, error)
	}{
		{"503", func() (*http.Response, error) { return answer(503, `busy`), nil }},
		{"dropped connection", func() (*http.Response, error) { return nil, io.ErrUnexpectedEOF }},
		{"timeout", func() (*http.Response, error) { return nil, context.DeadlineExceeded }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := map[string]int{}
			c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				k := r.Method + " " + r.URL.Path
				calls[k]++
				if calls[k] == 1 {
					return tc.fail()
				}
				switch r.Method {
				case http.MethodDelete:
					return answer(204, ``), nil
				case http.MethodPost:
					return answer(200, `{"settingFormulas":[]}`), nil
				}
				return answer(200, `{"settingId":5,"key":"k","name":"K","settingType":"boolean","tags":[],"predefinedVariations":[]}`), nil
			})
			ctx := context.Background()
			if _, err := c.Setting(ctx, 5); err != nil {
				t.Errorf("GET: %v", err)
			}
			if _, err := c.ReplaceSetting(ctx, 5, ReplaceSettingRequest{Name: "K"}); err != nil {
				t.Errorf("PUT: %v", err)
			}
			if err := c.DeleteSetting(ctx, 6); err != nil {
				t.Errorf("DELETE: %v", err)
			}
			if _, err := c.PostValuesV2(ctx, "c1", "e1", "sync", nil); err != nil {
				t.Errorf("batch POST: %v", err)
			}
			for k, n := range calls {
				if n != 2 {
					t.Errorf("%s sent %d times, want 2", k, n)
				}
			}
		})
	}
}

// TestLostCreateFoundByKey loses the answer of a create that the server did carry out: the client must find
// the flag by its key and not create it again.
func TestLostCreateFoundByKey(t *testing.T) {
	var mu sync.Mutex
	created := map[string]int32{} // key -> id
	posts := 0
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v1/configs/c1/settings":
			posts++
			body, _ := io.ReadAll(r.Body)
			key := "newFlag"
			if !strings.Contains(string(body), `"key":"newFlag"`) {
				key = "other"
			}
			created[key] = int32(100 + len(created))
			if key == "newFlag" {
				return nil, io.ErrUnexpectedEOF // done, but the answer is lost
			}
			return answer(201, `{"settingId":`+strconv.Itoa(int(created[key]))+`,"key":"other"}`), nil
		case r.Method == http.MethodGet && r.URL.Path == "/v1/configs/c1/settings":
			var items []string
			for k, id := range created {
				items = append(items, `{"settingId":`+strconv.Itoa(int(id))+`,"key":"`+strings.ToUpper(k[:1])+k[1:]+`"}`)
			}
			return answer(200, "["+strings.Join(items, ",")+"]"), nil
		}
		return answer(404, ``), nil
	})
	var info CallInfo
	c.onCall = func(i CallInfo) {
		if i.Method == http.MethodPost {
			info = i
		}
	}
	s, err := c.CreateSetting(context.Background(), "c1", CreateSettingRequest{Key: "newFlag", Name: "New", SettingType: "boolean"})
	if err != nil {
		t.Fatal(err)
	}
	if posts != 1 || len(created) != 1 {
		t.Errorf("%d POSTs, %d flags created; want exactly one", posts, len(created))
	}
	if s.SettingID != created["newFlag"] {
		t.Errorf("returned setting %d, created %d", s.SettingID, created["newFlag"])
	}
	if !info.Recovered {
		t.Errorf("call info = %+v, want Recovered", info)
	}
}

// TestLostCreateNotDoneIsRetried: a create that failed with a 5xx and left nothing behind is sent again.
func TestLostCreateNotDoneIsRetried(t *testing.T) {
	posts, lists := 0, 0
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodGet {
			lists++
			return answer(200, `[]`), nil
		}
		posts++
		if posts == 1 {
			return answer(502, `bad gateway`), nil
		}
		return answer(201, `{"tagId":9,"name":"beta"}`), nil
	})
	tag, err := c.CreateTag(context.Background(), "p1", TagRequest{Name: strPtr("beta")})
	if err != nil {
		t.Fatal(err)
	}
	if tag.TagID != 9 || posts != 2 || lists != 1 {
		t.Errorf("tag %d after %d POSTs and %d lookups; want 9 after 2 and 1", tag.TagID, posts, lists)
	}
}

func TestParseReset(t *testing.T) {
	now := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"2026-07-01T12:00:05.1234567Z": time.Date(2026, 7, 1, 12, 0, 5, 123456700, time.UTC),
		"2026-07-01T12:00:05Z":         now.Add(5 * time.Second),
		"2026-07-01T12:00:05.5":        now.Add(5500 * time.Millisecond),
		"1782907205":                   time.Unix(1782907205, 0),
		"5":                            now.Add(5 * time.Second),
		"0.5":                          now.Add(500 * time.Millisecond),
	} {
		got, ok := parseReset(in, now)
		if !ok || !got.Equal(want) {
			t.Errorf("parseReset(%q) = %v, %t; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "-3"} {
		if _, ok := parseReset(bad, now); ok {
			t.Errorf("parseReset(%q) accepted", bad)
		}
	}
}

// TestStalledRequestKeepsItsPlace stalls one request between its release and the server: the requests
// released after it must not reach the server in the same window as it (issue 14: 21 in one second).
func TestStalledRequestKeepsItsPlace(t *testing.T) {
	log := &sendLog{}
	stalled, unstall := make(chan struct{}), make(chan struct{})
	var first sync.Once
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		isFirst := false
		first.Do(func() { isFirst = true })
		if isFirst {
			close(stalled)
			<-unstall // the request reaches the server only now
		}
		log.add(r)
		return answer(200, `[]`), nil
	}, func(c *Config) { c.PerSecond, c.PerMinute = 2, -1 })
	log.clock = clock
	ctx := context.Background()
	done := make(chan error, 1)
	go func() { _, err := c.Tags(ctx, "p1"); done <- err }()
	<-stalled
	others := make(chan error, 1)
	go func() {
		for range 3 {
			if _, err := c.Tags(ctx, "p1"); err != nil {
				others <- err
				return
			}
			if len(log.get("GET /v1/products/p1/tags")) == 2 {
				close(unstall) // two went while the first stalled
			}
		}
		others <- nil
	}()
	for _, ch := range []chan error{done, others} {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
	times := log.get("GET /v1/products/p1/tags")
	if len(times) != 4 {
		t.Fatalf("%d sends, want 4", len(times))
	}
	if got := maxInWindow(times, time.Second); got > 2 {
		t.Errorf("%d requests reached the server within one second, limit 2: %v", got, times)
	}
}

// TestRefusedRequestIsNotCounted: a request refused with 429 takes no place in the client's windows (the
// Retry-After paces the retry); counting it cost a whole extra minute (issue 14).
func TestRefusedRequestIsNotCounted(t *testing.T) {
	n := 0
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return answer(429, ``, "Retry-After", "1"), nil
		}
		return answer(200, `[]`), nil
	})
	start := clock.Now()
	for range DefaultPerMinute {
		if _, err := c.Tags(context.Background(), "p1"); err != nil {
			t.Fatal(err)
		}
	}
	// 1 s for the Retry-After, then 500 calls at 20 per second: about 26 s, within the first minute
	if took := clock.Now().Sub(start); took > 30*time.Second {
		t.Errorf("%d calls after one 429 took %s; the refused attempt was counted against the minute", DefaultPerMinute, took)
	}
}

func TestServerWithoutLimitsIsNotPaced(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		paced  bool
	}{
		{"server says off", []string{NoRateLimitHeader, "off"}, false},
		{"server says nothing", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				return answer(200, `[]`, tc.header...), nil
			})
			start := clock.Now()
			for range 3 * DefaultPerSecond {
				if _, err := c.Tags(context.Background(), "p1"); err != nil {
					t.Fatal(err)
				}
			}
			if paced := clock.Now() != start; paced != tc.paced {
				t.Errorf("paced = %t after %d calls, want %t", paced, 3*DefaultPerSecond, tc.paced)
			}
		})
	}
}
