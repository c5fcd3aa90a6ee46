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
