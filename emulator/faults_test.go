package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"
)

// faultSequence records the statuses of n GETs against an emulator with the given fault settings; a dropped
// connection shows as 0.
func faultSequence(t *testing.T, rate float64, seed int64, n int) []int {
	var slept time.Duration
	e := newEnv(t, func(o *Options) {
		o.FaultRate, o.FaultSeed = rate, seed
		o.Sleep = func(d time.Duration) { slept += d }
	})
	out := make([]int, n)
	for i := range out {
		req, _ := http.NewRequest("GET", e.http.URL+"/v1/me", nil)
		req.SetBasicAuth(testUser, testPass)
		resp, err := e.http.Client().Do(req)
		if err != nil {
			continue
		}
		resp.Body.Close()
		out[i] = resp.StatusCode
	}
	if rate > 0 && slept == 0 {
		t.Fatalf("no slow answer in %d requests at rate %v", n, rate)
	}
	if slept > time.Duration(n)*maxSlowDelay {
		t.Fatalf("slow answers slept %v, more than the bound allows", slept)
	}
	return out
}

func TestFaultsDeterministicForASeed(t *testing.T) {
	a := faultSequence(t, 0.5, 42, 60)
	b := faultSequence(t, 0.5, 42, 60)
	if !slices.Equal(a, b) {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	seen := map[int]bool{}
	for _, s := range a {
		seen[s] = true
	}
	for _, s := range []int{0, 200, 429, 500, 503} {
		if !seen[s] {
			t.Fatalf("status %d never seen in %v", s, a)
		}
	}
	if c := faultSequence(t, 0.5, 7, 60); slices.Equal(a, c) {
		t.Fatalf("different seeds, same faults")
	}
	for _, s := range faultSequence(t, 0, 42, 30) {
		if s != 200 {
			t.Fatalf("rate 0 injected a fault: %d", s)
		}
	}
}

// createProductDropped creates a product with the fault f drawn for the request, and fails the test unless the
// connection is dropped.
func createProductDropped(t *testing.T, e *env, f fault, name string) {
	t.Helper()
	seed := int64(0)
	for newFaults(1, seed).next() != f {
		seed++
	}
	e.srv.SetFaultRate(1, seed)
	defer e.srv.SetFaultRate(0, 0)
	body, _ := json.Marshal(map[string]any{"name": name})
	req, _ := http.NewRequest("POST", e.http.URL+"/v1/organizations/"+e.srv.OrganizationID()+"/products", bytes.NewReader(body))
	req.SetBasicAuth(testUser, testPass)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := e.http.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the connection was not dropped: %d", resp.StatusCode)
	}
}

func TestDroppedAfterCommitReallyCommits(t *testing.T) {
	e := newEnv(t)
	createProductDropped(t, e, faultDropAfter, "Committed")
	list := e.must(200, "GET", "/v1/products", nil).list(t)
	if len(list) != 1 || list[0]["name"] != "Committed" {
		t.Fatalf("the write dropped after commit is not there: %v", list)
	}
}

func TestDroppedBeforeHandlingChangesNothing(t *testing.T) {
	e := newEnv(t)
	createProductDropped(t, e, faultDropBefore, "Lost")
	if list := e.must(200, "GET", "/v1/products", nil).list(t); len(list) != 0 {
		t.Fatalf("a request dropped before handling wrote %v", list)
	}
}

func TestRequestLog(t *testing.T) {
	var buf bytes.Buffer
	e := newEnv(t, func(o *Options) { o.RequestLog = &buf })
	p := e.product("A")
	e.must(200, "GET", "/v1/products/"+p, nil)
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	if len(lines) != 2 {
		t.Fatalf("log = %s", buf.String())
	}
	var l map[string]any
	if err := json.Unmarshal(lines[1], &l); err != nil {
		t.Fatal(err)
	}
	if l["method"] != "GET" || l["template"] != "/v1/products/{productId}" || l["path"] != "/v1/products/"+p ||
		l["status"] != 200.0 || l["time"] != "2026-03-01T12:00:00Z" {
		t.Fatalf("log line = %v", l)
	}
	if _, ok := l["duration_ms"].(float64); !ok {
		t.Fatalf("duration_ms = %v", l["duration_ms"])
	}
	if bytes.Contains(buf.Bytes(), []byte(testPass)) {
		t.Fatalf("the log contains the password")
	}
}
