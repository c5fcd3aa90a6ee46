package emulator

import (
	"strings"
	"testing"
	"time"
)

// The approval-flow fixture (testdata/approval-flow.json): Production requires approval, Staging does not;
// Ann's group may approve others, Bob's may not; the admin (testUser) creates change requests.
const (
	afProduct = "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a11"
	afProd    = "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a12"
	afStaging = "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a13"
	afMain    = "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a14"
	afLegacy  = "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a15"
	afFlag    = 101 // newCheckout, boolean
	afBanner  = 102 // banner, string
	afV1Flag  = 103
)

var (
	asAnn = withAuth("ann", "ann-pass")
	asBob = withAuth("bob", "bob-pass")
)

func approvalEnv(t *testing.T) *env {
	t.Helper()
	return loadedEnv(t, "testdata/approval-flow.json")
}

// proposal is a CreateChangeRequestProposedChangeModel serving value for setting id.
func proposal(id int32, value map[string]any, extra ...string) map[string]any {
	change := map[string]any{"settingId": id, "defaultValue": value}
	if len(extra) == 1 {
		change["latestVersionId"] = extra[0]
	}
	return map[string]any{"proposedChange": change}
}

func stringValue(s string) map[string]any { return map[string]any{"stringValue": s} }

// openChangeRequest creates a change request in env proposing changes, as the admin.
func (e *env) openChangeRequest(env, title string, changes ...map[string]any) map[string]any {
	e.t.Helper()
	return e.must(201, "POST", "/v2/configs/"+afMain+"/environments/"+env+"/change-requests",
		map[string]any{"title": title, "reason": "rollout", "proposedChanges": changes}).obj(e.t)
}

func crPath(cr map[string]any, suffix string) string {
	return "/v2/change-requests/" + itoa64(int64(cr["changeRequestId"].(float64))) + suffix
}

// served is the default value a setting serves in an environment, and its lastVersionId.
func (e *env) served(env string, id int32) (any, string) {
	e.t.Helper()
	v := e.must(200, "GET", "/v2/environments/"+env+"/settings/"+itoa(id)+"/value", nil).obj(e.t)
	dv := v["defaultValue"].(map[string]any)
	for _, slot := range []string{"boolValue", "stringValue", "intValue", "doubleValue"} {
		if dv[slot] != nil {
			return dv[slot], v["lastVersionId"].(string)
		}
	}
	return nil, v["lastVersionId"].(string)
}

// changeRequestCount is the changeRequestCount the values endpoint answers for the setting key in env.
func (e *env) changeRequestCount(env, key string) float64 {
	e.t.Helper()
	values := e.must(200, "GET", "/v2/configs/"+afMain+"/environments/"+env+"/values", nil).obj(e.t)
	for _, f := range values["settingFormulas"].([]any) {
		if m := f.(map[string]any); m["setting"].(map[string]any)["key"] == key {
			return m["changeRequestCount"].(float64)
		}
	}
	e.t.Fatalf("no setting %s in the values", key)
	return 0
}

func activityTypes(cr map[string]any) []string {
	var out []string
	for _, a := range cr["activities"].([]any) {
		out = append(out, a.(map[string]any)["changeRequestActivityType"].(string))
	}
	return out
}

// A protected environment goes open → updated → approved by a second user → applied, and the value is
// written as a value endpoint writes it.
func TestChangeRequestLifecycle(t *testing.T) {
	e := approvalEnv(t)
	e.wantError(e.do("PUT", "/v2/environments/"+afProd+"/settings/"+itoa(afFlag)+"/value",
		map[string]any{"defaultValue": boolValue(true)}), 400, "", DefaultBehaviour().ApprovalRequiredMessage)

	cr := e.openChangeRequest(afProd, "Enable new checkout", proposal(afFlag, boolValue(true)))
	if cr["changeRequestStatus"] != "open" || cr["approved"] != false || cr["creatorUserEmail"] != DefaultBehaviour().MeEmail {
		t.Fatalf("created = %v", cr)
	}
	sv := cr["settingValues"].([]any)[0].(map[string]any)
	if sv["settingKey"] != "newCheckout" || sv["hasConflict"] != false ||
		sv["originalEvaluationFormula"].(map[string]any)["defaultValue"].(map[string]any)["boolValue"] != false ||
		sv["proposedEvaluationFormula"].(map[string]any)["defaultValue"].(map[string]any)["boolValue"] != true {
		t.Fatalf("proposed change = %v", sv)
	}
	if got := activityTypes(cr); len(got) != 1 || got[0] != "created" {
		t.Errorf("activities = %v, want [created]", got)
	}
	if v, _ := e.served(afProd, afFlag); v != false {
		t.Fatalf("opening a change request changed the value to %v", v)
	}
	if n := e.changeRequestCount(afProd, "newCheckout"); n != 1 {
		t.Errorf("changeRequestCount of newCheckout = %v, want 1", n)
	}

	// Approval comes from a user other than the creator, with the permission to approve.
	e.wantError(e.do("POST", crPath(cr, "/approve"), nil), 400, "", DefaultBehaviour().OwnApprovalMessage)
	e.wantError(e.do("POST", crPath(cr, "/approve"), nil, asBob), 403, "", DefaultBehaviour().ApprovalPermissionMessage)
	approved := e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn).obj(t)
	if approved["approved"] != true || approved["approvals"].([]any)[0].(map[string]any)["userEmail"] != "ann@acme.com" {
		t.Fatalf("after Ann's approval = %v", approved)
	}
	e.wantError(e.do("POST", crPath(cr, "/approve"), nil, asAnn), 400, "", DefaultBehaviour().AlreadyApprovedMessage)

	// Updating the proposed changes dismisses the approval.
	updated := e.must(200, "PUT", crPath(cr, "/proposed-changes"), map[string]any{"proposedChanges": []any{
		proposal(afFlag, boolValue(true))["proposedChange"], proposal(afBanner, stringValue("Sale!"))["proposedChange"]}}).obj(t)
	if updated["approved"] != false || updated["approvals"].([]any)[0].(map[string]any)["dismissedAt"] == nil ||
		len(updated["settingValues"].([]any)) != 2 {
		t.Fatalf("after updating the proposed changes = %v", updated)
	}
	e.wantError(e.do("POST", crPath(cr, "/apply"), nil), 400, "", DefaultBehaviour().ChangeRequestNotApprovedMessage)
	e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)

	applied := e.must(200, "POST", crPath(cr, "/apply"), nil).obj(t)
	if applied["changeRequestStatus"] != "applied" || applied["appliedByUserEmail"] != DefaultBehaviour().MeEmail ||
		applied["appliedAt"] == nil {
		t.Fatalf("applied = %v", applied)
	}
	if v, _ := e.served(afProd, afFlag); v != true {
		t.Errorf("newCheckout serves %v after the apply, want true", v)
	}
	if v, _ := e.served(afProd, afBanner); v != "Sale!" {
		t.Errorf("banner serves %v after the apply, want Sale!", v)
	}
	e.wantError(e.do("POST", crPath(cr, "/apply"), nil), 400, "", DefaultBehaviour().ChangeRequestNotOpenMessage)
	e.wantError(e.do("POST", crPath(cr, "/close"), nil), 400, "", DefaultBehaviour().ChangeRequestNotOpenMessage)
	if n := e.changeRequestCount(afProd, "newCheckout"); n != 0 {
		t.Errorf("changeRequestCount after the apply = %v, want 0", n)
	}
}

// A value changed after a change request proposed a change of it is a conflict: the change request needs
// attention and cannot be applied until the conflict is resolved.
func TestChangeRequestConflict(t *testing.T) {
	e := approvalEnv(t)
	cr := e.openChangeRequest(afProd, "Banner", proposal(afBanner, stringValue("Sale!")))
	e.must(200, "PUT", "/v2/environments/"+afProd+"/settings/"+itoa(afBanner)+"/value?bypassApproval=true",
		map[string]any{"defaultValue": stringValue("Hotfix")})

	got := e.must(200, "GET", crPath(cr, ""), nil).obj(t)
	sv := got["settingValues"].([]any)[0].(map[string]any)
	issues := got["changeRequestIssues"].([]any)
	if sv["hasConflict"] != true || got["needsAttention"] != true || len(issues) != 1 ||
		issues[0].(map[string]any)["issueType"] != "settingConflict" || issues[0].(map[string]any)["issueFixedAt"] != nil {
		t.Fatalf("after a concurrent write = %v", got)
	}
	list := e.must(200, "GET", "/v2/products/"+afProduct+"/change-requests?needsAttentionFilter=needsAttention", nil).obj(t)
	summaries := list["changeRequests"].(map[string]any)["data"].([]any)
	if len(summaries) != 1 || summaries[0].(map[string]any)["conflictCount"] != 1.0 {
		t.Fatalf("needs-attention list = %v", summaries)
	}
	e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)
	e.wantError(e.do("POST", crPath(cr, "/apply"), nil), 400, "", DefaultBehaviour().ChangeRequestConflictMessage)

	// A proposal against the old version is refused unless forced.
	_, current := e.served(afProd, afBanner)
	e.wantError(e.do("PUT", crPath(cr, "/proposed-changes"), map[string]any{"proposedChanges": []any{
		proposal(afBanner, stringValue("Sale!"), "00000000-0000-4000-8000-000000000000")["proposedChange"]}}),
		409, "", DefaultBehaviour().VersionConflictMessage)

	resolved := e.must(200, "POST", crPath(cr, "/proposed-changes/"+itoa(afBanner)+"/resolve-conflicts"),
		map[string]any{"proposedChange": map[string]any{"defaultValue": stringValue("Sale! (after the hotfix)")}}).obj(t)
	sv = resolved["settingValues"].([]any)[0].(map[string]any)
	if sv["hasConflict"] != false || resolved["needsAttention"] != false || resolved["approved"] != false ||
		sv["originalEvaluationFormula"].(map[string]any)["defaultValue"].(map[string]any)["stringValue"] != "Hotfix" {
		t.Fatalf("after resolving = %v", resolved)
	}
	proposed := e.must(200, "GET", crPath(cr, "/proposed-changes?settingId="+itoa(afBanner)), nil).obj(t)
	pc := proposed["proposedChanges"].([]any)[0].(map[string]any)
	if pc["lastVersionId"] != current || pc["defaultValue"].(map[string]any)["stringValue"] != "Sale! (after the hotfix)" {
		t.Errorf("proposed changes = %v, want the rebased proposal on version %s", pc, current)
	}
	e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)
	e.must(200, "POST", crPath(cr, "/apply"), nil)
	if v, _ := e.served(afProd, afBanner); v != "Sale! (after the hotfix)" {
		t.Errorf("banner serves %v, want the resolved proposal", v)
	}
}

func TestChangeRequestListFiltersAndPaging(t *testing.T) {
	e := approvalEnv(t)
	e.openChangeRequest(afProd, "a", proposal(afFlag, boolValue(true)))
	b := e.openChangeRequest(afStaging, "b", proposal(afBanner, stringValue("x")))
	c := e.openChangeRequest(afProd, "c", proposal(afBanner, stringValue("y")))
	e.must(200, "POST", crPath(b, "/close"), nil)
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
	e.must(200, "PUT", crPath(c, ""), map[string]any{"title": "c", "applyAt": at})

	titles := func(query string) string {
		t.Helper()
		l := e.must(200, "GET", "/v2/products/"+afProduct+"/change-requests"+query, nil).obj(t)
		var out []string
		for _, s := range l["changeRequests"].(map[string]any)["data"].([]any) {
			out = append(out, s.(map[string]any)["title"].(string))
		}
		return strings.Join(out, ",")
	}
	for query, want := range map[string]string{
		"":                                "c,b,a",
		"?changeRequestStatusFilter=open": "c,a",
		"?changeRequestStatusFilter=open&changeRequestStatusFilter=closed": "c,b,a",
		"?environmentId=" + afStaging:                                      "b",
		"?settingId=" + itoa(afBanner):                                     "c,b",
		"?scheduleFilter=scheduled":                                        "c",
		"?scheduleFilter=nonScheduled":                                     "b,a",
		"?approveRequiredFilter=approveNotRequired":                        "b",
		"?configId=" + afMain + "&pageSize=2":                              "c,b",
		"?pageSize=2&pageNumber=2":                                         "a",
		"?pageSize=2&pageNumber=3":                                         "",
	} {
		if got := titles(query); got != want {
			t.Errorf("list%s = %q, want %q", query, got, want)
		}
	}
	page := e.must(200, "GET", "/v2/products/"+afProduct+"/change-requests?pageSize=2", nil).obj(t)
	paging := page["changeRequests"].(map[string]any)["paging"].(map[string]any)
	wantFields(t, "paging", paging, map[string]any{"currentPage": 1.0, "totalPages": 2.0, "pageSize": 2.0,
		"totalCount": 3.0, "hasPrevious": false, "hasNext": true})
	summary := page["changeRequests"].(map[string]any)["data"].([]any)[0].(map[string]any)
	if keys := summary["affectedSettingKeys"].([]any); len(keys) != 1 || keys[0] != "banner" {
		t.Errorf("affectedSettingKeys = %v", keys)
	}
	if r := e.do("GET", "/v2/products/"+afProduct+"/change-requests?pageSize=101", nil, invalid); r.status != 400 {
		t.Errorf("pageSize 101: %d, want 400", r.status)
	}
	if r := e.do("GET", "/v2/products/"+afProduct+"/change-requests?changeRequestStatusFilter=pending", nil, invalid); r.status != 400 {
		t.Errorf("unknown status filter: %d, want 400", r.status)
	}
}

func TestChangeRequestValidation(t *testing.T) {
	e := approvalEnv(t)
	b := DefaultBehaviour()
	create := func(config string, body map[string]any, opts ...reqOpt) reply {
		return e.do("POST", "/v2/configs/"+config+"/environments/"+afProd+"/change-requests", body, opts...)
	}
	e.wantError(create(afLegacy, map[string]any{"title": "v1", "proposedChanges": []any{proposal(afV1Flag, boolValue(true))}}),
		400, "", b.CrossVersionV2Message)
	e.wantError(create(afMain, map[string]any{"title": "foreign", "proposedChanges": []any{proposal(afV1Flag, boolValue(true))}}),
		400, "SettingId", b.BatchSettingNotFoundMessage)
	e.wantError(create(afMain, map[string]any{"title": "twice", "proposedChanges": []any{proposal(afFlag, boolValue(true)),
		proposal(afFlag, boolValue(false))}}), 400, "SettingId", b.BatchDuplicateSettingMessage)
	e.wantError(create(afMain, map[string]any{"title": "wrong type", "proposedChanges": []any{proposal(afFlag, stringValue("x"))}}),
		400, "", b.InvalidDefaultValueMessage)
	e.wantError(create(afMain, map[string]any{"title": "stale", "proposedChanges": []any{
		proposal(afFlag, boolValue(true), "00000000-0000-4000-8000-000000000000")}}), 409, "", b.VersionConflictMessage)
	e.wantError(create(afMain, map[string]any{"proposedChanges": []any{}}, invalid), 400, "Title", requiredMsg("Title"))
	if r := e.do("GET", "/v2/change-requests/999", nil); r.status != 404 {
		t.Errorf("unknown change request: %d, want 404", r.status)
	}
	// A current latestVersionId is accepted.
	_, version := e.served(afProd, afFlag)
	e.must(201, "POST", "/v2/configs/"+afMain+"/environments/"+afProd+"/change-requests",
		map[string]any{"title": "current", "proposedChanges": []any{proposal(afFlag, boolValue(true), version)}})
}

func TestChangeRequestApprovalRemovalCloseAndProposedChanges(t *testing.T) {
	e := approvalEnv(t)
	cr := e.openChangeRequest(afProd, "two", proposal(afFlag, boolValue(true)), proposal(afBanner, stringValue("x")))
	e.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)
	e.wantError(e.do("POST", crPath(cr, "/remove-approval"), nil, asBob), 400, "", DefaultBehaviour().NoApprovalMessage)
	if got := e.must(200, "POST", crPath(cr, "/remove-approval"), nil, asAnn).obj(t); got["approved"] != false ||
		len(got["approvals"].([]any)) != 0 {
		t.Errorf("after removing the approval = %v", got)
	}
	all := e.must(200, "GET", crPath(cr, "/proposed-changes"), nil).obj(t)["proposedChanges"].([]any)
	if len(all) != 2 || all[0].(map[string]any)["setting"].(map[string]any)["key"] != "newCheckout" {
		t.Errorf("proposed changes = %v", all)
	}
	left := e.must(200, "DELETE", crPath(cr, "/proposed-changes/"+itoa(afFlag)), nil).obj(t)
	if sv := left["settingValues"].([]any); len(sv) != 1 || sv[0].(map[string]any)["settingKey"] != "banner" {
		t.Errorf("after removing newCheckout = %v", sv)
	}
	if r := e.do("GET", crPath(cr, "/proposed-changes?settingId="+itoa(afFlag)), nil); r.status != 404 {
		t.Errorf("removed setting's proposed change: %d, want 404", r.status)
	}
	renamed := e.must(200, "PUT", crPath(cr, ""), map[string]any{"title": "banner only", "reason": "marketing"}).obj(t)
	if renamed["title"] != "banner only" || renamed["reason"] != "marketing" {
		t.Errorf("after the update = %v", renamed)
	}
	claimed := e.must(200, "POST", crPath(cr, "/claim-ownership"), nil, asAnn).obj(t)
	if claimed["creatorUserEmail"] != "ann@acme.com" {
		t.Errorf("after Ann claims ownership = %v", claimed)
	}
	closed := e.must(200, "POST", crPath(cr, "/close"), nil, asBob).obj(t)
	if closed["changeRequestStatus"] != "closed" || closed["closedByUserEmail"] != "bob@acme.com" {
		t.Errorf("closed = %v", closed)
	}
	if v, _ := e.served(afProd, afBanner); v != "" {
		t.Errorf("a closed change request changed banner to %v", v)
	}
	want := []string{"created", "settingDeletedFromChangeRequest", "reasonChanged", "ownershipClaimed"}
	if got := activityTypes(closed); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("activities = %v, want %v", got, want)
	}
}

func TestChangeRequestComments(t *testing.T) {
	e := approvalEnv(t)
	cr := e.openChangeRequest(afProd, "c", proposal(afFlag, boolValue(true)))
	cm := e.must(200, "POST", crPath(cr, "/comments"), map[string]any{"body": "Looks good?"}, asAnn).obj(t)
	if cm["userEmail"] != "ann@acme.com" || cm["body"] != "Looks good?" || cm["editedAt"] != nil {
		t.Fatalf("comment = %v", cm)
	}
	path := "/v2/change-request-comments/" + itoa64(int64(cm["changeRequestCommentId"].(float64)))
	e.wantError(e.do("PUT", path, map[string]any{"body": "hijacked"}, asBob), 403, "", DefaultBehaviour().CommentAuthorMessage)
	edited := e.must(200, "PUT", path, map[string]any{"body": "Looks good."}, asAnn).obj(t)
	if edited["body"] != "Looks good." || edited["editedAt"] == nil {
		t.Errorf("edited = %v", edited)
	}
	got := e.must(200, "GET", crPath(cr, ""), nil).obj(t)
	if c := got["comments"].([]any); len(c) != 1 || c[0].(map[string]any)["body"] != "Looks good." {
		t.Errorf("comments = %v", c)
	}
	e.must(204, "DELETE", path, nil, asAnn)
	if r := e.do("DELETE", path, nil, asAnn); r.status != 404 {
		t.Errorf("deleting twice: %d, want 404", r.status)
	}
	e.wantError(e.do("POST", crPath(cr, "/comments"), map[string]any{"body": " "}), 400, "Body", requiredMsg("Body"))
}

// Every user answers /v1/me with its own identity; only a user whose group may bypass approval writes
// directly into an approval-required environment.
func TestUsersIdentityAndBypassPermission(t *testing.T) {
	e := approvalEnv(t)
	me := e.must(200, "GET", "/v1/me", nil, asAnn).obj(t)
	if me["email"] != "ann@acme.com" || me["fullName"] != "Ann" {
		t.Errorf("/v1/me as Ann = %v", me)
	}
	if r := e.do("GET", "/v1/me", nil, withAuth("ann", "wrong")); r.status != 401 {
		t.Errorf("wrong password: %d, want 401", r.status)
	}
	put := "/v2/environments/" + afProd + "/settings/" + itoa(afFlag) + "/value?bypassApproval=true"
	e.wantError(e.do("PUT", put, map[string]any{"defaultValue": boolValue(true)}, asBob), 403, "",
		DefaultBehaviour().BypassPermissionMessage)
	v := e.must(200, "PUT", put, map[string]any{"defaultValue": boolValue(true)}).obj(t)
	if v["lastUpdaterUserEmail"] != DefaultBehaviour().MeEmail {
		t.Errorf("updater = %v", v["lastUpdaterUserEmail"])
	}
	// A write into an environment without approval is anyone's, and names its writer.
	v = e.must(200, "PUT", "/v2/environments/"+afStaging+"/settings/"+itoa(afFlag)+"/value",
		map[string]any{"defaultValue": boolValue(true)}, asBob).obj(t)
	if v["lastUpdaterUserEmail"] != "bob@acme.com" || v["lastUpdaterUserFullName"] != "Bob" {
		t.Errorf("Bob's write names %v / %v", v["lastUpdaterUserEmail"], v["lastUpdaterUserFullName"])
	}
}

// Applying writes as the value endpoints write: an environment that requires a reason refuses a change
// request without one, and the failure is recorded on the change request.
func TestChangeRequestApplyFailureIsRecorded(t *testing.T) {
	e := approvalEnv(t)
	e.must(200, "POST", "/v1/products/"+afProduct+"/preferences", map[string]any{"reasonRequiredEnvironments": []any{
		map[string]any{"environmentId": afStaging, "reasonRequired": true}}})
	cr := e.must(201, "POST", "/v2/configs/"+afMain+"/environments/"+afStaging+"/change-requests",
		map[string]any{"title": "no reason", "proposedChanges": []any{proposal(afFlag, boolValue(true))}}).obj(t)
	e.wantError(e.do("POST", crPath(cr, "/apply"), nil), 400, "", DefaultBehaviour().ReasonRequiredMessage)
	got := e.must(200, "GET", crPath(cr, ""), nil).obj(t)
	acts := got["activities"].([]any)
	last := acts[len(acts)-1].(map[string]any)
	if got["changeRequestStatus"] != "open" || last["changeRequestActivityType"] != "applyFailed" ||
		last["error"] != DefaultBehaviour().ReasonRequiredMessage {
		t.Fatalf("after a failed apply = %v", got)
	}
	if v, _ := e.served(afStaging, afFlag); v != false {
		t.Errorf("a failed apply changed the value to %v", v)
	}
	e.must(200, "PUT", crPath(cr, ""), map[string]any{"title": "with reason", "reason": "launch"})
	e.must(200, "POST", crPath(cr, "/apply"), nil)
	if v, _ := e.served(afStaging, afFlag); v != true {
		t.Errorf("after applying with a reason the value is %v, want true", v)
	}
}
