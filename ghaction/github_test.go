package ghaction

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flagsync/flagsync/ghaction/ghtest"
)

const testToken = "ghs_testtoken0123456789abcdef"

func newClient(t *testing.T, url, token string) *Client {
	t.Helper()
	c, err := NewClient(url, token, nil)
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

func TestListIssueCommentsFollowsPages(t *testing.T) {
	gh := ghtest.New(testToken)
	defer gh.Close()
	gh.PerPage = 2
	for i := range 5 {
		gh.AddComment("acme/flags", 42, fmt.Sprintf("comment %d", i))
	}
	gh.AddComment("acme/flags", 41, "another pull request")
	c := newClient(t, gh.URL, testToken)
	got, err := c.ListIssueComments(context.Background(), "acme/flags", 42)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, cm := range got {
		bodies = append(bodies, cm.Body)
	}
	if want := "comment 0,comment 1,comment 2,comment 3,comment 4"; strings.Join(bodies, ",") != want {
		t.Errorf("bodies = %q, want %q", bodies, want)
	}
	reqs := gh.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 pages", len(reqs))
	}
	for _, r := range reqs {
		if r.Auth != "Bearer "+testToken {
			t.Errorf("Authorization = %q", r.Auth)
		}
		if r.Path != "/repos/acme/flags/issues/42/comments" {
			t.Errorf("path %q", r.Path)
		}
	}
}

func TestClientErrorsNameTheCallButNotTheToken(t *testing.T) {
	gh := ghtest.New(testToken)
	defer gh.Close()
	gh.ReadOnly = true
	c := newClient(t, gh.URL, testToken)
	_, err := c.CreateIssueComment(context.Background(), "acme/flags", 42, "hello")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusForbidden {
		t.Fatalf("err = %v, want a 403 APIError", err)
	}
	if want := "github: POST /repos/acme/flags/issues/42/comments: 403 Forbidden: Resource not accessible by integration"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}

	bad := newClient(t, gh.URL, "wrong-token-value")
	_, err = bad.ListIssueComments(context.Background(), "acme/flags", 42)
	if err == nil || !strings.Contains(err.Error(), "401 Unauthorized: Bad credentials") || strings.Contains(err.Error(), "wrong-token-value") {
		t.Errorf("err = %v", err)
	}

	gh.Close()
	_, err = c.ListIssueComments(context.Background(), "acme/flags", 42)
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("err on a closed server = %v", err)
	}
}

func TestPaginationLinkToAnotherHostIsRefused(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Link", `<https://evil.example/steal?page=2>; rel="next"`)
		fmt.Fprint(w, `[{"id": 1, "body": "x"}]`)
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, testToken)
	_, err := c.ListIssueComments(context.Background(), "acme/flags", 1)
	if err == nil || !strings.Contains(err.Error(), "refusing to follow a pagination link to evil.example") {
		t.Errorf("err = %v", err)
	}
	if calls != 1 {
		t.Errorf("%d calls", calls)
	}
}

func TestNewClientChecks(t *testing.T) {
	if _, err := NewClient("https://api.github.com", "", nil); err == nil {
		t.Error("a client without a token was made")
	}
	if _, err := NewClient("ftp://x", "t", nil); err == nil {
		t.Error("a client of an ftp URL was made")
	}
	c := newClient(t, "", "t")
	if c.base.String() != DefaultAPIURL {
		t.Errorf("default base %s", c.base)
	}
	if _, err := c.ListIssueComments(context.Background(), "no-slash", 1); err == nil {
		t.Error("a repository without an owner was accepted")
	}
}

func TestEnterpriseAPIPrefixIsKept(t *testing.T) {
	gh := ghtest.New(testToken)
	defer gh.Close()
	// GitHub Enterprise Server serves the API under /api/v3; the fake answers at the root, so strip it.
	proxy := httptest.NewServer(http.StripPrefix("/api/v3", gh.Config.Handler))
	defer proxy.Close()
	c := newClient(t, proxy.URL+"/api/v3/", testToken)
	if _, err := c.CreateIssueComment(context.Background(), "acme/flags", 3, "x"); err != nil {
		t.Fatal(err)
	}
	if n := len(gh.Comments("acme/flags", 3)); n != 1 {
		t.Errorf("%d comments", n)
	}
}

// TestRetries: what GitHub did not carry out is sent again (a 502 on a GET, a secondary rate limit on a POST);
// a POST that failed with a server error is not, since it may have created the comment.
func TestRetries(t *testing.T) {
	var mu sync.Mutex
	calls := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls[r.Method]++
		n := calls[r.Method]
		mu.Unlock()
		switch {
		case r.Method == http.MethodGet && n == 1:
			w.WriteHeader(http.StatusBadGateway)
		case r.Method == http.MethodGet:
			fmt.Fprint(w, `[{"id": 1, "body": "x"}]`)
		case r.Method == http.MethodPost && n == 1:
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message": "You have exceeded a secondary rate limit"}`)
		case r.Method == http.MethodPost && n == 2:
			fmt.Fprint(w, `{"id": 7, "body": "x"}`)
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, testToken)
	var waits []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	if got, err := c.ListIssueComments(context.Background(), "acme/flags", 1); err != nil || len(got) != 1 {
		t.Fatalf("GET after a 502: %v %v", got, err)
	}
	if got, err := c.CreateIssueComment(context.Background(), "acme/flags", 1, "x"); err != nil || got.ID != 7 {
		t.Fatalf("POST after a secondary rate limit: %v %v", got, err)
	}
	if _, err := c.CreateIssueComment(context.Background(), "acme/flags", 1, "x"); err == nil {
		t.Fatal("a POST answered 500 succeeded")
	}
	if calls["POST"] != 3 {
		t.Errorf("%d POSTs, want 3: a 500 on a POST is not retried", calls["POST"])
	}
	if fmt.Sprint(waits) != "[1s 2s]" {
		t.Errorf("waits %v, want [1s 2s] (backoff, then Retry-After)", waits)
	}
}
