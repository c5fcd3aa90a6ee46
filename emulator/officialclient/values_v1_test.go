package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
	"github.com/google/go-cmp/cmp"
)

func targetRule(attr string, op cc.RolloutRuleComparator, cv string, v any) cc.RolloutRuleModel {
	return cc.RolloutRuleModel{ComparisonAttribute: nstr(attr), Comparator: op.Ptr(), ComparisonValue: nstr(cv), Value: v}
}

func segmentRule(id string, op cc.SegmentComparator, v any) cc.RolloutRuleModel {
	return cc.RolloutRuleModel{SegmentId: nstr(id), SegmentComparator: op.Ptr(), Value: v}
}

// sameV1 reports a difference between a sent v1 value and one read back.
func sameV1(t *testing.T, what string, sent cc.UpdateSettingValueModel, v any, rules []cc.RolloutRuleModel,
	items []cc.RolloutPercentageItemModel) {
	t.Helper()
	got := cc.UpdateSettingValueModel{Value: v, RolloutRules: rules, RolloutPercentageItems: items}
	if d := cmp.Diff(canon(t, sent), canon(t, got)); d != "" {
		t.Errorf("%s differs from what was sent (-sent +got):\n%s", what, d)
	}
}

func TestValuesV1Lifecycle(t *testing.T) {
	cases := []struct {
		typ     cc.SettingType
		initial any
		value   func(segment string) cc.UpdateSettingValueModel
		patched any
	}{
		{cc.SETTINGTYPE_BOOLEAN, false, func(seg string) cc.UpdateSettingValueModel {
			return cc.UpdateSettingValueModel{Value: true, RolloutRules: []cc.RolloutRuleModel{
				targetRule("Email", cc.ROLLOUTRULECOMPARATOR_CONTAINS, "@example.com", false),
				segmentRule(seg, cc.SEGMENTCOMPARATOR_IS_NOT_IN, true)},
				RolloutPercentageItems: []cc.RolloutPercentageItemModel{{Percentage: 25, Value: true}, {Percentage: 75, Value: false}}}
		}, false},
		{cc.SETTINGTYPE_STRING, "", func(seg string) cc.UpdateSettingValueModel {
			return cc.UpdateSettingValueModel{Value: "def", RolloutRules: []cc.RolloutRuleModel{
				targetRule("Country", cc.ROLLOUTRULECOMPARATOR_IS_ONE_OF, "HU,DE", "eu"),
				targetRule("AppVersion", cc.ROLLOUTRULECOMPARATOR_SEM_VER_GREATER, "1.2.3", "new"),
				segmentRule(seg, cc.SEGMENTCOMPARATOR_IS_IN, "staff")},
				RolloutPercentageItems: []cc.RolloutPercentageItemModel{{Percentage: 10, Value: "a"}, {Percentage: 90, Value: "b"}}}
		}, "patched"},
		{cc.SETTINGTYPE_INT, 0, func(seg string) cc.UpdateSettingValueModel {
			return cc.UpdateSettingValueModel{Value: float64(7), RolloutRules: []cc.RolloutRuleModel{
				targetRule("Age", cc.ROLLOUTRULECOMPARATOR_NUMBER_GREATER, "65", float64(1))},
				RolloutPercentageItems: []cc.RolloutPercentageItemModel{{Percentage: 100, Value: float64(3)}}}
		}, float64(9)},
		{cc.SETTINGTYPE_DOUBLE, 0.0, func(seg string) cc.UpdateSettingValueModel {
			return cc.UpdateSettingValueModel{Value: 1.5, RolloutRules: []cc.RolloutRuleModel{
				targetRule("Email", cc.ROLLOUTRULECOMPARATOR_SENSITIVE_IS_ONE_OF, "a@b.com", 2.5)}}
		}, 0.125},
	}
	for _, c := range cases {
		t.Run(string(c.typ), func(t *testing.T) {
			h := newHarness(t)
			f := h.newFixture(cc.EVALUATIONVERSION_V1)
			seg := h.newSegment(f.product, "Staff")
			id := h.newSetting(f, "subject", c.typ, c.initial)
			api := h.api.FeatureFlagSettingValuesAPI
			prod, test := f.envs[0], f.envs[1]

			before, resp, err := api.GetSettingValue(h.ctx, prod, id).Execute()
			ok(t, resp, err, http.StatusOK)
			sameV1(t, "initial value", cc.UpdateSettingValueModel{Value: c.initial}, before.Value, before.RolloutRules,
				before.RolloutPercentageItems)
			if before.Setting.GetSettingId() != id || before.Setting.GetKey() != "subject" ||
				before.Environment.GetEnvironmentId() != prod || before.Config.GetConfigId() != f.config {
				t.Errorf("value names %+v in %s/%s", before.Setting, before.Config.GetConfigId(), before.Environment.GetEnvironmentId())
			}

			sent := c.value(seg)
			put, resp, err := api.ReplaceSettingValue(h.ctx, prod, id).UpdateSettingValueModel(sent).Reason("v1").Execute()
			ok(t, resp, err, http.StatusOK)
			sameV1(t, "PUT answer", sent, put.Value, put.RolloutRules, put.RolloutPercentageItems)

			got, resp, err := api.GetSettingValue(h.ctx, prod, id).Execute()
			ok(t, resp, err, http.StatusOK)
			sameV1(t, "single GET", sent, got.Value, got.RolloutRules, got.RolloutPercentageItems)

			batch, resp, err := api.GetSettingValues(h.ctx, f.config, prod).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(batch.SettingValues) != 1 || batch.SettingValues[0].Setting.GetSettingId() != id {
				t.Fatalf("batch = %+v", batch.SettingValues)
			}
			item := batch.SettingValues[0]
			sameV1(t, "batch GET", sent, item.Value, item.RolloutRules, item.RolloutPercentageItems)

			other, resp, err := api.GetSettingValue(h.ctx, test, id).Execute()
			ok(t, resp, err, http.StatusOK)
			sameV1(t, "other environment", cc.UpdateSettingValueModel{Value: c.initial}, other.Value, other.RolloutRules,
				other.RolloutPercentageItems)

			pat, resp, err := api.UpdateSettingValue(h.ctx, prod, id).JsonPatchOperation([]cc.JsonPatchOperation{
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/value", Value: c.patched},
				{Op: cc.OPERATIONTYPE_REMOVE, Path: "/rolloutRules/0"}}).Execute()
			ok(t, resp, err, http.StatusOK)
			want := sent
			want.Value = c.patched
			want.RolloutRules = sent.RolloutRules[1:]
			sameV1(t, "PATCH answer", want, pat.Value, pat.RolloutRules, pat.RolloutPercentageItems)

			// Batch POST is a full replace of each listed setting: no rules, no percentages.
			out, resp, err := api.PostSettingValues(h.ctx, f.config, prod).UpdateSettingValuesWithIdModel(
				cc.UpdateSettingValuesWithIdModel{SettingValues: []cc.UpdateSettingValueWithSettingIdModel{
					{SettingId: &id, Value: c.initial}}}).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(out.SettingValues) != 1 {
				t.Fatalf("batch answer = %+v", out.SettingValues)
			}
			sameV1(t, "batch POST answer", cc.UpdateSettingValueModel{Value: c.initial}, out.SettingValues[0].Value,
				out.SettingValues[0].RolloutRules, out.SettingValues[0].RolloutPercentageItems)

			resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = api.GetSettingValue(h.ctx, prod, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func TestValuesV1BatchTouchesOnlyListedSettings(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V1)
	a := h.newSetting(f, "alpha", cc.SETTINGTYPE_STRING, "a0")
	b := h.newSetting(f, "beta", cc.SETTINGTYPE_BOOLEAN, false)
	out, resp, err := h.api.FeatureFlagSettingValuesAPI.PostSettingValues(h.ctx, f.config, f.envs[0]).
		UpdateSettingValuesWithIdModel(cc.UpdateSettingValuesWithIdModel{SettingValues: []cc.UpdateSettingValueWithSettingIdModel{
			{SettingId: &a, Value: "a1", RolloutRules: []cc.RolloutRuleModel{
				targetRule("Email", cc.ROLLOUTRULECOMPARATOR_DOES_NOT_CONTAIN, "@spam", "clean")}}}}).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(out.SettingValues) != 2 {
		t.Fatalf("batch answer has %d values, want both settings of the config", len(out.SettingValues))
	}
	for _, sv := range out.SettingValues {
		switch sv.Setting.GetSettingId() {
		case a:
			sameV1(t, "alpha", cc.UpdateSettingValueModel{Value: "a1", RolloutRules: []cc.RolloutRuleModel{
				targetRule("Email", cc.ROLLOUTRULECOMPARATOR_DOES_NOT_CONTAIN, "@spam", "clean")}},
				sv.Value, sv.RolloutRules, sv.RolloutPercentageItems)
		case b:
			sameV1(t, "beta (not listed)", cc.UpdateSettingValueModel{Value: false}, sv.Value, sv.RolloutRules,
				sv.RolloutPercentageItems)
		default:
			t.Errorf("batch answer names setting %d, neither alpha nor beta", sv.Setting.GetSettingId())
		}
	}
	got, resp, err := h.api.FeatureFlagSettingValuesAPI.GetSettingValue(h.ctx, f.envs[0], b).Execute()
	ok(t, resp, err, http.StatusOK)
	if got.Value != false {
		t.Errorf("unlisted setting changed to %v (behaviour doc Q8)", got.Value)
	}
}

func TestValuesV1Errors(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V1)
	boolFlag := h.newSetting(f, "boolFlag", cc.SETTINGTYPE_BOOLEAN, false)
	intFlag := h.newSetting(f, "intFlag", cc.SETTINGTYPE_INT, 1)
	api := h.api.FeatureFlagSettingValuesAPI
	cases := []struct {
		name    string
		setting int32
		value   cc.UpdateSettingValueModel
		msg     string
	}{
		{"percentages sum to 90", intFlag, cc.UpdateSettingValueModel{Value: float64(1),
			RolloutPercentageItems: []cc.RolloutPercentageItemModel{{Percentage: 40, Value: float64(1)}, {Percentage: 50, Value: float64(2)}}},
			"Sum of percentages must be 100."},
		{"string value on a bool flag", boolFlag, cc.UpdateSettingValueModel{Value: "true"}, ""},
		{"fractional value on an int flag", intFlag, cc.UpdateSettingValueModel{Value: 1.5}, ""},
		{"rule value of the wrong type", boolFlag, cc.UpdateSettingValueModel{Value: true, RolloutRules: []cc.RolloutRuleModel{
			targetRule("Email", cc.ROLLOUTRULECOMPARATOR_CONTAINS, "x", "yes")}}, ""},
		{"unknown segment", boolFlag, cc.UpdateSettingValueModel{Value: true, RolloutRules: []cc.RolloutRuleModel{
			segmentRule("00000000-0000-4000-8000-000000000000", cc.SEGMENTCOMPARATOR_IS_IN, false)}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, resp, err := api.ReplaceSettingValue(h.ctx, f.envs[0], c.setting).UpdateSettingValueModel(c.value).Execute()
			fails(t, resp, err, http.StatusBadRequest, c.msg)
		})
	}

	t.Run("reason required", func(t *testing.T) {
		prod := f.envs[0]
		_, resp, err := h.api.ProductsAPI.UpdateProductPreferences(h.ctx, f.product).UpdatePreferencesRequest(
			cc.UpdatePreferencesRequest{ReasonRequired: nbool(true)}).Execute()
		ok(t, resp, err, http.StatusOK)
		_, resp, err = api.ReplaceSettingValue(h.ctx, prod, boolFlag).UpdateSettingValueModel(cc.UpdateSettingValueModel{Value: true}).Execute()
		fails(t, resp, err, http.StatusBadRequest, "Reason required")
		_, resp, err = api.PostSettingValues(h.ctx, f.config, prod).UpdateSettingValuesWithIdModel(cc.UpdateSettingValuesWithIdModel{
			SettingValues: []cc.UpdateSettingValueWithSettingIdModel{{SettingId: &boolFlag, Value: true}}}).Execute()
		fails(t, resp, err, http.StatusBadRequest, "Reason required")
		_, resp, err = api.ReplaceSettingValue(h.ctx, prod, boolFlag).UpdateSettingValueModel(cc.UpdateSettingValueModel{Value: true}).
			Reason("because").Execute()
		ok(t, resp, err, http.StatusOK)
	})

	v2 := h.newFixture(cc.EVALUATIONVERSION_V2)
	v2Flag := h.newSetting(v2, "modern", cc.SETTINGTYPE_BOOLEAN, true)
	_, resp, err := api.GetSettingValues(h.ctx, v2.config, v2.envs[0]).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
	_, resp, err = api.GetSettingValue(h.ctx, v2.envs[0], v2Flag).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
	_, resp, err = api.ReplaceSettingValue(h.ctx, v2.envs[0], v2Flag).UpdateSettingValueModel(cc.UpdateSettingValueModel{Value: false}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err = api.GetSettingValue(h.ctx, unknown, boolFlag).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValue(h.ctx, f.envs[0], 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValues(h.ctx, unknown, f.envs[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
