package contract

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
)

// Middleware wraps a server under test: every exchange through it is checked against the spec, and each
// violation is reported with t.Errorf. Connections the server drops (by hijacking them) have no answer to
// check; their requests still are.
func Middleware(t testing.TB, h http.Handler) http.Handler {
	v := MustLoad(t)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("contract: reading the request body of %s %s: %v", r.Method, r.URL.Path, err)
		}
		marked := r.Clone(r.Context())
		marked.Body = io.NopCloser(bytes.NewReader(body))
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.Header.Del(ExpectInvalidHeader)
		c := &capture{ResponseWriter: w}
		defer func() {
			if c.hijacked {
				c.status = 0
			} else if c.status == 0 {
				c.status = http.StatusOK
			}
			for _, p := range v.Check(Exchange{Request: marked, RequestBody: body, Status: c.status,
				Header: w.Header(), ResponseBody: c.body.Bytes()}) {
				t.Errorf("contract: %s", p)
			}
		}()
		h.ServeHTTP(c, r)
	})
}

// capture passes an answer through while keeping a copy of its status and body.
type capture struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	hijacked bool
}

func (c *capture) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *capture) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.body.Write(p)
	return c.ResponseWriter.Write(p)
}

// Hijack lets the server under test drop connections.
func (c *capture) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := c.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("contract: the ResponseWriter cannot hijack")
	}
	c.hijacked = true
	return hj.Hijack()
}

// RoundTripper wraps a client's transport (nil means http.DefaultTransport): every request it sends and
// every answer it gets are checked against the spec, each violation reported with t.Errorf.
func RoundTripper(t testing.TB, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &roundTripper{t: t, v: MustLoad(t), next: next}
}

type roundTripper struct {
	t    testing.TB
	v    *Validator
	next http.RoundTripper
}

func (rt *roundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
		_ = r.Body.Close()
	}
	marked := r.Clone(r.Context())
	marked.Body = io.NopCloser(bytes.NewReader(body))
	out := r.Clone(r.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.Header.Del(ExpectInvalidHeader)
	resp, err := rt.next.RoundTrip(out)
	if err != nil {
		for _, p := range rt.v.Check(Exchange{Request: marked, RequestBody: body}) {
			rt.t.Errorf("contract: %s", p)
		}
		return nil, err
	}
	respBody, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err // a RoundTripper returns a response or an error, never both
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	for _, p := range rt.v.Check(Exchange{Request: marked, RequestBody: body, Status: resp.StatusCode,
		Header: resp.Header, ResponseBody: respBody}) {
		rt.t.Errorf("contract: %s", p)
	}
	return resp, nil
}
