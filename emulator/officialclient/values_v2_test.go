package officialclient_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// v2World is a v2 fixture with a segment and a boolean prerequisite flag.
type v2World struct {
	fixture
	segment string
	prereq  int32
}

func (h *harness) newV2World() v2World {
	h.t.Helper()
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	return v2World{fixture: f, segment: h.newSegment(f.product, "Staff"),
		prereq: h.newSetting(f, "prereq", cc.SETTINGTYPE_BOOLEAN, true)}
}

// fullFormula uses every kind of condition, a rule with several conditions, a percentage rule and a
// percentage evaluation attribute, all typed for the flag.
func fullFormula(w v2World, def cc.ValueModel, served [4]cc.ValueModel, opts []cc.PercentageOptionModel) cc.UpdateEvaluationFormulaModel {
	hinted := listValue("a@example.com", "b@example.com")
	hinted.ListValue[0].Hint = nstr("the boss")
	return cc.UpdateEvaluationFormulaModel{
		DefaultValue: def,
		TargetingRules: []cc.TargetingRuleModel{
			rule(served[0], userCond("Email", cc.USERCOMPARATOR_IS_ONE_OF, hinted)),
			rule(served[1], segmentCond(w.segment, cc.SEGMENTCOMPARATOR_IS_IN)),
			rule(served[2], prereqCond(w.prereq, cc.PREREQUISITECOMPARATOR_EQUALS, vBool(true)),
				userCond("Age", cc.USERCOMPARATOR_NUMBER_GREATER_OR_EQUALS, cc.ComparisonValueModel{DoubleValue: nfloat(18)}),
				userCond("AppVersion", cc.USERCOMPARATOR_SEM_VER_LESS, cc.ComparisonValueModel{StringValue: nstr("2.1.0")})),
			rule(served[3], userCond("Country", cc.USERCOMPARATOR_TEXT_EQUALS, cc.ComparisonValueModel{StringValue: nstr("HU")}),
				segmentCond(w.segment, cc.SEGMENTCOMPARATOR_IS_NOT_IN)),
			percentRule(opts...),
		},
		PercentageEvaluationAttribute: nstr("Email"),
	}
}

func TestValuesV2Lifecycle(t *testing.T) {
	cases := []struct {
		typ     cc.SettingType
		initial any
		formula func(v2World) cc.UpdateEvaluationFormulaModel
		patched cc.ValueModel
	}{
		{cc.SETTINGTYPE_BOOLEAN, false, func(w v2World) cc.UpdateEvaluationFormulaModel {
			return fullFormula(w, vBool(false), [4]cc.ValueModel{vBool(true), vBool(true), vBool(false), vBool(true)},
				[]cc.PercentageOptionModel{pct(30, vBool(true)), pct(70, vBool(false))})
		}, vBool(true)},
		{cc.SETTINGTYPE_STRING, "", func(w v2World) cc.UpdateEvaluationFormulaModel {
			return fullFormula(w, vStr("off"), [4]cc.ValueModel{vStr("a"), vStr("b"), vStr("c"), vStr("d")},
				[]cc.PercentageOptionModel{pct(20, vStr("x")), pct(30, vStr("y")), pct(50, vStr("z"))})
		}, vStr("patched")},
		{cc.SETTINGTYPE_INT, 0, func(w v2World) cc.UpdateEvaluationFormulaModel {
			return fullFormula(w, vInt(-1), [4]cc.ValueModel{vInt(1), vInt(2), vInt(3), vInt(2147483647)},
				[]cc.PercentageOptionModel{pct(50, vInt(10)), pct(50, vInt(20))})
		}, vInt(42)},
		{cc.SETTINGTYPE_DOUBLE, 0.0, func(w v2World) cc.UpdateEvaluationFormulaModel {
			return fullFormula(w, vDouble(0.5), [4]cc.ValueModel{vDouble(1.25), vDouble(-2), vDouble(3.5), vDouble(1e9)},
				[]cc.PercentageOptionModel{pct(1, vDouble(0.1)), pct(99, vDouble(0.9))})
		}, vDouble(2.75)},
	}
	for _, c := range cases {
		t.Run(string(c.typ), func(t *testing.T) {
			h := newHarness(t)
			w := h.newV2World()
			id := h.newSetting(w.fixture, "subject", c.typ, c.initial)
			api := h.api.FeatureFlagSettingValuesV2API
			prod, test := w.envs[0], w.envs[1]

			before, resp, err := api.GetSettingValueV2(h.ctx, prod, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if !isUUID(before.GetLastVersionId()) || before.Setting.GetSettingId() != id || before.Setting.GetKey() != "subject" {
				t.Fatalf("value before = %+v", before)
			}
			if before.PercentageEvaluationAttribute.Get() != nil {
				t.Errorf("percentageEvaluationAttribute of a new flag = %q, want null (Identifier)", str(before.PercentageEvaluationAttribute))
			}

			formula := c.formula(w)
			put, resp, err := api.ReplaceSettingValueV2(h.ctx, prod, id).UpdateEvaluationFormulaModel(formula).
				Reason("full formula").Execute()
			ok(t, resp, err, http.StatusOK)
			sameFormula(t, "PUT answer", formula, put.DefaultValue, put.TargetingRules, put.PercentageEvaluationAttribute)
			if put.GetLastVersionId() == before.GetLastVersionId() || !isUUID(put.GetLastVersionId()) {
				t.Errorf("lastVersionId %q did not change to a new uuid on a write", put.GetLastVersionId())
			}
			if put.Environment.GetEnvironmentId() != prod || put.Config.GetConfigId() != w.config {
				t.Errorf("answer names config %s, environment %s", put.Config.GetConfigId(), put.Environment.GetEnvironmentId())
			}

			got, resp, err := api.GetSettingValueV2(h.ctx, prod, id).Execute()
			ok(t, resp, err, http.StatusOK)
			sameFormula(t, "single GET", formula, got.DefaultValue, got.TargetingRules, got.PercentageEvaluationAttribute)

			batch, resp, err := api.GetSettingValuesV2(h.ctx, w.config, prod).Execute()
			ok(t, resp, err, http.StatusOK)
			item := formulaOf(t, batch, id)
			sameFormula(t, "batch GET", formula, item.DefaultValue, item.TargetingRules, item.PercentageEvaluationAttribute)
			if pre := formulaOf(t, batch, w.prereq); !slices.Contains(pre.SettingIdsWherePrerequisite, id) {
				t.Errorf("prerequisite's settingIdsWherePrerequisite = %v, want %d in it", pre.SettingIdsWherePrerequisite, id)
			}

			// The API sends predefinedVariationId (null here) inside the option and prerequisite values, which
			// this client cannot decode; the transport took exactly those out.
			if removed := h.tol.removed(); len(removed) == 0 || slices.ContainsFunc(removed, func(v any) bool { return v != nil }) {
				t.Errorf("stripped predefinedVariationIds = %v, want some, all null", removed)
			}

			other, resp, err := api.GetSettingValueV2(h.ctx, test, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(other.TargetingRules) != 0 {
				t.Errorf("the other environment got rules: %+v", other.TargetingRules)
			}

			// PATCH: new default value, swap the first two rules, drop the attribute.
			patch := []cc.JsonPatchOperation{
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/defaultValue", Value: c.patched},
				{Op: cc.OPERATIONTYPE_MOVE, From: nstr("/targetingRules/0"), Path: "/targetingRules/1"},
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/percentageEvaluationAttribute", Value: nil},
			}
			pat, resp, err := api.UpdateSettingValueV2(h.ctx, prod, id).JsonPatchOperation(patch).Reason("patch").Execute()
			ok(t, resp, err, http.StatusOK)
			want := formula
			want.DefaultValue = c.patched
			want.TargetingRules = slices.Clone(formula.TargetingRules)
			want.TargetingRules[0], want.TargetingRules[1] = formula.TargetingRules[1], formula.TargetingRules[0]
			want.PercentageEvaluationAttribute = cc.NullableString{}
			sameFormula(t, "PATCH answer", want, pat.DefaultValue, pat.TargetingRules, pat.PercentageEvaluationAttribute)

			// A PUT with only a default value is a full replace: the rules are gone.
			plain := cc.UpdateEvaluationFormulaModel{DefaultValue: c.patched}
			reset, resp, err := api.ReplaceSettingValueV2(h.ctx, prod, id).UpdateEvaluationFormulaModel(plain).Execute()
			ok(t, resp, err, http.StatusOK)
			sameFormula(t, "reset", plain, reset.DefaultValue, reset.TargetingRules, reset.PercentageEvaluationAttribute)

			resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = api.GetSettingValueV2(h.ctx, prod, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func formulaOf(t *testing.T, m *cc.ConfigSettingFormulasModel, id int32) cc.ConfigSettingFormulaModel {
	t.Helper()
	for _, f := range m.SettingFormulas {
		if f.Setting.GetSettingId() == id {
			return f
		}
	}
	t.Fatalf("setting %d is not in the batch answer", id)
	return cc.ConfigSettingFormulaModel{}
}

func TestValuesV2BatchTouchesOnlyListedSettings(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	a := h.newSetting(w.fixture, "alpha", cc.SETTINGTYPE_STRING, "a0")
	b := h.newSetting(w.fixture, "beta", cc.SETTINGTYPE_INT, 1)
	untouched := h.newSetting(w.fixture, "gamma", cc.SETTINGTYPE_DOUBLE, 0.5)
	fa := cc.UpdateEvaluationFormulaWithIdModel{SettingId: &a, DefaultValue: vStr("a1"),
		TargetingRules: []cc.TargetingRuleModel{rule(vStr("vip"), userCond("Email", cc.USERCOMPARATOR_CONTAINS_ANY_OF, listValue("@vip")))}}
	fb := cc.UpdateEvaluationFormulaWithIdModel{SettingId: &b, DefaultValue: vInt(2),
		TargetingRules:                []cc.TargetingRuleModel{percentRule(pct(40, vInt(1)), pct(60, vInt(2)))},
		PercentageEvaluationAttribute: nstr("UserId")}
	out, resp, err := h.api.FeatureFlagSettingValuesV2API.PostSettingValuesV2(h.ctx, w.config, w.envs[0]).
		UpdateEvaluationFormulasModel(cc.UpdateEvaluationFormulasModel{UpdateFormulas: []cc.UpdateEvaluationFormulaWithIdModel{fa, fb}}).
		Reason("batch").Execute()
	ok(t, resp, err, http.StatusOK)
	ga, gb, gc := formulaOf(t, out, a), formulaOf(t, out, b), formulaOf(t, out, untouched)
	sameFormula(t, "alpha", cc.UpdateEvaluationFormulaModel{DefaultValue: fa.DefaultValue, TargetingRules: fa.TargetingRules},
		ga.DefaultValue, ga.TargetingRules, ga.PercentageEvaluationAttribute)
	sameFormula(t, "beta", cc.UpdateEvaluationFormulaModel{DefaultValue: fb.DefaultValue, TargetingRules: fb.TargetingRules,
		PercentageEvaluationAttribute: fb.PercentageEvaluationAttribute}, gb.DefaultValue, gb.TargetingRules, gb.PercentageEvaluationAttribute)
	sameFormula(t, "gamma (not listed)", cc.UpdateEvaluationFormulaModel{DefaultValue: vDouble(0.5)},
		gc.DefaultValue, gc.TargetingRules, gc.PercentageEvaluationAttribute)

	again, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValuesV2(h.ctx, w.config, w.envs[0]).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(again.SettingFormulas) != 4 || again.Config.GetConfigId() != w.config || again.Environment.GetEnvironmentId() != w.envs[0] {
		t.Errorf("batch read = %d formulas for %s/%s", len(again.SettingFormulas), again.Config.GetConfigId(),
			again.Environment.GetEnvironmentId())
	}
	test, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValuesV2(h.ctx, w.config, w.envs[1]).Execute()
	ok(t, resp, err, http.StatusOK)
	if d := formulaOf(t, test, a); str(d.DefaultValue.StringValue) != "a0" {
		t.Errorf("the other environment changed: %+v", d.DefaultValue)
	}
}

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
	_, resp, err := api.ReplaceSettingValueV2(h.ctx, w.envs[0], dep).UpdateEvaluationFormulaModel(dependsOn(main)).Execute()
	ok(t, resp, err, http.StatusOK)
	_, resp, err = api.ReplaceSettingValueV2(h.ctx, w.envs[0], main).UpdateEvaluationFormulaModel(dependsOn(dep)).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Circular dependency detected. MainSettingV2 ➔ BoolDependencySettingV2")

	// The same edge in the other environment is no cycle there.
	_, resp, err = api.ReplaceSettingValueV2(h.ctx, w.envs[1], main).UpdateEvaluationFormulaModel(dependsOn(dep)).Execute()
	ok(t, resp, err, http.StatusOK)

	// A flag used as a prerequisite cannot be deleted (behaviour doc Q5, strict emulator choice).
	resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, dep).Execute()
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

// TestClientAloneRejectsVariationIDs shows why the harness needs tolerantTransport: without it, v2.1.2 cannot
// decode a formula whose percentage options carry predefinedVariationId, as the spec requires them to.
func TestClientAloneRejectsVariationIDs(t *testing.T) {
	h := newHarness(t)
	w := h.newV2World()
	id := h.newSetting(w.fixture, "split", cc.SETTINGTYPE_BOOLEAN, false)
	_, resp, err := h.api.FeatureFlagSettingValuesV2API.ReplaceSettingValueV2(h.ctx, w.envs[0], id).UpdateEvaluationFormulaModel(
		cc.UpdateEvaluationFormulaModel{DefaultValue: vBool(false), TargetingRules: []cc.TargetingRuleModel{
			percentRule(pct(10, vBool(true)), pct(90, vBool(false)))}}).Execute()
	ok(t, resp, err, http.StatusOK)

	cfg := cc.NewConfiguration()
	cfg.Servers = cc.ServerConfigurations{{URL: h.server.URL}}
	plain := cc.NewAPIClient(cfg)
	_, resp, err = plain.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, w.envs[0], id).Execute()
	if err == nil || resp == nil || resp.StatusCode != http.StatusOK ||
		!strings.Contains(err.Error(), `unknown field "predefinedVariationId"`) {
		t.Fatalf("plain client: %v %v, want a 200 it cannot decode for predefinedVariationId", statusOf(resp), err)
	}
}
