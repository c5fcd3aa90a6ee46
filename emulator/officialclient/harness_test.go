// Package officialclient_test drives the emulator with ConfigCat's official generated Go client
// (github.com/configcat/configcat-publicapi-go-client/v2 v2.1.2): every entity is created, read back, updated,
// listed and deleted through it, and the documented error answers are checked through it too.
package officialclient_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/contract"
)

const (
	testUser = "officialclient-user"
	testPass = "officialclient-secret"
)

// harness is one emulator served over HTTP and an official client pointed at it.
type harness struct {
	t      *testing.T
	srv    *emulator.Server
	api    *cc.APIClient
	ctx    context.Context // carries the right Basic credentials
	tol    *tolerantTransport
	orgID  string
	server *httptest.Server

	fixtures int // products made by newFixture, for unique names
}

// newHarness starts an emulator with rate limits off behind the spec's contract checker (every request and
// answer is checked against shared/configcat-openapi.yaml), and an official client whose server URL is set
// explicitly (the client's default is ConfigCat's test API, not production and not us).
func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := emulator.New(emulator.Options{User: testUser, Pass: testPass, RateLimit: emulator.RateLimit{Off: true},
		Now: func() time.Time { return clock }})
	hs := httptest.NewServer(contract.Middleware(t, srv))
	t.Cleanup(hs.Close)

	tol := &tolerantTransport{next: http.DefaultTransport}
	cfg := cc.NewConfiguration()
	cfg.Servers = cc.ServerConfigurations{{URL: hs.URL, Description: "emulator"}}
	cfg.HTTPClient = &http.Client{Transport: tol, Timeout: 30 * time.Second}
	ctx := context.WithValue(context.Background(), cc.ContextBasicAuth,
		cc.BasicAuth{UserName: testUser, Password: testPass})
	return &harness{t: t, srv: srv, api: cc.NewAPIClient(cfg), ctx: ctx, tol: tol, orgID: srv.OrganizationID(),
		server: hs}
}

// ok fails the test when a call did not succeed with want.
func ok(t *testing.T, resp *http.Response, err error, want int) {
	t.Helper()
	if err != nil {
		var body []byte
		var oe *cc.GenericOpenAPIError
		if errors.As(err, &oe) {
			body = oe.Body()
		}
		t.Fatalf("call failed: %v %s", err, body)
	}
	if resp == nil || resp.StatusCode != want {
		t.Fatalf("status = %v, want %d", statusOf(resp), want)
	}
}

// fails asserts that a call was refused with status and, when msg is not empty, that the error body (a
// ModelState dictionary {"Field":["message"]}) carries msg under some field. It returns the body.
func fails(t *testing.T, resp *http.Response, err error, status int, msg string) []byte {
	t.Helper()
	if err == nil {
		t.Fatalf("call succeeded with %v, want %d %q", statusOf(resp), status, msg)
	}
	if resp == nil {
		t.Fatalf("no answer: %v", err)
	}
	var body []byte
	var oe *cc.GenericOpenAPIError
	if errors.As(err, &oe) {
		body = oe.Body()
	}
	if resp.StatusCode != status {
		t.Fatalf("status = %d (%s), want %d %q", resp.StatusCode, body, status, msg)
	}
	switch {
	case status == http.StatusNotFound && len(body) != 0:
		t.Errorf("404 body = %s, want none (behaviour doc Q3)", body)
	case status == http.StatusBadRequest && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json"):
		t.Errorf("400 content type = %q, want application/json (behaviour doc Q3)", resp.Header.Get("Content-Type"))
	}
	if msg == "" {
		return body
	}
	var fields map[string][]string
	if jerr := json.Unmarshal(body, &fields); jerr != nil {
		t.Fatalf("error body %s is not a ModelState dictionary: %v", body, jerr)
	}
	for _, msgs := range fields {
		if slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, msg) }) {
			return body
		}
	}
	t.Fatalf("error body %s lacks %q", body, msg)
	return body
}

func statusOf(resp *http.Response) any {
	if resp == nil {
		return "no answer"
	}
	return resp.StatusCode
}

// rawBody returns the JSON object of an answer the client already decoded (it puts the body back).
func rawBody(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("decoding the raw answer: %v", err)
	}
	return m
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
				return false
			}
		}
	}
	return true
}

func str(n cc.NullableString) string {
	if v := n.Get(); v != nil {
		return *v
	}
	return ""
}

func nstr(s string) cc.NullableString     { return *cc.NewNullableString(&s) }
func nint(i int32) cc.NullableInt32       { return *cc.NewNullableInt32(&i) }
func nbool(b bool) cc.NullableBool        { return *cc.NewNullableBool(&b) }
func nfloat(f float64) cc.NullableFloat64 { return *cc.NewNullableFloat64(&f) }
