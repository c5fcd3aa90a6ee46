package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Query parameters and paging of the list endpoints that have them (change requests, audit logs v2).

// pagingInfo is PagingResponseInfo.
type pagingInfo struct {
	CurrentPage int32 `json:"currentPage"`
	TotalPages  int32 `json:"totalPages"`
	PageSize    int32 `json:"pageSize"`
	TotalCount  int32 `json:"totalCount"`
	HasPrevious bool  `json:"hasPrevious"`
	HasNext     bool  `json:"hasNext"`
}

// pagedList is the spec's *PagedList models: a page of data and where it is.
type pagedList[T any] struct {
	Paging *pagingInfo `json:"paging"`
	Data   []T         `json:"data"`
}

// paging is a requested page: its 1-based number and size.
type paging struct{ number, size int32 }

// readPaging reads pageNumber (default 1, at least 1) and pageSize (default defaultSize, 1..100).
func readPaging(r *http.Request, defaultSize int32) (paging, error) {
	p := paging{number: 1, size: defaultSize}
	for _, q := range []struct {
		name     string
		dst      *int32
		min, max int64
	}{{"pageNumber", &p.number, 1, 1<<31 - 1}, {"pageSize", &p.size, 1, 100}} {
		raw := r.URL.Query().Get(q.name)
		if raw == "" {
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 32)
		if err != nil || n < q.min || n > q.max {
			return p, badRequest(q.name, "The field "+q.name+" must be between "+strconv.FormatInt(q.min, 10)+
				" and "+strconv.FormatInt(q.max, 10)+".")
		}
		*q.dst = int32(n)
	}
	return p, nil
}

// pageOf cuts the requested page out of items. A page after the last is empty.
func pageOf[T any](items []T, p paging) pagedList[T] {
	total := int32(len(items))
	pages := (total + p.size - 1) / p.size
	from := min(int64(p.number-1)*int64(p.size), int64(total))
	to := min(from+int64(p.size), int64(total))
	return pagedList[T]{
		Paging: &pagingInfo{CurrentPage: p.number, TotalPages: pages, PageSize: p.size, TotalCount: total,
			HasPrevious: p.number > 1, HasNext: p.number < pages},
		Data: items[from:to],
	}
}

// queryUUID reads an optional uuid query parameter, lower-cased; "" when absent.
func queryUUID(r *http.Request, name string) (string, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return "", nil
	}
	if !isUUID(raw) {
		return "", badRequest(name, "The value '"+raw+"' is not valid.")
	}
	return strings.ToLower(raw), nil
}

// queryInt32 reads an optional int32 query parameter; ok is false when absent.
func queryInt32(r *http.Request, name string) (n int32, ok bool, err error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseInt(raw, 10, 32)
	if err != nil {
		return 0, false, badRequest(name, "The value '"+raw+"' is not valid.")
	}
	return int32(v), true, nil
}

// queryEnum reads an optional query parameter that must be one of allowed; "" when absent.
func queryEnum(r *http.Request, name string, allowed map[string]bool) (string, error) {
	raw := r.URL.Query().Get(name)
	if raw != "" && !allowed[raw] {
		return "", badRequest(name, "The value '"+raw+"' is not valid.")
	}
	return raw, nil
}

// queryTime reads an optional date-time query parameter; nil when absent.
func queryTime(r *http.Request, name string) (*time.Time, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return nil, nil
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return nil, badRequest(name, "The value '"+raw+"' is not valid.")
	}
	return &t, nil
}
