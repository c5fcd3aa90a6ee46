package emulator

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedExample is the state file docs/emulator-state.md quotes.
const seedExample = "testdata/seed-example.json"

const (
	seedOrg     = "08d86d63-26dc-4276-86d6-eae122660e51"
	seedProduct = "08d86d63-2721-4da6-8c06-584521d516bc"
	seedProd    = "08d86d63-2726-47cd-8bfc-59608ecb91e2"
	seedTest    = "08d86d63-272c-4355-8027-4b52787bc1bd"
	seedConfig  = "08d86d63-2731-4b8b-823a-56ddda9da038"
	seedSegment = "08da1cbf-9bc5-4a3d-8b0a-0e49a3bcbd2f"
)

// seededEnv is an emulator loaded with the documented example.
func seededEnv(t *testing.T) *env {
	t.Helper()
	return loadedEnv(t, seedExample)
}

// wantFields fails the test for each field of got that differs from want.
func wantFields(t *testing.T, what string, got map[string]any, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s = %#v, want %#v", what, k, got[k], v)
		}
	}
}

// The documented example reads back through the API with exactly the ids, keys and names it sets.
func TestSeedExampleReadsBack(t *testing.T) {
	e := seededEnv(t)
	orgs := e.must(200, "GET", "/v1/organizations", nil).list(t)
	if len(orgs) != 1 {
		t.Fatalf("organizations = %v", orgs)
	}
	wantFields(t, "organization", orgs[0], map[string]any{"organizationId": seedOrg, "name": "ConfigCat Terraform tests"})
	product := e.must(200, "GET", "/v1/products/"+seedProduct, nil).obj(t)
	wantFields(t, "product", product, map[string]any{"name": "Fixture product", "description": "seeded", "order": 0.0})
	wantFields(t, "product's organization", product["organization"].(map[string]any), map[string]any{"organizationId": seedOrg})
	wantFields(t, "environment", e.must(200, "GET", "/v1/environments/"+seedProd, nil).obj(t),
		map[string]any{"name": "Production", "color": "#5c6bc0", "description": nil, "order": 1.0})
	envs := e.must(200, "GET", "/v1/products/"+seedProduct+"/environments", nil).list(t)
	if len(envs) != 2 || envs[0]["environmentId"] != seedProd || envs[1]["environmentId"] != seedTest {
		t.Errorf("environments = %v, want Production then Test", envs)
	}
	wantFields(t, "config", e.must(200, "GET", "/v1/configs/"+seedConfig, nil).obj(t),
		map[string]any{"name": "Main Config", "evaluationVersion": "v2"})
	wantFields(t, "tag", e.must(200, "GET", "/v1/tags/47", nil).obj(t), map[string]any{"tagId": 47.0, "name": "Backend", "color": "panther"})
	wantFields(t, "segment", e.must(200, "GET", "/v1/segments/"+seedSegment, nil).obj(t),
		map[string]any{"name": "Beta users", "comparator": "contains", "comparisonValue": "@example.com"})

	setting := e.must(200, "GET", "/v1/settings/1521", nil).obj(t)
	wantFields(t, "setting", setting, map[string]any{"key": "isAwesomeFeatureEnabled", "name": "Awesome feature", "configId": seedConfig})
	if tags := setting["tags"].([]any); len(tags) != 1 || tags[0].(map[string]any)["tagId"] != 47.0 {
		t.Errorf("setting tags = %v", tags)
	}
	// Values the file leaves out are the setting's default, in every environment.
	value := e.must(200, "GET", "/v2/environments/"+seedTest+"/settings/1521/value", nil).obj(t)
	if dv := value["defaultValue"].(map[string]any); dv["boolValue"] != false {
		t.Errorf("filled value = %v", dv)
	}

	wantFields(t, "legacy SDK keys", e.must(200, "GET", "/v1/configs/"+seedConfig+"/environments/"+seedProd, nil).obj(t),
		map[string]any{"primary": "Y23YCCEnpk2MBlhFIdUWvA/k-nG8bhE10K41sa8C2rYOQ", "secondary": "Y23YCCEnpk2MBlhFIdUWvA/q7dBIG43LkuX8NJbCeAzdg"})
	wantFields(t, "SDK keys", e.must(200, "GET", "/v1/configs/"+seedConfig+"/environments/"+seedTest, nil).obj(t),
		map[string]any{"primary": "configcat-sdk-1/PKDVCLf-Hq-h-kCzMp-L7Q/HhOWfwVtZ0mb30i9wi17GQ", "secondary": nil})

	wantFields(t, "webhook", e.must(200, "GET", "/v1/webhooks/6814", nil).obj(t),
		map[string]any{"webhookId": 6814.0, "url": "https://example.com/hook", "httpMethod": "post", "content": `{"changed":true}`})
	wantFields(t, "webhook signing keys", e.must(200, "GET", "/v1/webhooks/6814/keys", nil).obj(t), map[string]any{
		"key1": "configcat_whsk_03svAq73DMZmYAHH5wErhNdOTXkKMnu5w6HQdqRetUU=",
		"key2": "configcat_whsk_Pfhcf/IiTTG8CraCDw7RmyxdUiZXyvKfvFQmh69Pe/4="})

	group := e.must(200, "GET", "/v1/permissions/2710", nil).obj(t)
	wantFields(t, "permission group", group, map[string]any{"name": "Developers", "accessType": "custom",
		"canCreateOrUpdateSetting": true, "canViewSdkKey": true, "canDeleteSetting": false})
	if acc := group["environmentAccesses"].([]any); len(acc) != 1 || acc[0].(map[string]any)["environmentId"] != seedTest ||
		acc[0].(map[string]any)["environmentAccessType"] != "full" {
		t.Errorf("environment accesses = %v", acc)
	}

	// New objects count on after the seeded ids.
	if id := e.setting(seedConfig, "next", "boolean", nil); id != 1522 {
		t.Errorf("next setting id = %d, want 1522", id)
	}
	if id := e.tag(seedProduct, "next"); id != 48 {
		t.Errorf("next tag id = %d, want 48", id)
	}
}

// The example survives a save and a load unchanged.
func TestSeedExampleSavesAndLoads(t *testing.T) {
	e := seededEnv(t)
	var saved strings.Builder
	if err := e.srv.SaveState(&saved); err != nil {
		t.Fatal(err)
	}
	e2 := newEnv(t)
	if err := e2.srv.LoadState(strings.NewReader(saved.String())); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/v1/organizations", "/v1/products/" + seedProduct + "/permissions", "/v1/configs/" + seedConfig + "/settings",
		"/v1/products/" + seedProduct + "/webhooks", "/v2/configs/" + seedConfig + "/environments/" + seedProd + "/values"} {
		if a, b := string(e.must(200, "GET", p, nil).body), string(e2.must(200, "GET", p, nil).body); a != b {
			t.Errorf("GET %s after save and load:\n%s\nwant\n%s", p, b, a)
		}
	}
}

// `flagsync emulator --state` serves the seeded organization, and refuses organization flags that contradict
// the file.
func TestRunCommandSeedsAndChecksOrganization(t *testing.T) {
	raw, err := os.ReadFile(seedExample)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(state, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	err = RunCommand(context.Background(), []string{"--addr", "127.0.0.1:0", "--state", state,
		"--organization-id", "00000000-0000-4000-8000-000000000000"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "differs from "+state+"'s organization "+seedOrg) {
		t.Fatalf("contradicting --organization-id: %v", err)
	}
	err = RunCommand(context.Background(), []string{"--organization-id", "not-a-uuid"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "is not a uuid") {
		t.Fatalf("malformed --organization-id: %v", err)
	}
}

// Without a state file the flags name the organization.
func TestRunCommandOrganizationFlags(t *testing.T) {
	lines, stop := startCommand(t, "--addr", "127.0.0.1:0", "--user", "u", "--pass", "p", "--rate-limit", "off",
		"--organization-id", strings.ToUpper(seedOrg), "--organization-name", "Acme")
	if !lines.Scan() {
		t.Fatal("no output")
	}
	url := strings.TrimPrefix(lines.Text(), "listening on ")
	go drain(lines)
	req, _ := http.NewRequest("GET", url+"/v1/organizations", nil)
	req.SetBasicAuth("u", "p")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if want := `[{"organizationId":"` + seedOrg + `","name":"Acme"}]`; strings.TrimSpace(string(body)) != want {
		t.Errorf("organizations = %s, want %s", body, want)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// docs/emulator-state.md quotes the example file verbatim, so that the documented example is the tested one.
func TestSeedExampleIsDocumented(t *testing.T) {
	example, err := os.ReadFile(seedExample)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "emulator-state.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```json\n"+string(example)+"```\n") {
		t.Fatalf("docs/emulator-state.md does not quote %s verbatim in a json block: copy the file into the doc", seedExample)
	}
}
