package emulator

import "testing"

// Options.Users are accepted next to the admin; one without email or full name is named after its user.
func TestOptionsUsers(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Users = []Credential{{User: "ci", Password: "ci-pass"}} })
	me := e.must(200, "GET", "/v1/me", nil, withAuth("ci", "ci-pass")).obj(t)
	if me["email"] != "ci" || me["fullName"] != "ci" {
		t.Errorf("/v1/me as ci = %v", me)
	}
	w := e.world()
	// An organization admin (no permission group) may bypass approval; the write names it.
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"approveRequiredEnvironments": []any{
		map[string]any{"environmentId": w.prod, "approveRequired": true}}})
	flag := e.setting(w.v2, "f", "boolean", nil)
	v := e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value?bypassApproval=true",
		map[string]any{"defaultValue": boolValue(true)}, withAuth("ci", "ci-pass")).obj(t)
	if v["lastUpdaterUserEmail"] != "ci" {
		t.Errorf("updater = %v, want ci", v["lastUpdaterUserEmail"])
	}
	if r := e.do("GET", "/v1/me", nil, withAuth("ci", testPass)); r.status != 401 {
		t.Errorf("ci with the admin's password: %d, want 401", r.status)
	}
}
