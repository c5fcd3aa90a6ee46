package contract

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// recordingTB collects the errors a check reports instead of failing the test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) all() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errors, "\n")
}

func serve(t *testing.T, status int, body string) (*recordingTB, *httptest.Server) {
	rec := &recordingTB{TB: t}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	})
	srv := httptest.NewServer(Middleware(rec, h))
	t.Cleanup(srv.Close)
	return rec, srv
}

func send(t *testing.T, srv *httptest.Server, method, path, body string, opts ...func(*http.Request)) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth("u", "p")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

const productID = "6a4b2f1e-0c3d-4e5f-8a9b-0123456789ab"

func TestConformingExchangePasses(t *testing.T) {
	rec, srv := serve(t, 200, `{"email":"a@b.c","fullName":"A"}`)
	send(t, srv, "GET", "/v1/me", "")
	if got := rec.all(); got != "" {
		t.Fatalf("a conforming exchange was reported:\n%s", got)
	}
}

func TestResponseViolationsAreReported(t *testing.T) {
	cases := []struct {
		name, path string
		status     int
		body, want string
	}{
		{"wrong type", "/v1/me", 200, `{"email":1,"fullName":"A"}`, "field /email"},
		{"missing required key", "/v1/me", 200, `{"email":"a"}`, "fullName"},
		{"null where not nullable", "/v1/products/" + productID + "/tags", 200,
			`[{"product":null,"tagId":1,"name":"t","color":null}]`, "product"},
		{"bad uuid format", "/v1/products/" + productID + "/tags", 200,
			`[{"product":{"organization":{"organizationId":"x","name":"o"},"productId":"nope","name":"p","description":null,"order":0,"reasonRequired":false,"approveRequired":false},"tagId":1,"name":"t","color":null}]`, "uuid"},
		{"undocumented status", "/v1/me", 201, `{"email":"a","fullName":"A"}`, "status is not supported"},
		{"field not in the model", "/v1/me", 200, `{"email":"a","fullName":"A","userId":"u"}`,
			"field /userId: not in the spec's model"},
		{"nested field not in the model", "/v1/products/" + productID + "/tags", 200,
			`[{"product":{"organization":{"organizationId":"` + productID + `","name":"o","plan":"x"},"productId":"` + productID + `","name":"p","description":null,"order":0,"reasonRequired":false,"approveRequired":false},"tagId":1,"name":"t","color":null}]`,
			"field /0/product/organization/plan: not in the spec's model"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, srv := serve(t, c.status, c.body)
			send(t, srv, "GET", c.path, "")
			got := rec.all()
			if !strings.Contains(got, c.want) || !strings.Contains(got, "[get-") {
				t.Fatalf("report %q does not name the operation and %q", got, c.want)
			}
		})
	}
}

func TestRequestViolationsAreReported(t *testing.T) {
	rec, srv := serve(t, 201, `{}`)
	send(t, srv, "POST", "/v1/products/"+productID+"/tags", `{"color":"red"}`)
	if got := rec.all(); !strings.Contains(got, "[create-tag]: request: field /name: ") {
		t.Fatalf("missing required name not reported as a request field: %q", got)
	}
}

func TestExpectInvalidNeedsA4xx(t *testing.T) {
	rec, srv := serve(t, 400, `{"Name":["The Name field is required."]}`)
	send(t, srv, "POST", "/v1/products/"+productID+"/tags", `{}`, func(r *http.Request) { ExpectInvalid(r) })
	if got := rec.all(); got != "" {
		t.Fatalf("an invalid request answered 400 was reported: %q", got)
	}
	rec, srv = serve(t, 201, `{}`)
	send(t, srv, "POST", "/v1/products/"+productID+"/tags", `{}`, func(r *http.Request) { ExpectInvalid(r) })
	if got := rec.all(); !strings.Contains(got, "want a 4xx") {
		t.Fatalf("an invalid request answered 201 was not reported: %q", got)
	}
}

func TestUnknownOperationIsReported(t *testing.T) {
	rec, srv := serve(t, 200, `{}`)
	send(t, srv, "GET", "/v1/nothing-here", "")
	if got := rec.all(); !strings.Contains(got, "no such operation") {
		t.Fatalf("unknown operation not reported: %q", got)
	}
}

func TestJSONPatchContentTypeAccepted(t *testing.T) {
	rec, srv := serve(t, 204, ``)
	send(t, srv, "PATCH", "/v2/environments/"+productID+"/settings/1/value", `[{"op":"replace","path":"/defaultValue/boolValue","value":true}]`,
		func(r *http.Request) { r.Header.Set("Content-Type", "application/json-patch+json") })
	if got := rec.all(); got != "" {
		t.Fatalf("a JSON Patch body was reported: %q", got)
	}
}

func TestRoundTripperChecksClientTraffic(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"email":1}`)
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	rec := &recordingTB{TB: t}
	client := &http.Client{Transport: RoundTripper(rec, nil)}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/me", nil)
	req.SetBasicAuth("u", "p")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := rec.all(); !strings.Contains(got, "/email") {
		t.Fatalf("round tripper did not report the bad answer: %q", got)
	}
}

// TestEmbeddedSpecIsShared keeps the embedded copy of ConfigCat's spec equal to the one in ../shared, where that
// folder sits beside the repository (as in CI).
func TestEmbeddedSpecIsShared(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "configcat-openapi.yaml"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no ../shared/configcat-openapi.yaml beside the repository to compare with")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, embeddedSpec) {
		t.Fatal("internal/contract/configcat-openapi.yaml differs from ../shared/configcat-openapi.yaml: copy the shared one over it")
	}
}

// An answer cut short is the client's error, and the round tripper hands back no half-read response with it.
func TestRoundTripperAnswerCutShort(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":")
		_ = buf.Flush()
		_ = conn.Close()
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	rec := &recordingTB{TB: t}
	req, _ := http.NewRequest("GET", srv.URL+"/v1/me", nil)
	req.SetBasicAuth("u", "p")
	resp, err := RoundTripper(rec, nil).RoundTrip(req)
	if err == nil || resp != nil {
		t.Fatalf("RoundTrip = %v, %v; want no response and an error", resp, err)
	}
}
