package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

func TestValuesV2Errors(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	boolFlag := h.newSetting(w.fixture, "boolFlag", cc.SETTINGTYPE_BOOLEAN, false)
	strFlag := h.newSetting(w.fixture, "strFlag", cc.SETTINGTYPE_STRING, "s")
	intFlag := h.newSetting(w.fixture, "intFlag", cc.SETTINGTYPE_INT, 1)
	dblFlag := h.newSetting(w.fixture, "dblFlag", cc.SETTINGTYPE_DOUBLE, 1.5)
	api := h.api.FeatureFlagSettingValuesV2API
	prod := w.envs[0]
	onBool := func(rules ...cc.TargetingRuleModel) cc.UpdateEvaluationFormulaModel {
		return cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false), TargetingRules: rules}
	}
	cases := []struct {
		name    string
		setting int32
		formula cc.UpdateEvaluationFormulaModel
		msg     string
	}{
		{"dateTimeBefore given a string", boolFlag, onBool(rule(vBool(true),
			userCond("Date", cc.USERCOMPARATOR_DATE_TIME_BEFORE, cc.ComparisonValueModel{StringValue: nstr("2026")}))),
			"DoubleValue field must be set"},
		{"sensitiveTextEquals given a list", boolFlag, onBool(rule(vBool(true),
			userCond("Email", cc.USERCOMPARATOR_SENSITIVE_TEXT_EQUALS, listValue("a")))), "StringValue field must be set"},
		{"isOneOf given a string", boolFlag, onBool(rule(vBool(true),
			userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, cc.ComparisonValueModel{StringValue: nstr("a")}))),
			"ListValue field must be set"},
		{"numberEquals given a list", boolFlag, onBool(rule(vBool(true),
			userCond("Age", cc.USERCOMPARATOR_NUMBER_EQUALS, listValue("1")))), "DoubleValue field must be set"},
		{"rule serves a string on a bool flag", boolFlag, onBool(rule(vStr("yes"),
			userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a")))), "Invalid term value."},
		{"rule serves an int on a string flag", strFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("s"),
			TargetingRules: []cc.TargetingRuleModel{rule(vInt(1), userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, listValue("a")))}},
			"Invalid term value."},
		{"percentage option of the wrong type", boolFlag, onBool(percentRule(pct(50, vInt(1)), pct(50, vBool(false)))),
			"Invalid percentage option value."},
		{"percentages sum to 90", intFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vInt(0),
			TargetingRules: []cc.TargetingRuleModel{percentRule(pct(30, vInt(1)), pct(60, vInt(2)))}},
			"Sum of percentages must be 100."},
		{"percentages sum to 110", dblFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vDouble(0),
			TargetingRules: []cc.TargetingRuleModel{percentRule(pct(50, vDouble(1)), pct(60, vDouble(2)))}},
			"Sum of percentages must be 100."},
		{"prerequisite compared with a string", strFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("s"),
			TargetingRules: []cc.TargetingRuleModel{rule(vStr("t"), prereqCond(w.prereq, cc.PREREQUISITECOMPARATOR_EQUALS, vStr("true")))}},
			"Invalid prerequisite value."},
		{"string prerequisite compared with a bool", boolFlag, onBool(rule(vBool(true),
			prereqCond(strFlag, cc.PREREQUISITECOMPARATOR_DOES_NOT_EQUAL, vBool(true)))), "Invalid prerequisite value."},
		{"int prerequisite compared with a double", boolFlag, onBool(rule(vBool(true),
			prereqCond(intFlag, cc.PREREQUISITECOMPARATOR_EQUALS, vDouble(1)))), "Invalid prerequisite value."},
		{"unknown prerequisite", boolFlag, onBool(rule(vBool(true),
			prereqCond(12345678, cc.PREREQUISITECOMPARATOR_EQUALS, vBool(true)))), "Prerequisite setting not found."},
		{"self prerequisite", boolFlag, onBool(rule(vBool(true),
			prereqCond(boolFlag, cc.PREREQUISITECOMPARATOR_EQUALS, vBool(true)))), "Circular dependency detected."},
		{"default value of the wrong type", intFlag, cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("1")}, "Invalid default value."},
		{"unknown segment", boolFlag, onBool(rule(vBool(true),
			segmentCond("00000000-0000-4000-8000-000000000000", cc.SEGMENTCOMPARATOR_IS_IN))), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, resp, err := api.GetSettingValueV2(h.ctx, prod, c.setting).Execute()
			ok(t, resp, err, http.StatusOK)
			_, resp, err = api.ReplaceSettingValueV2(h.ctx, prod, c.setting).UpdateEvaluationFormulaModel(c.formula).Execute()
			fails(t, resp, err, http.StatusBadRequest, c.msg)
			after, resp, err := api.GetSettingValueV2(h.ctx, prod, c.setting).Execute()
			ok(t, resp, err, http.StatusOK)
			if after.GetLastVersionId() != before.GetLastVersionId() {
				t.Errorf("a refused write changed the value")
			}
		})
	}
}

func TestValuesV2CircularPrerequisite(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	main := h.newSetting(w.fixture, "MainSettingV2", cc.SETTINGTYPE_BOOLEAN, false)
	dep := h.newSetting(w.fixture, "BoolDependencySettingV2", cc.SETTINGTYPE_BOOLEAN, false)
	api := h.api.FeatureFlagSettingValuesV2API
	dependsOn := func(id int32) cc.UpdateEvaluationFormulaModel {
		return cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false), TargetingRules: []cc.TargetingRuleModel{
			rule(vBool(true), prereqCond(id, cc.PREREQUISITECOMPARATOR_EQUALS, vBool(true)))}}
	}
	// ConfigCat Terraform provider acceptance tests (circular_error.tf): MainSettingV2 depends on
	// BoolDependencySettingV2, which is then given MainSettingV2; the path runs from the prerequisite back.
	_, resp, err := api.ReplaceSettingValueV2(h.ctx, w.envs[0], main).UpdateEvaluationFormulaModel(dependsOn(dep)).Execute()
	ok(t, resp, err, http.StatusOK)
	_, resp, err = api.ReplaceSettingValueV2(h.ctx, w.envs[0], dep).UpdateEvaluationFormulaModel(dependsOn(main)).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Circular dependency detected. MainSettingV2 ➔ BoolDependencySettingV2")

	// The same edge in the other environment is no cycle there.
	_, resp, err = api.ReplaceSettingValueV2(h.ctx, w.envs[1], dep).UpdateEvaluationFormulaModel(dependsOn(main)).Execute()
	ok(t, resp, err, http.StatusOK)

	// A flag used as a prerequisite cannot be deleted (behaviour doc Q5, strict emulator choice).
	resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, main).Execute()
	fails(t, resp, err, http.StatusBadRequest, "The setting is used as a prerequisite.")
}

func TestValuesV2SegmentUsage(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	id := h.newSetting(w.fixture, "segmented", cc.SETTINGTYPE_BOOLEAN, false)
	_, resp, err := h.api.FeatureFlagSettingValuesV2API.ReplaceSettingValueV2(h.ctx, w.envs[0], id).UpdateEvaluationFormulaModel(
		cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false), TargetingRules: []cc.TargetingRuleModel{
			rule(vBool(true), segmentCond(w.segment, cc.SEGMENTCOMPARATOR_IS_IN))}}).Execute()
	ok(t, resp, err, http.StatusOK)
	list, resp, err := h.api.SegmentsAPI.GetSegments(h.ctx, w.product).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(list) != 1 || list[0].GetUsage() != 1 {
		t.Errorf("segment list = %+v, want usage 1", list)
	}
	resp, err = h.api.SegmentsAPI.DeleteSegment(h.ctx, w.segment).Execute()
	fails(t, resp, err, http.StatusBadRequest, "The segment is in use.")

	resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, id).Execute()
	ok(t, resp, err, http.StatusNoContent)
	resp, err = h.api.SegmentsAPI.DeleteSegment(h.ctx, w.segment).Execute()
	ok(t, resp, err, http.StatusNoContent)
}

func TestValuesV2ReasonRequired(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	prod, test := w.envs[0], w.envs[1]
	_, resp, err := h.api.ProductsAPI.UpdateProductPreferences(h.ctx, w.product).UpdatePreferencesRequest(
		cc.UpdatePreferencesRequest{ReasonRequiredEnvironments: []cc.UpdateReasonRequiredEnvironmentModel{
			{EnvironmentId: &prod, ReasonRequired: cc.PtrBool(true)}}}).Execute()
	ok(t, resp, err, http.StatusOK)
	api := h.api.FeatureFlagSettingValuesV2API
	formula := cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false)}
	batch := cc.UpdateEvaluationFormulasModel{UpdateFormulas: []cc.UpdateEvaluationFormulaWithIdModel{
		{SettingId: &w.prereq, DefaultValue: vBool(false)}}}
	patch := []cc.JsonPatchOperation{{Op: cc.OPERATIONTYPE_REPLACE, Path: "/defaultValue", Value: vBool(false)}}

	cases := []struct {
		name   string
		reason *string
		env    string
		status int
	}{
		{"no reason", nil, prod, http.StatusBadRequest},
		{"empty reason", cc.PtrString(""), prod, http.StatusBadRequest},
		{"blank reason", cc.PtrString("  "), prod, http.StatusBadRequest},
		{"with reason", cc.PtrString("release"), prod, http.StatusOK},
		{"other environment needs none", nil, test, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			put := api.ReplaceSettingValueV2(h.ctx, c.env, w.prereq).UpdateEvaluationFormulaModel(formula)
			post := api.PostSettingValuesV2(h.ctx, w.config, c.env).UpdateEvaluationFormulasModel(batch)
			pat := api.UpdateSettingValueV2(h.ctx, c.env, w.prereq).JsonPatchOperation(patch)
			if c.reason != nil {
				put, post, pat = put.Reason(*c.reason), post.Reason(*c.reason), pat.Reason(*c.reason)
			}
			calls := map[string]func() (*http.Response, error){
				"PUT":   func() (*http.Response, error) { _, r, e := put.Execute(); return r, e },
				"POST":  func() (*http.Response, error) { _, r, e := post.Execute(); return r, e },
				"PATCH": func() (*http.Response, error) { _, r, e := pat.Execute(); return r, e },
			}
			for method, call := range calls {
				resp, err := call()
				if c.status == http.StatusOK {
					// A PATCH that changes nothing may answer 204 (spec).
					if err != nil || (resp.StatusCode != http.StatusOK && !(method == "PATCH" && resp.StatusCode == http.StatusNoContent)) {
						t.Errorf("%s: %v %v", method, statusOf(resp), err)
					}
					continue
				}
				fails(t, resp, err, c.status, "Reason required")
			}
		})
	}
}

func TestValuesV2VersionAndIDErrors(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V1)
	v1Flag := h.newSetting(f, "legacy", cc.SETTINGTYPE_BOOLEAN, true)
	api := h.api.FeatureFlagSettingValuesV2API
	_, resp, err := api.GetSettingValuesV2(h.ctx, f.config, f.envs[0]).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
	_, resp, err = api.GetSettingValueV2(h.ctx, f.envs[0], v1Flag).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
	_, resp, err = api.ReplaceSettingValueV2(h.ctx, f.envs[0], v1Flag).
		UpdateEvaluationFormulaModel(cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false)}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")

	w := h.newV2World()
	const unknownEnv = "00000000-0000-4000-8000-000000000000"
	_, resp, err = api.GetSettingValueV2(h.ctx, unknownEnv, w.prereq).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValueV2(h.ctx, w.envs[0], 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValuesV2(h.ctx, w.config, unknownEnv).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetSettingValuesV2(h.ctx, unknownEnv, w.envs[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	// An environment of another product is unknown to this config.
	_, resp, err = api.GetSettingValuesV2(h.ctx, w.config, f.envs[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	bad := int32(99999)
	_, resp, err = api.PostSettingValuesV2(h.ctx, w.config, w.envs[0]).UpdateEvaluationFormulasModel(
		cc.UpdateEvaluationFormulasModel{UpdateFormulas: []cc.UpdateEvaluationFormulaWithIdModel{
			{SettingId: &w.prereq, DefaultValue: vBool(false)}, {SettingId: &bad, DefaultValue: vBool(true)}}}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Setting not found.")
	got, resp, err := api.GetSettingValueV2(h.ctx, w.envs[0], w.prereq).Execute()
	ok(t, resp, err, http.StatusOK)
	if !got.DefaultValue.BoolValue.IsSet() || !*got.DefaultValue.BoolValue.Get() {
		t.Errorf("a refused batch changed a listed setting: %+v (behaviour doc Q8: atomic)", got.DefaultValue)
	}
}
