package configcat

import (
	"github.com/flagsync/flagsync/configcat/configcattest"
	"io"
	"net/http"
	"strings"
	"testing"
)

// rtFunc is an http.RoundTripper made of a function, so that tests answer without a network.
type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// answer builds a response.
func answer(status int, body string, header ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	if body != "" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	return &http.Response{StatusCode: status, Status: http.StatusText(status), Header: h,
		Body: io.NopCloser(strings.NewReader(body))}
}

// fakeClient returns a client whose requests go to rt, on a fake clock.
func fakeClient(t *testing.T, rt rtFunc, edit ...func(*Config)) (*Client, *configcattest.Clock) {
	t.Helper()
	clock := configcattest.NewClock()
	cfg := Config{BaseURL: "https://api.example.test", User: "user", Pass: "pass", Clock: clock,
		HTTPClient: &http.Client{Transport: rt}}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, clock
}
