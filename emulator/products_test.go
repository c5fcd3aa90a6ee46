package emulator

import (
	"net/http"
	"slices"
	"testing"
)

func TestMeAndOrganizations(t *testing.T) {
	e := newEnv(t)
	me := e.must(200, "GET", "/v1/me", nil).obj(t)
	if me["email"] != DefaultBehaviour().MeEmail || me["fullName"] != DefaultBehaviour().MeFullName {
		t.Fatalf("me = %v", me)
	}
	orgs := e.must(200, "GET", "/v1/organizations", nil).list(t)
	if len(orgs) != 1 || orgs[0]["organizationId"] != e.srv.OrganizationID() || orgs[0]["name"] != "flagsync" {
		t.Fatalf("organizations = %v", orgs)
	}
	lim := e.must(200, "GET", "/v1/organizations/"+e.srv.OrganizationID()+"/organization-limitations", nil).obj(t)
	if lim["maxPredefinedVariations"] == nil || lim["maxTargetingRuleCount"] == nil {
		t.Fatalf("limitations = %v", lim)
	}
	if r := e.do("GET", "/v1/organizations/00000000-0000-4000-8000-000000000000/organization-limitations", nil); r.status != 404 {
		t.Fatalf("limitations of an unknown organization: %d", r.status)
	}
	if got := e.must(200, "GET", "/v1/products", nil).list(t); len(got) != 0 {
		t.Fatalf("a new emulator has products: %v", got)
	}
}

func TestProductCRUD(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	created := e.must(201, "POST", "/v1/organizations/"+org+"/products", map[string]any{"name": "Shop", "description": "the shop", "order": 10}).obj(t)
	id := created["productId"].(string)
	if created["name"] != "Shop" || created["description"] != "the shop" || created["order"] != 10.0 {
		t.Fatalf("created = %v", created)
	}
	if o := created["organization"].(map[string]any); o["organizationId"] != org || o["name"] != "flagsync" {
		t.Fatalf("organization not nested in full: %v", o)
	}
	got := e.must(200, "GET", "/v1/products/"+id, nil).obj(t)
	if got["name"] != "Shop" || got["reasonRequired"] != false || got["approveRequired"] != false {
		t.Fatalf("get = %v", got)
	}

	// Partial update: absent and null leave fields alone; "" empties the description, which reads back "".
	upd := e.must(200, "PUT", "/v1/products/"+id, map[string]any{"name": "Store", "description": nil}).obj(t)
	if upd["name"] != "Store" || upd["description"] != "the shop" || upd["order"] != 10.0 {
		t.Fatalf("partial update = %v", upd)
	}
	upd = e.must(200, "PUT", "/v1/products/"+id, map[string]any{"description": ""}).obj(t)
	if upd["description"] != "" || upd["name"] != "Store" {
		t.Fatalf("emptying the description = %v", upd)
	}

	e.must(204, "DELETE", "/v1/products/"+id, nil)
	if r := e.do("GET", "/v1/products/"+id, nil); r.status != 404 || len(r.body) != 0 {
		t.Fatalf("deleted product: status %d body %q", r.status, r.body)
	}
}

func TestProductValidation(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	e.product("Shop")
	e.wantError(e.do("POST", "/v1/organizations/"+org+"/products", map[string]any{"name": "shop"}), 400, "Name", DefaultBehaviour().DuplicateNameMessage)
	e.wantError(e.do("POST", "/v1/organizations/"+org+"/products", map[string]any{"name": ""}, invalid), 400, "Name", "The Name field is required.")
	id := e.product("Other")
	e.wantError(e.do("PUT", "/v1/products/"+id, map[string]any{"name": ""}), 400, "Name", "The Name field is required.")
	e.wantError(e.do("PUT", "/v1/products/"+id, map[string]any{"name": "SHOP"}), 400, "Name", DefaultBehaviour().DuplicateNameMessage)
	if r := e.do("POST", "/v1/organizations/00000000-0000-0000-0000-000000000000/products", map[string]any{"name": "X"}); r.status != 404 {
		t.Fatalf("unknown organization: %d", r.status)
	}
}

func TestProductsListedByOrderThenName(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	for _, p := range []struct {
		name  string
		order int
	}{{"b", 1}, {"C", 0}, {"a", 1}} {
		e.must(201, "POST", "/v1/organizations/"+org+"/products", map[string]any{"name": p.name, "order": p.order})
	}
	var names []string
	for _, p := range e.must(200, "GET", "/v1/products", nil).list(t) {
		names = append(names, p["name"].(string))
	}
	if want := []string{"C", "a", "b"}; !slices.Equal(names, want) {
		t.Fatalf("order = %v, want %v", names, want)
	}
}

func TestPreferences(t *testing.T) {
	e := newEnv(t)
	p := e.product("Shop")
	prefs := e.must(200, "GET", "/v1/products/"+p+"/preferences", nil).obj(t)
	if prefs["keyGenerationMode"] != "camelCase" || prefs["reasonRequired"] != false || len(prefs["reasonRequiredEnvironments"].([]any)) != 0 {
		t.Fatalf("new product preferences = %v", prefs)
	}
	prod := e.environment(p, "Production")
	e.environment(p, "Test")
	got := e.must(200, "POST", "/v1/products/"+p+"/preferences", map[string]any{
		"mandatorySettingHint":       true,
		"reasonRequiredEnvironments": []any{map[string]any{"environmentId": prod, "reasonRequired": true}},
	}).obj(t)
	envs := got["reasonRequiredEnvironments"].([]any)
	if len(envs) != 2 || got["mandatorySettingHint"] != true {
		t.Fatalf("preferences = %v", got)
	}
	first := envs[0].(map[string]any)
	if first["environmentId"] != prod || first["reasonRequired"] != true || first["environmentName"] != "Production" {
		t.Fatalf("first environment = %v", first)
	}
	env := e.must(200, "GET", "/v1/environments/"+prod, nil).obj(t)
	if env["reasonRequired"] != true {
		t.Fatalf("environment does not reflect the preference: %v", env)
	}
	e.wantError(e.do("POST", "/v1/products/"+p+"/preferences", map[string]any{
		"reasonRequiredEnvironments": []any{map[string]any{"environmentId": "00000000-0000-0000-0000-000000000000", "reasonRequired": true}},
	}), 400, "ReasonRequiredEnvironments", "Environment not found.")
}

func TestAuth(t *testing.T) {
	e := newEnv(t)
	for name, opts := range map[string][]reqOpt{
		"missing":        {noAuth, invalid},
		"wrong password": {withAuth(testUser, "nope")},
		"wrong user":     {withAuth("x", testPass)},
	} {
		r := e.do("GET", "/v1/products", nil, opts...)
		if r.status != http.StatusUnauthorized {
			t.Fatalf("%s credentials: status %d", name, r.status)
		}
		if len(r.body) != 0 {
			t.Fatalf("%s credentials: body %q", name, r.body)
		}
	}
}

func TestNonJSONBodyRefused(t *testing.T) {
	e := newEnv(t)
	r := e.do("POST", "/v1/organizations/"+e.srv.OrganizationID()+"/products", `{"name":"x"}`, withHeader("Content-Type", "text/plain"), invalid)
	if r.status != http.StatusUnsupportedMediaType {
		t.Fatalf("text/plain body: %d", r.status)
	}
	e.wantError(e.do("POST", "/v1/organizations/"+e.srv.OrganizationID()+"/products", `{"name":`, invalid), 400, "$",
		"The JSON value could not be converted: unexpected end of JSON input")
}
