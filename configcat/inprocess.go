package configcat

import (
	"context"
	"net/http"
	"net/http/httptest"

	"github.com/flagsync/flagsync/spec"
)

// inProcessBase is the base URL of an in-process API; no request to it leaves the process.
const inProcessBase = "http://in-process.invalid"

// FetchHandler reads the account that h serves, as Fetch does, by calling h in the process: no network, no
// pacing, one attempt per call. h is a Management API without authentication, such as the emulator's own
// router, which uses it to serve config JSON from what it stores with Fetch's conversions.
func FetchHandler(ctx context.Context, h http.Handler) (*spec.State, error) {
	c, err := New(Config{
		BaseURL: inProcessBase, User: "in-process", Pass: "in-process",
		ReadOnly: true, PerSecond: -1, PerMinute: -1, MaxAttempts: 1,
		HTTPClient: &http.Client{Transport: handlerTransport{h}},
	})
	if err != nil {
		return nil, err
	}
	st, _, err := c.Fetch(ctx, FetchOptions{})
	return st, err
}

// handlerTransport answers requests by calling a handler.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
