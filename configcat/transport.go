package configcat

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// CallInfo describes one finished call, for OnCall.
type CallInfo struct {
	Method string
	// Template is the endpoint's path template, e.g. GET /v1/products/{productId}/configs has
	// Template "/v1/products/{productId}/configs".
	Template string
	// Status is the last answer's status (0 when none came).
	Status   int
	Duration time.Duration
	// Attempts counts the requests sent, the first one included.
	Attempts int
	// RateLimited counts the 429 answers seen.
	RateLimited int
	// Recovered is true when a create's lost answer was found by its natural key instead of being retried.
	Recovered bool
	Err       error
}

// EndpointStats are the counters of one endpoint (method and template) since the client was made.
type EndpointStats struct {
	Calls       int
	Attempts    int
	RateLimited int
	Errors      int
	Duration    time.Duration
}

// Stats returns the counters per endpoint, keyed "METHOD /template".
func (c *Client) Stats() map[string]EndpointStats {
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	out := make(map[string]EndpointStats, len(c.stats))
	for k, v := range c.stats {
		out[k] = *v
	}
	return out
}

// request is one call of an endpoint.
type request struct {
	method   string
	template string
	args     []string // values of the template's {placeholders}, in order
	query    url.Values
	body     any
	out      any
	// idempotent calls are retried after 5xx answers, timeouts and dropped connections.
	idempotent bool
	// recover, for a create whose answer was lost, looks the object up by its natural key; found means it was
	// created (and recover filled out), so it must not be sent again.
	recover func(ctx context.Context) (found bool, err error)
}

// credentials hold the Basic authorization header and what must never be shown.
type credentials struct {
	header  string
	secrets []string
}

func newCredentials(user, pass string) *credentials {
	token := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	return &credentials{header: "Basic " + token, secrets: []string{token, pass, user}}
}

// redact blanks the credentials out of text that came from elsewhere (an error body, a transport error), in
// case a proxy or server echoes them.
func (c *credentials) redact(text string) string {
	for _, s := range c.secrets {
		if len(s) >= 3 {
			text = strings.ReplaceAll(text, s, "***")
		}
	}
	return text
}

// redactedError keeps an error's chain but redacts its text.
type redactedError struct {
	err  error
	text string
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// expand fills a path template's placeholders with escaped values.
func expand(template string, args []string) (string, error) {
	var b strings.Builder
	rest := template
	for _, a := range args {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			return "", fmt.Errorf("%s: too many path values", template)
		}
		if a == "" {
			return "", fmt.Errorf("%s: empty %s", template, rest[i:j+1])
		}
		b.WriteString(rest[:i])
		b.WriteString(url.PathEscape(a))
		rest = rest[j+1:]
	}
	if strings.IndexByte(rest, '{') >= 0 {
		return "", fmt.Errorf("%s: missing path values", template)
	}
	b.WriteString(rest)
	return b.String(), nil
}

// do sends a request with pacing and retries, and decodes the answer into r.out.
func (c *Client) do(ctx context.Context, r *request) (err error) {
	key := r.method + " " + r.template
	info := CallInfo{Method: r.method, Template: r.template}
	start := c.clock.Now()
	defer func() {
		info.Duration = c.clock.Now().Sub(start)
		info.Err = err
		c.record(key, info)
	}()
	if c.readOnly && r.method != http.MethodGet {
		return fmt.Errorf("%s: %w", describeCall(r.method, r.template), ErrReadOnly)
	}
	path, u, body, err := c.prepare(r)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		info.Attempts = attempt
		a, err := c.attempt(ctx, key, r.method, u, body)
		if err != nil {
			return fmt.Errorf("%s: %w", describeCall(r.method, r.template), err)
		}
		info.Status = a.status
		last := attempt >= c.maxAttempts
		switch {
		case a.err == nil && a.status >= 200 && a.status < 300:
			return decode(r, a.body)
		case a.err == nil && a.status == http.StatusTooManyRequests:
			info.RateLimited++
			if err := c.rateLimited(r, key, a.header, attempt, last); err != nil {
				return err
			}
		case a.err != nil && ctx.Err() != nil:
			return fmt.Errorf("%s: %w", describeCall(r.method, r.template), ctx.Err())
		case a.err != nil || retryableStatus(a.status):
			if done, err := c.failed(ctx, r, path, a, attempt, last, &info); done {
				return err
			}
		default:
			return c.apiError(r, path, a.status, a.body)
		}
	}
}

// prepare expands r's path and encodes its body once, for every attempt.
func (c *Client) prepare(r *request) (path, u string, body []byte, err error) {
	if path, err = expand(r.template, r.args); err != nil {
		return "", "", nil, err
	}
	full := *c.base
	full.Path += path
	full.RawQuery = r.query.Encode()
	if r.body != nil {
		if body, err = json.Marshal(r.body); err != nil {
			return "", "", nil, fmt.Errorf("%s: encoding the body: %w", describeCall(r.method, r.template), err)
		}
	}
	return path, full.String(), body, nil
}

// reply is what one attempt of a call got: the server's answer, or err when none came.
type reply struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// attempt waits for the pacing to let the call go, sends it, and gives its place in the windows back or dates
// it by the answer. The error is the pacing's (ctx done); a failed send is the answer's err.
func (c *Client) attempt(ctx context.Context, key, method, u string, body []byte) (reply, error) {
	place, err := c.limits.wait(ctx, key)
	if err != nil {
		return reply{}, err
	}
	ReportAdmitted(ctx)
	var a reply
	var doneAt time.Time
	a.status, a.header, a.body, doneAt, a.err = c.send(ctx, method, u, body)
	switch {
	case doneAt.IsZero() || (a.err == nil && a.status == http.StatusTooManyRequests):
		c.limits.release(key, place) // never reached the server, or refused: Retry-After paces the retry
	default:
		c.limits.answered(place, doneAt)
	}
	if a.err == nil {
		c.limits.observe(key, a.header)
	}
	return a, nil
}

// rateLimited handles a 429, which the server refused before processing, so sending again is always safe: it
// holds the call's endpoint back for Retry-After (or a backoff), or gives up after the last attempt.
func (c *Client) rateLimited(r *request, key string, header http.Header, attempt int, last bool) error {
	asked, ok := parseRetryAfter(header.Get("Retry-After"), c.clock.Now())
	if last {
		return &RateLimitError{Method: r.method, Template: r.template, Attempts: attempt, RetryAfter: asked}
	}
	wait := asked
	if !ok {
		wait = c.backoff(attempt)
	}
	c.log.Warn("rate limited; retrying", "call", describeCall(r.method, r.template), "wait", wait, "attempt", attempt)
	c.limits.block(key, c.clock.Now().Add(wait))
	return nil
}

// failed handles a dropped connection, a timeout or a retryable status. A call that is not idempotent is not
// sent again: a create whose answer was lost is looked up instead (found: done, and recovered). done is false
// when the call should be sent again, after the backoff.
func (c *Client) failed(ctx context.Context, r *request, path string, a reply, attempt int, last bool, info *CallInfo) (done bool, err error) {
	// cause is why, for the retry line that already names the call; failure is the whole error
	var failure, cause error
	if a.err == nil {
		ae := c.apiError(r, path, a.status, a.body)
		failure, cause = ae, errors.New(ae.status())
	} else {
		cause = &NetworkError{Host: c.base.Host, Err: a.err}
		failure = fmt.Errorf("%s: %w", describeCall(r.method, r.template), cause)
	}
	if !r.idempotent {
		if r.recover == nil {
			return true, failure
		}
		found, rerr := r.recover(ctx)
		if rerr != nil {
			return true, fmt.Errorf("%w (looking it up after the failure: %v)", failure, rerr)
		}
		if found {
			info.Recovered = true
			return true, nil
		}
	}
	if last {
		return true, failure
	}
	wait := c.backoff(attempt)
	c.log.Warn("retrying", "call", describeCall(r.method, r.template), "error", cause, "wait", wait, "attempt", attempt)
	if err := c.clock.Sleep(ctx, wait); err != nil {
		return true, fmt.Errorf("%s: %w", describeCall(r.method, r.template), err)
	}
	return false, nil
}

func retryableStatus(status int) bool {
	return status >= 500 || status == http.StatusRequestTimeout
}

// backoff is the exponential wait before attempt+1, with jitter: half of it fixed, half random.
func (c *Client) backoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(attempt-1, 6)
	d = min(d, 30*time.Second)
	return d/2 + rand.N(d/2+1)
}

// send makes one attempt and reads the whole answer. doneAt is when the answer came, or when the attempt
// failed after the request was written; it is zero when the request never left.
func (c *Client) send(ctx context.Context, method, u string, body []byte) (status int, header http.Header, data []byte, doneAt time.Time, err error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var wrote atomic.Bool
	actx = httptrace.WithClientTrace(actx, &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) {
		wrote.Store(true)
	}})
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, u, rd)
	if err != nil {
		return 0, nil, nil, time.Time{}, err
	}
	req.Header.Set("Authorization", c.creds.header)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "flagsync")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	answered := c.clock.Now()
	if err != nil {
		if !wrote.Load() {
			answered = time.Time{}
		}
		return 0, nil, nil, answered, &redactedError{err: err, text: c.creds.redact(err.Error())}
	}
	defer resp.Body.Close()
	data, err = readAnswer(resp)
	if err != nil {
		// the answer was cut off: as good as lost
		return 0, nil, nil, answered, fmt.Errorf("reading the answer: %w", err)
	}
	return resp.StatusCode, resp.Header, data, answered, nil
}

// maxPresized bounds the buffer readAnswer sizes from the announced length before reading anything.
const maxPresized = 64 << 20

// readAnswer reads an answer's body into one buffer of the length the server announced, when it did, instead of
// the growing buffers of io.ReadAll: a large account's values answers are close to a megabyte each, and Fetch
// reads several at once.
func readAnswer(resp *http.Response) ([]byte, error) {
	n := resp.ContentLength
	if n <= 0 || n > maxPresized {
		return io.ReadAll(resp.Body)
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead)) // MinRead spare: seeing the end needs no growth
	_, err := buf.ReadFrom(resp.Body)
	return buf.Bytes(), err
}

func decode(r *request, body []byte) error {
	if r.out == nil || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, r.out); err != nil {
		return fmt.Errorf("%s: the answer is not what ConfigCat documents: %w", describeCall(r.method, r.template), err)
	}
	return nil
}

func (c *Client) apiError(r *request, path string, status int, body []byte) *APIError {
	msgs := parseErrorBody(body)
	for _, list := range msgs {
		for i := range list {
			list[i] = c.creds.redact(list[i])
		}
	}
	return &APIError{Method: r.method, Template: r.template, Path: path, StatusCode: status, Messages: msgs}
}

func (c *Client) record(key string, info CallInfo) {
	c.statsMu.Lock()
	s := c.stats[key]
	if s == nil {
		s = &EndpointStats{}
		c.stats[key] = s
	}
	s.Calls++
	s.Attempts += info.Attempts
	s.RateLimited += info.RateLimited
	s.Duration += info.Duration
	if info.Err != nil {
		s.Errors++
	}
	c.statsMu.Unlock()
	if info.Err != nil && !errors.Is(info.Err, context.Canceled) {
		c.log.Debug("call failed", "call", key, "status", info.Status, "error", info.Err)
	}
	if c.onCall != nil {
		c.onCallMu.Lock()
		defer c.onCallMu.Unlock()
		c.onCall(info)
	}
}
