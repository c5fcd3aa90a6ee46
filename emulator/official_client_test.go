package emulator

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"

	"github.com/flagsync/flagsync/internal/contract"
)

// TestOfficialClientReadsTheEmulator drives the emulator with ConfigCat's generated Go client (v2.1.2), whose
// strict decoders reject answers that stray from its models, through the contract checker on both sides.
func TestOfficialClientReadsTheEmulator(t *testing.T) {
	srv := New(Options{User: testUser, Pass: testPass, RateLimit: RateLimit{Off: true}})
	hs := httptest.NewServer(contract.Middleware(t, srv))
	defer hs.Close()
	cfg := cc.NewConfiguration()
	cfg.Servers = cc.ServerConfigurations{{URL: hs.URL}}
	cfg.HTTPClient = &http.Client{Transport: contract.RoundTripper(t, nil)}
	api := cc.NewAPIClient(cfg)
	ctx := context.WithValue(context.Background(), cc.ContextBasicAuth, cc.BasicAuth{UserName: testUser, Password: testPass})
	check := func(what string, resp *http.Response, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		resp.Body.Close()
	}

	p, resp, err := api.ProductsAPI.CreateProduct(ctx, srv.OrganizationID()).CreateProductRequest(*cc.NewCreateProductRequest("Shop")).Execute()
	check("create product", resp, err)
	env, resp, err := api.EnvironmentsAPI.CreateEnvironment(ctx, p.GetProductId()).CreateEnvironmentModel(*cc.NewCreateEnvironmentModel("Production")).Execute()
	check("create environment", resp, err)
	cr := cc.NewCreateConfigRequest("Main")
	cr.SetEvaluationVersion(cc.EVALUATIONVERSION_V2)
	c, resp, err := api.ConfigsAPI.CreateConfig(ctx, p.GetProductId()).CreateConfigRequest(*cr).Execute()
	check("create config", resp, err)
	_, resp, err = api.TagsAPI.CreateTag(ctx, p.GetProductId()).CreateTagModel(*cc.NewCreateTagModel("beta")).Execute()
	check("create tag", resp, err)
	_, resp, err = api.FeatureFlagsSettingsAPI.CreateSetting(ctx, c.GetConfigId()).
		CreateSettingInitialValues(*cc.NewCreateSettingInitialValues("darkMode", "Dark mode", cc.SETTINGTYPE_BOOLEAN)).Execute()
	check("create setting", resp, err)

	products, resp, err := api.ProductsAPI.GetProducts(ctx).Execute()
	check("list products", resp, err)
	if len(products) != 1 || products[0].GetName() != "Shop" {
		t.Fatalf("products = %+v", products)
	}
	_, resp, err = api.ProductsAPI.GetProductPreferences(ctx, p.GetProductId()).Execute()
	check("preferences", resp, err)
	_, resp, err = api.TagsAPI.GetTags(ctx, p.GetProductId()).Execute()
	check("tags", resp, err)
	_, resp, err = api.SegmentsAPI.GetSegments(ctx, p.GetProductId()).Execute()
	check("segments", resp, err)
	_, resp, err = api.PermissionGroupsAPI.GetPermissionGroups(ctx, p.GetProductId()).Execute()
	check("permission groups", resp, err)
	settings, resp, err := api.FeatureFlagsSettingsAPI.GetSettings(ctx, c.GetConfigId()).Execute()
	check("settings", resp, err)
	if len(settings) != 1 || settings[0].GetKey() != "darkMode" {
		t.Fatalf("settings = %+v", settings)
	}
	values, resp, err := api.FeatureFlagSettingValuesV2API.GetSettingValuesV2(ctx, c.GetConfigId(), env.GetEnvironmentId()).Execute()
	check("values", resp, err)
	if len(values.SettingFormulas) != 1 || values.SettingFormulas[0].DefaultValue.GetBoolValue() != false {
		t.Fatalf("values = %+v", values.SettingFormulas)
	}
}
