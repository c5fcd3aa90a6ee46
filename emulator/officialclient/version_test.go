package officialclient_test

import (
	"net/http"
	"testing"
	"time"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// TestValuesV2LastVersionAndAudit checks when lastVersionId changes and what a write records (behaviour doc
// Q16 and Q17): a changing write mints a new id and records who and when; an identical PUT and a metadata
// change leave the id alone.
func TestValuesV2LastVersionAndAudit(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	id := h.newSetting(f, "versioned", cc.SETTINGTYPE_STRING, "a")
	api := h.api.FeatureFlagSettingValuesV2API
	me, resp, err := h.api.MeAPI.GetMe(h.ctx).Execute()
	ok(t, resp, err, http.StatusOK)
	version := func() string {
		t.Helper()
		v, resp, err := api.GetSettingValueV2(h.ctx, f.envs[0], id).Execute()
		ok(t, resp, err, http.StatusOK)
		return v.GetLastVersionId()
	}
	formula := cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("b")}

	v0 := version()
	put, resp, err := api.ReplaceSettingValueV2(h.ctx, f.envs[0], id).UpdateEvaluationFormulaModel(formula).Execute()
	ok(t, resp, err, http.StatusOK)
	v1 := put.GetLastVersionId()
	if v1 == v0 || !isUUID(v1) {
		t.Errorf("a changing write kept lastVersionId %q", v0)
	}
	if str(put.LastUpdaterUserEmail) != str(me.Email) || str(put.LastUpdaterUserFullName) != str(me.FullName) {
		t.Errorf("last updater = %q %q, want /v1/me %q %q", str(put.LastUpdaterUserEmail), str(put.LastUpdaterUserFullName),
			str(me.Email), str(me.FullName))
	}
	if at := put.UpdatedAt.Get(); at == nil || !at.Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("updatedAt = %v, want the emulator clock", at)
	}

	steps := []struct {
		name string
		do   func() (*http.Response, error)
	}{
		{"identical PUT", func() (*http.Response, error) {
			_, r, e := api.ReplaceSettingValueV2(h.ctx, f.envs[0], id).UpdateEvaluationFormulaModel(formula).Execute()
			return r, e
		}},
		{"rename", func() (*http.Response, error) {
			_, r, e := h.api.FeatureFlagsSettingsAPI.UpdateSetting(h.ctx, id).JsonPatchOperation([]cc.JsonPatchOperation{
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/name", Value: "Renamed"}}).Execute()
			return r, e
		}},
		{"write to the other environment", func() (*http.Response, error) {
			_, r, e := api.ReplaceSettingValueV2(h.ctx, f.envs[1], id).
				UpdateEvaluationFormulaModel(cc.UpdateEvaluationFormulaModel{DefaultValue: vStr("z")}).Execute()
			return r, e
		}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			resp, err := s.do()
			ok(t, resp, err, http.StatusOK)
			if v := version(); v != v1 {
				t.Errorf("lastVersionId changed from %s to %s", v1, v)
			}
		})
	}
}

func TestValuesV2BatchRefusals(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	a := h.newSetting(f, "alpha", cc.SETTINGTYPE_BOOLEAN, false)
	other := h.newFixture(cc.EVALUATIONVERSION_V2)
	foreign := h.newSetting(other, "foreign", cc.SETTINGTYPE_BOOLEAN, false)
	cases := []struct {
		name  string
		items []cc.UpdateEvaluationFormulaWithIdModel
		msg   string
	}{
		{"listed twice", []cc.UpdateEvaluationFormulaWithIdModel{{SettingId: &a, DefaultValue: vBool(true)},
			{SettingId: &a, DefaultValue: vBool(false)}}, ""},
		{"no setting id", []cc.UpdateEvaluationFormulaWithIdModel{{DefaultValue: vBool(true)}}, "Setting not found."},
		{"setting of another config", []cc.UpdateEvaluationFormulaWithIdModel{{SettingId: &a, DefaultValue: vBool(true)},
			{SettingId: &foreign, DefaultValue: vBool(true)}}, "Setting not found."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, resp, err := h.api.FeatureFlagSettingValuesV2API.PostSettingValuesV2(h.ctx, f.config, f.envs[0]).
				UpdateEvaluationFormulasModel(cc.UpdateEvaluationFormulasModel{UpdateFormulas: c.items}).Execute()
			fails(t, resp, err, http.StatusBadRequest, c.msg)
			got, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, f.envs[0], a).Execute()
			ok(t, resp, err, http.StatusOK)
			if v := got.DefaultValue.BoolValue.Get(); v == nil || *v {
				t.Errorf("a refused batch changed alpha to %v (behaviour doc Q8: atomic)", deref(v))
			}
		})
	}
}
