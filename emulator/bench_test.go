package emulator

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// seedFlags builds a product with one environment and a v2 config of n boolean flags, each with a rule, and
// returns the batch values path.
func seedFlags(b *testing.B, srv *Server, n int) string {
	b.Helper()
	call := func(method, path, body string) string {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.SetBasicAuth(testUser, testPass)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 300 {
			b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	id := func(body, field string) string {
		i := strings.Index(body, `"`+field+`":`)
		rest := body[i+len(field)+3:]
		rest = strings.TrimPrefix(rest, `"`)
		return rest[:strings.IndexAny(rest, `",}`)]
	}
	p := id(call("POST", "/v1/organizations/"+srv.OrganizationID()+"/products", `{"name":"Bench"}`), "productId")
	e := id(call("POST", "/v1/products/"+p+"/environments", `{"name":"Production"}`), "environmentId")
	c := id(call("POST", "/v1/products/"+p+"/configs", `{"name":"Main","evaluationVersion":"v2"}`), "configId")
	var items []string
	for i := 0; i < n; i++ {
		s := id(call("POST", "/v1/configs/"+c+"/settings", fmt.Sprintf(`{"key":"flag%d","name":"Flag %d","settingType":"boolean","hint":"h"}`, i, i)), "settingId")
		items = append(items, fmt.Sprintf(`{"settingId":%s,"defaultValue":{"boolValue":true},"targetingRules":[{"conditions":[{"userCondition":{"comparisonAttribute":"Email","comparator":"isOneOf","comparisonValue":{"listValue":[{"value":"a@example.com"}]}}}],"value":{"boolValue":false}}]}`, s))
	}
	path := "/v2/configs/" + c + "/environments/" + e + "/values"
	call("POST", path, `{"updateFormulas":[`+strings.Join(items, ",")+`]}`)
	return path
}

// BenchmarkBatchValuesGet500 measures the server work of GET /v2/configs/{c}/environments/{e}/values for a
// config of 500 flags, without the network.
func BenchmarkBatchValuesGet500(b *testing.B) {
	srv := New(Options{User: testUser, Pass: testPass})
	srv.SetRateLimit(RateLimit{Off: true})
	path := seedFlags(b, srv, 500)
	req := httptest.NewRequest("GET", path, nil)
	req.SetBasicAuth(testUser, testPass)
	b.ReportAllocs()
	b.ResetTimer()
	w := &discard{header: http.Header{}}
	for i := 0; i < b.N; i++ {
		srv.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// BenchmarkBatchValuesGet500AfterWrite measures the same GET after a value write, so that the answer is
// assembled afresh from the cached encodings of unchanged flags.
func BenchmarkBatchValuesGet500AfterWrite(b *testing.B) { benchAfterWrite(b, false) }

// BenchmarkBatchValuesGet500Cold measures the same GET after a metadata write, which encodes every flag again.
func BenchmarkBatchValuesGet500Cold(b *testing.B) { benchAfterWrite(b, true) }

func benchAfterWrite(b *testing.B, meta bool) {
	srv := New(Options{User: testUser, Pass: testPass})
	srv.SetRateLimit(RateLimit{Off: true})
	path := seedFlags(b, srv, 500)
	req := httptest.NewRequest("GET", path, nil)
	req.SetBasicAuth(testUser, testPass)
	w := &discard{header: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		srv.mu.Lock()
		srv.gen++
		if meta {
			srv.meta++
		}
		srv.mu.Unlock()
		srv.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// discard is a ResponseWriter that keeps only the status, so that benchmarks measure the server's work.
type discard struct {
	header http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.status = code }
