package emulator

import (
	"strings"
	"testing"
	"time"
)

// auditItems lists the product's audit log (v2) with query, newest first.
func (e *env) auditItems(product, query string) []map[string]any {
	e.t.Helper()
	page := e.must(200, "GET", "/v2/products/"+product+"/auditlogs"+query, nil).obj(e.t)
	var out []map[string]any
	for _, it := range page["data"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func auditTypes(items []map[string]any) string {
	var out []string
	for _, it := range items {
		out = append(out, it["auditLogTypeEnum"].(string))
	}
	return strings.Join(out, ",")
}

// Every write is recorded with who, when, what and where, newest first; the filters select by config,
// environment, type and time.
func TestAuditLogRecordsEveryWrite(t *testing.T) {
	e := approvalEnv(t)
	start := e.clock.Now()
	e.clock.Advance(time.Minute)
	e.must(200, "PUT", "/v2/environments/"+afStaging+"/settings/"+itoa(afFlag)+"/value?reason=launch",
		map[string]any{"defaultValue": boolValue(true)}, asBob)
	e.clock.Advance(time.Minute)
	tagID := e.tag(afProduct, "beta")
	e.must(204, "DELETE", "/v1/tags/"+itoa64(tagID), nil)
	// A write that changes nothing and a refused write are not recorded.
	e.must(200, "PUT", "/v2/environments/"+afStaging+"/settings/"+itoa(afFlag)+"/value",
		map[string]any{"defaultValue": boolValue(true)})
	e.do("PUT", "/v2/environments/"+afProd+"/settings/"+itoa(afFlag)+"/value", map[string]any{"defaultValue": boolValue(false)})

	items := e.auditItems(afProduct, "")
	if got := auditTypes(items); got != "tagRemoved,tagAdded,settingValueChanged" {
		t.Fatalf("audit log types = %s", got)
	}
	value := items[2]
	wantFields(t, "value entry", value, map[string]any{"userEmail": "bob@acme.com", "userName": "Bob",
		"actionTarget": "newCheckout", "why": "launch", "where": "Shop / Main / Staging",
		"auditLogType": "Setting value changed", "auditLogDateTime": timestamp(start.Add(time.Minute))})
	if d, _ := value["details"].(string); !strings.Contains(d, `"newCheckout"`) || !strings.Contains(d, `"boolValue":true`) {
		t.Errorf("details = %q, want the new value", d)
	}
	if items[0]["actionTarget"] != "beta" || items[0]["userEmail"] != DefaultBehaviour().MeEmail || items[0]["why"] != nil {
		t.Errorf("tag entry = %v", items[0])
	}
	for query, want := range map[string]string{
		"?environmentId=" + afStaging:                        "settingValueChanged",
		"?configId=" + afMain:                                "settingValueChanged",
		"?auditLogType=tagAdded":                             "tagAdded",
		"?fromUtcDateTime=" + rfc(start.Add(90*time.Second)): "tagRemoved,tagAdded",
		"?toUtcDateTime=" + rfc(start.Add(90*time.Second)):   "settingValueChanged",
		"?pageSize=2&pageNumber=2":                           "settingValueChanged",
	} {
		if got := auditTypes(e.auditItems(afProduct, query)); got != want {
			t.Errorf("auditlogs%s = %s, want %s", query, got, want)
		}
	}
	if r := e.do("GET", "/v2/products/"+afProduct+"/auditlogs?auditLogType=nothing", nil, invalid); r.status != 400 {
		t.Errorf("unknown auditLogType: %d, want 400", r.status)
	}
	// The organization's log has every product's entries and filters by product.
	org := e.srv.OrganizationID()
	page := e.must(200, "GET", "/v2/organizations/"+org+"/auditlogs?productId="+afProduct, nil).obj(t)
	if n := page["paging"].(map[string]any)["totalCount"]; n != 3.0 {
		t.Errorf("organization log for the product has %v entries, want 3", n)
	}
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// The deprecated v1 endpoints answer a plain list of the last 7 days unless told otherwise, and refuse more
// than 30 days between the two ends (spec prose).
func TestAuditLogV1Window(t *testing.T) {
	e := approvalEnv(t)
	start := e.clock.Now()
	e.tag(afProduct, "old")
	e.clock.Advance(8 * 24 * time.Hour)
	e.tag(afProduct, "new")
	list := e.must(200, "GET", "/v1/products/"+afProduct+"/auditlogs", nil).list(t)
	if len(list) != 1 || list[0]["actionTarget"] != "new" {
		t.Errorf("v1 default window = %v, want only the entry of the last 7 days", list)
	}
	list = e.must(200, "GET", "/v1/products/"+afProduct+"/auditlogs?fromUtcDateTime="+rfc(start), nil).list(t)
	if len(list) != 2 {
		t.Errorf("v1 from the start = %d entries, want 2", len(list))
	}
	e.wantError(e.do("GET", "/v1/products/"+afProduct+"/auditlogs?fromUtcDateTime="+rfc(start)+"&toUtcDateTime="+
		rfc(start.Add(31*24*time.Hour)), nil), 400, "", DefaultBehaviour().AuditLogWindowMessage)
	org := e.must(200, "GET", "/v1/organizations/"+e.srv.OrganizationID()+"/auditlogs", nil).list(t)
	if len(org) != 1 {
		t.Errorf("v1 organization log = %d entries, want 1", len(org))
	}
}

// Applying a change request records the value change by the user who applied it, with the change
// request's reason, next to the change request's own entries.
func TestAuditLogOfChangeRequests(t *testing.T) {
	e := approvalEnv(t)
	cr := e.openChangeRequest(afProd, "Enable", proposal(afFlag, boolValue(true)))
	e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)
	e.must(200, "POST", crPath(cr, "/apply"), nil, asAnn)
	items := e.auditItems(afProduct, "?environmentId="+afProd)
	if got := auditTypes(items); got != "changeRequestApplied,settingValueChanged,changeRequestApproved,changeRequestCreated" {
		t.Fatalf("audit log = %s", got)
	}
	wantFields(t, "applied value", items[1], map[string]any{"userEmail": "ann@acme.com", "why": "rollout",
		"actionTarget": "newCheckout"})
	wantFields(t, "created", items[3], map[string]any{"userEmail": DefaultBehaviour().MeEmail, "actionTarget": "Enable"})
}
