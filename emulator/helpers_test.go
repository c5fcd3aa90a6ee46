package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flagsync/flagsync/internal/contract"
)

const (
	testUser = "user"
	testPass = "secret-pass"
)

// fakeClock is an injectable clock for rate limits and timestamps.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is one emulator behind the contract checker, and a client for it.
type env struct {
	t     *testing.T
	srv   *Server
	http  *httptest.Server
	clock *fakeClock
}

// newEnv starts an emulator with rate limits off, checked against the spec on every exchange.
func newEnv(t *testing.T, mutate ...func(*Options)) *env {
	t.Helper()
	clock := newFakeClock()
	opts := Options{User: testUser, Pass: testPass, RateLimit: RateLimit{Off: true}, Now: clock.Now,
		Sleep: func(time.Duration) {}}
	for _, m := range mutate {
		m(&opts)
	}
	srv := New(opts)
	hs := httptest.NewServer(contract.Middleware(t, srv))
	t.Cleanup(hs.Close)
	return &env{t: t, srv: srv, http: hs, clock: clock}
}

// loadedEnv starts an emulator as newEnv does and loads the state file at path into it.
func loadedEnv(t *testing.T, path string, mutate ...func(*Options)) *env {
	t.Helper()
	e := newEnv(t, mutate...)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := e.srv.LoadState(f); err != nil {
		t.Fatal(err)
	}
	return e
}

// reloaded saves e's state and loads it into a new emulator, which it returns with the saved file.
func (e *env) reloaded() (*env, string) {
	e.t.Helper()
	var buf bytes.Buffer
	if err := e.srv.SaveState(&buf); err != nil {
		e.t.Fatal(err)
	}
	saved := buf.String()
	loaded := newEnv(e.t)
	if err := loaded.srv.LoadState(&buf); err != nil {
		e.t.Fatal(err)
	}
	return loaded, saved
}

// reply is an answer with its body read.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// obj decodes a JSON object answer.
func (r reply) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	r.decode(t, &m)
	return m
}

func (r reply) list(t *testing.T) []map[string]any {
	t.Helper()
	var m []map[string]any
	r.decode(t, &m)
	return m
}

type reqOpt func(*http.Request)

// invalid marks a request the test sends invalid against the spec on purpose.
func invalid(r *http.Request) { contract.ExpectInvalid(r) }

func withHeader(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

func withAuth(user, pass string) reqOpt { return func(r *http.Request) { r.SetBasicAuth(user, pass) } }

func noAuth(r *http.Request) { r.Header.Del("Authorization") }

// do sends a request; body is JSON-encoded unless it is a string, sent verbatim.
func (e *env) do(method, path string, body any, opts ...reqOpt) reply {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			buf, err := json.Marshal(body)
			if err != nil {
				e.t.Fatal(err)
			}
			rd = bytes.NewReader(buf)
		}
	}
	req, err := http.NewRequest(method, e.http.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.SetBasicAuth(testUser, testPass)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		if method == http.MethodPatch {
			req.Header.Set("Content-Type", "application/json-patch+json")
		}
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := e.http.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: out}
}

// must sends a request and fails the test unless the answer has status want.
func (e *env) must(want int, method, path string, body any, opts ...reqOpt) reply {
	e.t.Helper()
	r := e.do(method, path, body, opts...)
	if r.status != want {
		e.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, r.status, want, r.body)
	}
	return r
}

// wantError asserts a 400 (or other status) whose body is exactly {field: [msg]}.
func (e *env) wantError(r reply, status int, field, msg string) {
	e.t.Helper()
	if r.status != status {
		e.t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	var got map[string][]string
	if err := json.Unmarshal(r.body, &got); err != nil {
		e.t.Fatalf("error body %q is not a ModelState dictionary: %v", r.body, err)
	}
	if len(got) != 1 || len(got[field]) != 1 || got[field][0] != msg {
		e.t.Fatalf("error body %s, want {%q:[%q]}", r.body, field, msg)
	}
}

// Fixture builders. Each returns the new entity's id.

func (e *env) product(name string) string {
	e.t.Helper()
	r := e.must(201, "POST", "/v1/organizations/"+e.srv.OrganizationID()+"/products", map[string]any{"name": name})
	return r.obj(e.t)["productId"].(string)
}

func (e *env) environment(productID, name string) string {
	e.t.Helper()
	r := e.must(201, "POST", "/v1/products/"+productID+"/environments", map[string]any{"name": name})
	return r.obj(e.t)["environmentId"].(string)
}

func (e *env) config(productID, name, version string) string {
	e.t.Helper()
	r := e.must(201, "POST", "/v1/products/"+productID+"/configs", map[string]any{"name": name, "evaluationVersion": version})
	return r.obj(e.t)["configId"].(string)
}

func (e *env) tag(productID, name string) int64 {
	e.t.Helper()
	r := e.must(201, "POST", "/v1/products/"+productID+"/tags", map[string]any{"name": name})
	return int64(r.obj(e.t)["tagId"].(float64))
}

func (e *env) segment(productID, name string) string {
	e.t.Helper()
	r := e.must(201, "POST", "/v1/products/"+productID+"/segments", map[string]any{"name": name,
		"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@example.com"})
	return r.obj(e.t)["segmentId"].(string)
}

func (e *env) setting(configID, key, settingType string, extra map[string]any) int32 {
	e.t.Helper()
	body := map[string]any{"key": key, "name": key, "settingType": settingType}
	for k, v := range extra {
		body[k] = v
	}
	r := e.must(201, "POST", "/v1/configs/"+configID+"/settings", body)
	return int32(r.obj(e.t)["settingId"].(float64))
}

// world is a product with two environments, a v2 config and a v1 config.
type world struct {
	product, prod, dev, v2, v1 string
}

func (e *env) world() world {
	e.t.Helper()
	p := e.product("Shop")
	return world{product: p, prod: e.environment(p, "Production"), dev: e.environment(p, "Development"),
		v2: e.config(p, "Main", "v2"), v1: e.config(p, "Legacy", "v1")}
}

func itoa(n int32) string { return itoa32(n) }
