package emulator

import (
	"testing"
)

// Tests of behaviour whose evidence is the ConfigCat Terraform provider acceptance tests (TF), which run
// against the real API: each expectation names the test it comes from. They run behind the contract checker
// like every emulator test.

// TF environment_resource_test.go (TestAccEnvironmentResource, step 1): an environment created with description
// and color "" reads both back as "". The same holds for every optional text (choices.go).
func TestEvidenceEmptyTextsReadBackEmpty(t *testing.T) {
	e := newEnv(t)
	org := e.srv.OrganizationID()
	product := e.must(201, "POST", "/v1/organizations/"+org+"/products", map[string]any{"name": "Shop", "description": ""}).obj(t)
	p := product["productId"].(string)
	env := e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Test", "description": "", "color": ""}).obj(t)
	cfg := e.must(201, "POST", "/v1/products/"+p+"/configs", map[string]any{"name": "Main", "description": "", "evaluationVersion": "v2"}).obj(t)
	seg := e.must(201, "POST", "/v1/products/"+p+"/segments", map[string]any{"name": "Beta", "description": "",
		"comparisonAttribute": "Email", "comparator": "contains", "comparisonValue": "@example.com"}).obj(t)
	tag := e.must(201, "POST", "/v1/products/"+p+"/tags", map[string]any{"name": "t", "color": ""}).obj(t)
	hook := e.must(201, "POST", "/v1/configs/"+cfg["configId"].(string)+"/environments/"+env["environmentId"].(string)+"/webhooks",
		map[string]any{"url": "https://example.com/hook", "content": ""}).obj(t)
	for _, c := range []struct {
		what  string
		model map[string]any
		field string
	}{
		{"product", product, "description"}, {"environment", env, "description"}, {"environment", env, "color"},
		{"config", cfg, "description"}, {"segment", seg, "description"}, {"tag", tag, "color"},
		{"webhook", hook, "content"},
	} {
		if v, ok := c.model[c.field]; !ok || v != "" {
			t.Errorf("%s created with %s \"\" answers %#v, want \"\"", c.what, c.field, v)
		}
	}
	// Reading back, not only the create answer.
	got := e.must(200, "GET", "/v1/environments/"+env["environmentId"].(string), nil).obj(t)
	if got["description"] != "" || got["color"] != "" {
		t.Errorf("environment read back = %v, want description and color \"\"", got)
	}
	// Never given stays null (TF environments_data_source_test.go: TestCheckNoResourceAttr on fixtures).
	plain := e.must(201, "POST", "/v1/products/"+p+"/environments", map[string]any{"name": "Plain"}).obj(t)
	if plain["description"] != nil || plain["color"] != nil {
		t.Errorf("environment created without texts = %v, want null description and color", plain)
	}
}
