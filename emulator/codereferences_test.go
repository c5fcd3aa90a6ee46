package emulator

import (
	"testing"
)

// scan is a CodeReferenceRequest for the approval fixture's Main config: newCheckout used at line in file.
func scan(branch, file string, line int, activeBranches ...string) map[string]any {
	req := map[string]any{"configId": afMain, "repository": "acme/shop", "branch": branch, "uploader": "configcat-cli",
		"commitHash": "abc123", "flagReferences": []any{map[string]any{"settingId": afFlag, "references": []any{
			map[string]any{"file": file, "referenceLine": map[string]any{"lineNumber": line, "lineText": "if newCheckout {"},
				"preLines": []any{map[string]any{"lineNumber": line - 1, "lineText": "// checkout"}}}}}}}
	if activeBranches != nil {
		req["activeBranches"] = activeBranches
	}
	return req
}

func (e *env) references(id int32) []map[string]any {
	e.t.Helper()
	return e.must(200, "GET", "/v1/settings/"+itoa(id)+"/code-references", nil).list(e.t)
}

func TestCodeReferencesUploadReadAndDelete(t *testing.T) {
	e := approvalEnv(t)
	if refs := e.references(afFlag); len(refs) != 0 {
		t.Fatalf("references before any upload = %v", refs)
	}
	e.must(200, "POST", "/v1/code-references", scan("main", "cmd/checkout.go", 42))
	e.must(200, "POST", "/v1/code-references", scan("feature", "cmd/checkout.go", 40))
	refs := e.references(afFlag)
	if len(refs) != 2 || refs[0]["branch"] != "feature" || refs[1]["branch"] != "main" {
		t.Fatalf("references = %v, want one report per branch, by branch", refs)
	}
	lines := refs[1]["references"].([]any)[0].(map[string]any)
	ref := lines["referenceLine"].(map[string]any)
	if lines["file"] != "cmd/checkout.go" || ref["lineNumber"] != 42.0 || refs[1]["repository"] != "acme/shop" ||
		len(lines["postLines"].([]any)) != 0 || len(lines["preLines"].([]any)) != 1 {
		t.Errorf("main's reference = %v", refs[1])
	}
	if other := e.references(afBanner); len(other) != 0 {
		t.Errorf("banner has references %v, want none", other)
	}
	// A new scan of a branch replaces its report; active branches drop the reports of the others.
	e.must(200, "POST", "/v1/code-references", scan("main", "cmd/checkout.go", 50, "main"))
	refs = e.references(afFlag)
	if len(refs) != 1 || refs[0]["references"].([]any)[0].(map[string]any)["referenceLine"].(map[string]any)["lineNumber"] != 50.0 {
		t.Fatalf("after rescanning main with main the only active branch = %v", refs)
	}
	e.must(200, "POST", "/v1/code-references/delete-reports", map[string]any{"configId": afMain, "repository": "acme/shop",
		"settingId": afFlag})
	if refs = e.references(afFlag); len(refs) != 0 {
		t.Errorf("after deleting the flag's references = %v", refs)
	}
	e.wantError(e.do("POST", "/v1/code-references", map[string]any{"configId": afMain, "repository": "acme/shop",
		"branch": "main", "flagReferences": []any{map[string]any{"settingId": afV1Flag, "references": []any{}}}}),
		400, "FlagReferences", DefaultBehaviour().BatchSettingNotFoundMessage)
	if r := e.do("POST", "/v1/code-references", map[string]any{"configId": afProduct, "repository": "r", "branch": "b"}); r.status != 404 {
		t.Errorf("unknown config: %d, want 404", r.status)
	}
	types := auditTypes(e.auditItems(afProduct, "?configId="+afMain))
	if types != "codeReferenceDeleted,codeReferencesUploaded,codeReferencesUploaded,codeReferencesUploaded" {
		t.Errorf("audit log = %s", types)
	}
}

// A saved state keeps users, change requests, the audit log and code references.
func TestReviewStateRoundTrip(t *testing.T) {
	e := approvalEnv(t)
	cr := e.openChangeRequest(afProd, "Enable", proposal(afFlag, boolValue(true)))
	e.must(200, "POST", crPath(cr, "/comments"), map[string]any{"body": "ok"}, asAnn)
	e.must(200, "POST", "/v1/code-references", scan("main", "a.go", 3))
	paths := []string{crPath(cr, ""), "/v2/products/" + afProduct + "/change-requests",
		"/v2/products/" + afProduct + "/auditlogs", "/v1/settings/" + itoa(afFlag) + "/code-references"}
	before := map[string]string{}
	for _, p := range paths {
		before[p] = string(e.must(200, "GET", p, nil).body)
	}
	loaded, _ := e.reloaded()
	for _, p := range paths {
		if got := string(loaded.must(200, "GET", p, nil).body); got != before[p] {
			t.Errorf("%s after a round trip:\n%s\nwant\n%s", p, got, before[p])
		}
	}
	// Ann can still approve, and new ids continue after the loaded ones.
	loaded.must(200, "POST", crPath(cr, "/approve"), nil, asAnn)
	next := loaded.openChangeRequest(afStaging, "next", proposal(afBanner, stringValue("x")))
	if next["changeRequestId"].(float64) <= cr["changeRequestId"].(float64) {
		t.Errorf("new change request id %v does not continue after %v", next["changeRequestId"], cr["changeRequestId"])
	}
}
