package configcat

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/google/go-cmp/cmp"
)

func ip(i int) *int { return &i }

// richState is an account with every feature flagsync syncs: v1 and v2 configs, every rule kind, segments,
// prerequisites, percentages with an attribute, predefined variations, tags, webhooks with a secure header,
// permission groups and preferences.
func richState() *spec.State {
	all := func(envs []string, ev func(env string) *spec.EnvValue) map[string]*spec.EnvValue {
		m := map[string]*spec.EnvValue{}
		for _, e := range envs {
			m[e] = ev(e)
		}
		return m
	}
	envs := []string{"Production", "Staging"}
	plain := func(v spec.Value) func(string) *spec.EnvValue {
		return func(string) *spec.EnvValue { return &spec.EnvValue{Default: v} }
	}
	shop := &spec.Product{
		Name: "Shop", Description: "the web shop", Order: ip(0),
		Preferences: &spec.Preferences{ReasonRequiredEnvironments: []string{"Production"}, KeyGenerationMode: "kebabCase",
			ShowVariationID: true},
		Environments: []*spec.Environment{
			{Name: "Production", Color: "#c62828", Description: "live", Order: ip(0)},
			{Name: "Staging", Order: ip(1)},
		},
		Tags: []*spec.Tag{{Name: "beta", Color: "panther"}, {Name: "ops"}},
		Segments: []*spec.Segment{
			{Name: "Beta users", Description: "opted in", Attribute: "Email", Comparator: "contains", Value: "@beta.example"},
			{Name: "Hungarians", Attribute: "Country", Comparator: "isOneOf", Value: "HU"},
		},
		Configs: []*spec.Config{
			{Name: "Web", Description: "frontend", Order: ip(0), EvaluationVersion: spec.EvaluationV2, Flags: []*spec.Flag{
				{Key: "darkMode", Name: "Dark mode", Hint: "UI theme", Type: spec.TypeBoolean, Order: ip(0), Tags: []string{"beta", "ops"},
					Values: map[string]*spec.EnvValue{
						"Production": {
							Rules: []*spec.Rule{
								{If: []*spec.Condition{{Attribute: "Email", Comparator: "textEndsWithAnyOf",
									Values: []spec.ListItem{{Value: "@example.com", Hint: "staff"}, {Value: "@example.org"}}}}, Serve: spec.BoolValue(true).Ptr()},
								{If: []*spec.Condition{{Segment: "Beta users", Comparator: "isIn"}, {Attribute: "Age", Comparator: "numberGreaterOrEquals", Value: "18"}},
									Serve: spec.BoolValue(true).Ptr()},
								{If: []*spec.Condition{{Segment: "Hungarians", Comparator: "isNotIn"}}, Percentages: []*spec.PercentageOption{
									{Percent: 10, Serve: spec.BoolValue(true)}, {Percent: 90, Serve: spec.BoolValue(false)}}},
							},
							Percentages:         []*spec.PercentageOption{{Percent: 30, Serve: spec.BoolValue(true)}, {Percent: 70, Serve: spec.BoolValue(false)}},
							PercentageAttribute: "Country",
							Default:             spec.BoolValue(false),
						},
						"Staging": {Default: spec.BoolValue(true)},
					}},
				{Key: "plan", Name: "Plan", Type: spec.TypeString, Order: ip(1),
					Variations: []*spec.Variation{{Value: spec.StringValue("free"), Name: "Free", Hint: "no cost"}, {Value: spec.StringValue("pro"), Name: "Pro"}},
					Values: map[string]*spec.EnvValue{
						"Production": {
							Rules: []*spec.Rule{
								{If: []*spec.Condition{{Flag: "darkMode", Equals: spec.BoolValue(true).Ptr()}}, Serve: spec.StringValue("pro").Ptr()},
								{If: []*spec.Condition{{Attribute: "Version", Comparator: "semVerLess", Value: "2.0.0"},
									{Attribute: "Signup", Comparator: "dateTimeBefore", Value: "1700000000.5"}},
									Percentages: []*spec.PercentageOption{{Percent: 50, Serve: spec.StringValue("free")}, {Percent: 50, Serve: spec.StringValue("pro")}}},
							},
							Default: spec.StringValue("free"),
						},
						"Staging": {Default: spec.StringValue("pro")},
					}},
				{Key: "limit", Name: "Limit", Type: spec.TypeInt, Order: ip(2), Values: all(envs, func(e string) *spec.EnvValue {
					return &spec.EnvValue{Default: spec.IntValue(10), Rules: []*spec.Rule{
						{If: []*spec.Condition{{Attribute: "Plan", Comparator: "isOneOf", Values: []spec.ListItem{{Value: "gold"}, {Value: "silver"}}}},
							Serve: spec.IntValue(100).Ptr()}}}
				})},
				{Key: "ratio", Name: "Ratio", Type: spec.TypeDouble, Order: ip(3), IsJSON: false, Values: all(envs, func(string) *spec.EnvValue {
					return &spec.EnvValue{Default: spec.DoubleValue(0.5), Rules: []*spec.Rule{
						{If: []*spec.Condition{{Flag: "limit", DoesNotEqual: spec.IntValue(3).Ptr()}, {Attribute: "Name", Comparator: "textEquals", Value: "x"}},
							Serve: spec.DoubleValue(1.25).Ptr()}}}
				})},
				{Key: "theme", Name: "Theme", Type: spec.TypeString, Order: ip(4), IsJSON: true, Values: all(envs, plain(spec.StringValue(`{"a":1}`)))},
			}},
			{Name: "Legacy", Order: ip(1), EvaluationVersion: spec.EvaluationV1, Flags: []*spec.Flag{
				{Key: "oldToggle", Name: "Old toggle", Type: spec.TypeBoolean, Order: ip(0), Tags: []string{"ops"}, Values: map[string]*spec.EnvValue{
					"Production": {
						Rules: []*spec.Rule{
							{If: []*spec.Condition{{Attribute: "Email", Comparator: "contains", Value: "@example.com"}}, Serve: spec.BoolValue(true).Ptr()},
							{If: []*spec.Condition{{Attribute: "Country", Comparator: "isOneOf", Value: "HU, AT"}}, Serve: spec.BoolValue(false).Ptr()},
							{If: []*spec.Condition{{Segment: "Hungarians", Comparator: "isNotIn"}}, Serve: spec.BoolValue(false).Ptr()},
						},
						Percentages: []*spec.PercentageOption{{Percent: 25, Serve: spec.BoolValue(true)}, {Percent: 75, Serve: spec.BoolValue(false)}},
						Default:     spec.BoolValue(false),
					},
					"Staging": {Default: spec.BoolValue(true)},
				}},
				{Key: "oldCount", Name: "Old count", Hint: "an int", Type: spec.TypeInt, Order: ip(1), Values: all(envs, plain(spec.IntValue(7)))},
				{Key: "oldRate", Name: "Old rate", Type: spec.TypeDouble, Order: ip(2), Values: all(envs, plain(spec.DoubleValue(2)))},
			}},
		},
		Webhooks: []*spec.Webhook{
			{Config: "Web", Environment: "Production", URL: "https://hooks.example/web", Method: "post", Content: `{"changed":true}`,
				Headers: []*spec.WebhookHeader{{Key: "X-Source", Value: "configcat"}, {Key: "Authorization", Secure: true, ValueFromEnv: "HOOK_TOKEN"}}},
			{Config: "Legacy", Environment: "Staging", URL: "https://hooks.example/legacy", Method: "get"},
		},
		PermissionGroups: []*spec.PermissionGroup{
			{Name: "Developers", AccessType: "custom", NewEnvironmentAccessType: "readOnly",
				EnvironmentAccess:      map[string]string{"Production": "readOnly", "Staging": "full"},
				ApprovalPermissionType: "cannotApprove", NewEnvironmentApprovalPermissionType: "cannotApprove",
				Permissions: spec.Permissions{CreateOrUpdateSetting: true, TagSetting: true, ViewSdkKey: true, CreateOrUpdateSegments: true}},
			{Name: "Admins", AccessType: "full", NewEnvironmentAccessType: "full", ApprovalPermissionType: "canBypassApproval",
				NewEnvironmentApprovalPermissionType: "canBypassApproval",
				Permissions: spec.Permissions{ManageMembers: true, CreateOrUpdateConfig: true, DeleteConfig: true, CreateOrUpdateSetting: true,
					DeleteSetting: true, ManageWebhook: true, Disable2FA: true}},
		},
	}
	// a product without environments: its flags are read from the settings list
	empty := &spec.Product{Name: "Empty", Order: ip(1), Preferences: &spec.Preferences{KeyGenerationMode: "camelCase"},
		Configs: []*spec.Config{{Name: "Main", Order: ip(0), EvaluationVersion: spec.EvaluationV2, Flags: []*spec.Flag{
			{Key: "lonely", Name: "Lonely", Type: spec.TypeBoolean, Order: ip(0)}}}}}
	st := &spec.State{Products: []*spec.Product{shop, empty}}
	spec.Normalize(st)
	return st
}

func TestFetchRichAccount(t *testing.T) {
	emu, srv := newEmulator(t)
	c := emuClient(t, srv)
	want := richState()
	seeded := seed(t, c, emu.OrganizationID(), want, map[string]string{"HOOK_TOKEN": "Bearer s3cr3t-hook"})

	emu.ResetCounts()
	reader := emuClient(t, srv, func(cfg *Config) { cfg.ReadOnly = true })
	got, remote, err := reader.Fetch(context.Background(), FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}

	// the secure header's value is write-only: Fetch keeps only that it is secure
	for _, w := range want.Products[0].Webhooks {
		for _, h := range w.Headers {
			h.ValueFromEnv = ""
		}
	}
	want.Organization = "flagsync"
	if d := cmp.Diff(want, got, ignorePos, cmpValues); d != "" {
		t.Errorf("fetched state (-want +got):\n%s", d)
	}
	if text, _ := json.Marshal(got); strings.Contains(string(text), "s3cr3t") {
		t.Error("the secure header's value was read back")
	}

	wantCounts := map[string]int{
		"GET /v1/products":                                               1,
		"GET /v1/products/{productId}/environments":                      2,
		"GET /v1/products/{productId}/configs":                           2,
		"GET /v1/products/{productId}/tags":                              2,
		"GET /v1/products/{productId}/segments":                          2,
		"GET /v1/products/{productId}/preferences":                       2,
		"GET /v1/products/{productId}/webhooks":                          2,
		"GET /v1/products/{productId}/permissions":                       2,
		"GET /v1/products/{productId}/integrations":                      2,
		"GET /v1/segments/{segmentId}":                                   2,
		"GET /v2/configs/{configId}/environments/{environmentId}/values": 2,
		"GET /v1/configs/{configId}/environments/{environmentId}/values": 2,
		// the v1 config (no variations in v1 values) and the config of the product without environments
		"GET /v1/configs/{configId}/settings": 2,
	}
	if d := cmp.Diff(wantCounts, emu.Counts()); d != "" {
		t.Errorf("GETs per endpoint (-want +got):\n%s", d)
	}

	// the remote ids are those the writes returned
	shop := remote.Product("shop")
	if shop == nil || shop.ID != seeded.Product("Shop").ID || remote.OrganizationID != emu.OrganizationID() {
		t.Fatalf("remote = %+v", remote)
	}
	if d := cmp.Diff(seeded.Product("Shop"), shop, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".LastVersions"
	}, cmp.Ignore())); d != "" {
		t.Errorf("remote ids (-seeded +fetched):\n%s", d)
	}
	dark := shop.Config("web").Flag("DARKMODE")
	if dark == nil || dark.LastVersion("production") == "" || dark.LastVersion("Staging") == "" {
		t.Errorf("darkMode remote = %+v", dark)
	}
	if id, ok := shop.Config("Web").Flag("plan").VariationID(spec.StringValue("pro")); !ok || id == "" {
		t.Error("no id for the variation pro")
	}
}

func TestFetchSelectsProductsAndOrganization(t *testing.T) {
	emu, srv := newEmulator(t)
	c := emuClient(t, srv)
	seed(t, c, emu.OrganizationID(), richState(), map[string]string{"HOOK_TOKEN": "x"})
	ctx := context.Background()

	emu.ResetCounts()
	st, remote, err := c.Fetch(ctx, FetchOptions{Products: []string{"empty", "No such product"}, Organization: "FLAGSYNC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Products) != 1 || st.Products[0].Name != "Empty" || len(remote.Products) != 1 {
		t.Fatalf("products = %v", st.Products)
	}
	if n := emu.Counts()["GET /v1/products/{productId}/tags"]; n != 1 {
		t.Errorf("read the tags of %d products, want only the one asked for", n)
	}
	if n := emu.Counts()["GET /v1/organizations"]; n != 0 {
		t.Errorf("GET /v1/organizations sent %d times; the products named the organization", n)
	}

	if _, _, err := c.Fetch(ctx, FetchOptions{Organization: emu.OrganizationID(), Products: []string{"Shop"}}); err != nil {
		t.Errorf("by id: %v", err)
	}
	_, _, err = c.Fetch(ctx, FetchOptions{Organization: "Other Org"})
	if err == nil || !strings.Contains(err.Error(), `unknown organization "Other Org"`) || !strings.Contains(err.Error(), `"flagsync"`) {
		t.Errorf("unknown organization: err = %v", err)
	}
}

func TestFetchEmptyOrganization(t *testing.T) {
	emu, srv := newEmulator(t)
	c := emuClient(t, srv)
	st, remote, err := c.Fetch(context.Background(), FetchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Organization != "flagsync" || len(st.Products) != 0 || remote.OrganizationID != emu.OrganizationID() {
		t.Errorf("state = %+v, remote = %+v", st, remote)
	}
	if emu.Counts()["GET /v1/organizations"] != 1 {
		t.Errorf("counts = %v; with no product, the organization list names it", emu.Counts())
	}
}

func TestFetchRefusesDuplicateNames(t *testing.T) {
	emu, srv := newEmulator(t)
	c := emuClient(t, srv)
	ctx := context.Background()
	p, err := c.CreateProduct(ctx, emu.OrganizationID(), ProductRequest{Name: strPtr("Shop")})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"beta", "Beta"} {
		if _, err := c.CreateTag(ctx, p.ProductID, TagRequest{Name: strPtr(name)}); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err = c.Fetch(ctx, FetchOptions{})
	if err == nil || !strings.Contains(err.Error(), `product "Shop": two tags named "beta" and "Beta"`) {
		t.Errorf("err = %v", err)
	}
}

// TestFetchRefusesDuplicateProducts: two products of the organization whose names differ only in case cannot
// be told apart by name, so Fetch refuses before reading either; a namesake in another organization does not
// count.
func TestFetchRefusesDuplicateProducts(t *testing.T) {
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/v1/products" {
			return answer(200, `[{"productId":"p1","name":"Shop","organization":{"organizationId":"o1","name":"Org"}},
				{"productId":"p2","name":"Shop","organization":{"organizationId":"o2","name":"Other"}},
				{"productId":"p3","name":"SHOP","organization":{"organizationId":"o1","name":"Org"}}]`), nil
		}
		t.Errorf("read %s after finding the duplicate", r.URL.Path)
		return answer(200, `[]`), nil
	})
	_, _, err := c.Fetch(context.Background(), FetchOptions{Organization: "Org"})
	if err == nil || !strings.Contains(err.Error(), `organization "Org": two products named "Shop" and "SHOP"`) {
		t.Errorf("err = %v", err)
	}
}

func TestPickOrganization(t *testing.T) {
	orgs := []Organization{{OrganizationID: "o1", Name: "Acme"}, {OrganizationID: "o2", Name: "acme"}, {OrganizationID: "o3", Name: "Beta"}}
	if o, ok, err := pickOrganization(orgs, "beta"); !ok || err != nil || o.OrganizationID != "o3" {
		t.Errorf("by name: %v %t %v", o, ok, err)
	}
	if o, ok, err := pickOrganization(orgs, "o2"); !ok || err != nil || o.Name != "acme" {
		t.Errorf("by id: %v %t %v", o, ok, err)
	}
	if _, _, err := pickOrganization(orgs, "ACME"); err == nil || !strings.Contains(err.Error(), `several organizations are named "ACME"`) {
		t.Errorf("ambiguous name: err = %v", err)
	}
	if _, _, err := pickOrganization(orgs, ""); err == nil || !strings.Contains(err.Error(), `"Beta"`) {
		t.Errorf("several, none named: err = %v", err)
	}
	if _, ok, err := pickOrganization(orgs, "Gamma"); ok || err != nil {
		t.Errorf("unknown: %t %v", ok, err)
	}
}

// TestFetchConfigWithoutEvaluationVersion: a config whose answer names no evaluationVersion is a v1 config
// (the API's default), so Fetch reads its values through the v1 endpoint, which v2 configs refuse, and
// reports it as v1.
func TestFetchConfigWithoutEvaluationVersion(t *testing.T) {
	var paths []string
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		paths = append(paths, r.URL.Path)
		switch r.URL.Path {
		case "/v1/products":
			return answer(200, `[{"productId":"p1","name":"Shop","organization":{"organizationId":"o1","name":"Org"}}]`), nil
		case "/v1/products/p1/environments":
			return answer(200, `[{"environmentId":"e1","name":"Production"}]`), nil
		case "/v1/products/p1/configs":
			return answer(200, `[{"configId":"c1","name":"Old"}]`), nil
		case "/v1/products/p1/preferences":
			return answer(200, `{}`), nil
		case "/v1/products/p1/integrations":
			return answer(200, `{"integrations":[]}`), nil
		case "/v1/configs/c1/settings":
			return answer(200, `[{"settingId":1,"key":"on","name":"On","settingType":"boolean"}]`), nil
		case "/v1/configs/c1/environments/e1/values":
			return answer(200, `{"settingValues":[{"setting":{"settingId":1,"key":"on","name":"On","settingType":"boolean"},"value":true}]}`), nil
		case "/v2/configs/c1/environments/e1/values":
			return answer(400, `{"":["This endpoint is not available for Config V1."]}`), nil
		}
		return answer(200, `[]`), nil
	}, func(c *Config) { c.Concurrency = 1 })
	st, _, err := c.Fetch(context.Background(), FetchOptions{})
	if err != nil {
		t.Fatalf("%v (requests: %v)", err, paths)
	}
	cfg := st.Product("Shop").Config("Old")
	if cfg.EvaluationVersion != spec.EvaluationV1 {
		t.Errorf("evaluation version = %q, want v1", cfg.EvaluationVersion)
	}
	if f := cfg.Flag("on"); f == nil || !f.Values["Production"].Default.Equal(spec.BoolValue(true)) {
		t.Errorf("flag = %+v", f)
	}
}
