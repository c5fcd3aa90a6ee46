package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// TestValuesV2StructureRules covers the documented rules on where conditions, segments and prerequisites may
// come from and how a rule is shaped (behaviour doc Q9).
func TestValuesV2StructureRules(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	boolFlag := h.newSetting(w.fixture, "boolFlag", cc.SETTINGTYPE_BOOLEAN, false)
	strFlag := h.newSetting(w.fixture, "strFlag", cc.SETTINGTYPE_STRING, "s")
	otherCfg := h.newConfig(w.product, "Other", cc.EVALUATIONVERSION_V2)
	foreign, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, otherCfg).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "foreign", Name: "Foreign", SettingType: cc.SETTINGTYPE_BOOLEAN}).Execute()
	ok(t, resp, err, http.StatusCreated)
	otherProduct := h.newFixture(cc.EVALUATIONVERSION_V2)
	foreignSegment := h.newSegment(otherProduct.product, "Elsewhere")

	both := rule(vBool(true), userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a")))
	both.PercentageOptions = []cc.PercentageOptionModel{pct(50, vBool(true)), pct(50, vBool(false))}
	twoSlots := userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a"))
	twoSlots.SegmentCondition = &cc.SegmentConditionModel{SegmentId: w.segment, Comparator: cc.SEGMENTCOMPARATOR_IS_IN}
	onBool := func(rules ...cc.TargetingRuleModel) cc.UpdateEvaluationFormulaModel {
		return cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false), TargetingRules: rules}
	}
	cases := []struct {
		name    string
		setting int32
		formula cc.UpdateEvaluationFormulaModel
		msg     string
	}{
		{"prerequisite in another config", boolFlag, onBool(rule(vBool(true),
			prereqCond(foreign.GetSettingId(), cc.PREREQUISITECOMPARATOR_EQUALS, vBool(true)))), "Prerequisite setting not found."},
		{"segment of another product", boolFlag, onBool(rule(vBool(true),
			segmentCond(foreignSegment, cc.SEGMENTCOMPARATOR_IS_IN))), ""},
		{"rule with both a value and percentage options", boolFlag, onBool(both), ""},
		{"rule with neither", boolFlag, onBool(cc.TargetingRuleModel{Conditions: []cc.ConditionModel{
			userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a"))}}), ""},
		{"condition with two slots", boolFlag, onBool(rule(vBool(true), twoSlots)), ""},
		{"condition-less rule that is not last", boolFlag, onBool(
			percentRule(pct(50, vBool(true)), pct(50, vBool(false))),
			rule(vBool(true), userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a")))), ""},
		{"boolean flag with three options", boolFlag, onBool(percentRule(pct(30, vBool(true)), pct(30, vBool(false)),
			pct(40, vBool(true)))), ""},
		{"boolean flag with two equal options", boolFlag, onBool(percentRule(pct(50, vBool(true)), pct(50, vBool(true)))), ""},
		{"negative percentage", strFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("s"), TargetingRules: []cc.TargetingRuleModel{
			percentRule(pct(-10, vStr("a")), pct(110, vStr("b")))}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := h.ctx
			if c.name == "negative percentage" {
				ctx = invalid(ctx) // the spec bounds percentages to 0..100
			}
			_, resp, err := h.api.FeatureFlagSettingValuesV2API.ReplaceSettingValueV2(ctx, w.envs[0], c.setting).
				UpdateEvaluationFormulaModel(c.formula).Execute()
			fails(t, resp, err, http.StatusBadRequest, c.msg)
		})
	}
}

// TestIsJSONValues checks that an isJson string flag takes JSON text and refuses other text (behaviour doc
// Q9 recommends validating; isJson can only be set through PATCH with this client, which has no isJson field).
func TestIsJSONValues(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	id := h.newSetting(f, "jsonFlag", cc.SETTINGTYPE_STRING, `{}`)
	_, resp, err := h.api.FeatureFlagsSettingsAPI.UpdateSetting(h.ctx, id).JsonPatchOperation([]cc.JsonPatchOperation{
		{Op: cc.OPERATIONTYPE_REPLACE, Path: "/isJson", Value: true}}).Execute()
	ok(t, resp, err, http.StatusOK)
	got, resp, err := h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, id).Execute()
	ok(t, resp, err, http.StatusOK)
	if raw := rawBody(t, resp); raw["isJson"] != true || got.GetKey() != "jsonFlag" {
		t.Fatalf("isJson = %v after the patch", raw["isJson"])
	}
	cases := []struct {
		name   string
		value  string
		status int
	}{
		{"object", `{"theme":"dark","size":3}`, http.StatusOK},
		{"array", `[1,2,3]`, http.StatusOK},
		{"not json", `theme=dark`, http.StatusBadRequest},
		{"truncated", `{"theme":`, http.StatusBadRequest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, resp, err := h.api.FeatureFlagSettingValuesV2API.ReplaceSettingValueV2(h.ctx, f.envs[0], id).
				UpdateEvaluationFormulaModel(cc.UpdateEvaluationFormulaModel{DefaultValue: vStr(c.value)}).Execute()
			if c.status != http.StatusOK {
				fails(t, resp, err, c.status, "")
				return
			}
			ok(t, resp, err, c.status)
			if str(v.DefaultValue.StringValue) != c.value {
				t.Errorf("value = %q, want %q verbatim", str(v.DefaultValue.StringValue), c.value)
			}
		})
	}
}

// TestProductDeleteCascades deletes a product with everything under it (behaviour doc Q5, CONFIRMED).
func TestProductDeleteCascades(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	flag := h.newSetting(f, "flag", cc.SETTINGTYPE_BOOLEAN, true)
	tag := h.newTag(f.product, "t", "koala")
	seg := h.newSegment(f.product, "s")
	wh, resp, err := h.api.WebhooksAPI.CreateWebhook(h.ctx, f.config, f.envs[0]).
		WebHookRequest(cc.WebHookRequest{Url: "https://example.com/hook"}).Execute()
	ok(t, resp, err, http.StatusCreated)
	g, resp, err := h.api.PermissionGroupsAPI.CreatePermissionGroup(h.ctx, f.product).
		CreatePermissionGroupRequest(cc.CreatePermissionGroupRequest{Name: "g"}).Execute()
	ok(t, resp, err, http.StatusCreated)

	resp, err = h.api.ProductsAPI.DeleteProduct(h.ctx, f.product).Execute()
	ok(t, resp, err, http.StatusNoContent)
	gone := map[string]func() (*http.Response, error){
		"config": func() (*http.Response, error) {
			_, r, e := h.api.ConfigsAPI.GetConfig(h.ctx, f.config).Execute()
			return r, e
		},
		"environment": func() (*http.Response, error) {
			_, r, e := h.api.EnvironmentsAPI.GetEnvironment(h.ctx, f.envs[0]).Execute()
			return r, e
		},
		"setting": func() (*http.Response, error) {
			_, r, e := h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, flag).Execute()
			return r, e
		},
		"tag": func() (*http.Response, error) { _, r, e := h.api.TagsAPI.GetTag(h.ctx, tag).Execute(); return r, e },
		"segment": func() (*http.Response, error) {
			_, r, e := h.api.SegmentsAPI.GetSegment(h.ctx, seg).Execute()
			return r, e
		},
		"webhook": func() (*http.Response, error) {
			_, r, e := h.api.WebhooksAPI.GetWebhook(h.ctx, wh.GetWebhookId()).Execute()
			return r, e
		},
		"permission group": func() (*http.Response, error) {
			_, r, e := h.api.PermissionGroupsAPI.GetPermissionGroup(h.ctx, g.GetPermissionGroupId()).Execute()
			return r, e
		},
		"sdk keys": func() (*http.Response, error) {
			_, r, e := h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, f.envs[0]).Execute()
			return r, e
		},
	}
	for name, get := range gone {
		t.Run(name, func(t *testing.T) {
			resp, err := get()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

// TestListsFollowOrder checks that lists come sorted by order, then name (behaviour doc Q13), and that order
// is stored as given.
func TestListsFollowOrder(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	for _, e := range []struct {
		name  string
		order int32
	}{{"Test", 2}, {"Production", 10}, {"Mandatory", 0}, {"Beta", 2}} {
		_, resp, err := h.api.EnvironmentsAPI.CreateEnvironment(h.ctx, pid).
			CreateEnvironmentModel(cc.CreateEnvironmentModel{Name: e.name, Order: nint(e.order)}).Execute()
		ok(t, resp, err, http.StatusCreated)
	}
	list, resp, err := h.api.EnvironmentsAPI.GetEnvironments(h.ctx, pid).Execute()
	ok(t, resp, err, http.StatusOK)
	var got []string
	for _, e := range list {
		got = append(got, e.GetName())
	}
	want := []string{"Mandatory", "Beta", "Test", "Production"}
	if len(got) != len(want) {
		t.Fatalf("environments = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("environments = %v, want %v", got, want)
		}
	}
	if list[3].GetOrder() != 10 {
		t.Errorf("order = %d, want 10 as given", list[3].GetOrder())
	}
}
