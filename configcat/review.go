package configcat

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// ConfigCat's review features: change requests (the approval flow), code references and the audit log.
// Templates are in endpoints.go, what they are about in calls.go.

// maxPageSize is the largest page the paged list endpoints answer.
const maxPageSize = 100

// Change request statuses.
const (
	ChangeRequestOpen    = "open"
	ChangeRequestApplied = "applied"
	ChangeRequestClosed  = "closed"
)

// NewCreateChangeRequestRequest builds the request that proposes formulas under title, with reason (the audit-log
// note once applied, and flagsync's marker).
func NewCreateChangeRequestRequest(title, reason string, formulas []ProposedFormula) CreateChangeRequestRequest {
	req := CreateChangeRequestRequest{Title: title, ProposedChanges: make([]proposedChangeHolder, len(formulas))}
	if reason != "" {
		req.Reason = &reason
	}
	for i, f := range formulas {
		req.ProposedChanges[i] = proposedChangeHolder{ProposedChange: f}
	}
	return req
}

// ChangeRequests lists a product's change requests in one config and environment with the given statuses (all
// when none), reading every page.
func (c *Client) ChangeRequests(ctx context.Context, productID, configID, environmentID string, statuses ...string) ([]ChangeRequestSummary, error) {
	q := url.Values{"configId": {configID}, "environmentId": {environmentID}}
	for _, s := range statuses {
		q.Add("changeRequestStatusFilter", s)
	}
	type answer struct {
		ChangeRequests page[ChangeRequestSummary] `json:"changeRequests"`
	}
	var all []ChangeRequestSummary
	err := readPages(ctx, c, tProductChangeRequests, productID, q,
		func(a *answer) *page[ChangeRequestSummary] { return &a.ChangeRequests },
		func(items []ChangeRequestSummary) bool { all = append(all, items...); return true })
	if err != nil {
		return nil, err
	}
	return all, nil
}

// page is one page of a paged list's answer.
type page[T any] struct {
	Paging *struct {
		HasNext bool `json:"hasNext"`
	} `json:"paging"`
	Data []T `json:"data"`
}

// readPages reads a product's paged list at template, maxPageSize items a page, with the query q, handing each
// page's items (found in the answer A by pageOf) to visit until it returns false or the pages run out.
func readPages[A, T any](ctx context.Context, c *Client, template, productID string, q url.Values,
	pageOf func(*A) *page[T], visit func([]T) bool) error {
	for n := 1; ; n++ {
		pq := maps.Clone(q)
		pq.Set("pageNumber", strconv.Itoa(n))
		pq.Set("pageSize", strconv.Itoa(maxPageSize))
		var out A
		err := c.do(ctx, &request{method: http.MethodGet, template: template, args: []string{productID},
			query: pq, out: &out, idempotent: true})
		if err != nil {
			return err
		}
		p := pageOf(&out)
		if !visit(p.Data) || p.Paging == nil || !p.Paging.HasNext || len(p.Data) == 0 {
			return nil
		}
	}
}

// CreateChangeRequest opens a change request proposing values for flags of a v2 config in one environment. It
// is not retried: a lost answer could leave two change requests.
func (c *Client) CreateChangeRequest(ctx context.Context, configID, environmentID string, req CreateChangeRequestRequest) (*ChangeRequest, error) {
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPost, tChangeRequests, withoutNulls{req}, &out, configID, environmentID)
}

// UpdateChangeRequest replaces a change request's title, reason and schedule.
func (c *Client) UpdateChangeRequest(ctx context.Context, id int64, req UpdateChangeRequestRequest) (*ChangeRequest, error) {
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPut, tChangeRequest, req, &out, i64(id))
}

// UpdateProposedChanges upserts a change request's proposed values; a change dismisses its approvals.
func (c *Client) UpdateProposedChanges(ctx context.Context, id int64, formulas []ProposedFormula) (*ChangeRequest, error) {
	if formulas == nil {
		formulas = []ProposedFormula{}
	}
	body := struct {
		ProposedChanges []ProposedFormula `json:"proposedChanges"`
	}{formulas}
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPut, tProposedChanges, withoutNulls{body}, &out, i64(id))
}

// DeleteProposedChange removes one flag's proposed value from a change request.
func (c *Client) DeleteProposedChange(ctx context.Context, id int64, settingID int32) error {
	return c.write(ctx, http.MethodDelete, tProposedChange, nil, nil, i64(id), i32(settingID))
}

// ApproveChangeRequest approves a change request (the credentials must not be its creator's).
func (c *Client) ApproveChangeRequest(ctx context.Context, id int64) (*ChangeRequest, error) {
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPost, tApproveChangeRequest, nil, &out, i64(id))
}

// ApplyChangeRequest applies an approved change request's proposed values.
func (c *Client) ApplyChangeRequest(ctx context.Context, id int64) (*ChangeRequest, error) {
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPost, tApplyChangeRequest, nil, &out, i64(id))
}

// CloseChangeRequest closes a change request without applying it.
func (c *Client) CloseChangeRequest(ctx context.Context, id int64) (*ChangeRequest, error) {
	var out ChangeRequest
	return &out, c.write(ctx, http.MethodPost, tCloseChangeRequest, nil, &out, i64(id))
}

// CodeReferences reads where code reference scans found a flag.
func (c *Client) CodeReferences(ctx context.Context, settingID int32) ([]CodeReference, error) {
	var out []CodeReference
	return out, c.get(ctx, tCodeReferences, &out, i32(settingID))
}

// AuditLogs reads a product's audit log entries since from, newest first, a page of 100 at a time,
// handing each page to visit until it returns false or the pages run out: a caller that has found what it looks
// for stops reading.
func (c *Client) AuditLogs(ctx context.Context, productID string, from time.Time, visit func([]AuditLogItem) bool) error {
	q := url.Values{"fromUtcDateTime": {from.UTC().Format(time.RFC3339)}}
	return readPages(ctx, c, tProductAuditLogs, productID, q,
		func(a *page[AuditLogItem]) *page[AuditLogItem] { return a }, visit)
}
