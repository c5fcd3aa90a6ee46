package configcat

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"
)

// TestChangeRequestsReadEveryPage: the list keeps asking for the next page, with the same filters, until the
// answer says there is none.
func TestChangeRequestsReadEveryPage(t *testing.T) {
	var queries []url.Values
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		queries = append(queries, q)
		n := len(queries)
		return answer(200, fmt.Sprintf(`{"changeRequests":{"paging":{"hasNext":%v},"data":[{"changeRequestId":%d}]}}`,
			n < 3, n)), nil
	})
	got, err := c.ChangeRequests(context.Background(), "p1", "c1", "e1", ChangeRequestOpen, ChangeRequestApplied)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, cr := range got {
		ids = append(ids, cr.ChangeRequestID)
	}
	if !slices.Equal(ids, []int64{1, 2, 3}) {
		t.Fatalf("change requests %v, want 1, 2 and 3 from three pages", ids)
	}
	for i, q := range queries {
		if q.Get("pageNumber") != fmt.Sprint(i+1) || q.Get("pageSize") != "100" || q.Get("configId") != "c1" ||
			q.Get("environmentId") != "e1" || !slices.Equal(q["changeRequestStatusFilter"], []string{"open", "applied"}) {
			t.Errorf("page %d asked with %v", i+1, q)
		}
	}
}

// TestAuditLogsStopWhenTheCallerHasEnough: a visit that returns false ends the reading, though more pages
// remain.
func TestAuditLogsStopWhenTheCallerHasEnough(t *testing.T) {
	var pages []string
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		pages = append(pages, q.Get("pageNumber"))
		if q.Get("fromUtcDateTime") != "2026-01-02T03:04:05Z" {
			t.Errorf("fromUtcDateTime %q", q.Get("fromUtcDateTime"))
		}
		return answer(200, fmt.Sprintf(`{"paging":{"hasNext":true},"data":[{"auditLogId":%d}]}`, len(pages))), nil
	})
	var seen []int64
	err := c.AuditLogs(context.Background(), "p1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), func(items []AuditLogItem) bool {
		for _, it := range items {
			seen = append(seen, it.AuditLogID)
		}
		return len(seen) < 2
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []int64{1, 2}) || !slices.Equal(pages, []string{"1", "2"}) {
		t.Fatalf("read entries %v from pages %v, want 1 and 2 from pages 1 and 2", seen, pages)
	}
}
