package officialclient_test

import (
	"net/http"
	"strconv"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

func TestSDKKeysAndValuesBySDKKey(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	id := h.newSetting(f, "byKey", cc.SETTINGTYPE_STRING, "start")

	keys := map[string]bool{}
	for _, env := range f.envs {
		k, resp, err := h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, env).Execute()
		ok(t, resp, err, http.StatusOK)
		if str(k.Primary) == "" || keys[str(k.Primary)] {
			t.Fatalf("sdk keys = %+v, want a primary key of its own", k)
		}
		keys[str(k.Primary)] = true
	}
	k, resp, err := h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, f.envs[0]).Execute()
	ok(t, resp, err, http.StatusOK)
	sdkKey := str(k.Primary)

	api := h.api.FeatureFlagSettingValuesUsingSDKKeyV2API
	var formula cc.UpdateEvaluationFormulaModel
	cases := []struct{ name, keyOrID string }{{"by key", "byKey"}, {"by id", itoa(id)}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// each case writes its own default value, so that a write that did not happen shows
			formula = cc.UpdateEvaluationFormulaModel{DefaultValue: vStr(c.name), TargetingRules: []cc.TargetingRuleModel{
				percentRule(pct(50, vStr("x")), pct(50, vStr("y")))}}
			put, resp, err := api.ReplaceSettingValueBySdkkeyV2(h.ctx, c.keyOrID).XCONFIGCATSDKKEY(sdkKey).
				UpdateEvaluationFormulaModel(formula).Execute()
			ok(t, resp, err, http.StatusOK)
			sameFormula(t, "PUT by sdk key", formula, put.DefaultValue, put.TargetingRules, put.PercentageEvaluationAttribute)
			got, resp, err := api.GetSettingValueBySdkkeyV2(h.ctx, c.keyOrID).XCONFIGCATSDKKEY(sdkKey).Execute()
			ok(t, resp, err, http.StatusOK)
			sameFormula(t, "GET by sdk key", formula, got.DefaultValue, got.TargetingRules, got.PercentageEvaluationAttribute)
			if got.Environment.GetEnvironmentId() != f.envs[0] || got.Setting.GetSettingId() != id {
				t.Errorf("answer is for %s/%d", got.Environment.GetEnvironmentId(), got.Setting.GetSettingId())
			}
		})
	}
	byID, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, f.envs[0], id).Execute()
	ok(t, resp, err, http.StatusOK)
	sameFormula(t, "GET by ids", formula, byID.DefaultValue, byID.TargetingRules, byID.PercentageEvaluationAttribute)

	_, resp, err = api.GetSettingValueBySdkkeyV2(h.ctx, "byKey").XCONFIGCATSDKKEY("configcat-sdk-1/unknown/unknown").Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValueBySdkkeyV2(h.ctx, "noSuchKey").XCONFIGCATSDKKEY(sdkKey).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err = h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.SDKKeysAPI.GetSdkKeys(h.ctx, unknown, f.envs[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	// Deleting the config takes its SDK keys with it.
	resp, err = h.api.ConfigsAPI.DeleteConfig(h.ctx, f.config).Execute()
	ok(t, resp, err, http.StatusNoContent)
	_, resp, err = h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, f.envs[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}

func itoa(i int32) string { return strconv.Itoa(int(i)) }

func TestV1ValuesBySDKKey(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V1)
	id := h.newSetting(f, "legacyFlag", cc.SETTINGTYPE_INT, 1)
	k, resp, err := h.api.SDKKeysAPI.GetSdkKeys(h.ctx, f.config, f.envs[1]).Execute()
	ok(t, resp, err, http.StatusOK)
	api := h.api.FeatureFlagSettingValuesUsingSDKKeyAPI
	sent := cc.UpdateSettingValueModel{Value: float64(5), RolloutRules: []cc.RolloutRuleModel{
		targetRule("Age", cc.ROLLOUTRULECOMPARATOR_NUMBER_LESS, "18", float64(0))},
		RolloutPercentageItems: []cc.RolloutPercentageItemModel{{Percentage: 60, Value: float64(5)}, {Percentage: 40, Value: float64(6)}}}
	put, resp, err := api.ReplaceSettingValueBySdkkey(h.ctx, "legacyFlag").XCONFIGCATSDKKEY(str(k.Primary)).
		UpdateSettingValueModel(sent).Execute()
	ok(t, resp, err, http.StatusOK)
	sameV1(t, "PUT by sdk key", sent, put.Value, put.RolloutRules, put.RolloutPercentageItems)
	got, resp, err := h.api.FeatureFlagSettingValuesAPI.GetSettingValue(h.ctx, f.envs[1], id).Execute()
	ok(t, resp, err, http.StatusOK)
	sameV1(t, "GET by ids", sent, got.Value, got.RolloutRules, got.RolloutPercentageItems)
	byID, resp, err := api.GetSettingValueBySdkkey(h.ctx, itoa(id)).XCONFIGCATSDKKEY(str(k.Primary)).Execute()
	ok(t, resp, err, http.StatusOK)
	if byID.Environment.GetEnvironmentId() != f.envs[1] {
		t.Errorf("the SDK key of Test answered for %s", byID.Environment.GetEnvironmentId())
	}
}
