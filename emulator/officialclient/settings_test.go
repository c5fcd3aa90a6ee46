package officialclient_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// fixture is a product with two environments and a config of one evaluation version.
type fixture struct {
	product, config string
	envs            [2]string // Production, Test
}

func (h *harness) newFixture(v cc.EvaluationVersion) fixture {
	h.t.Helper()
	h.fixtures++
	pid := h.newProduct(fmt.Sprintf("Fixture %d", h.fixtures))
	return fixture{product: pid, config: h.newConfig(pid, "Main", v),
		envs: [2]string{h.newEnvironment(pid, "Production"), h.newEnvironment(pid, "Test")}}
}

// newSetting creates a flag with one initial value for both environments and returns its id.
func (h *harness) newSetting(f fixture, key string, typ cc.SettingType, value any) int32 {
	h.t.Helper()
	s, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, f.config).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: key, Name: key, SettingType: typ, InitialValues: []cc.InitialValue{
			{EnvironmentId: &f.envs[0], Value: value}, {EnvironmentId: &f.envs[1], Value: value}}}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return s.GetSettingId()
}

func TestSettingLifecycle(t *testing.T) {
	cases := []struct {
		typ      cc.SettingType
		key      string
		values   [2]any // initial values for Production and Test
		wantV2   [2]cc.ValueModel
		newValue any
	}{
		{cc.SETTINGTYPE_BOOLEAN, "isAwesome", [2]any{true, false},
			[2]cc.ValueModel{{BoolValue: nbool(true)}, {BoolValue: nbool(false)}}, true},
		{cc.SETTINGTYPE_STRING, "greeting", [2]any{"hello", "hi"},
			[2]cc.ValueModel{{StringValue: nstr("hello")}, {StringValue: nstr("hi")}}, "x"},
		{cc.SETTINGTYPE_INT, "retries", [2]any{3, -7},
			[2]cc.ValueModel{{IntValue: nint(3)}, {IntValue: nint(-7)}}, 1},
		{cc.SETTINGTYPE_DOUBLE, "ratio", [2]any{0.25, 12.5},
			[2]cc.ValueModel{{DoubleValue: nfloat(0.25)}, {DoubleValue: nfloat(12.5)}}, 1.5},
	}
	for _, c := range cases {
		t.Run(string(c.typ), func(t *testing.T) {
			h := newHarness(t)
			f := h.newFixture(cc.EVALUATIONVERSION_V2)
			red := h.newTag(f.product, "red", "salmon")
			blue := h.newTag(f.product, "blue", "whale")
			req := cc.CreateSettingInitialValues{Key: c.key, Name: "Name of " + c.key, SettingType: c.typ,
				Hint: nstr("a hint"), Order: nint(4), Tags: []int64{red},
				InitialValues: []cc.InitialValue{{EnvironmentId: &f.envs[0], Value: c.values[0]},
					{EnvironmentId: &f.envs[1], Value: c.values[1]}}}
			s, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, f.config).CreateSettingInitialValues(req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := s.GetSettingId()
			if id <= 0 || s.GetKey() != c.key || s.GetName() != req.Name || str(s.Hint) != "a hint" || s.GetOrder() != 4 ||
				s.GetSettingType() != c.typ || s.GetConfigId() != f.config || str(s.ConfigName) != "Main" {
				t.Fatalf("created %+v from %+v", s, req)
			}
			if len(s.Tags) != 1 || s.Tags[0].GetTagId() != red || s.Tags[0].GetName() != "red" ||
				s.Tags[0].Product.GetProductId() != f.product {
				t.Errorf("tags = %+v, want the full red tag", s.Tags)
			}
			if raw := rawBody(t, resp); raw["isJson"] != false {
				t.Errorf("isJson = %v, want false", raw["isJson"])
			}

			got, resp, err := h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetKey() != c.key || got.GetName() != req.Name || got.GetOrder() != 4 || str(got.Hint) != "a hint" {
				t.Errorf("read back %+v", got)
			}
			for i, env := range f.envs {
				v, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, env, id).Execute()
				ok(t, resp, err, http.StatusOK)
				if !sameValue(*v.DefaultValue, c.wantV2[i]) || len(v.TargetingRules) != 0 {
					t.Errorf("environment %d value = %+v, want %+v", i, v.DefaultValue, c.wantV2[i])
				}
			}

			// PATCH: rename, change the hint, add a tag, and (accepted leniently, behaviour doc Q13) isJson/order.
			ops := []cc.JsonPatchOperation{
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/name", Value: "Patched"},
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/hint", Value: "patched hint"},
				{Op: cc.OPERATIONTYPE_ADD, Path: "/tags/-", Value: blue},
				{Op: cc.OPERATIONTYPE_REPLACE, Path: "/order", Value: 10},
			}
			if c.typ == cc.SETTINGTYPE_STRING {
				ops = append(ops, cc.JsonPatchOperation{Op: cc.OPERATIONTYPE_REPLACE, Path: "/isJson", Value: true})
			}
			p, resp, err := h.api.FeatureFlagsSettingsAPI.UpdateSetting(h.ctx, id).JsonPatchOperation(ops).Execute()
			ok(t, resp, err, http.StatusOK)
			if p.GetName() != "Patched" || str(p.Hint) != "patched hint" || p.GetOrder() != 10 || !slices.Equal(tagIDs(p.Tags), []int64{red, blue}) {
				t.Errorf("patched = %+v", p)
			}
			if raw := rawBody(t, resp); raw["isJson"] != (c.typ == cc.SETTINGTYPE_STRING) {
				t.Errorf("isJson after patch = %v", raw["isJson"])
			}

			// PUT is a full replace: what is not listed resets (hint → null, tags → none).
			r, resp, err := h.api.FeatureFlagsSettingsAPI.ReplaceSetting(h.ctx, id).
				ReplaceSettingModel(cc.ReplaceSettingModel{Name: "Replaced", Order: nint(2)}).Execute()
			ok(t, resp, err, http.StatusOK)
			if r.GetName() != "Replaced" || r.Hint.Get() != nil || len(r.Tags) != 0 || r.GetOrder() != 2 ||
				r.GetKey() != c.key || r.GetSettingType() != c.typ {
				t.Errorf("replaced = %+v, want name Replaced, no hint, no tags, order 2, same key and type", r)
			}
			if raw := rawBody(t, resp); raw["isJson"] != false {
				t.Errorf("isJson after a replace without it = %v, want false (reset)", raw["isJson"])
			}

			list, resp, err := h.api.FeatureFlagsSettingsAPI.GetSettings(h.ctx, f.config).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetSettingId() != id || list[0].GetName() != "Replaced" {
				t.Errorf("list = %+v", list)
			}

			resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
			_, resp, err = h.api.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, f.envs[0], id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
			byTag, resp, err := h.api.TagsAPI.GetSettingsByTag(h.ctx, red).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(byTag) != 0 {
				t.Errorf("deleted setting still listed under its tag: %+v", byTag)
			}
		})
	}
}

func tagIDs(tags []cc.TagModel) []int64 {
	out := make([]int64, len(tags))
	for i, t := range tags {
		out[i] = t.GetTagId()
	}
	return out
}

// sameValue compares two value models slot by slot.
func sameValue(a, b cc.ValueModel) bool {
	eq := func(x, y any, xs, ys bool) bool { return xs == ys && (!xs || x == y) }
	return eq(deref(a.BoolValue.Get()), deref(b.BoolValue.Get()), a.BoolValue.Get() != nil, b.BoolValue.Get() != nil) &&
		eq(deref(a.StringValue.Get()), deref(b.StringValue.Get()), a.StringValue.Get() != nil, b.StringValue.Get() != nil) &&
		eq(deref(a.IntValue.Get()), deref(b.IntValue.Get()), a.IntValue.Get() != nil, b.IntValue.Get() != nil) &&
		eq(deref(a.DoubleValue.Get()), deref(b.DoubleValue.Get()), a.DoubleValue.Get() != nil, b.DoubleValue.Get() != nil)
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestSettingErrors(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	id := h.newSetting(f, "isAwesomeFeatureEnabled", cc.SETTINGTYPE_BOOLEAN, true)
	create := func(req cc.CreateSettingInitialValues) (*http.Response, error) {
		_, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, f.config).CreateSettingInitialValues(req).Execute()
		return resp, err
	}
	cases := []struct {
		name string
		req  cc.CreateSettingInitialValues
		msg  string
	}{
		{"duplicate key", cc.CreateSettingInitialValues{Key: "isAwesomeFeatureEnabled", Name: "Again",
			SettingType: cc.SETTINGTYPE_BOOLEAN}, "This key is already in use. Please, choose another"},
		{"duplicate key in other case", cc.CreateSettingInitialValues{Key: "ISAWESOMEFEATUREENABLED", Name: "Again",
			SettingType: cc.SETTINGTYPE_BOOLEAN}, "This key is already in use. Please, choose another"},
		{"key starting with a digit", cc.CreateSettingInitialValues{Key: "1flag", Name: "N",
			SettingType: cc.SETTINGTYPE_BOOLEAN}, "Invalid key."},
		{"key with a dot", cc.CreateSettingInitialValues{Key: "a.b", Name: "N",
			SettingType: cc.SETTINGTYPE_BOOLEAN}, "Invalid key."},
		{"initial value without environment", cc.CreateSettingInitialValues{Key: "noEnv", Name: "N",
			SettingType: cc.SETTINGTYPE_BOOLEAN, InitialValues: []cc.InitialValue{{Value: true}}}, ""},
		{"unknown tag", cc.CreateSettingInitialValues{Key: "badTag", Name: "N",
			SettingType: cc.SETTINGTYPE_BOOLEAN, Tags: []int64{987654}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := create(c.req)
			fails(t, resp, err, http.StatusBadRequest, c.msg)
		})
	}
	list, resp, err := h.api.FeatureFlagsSettingsAPI.GetSettings(h.ctx, f.config).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(list) != 1 || list[0].GetSettingId() != id {
		t.Errorf("refused creates left settings behind: %+v", list)
	}

	// The same key in another config is fine: keys are unique per config.
	other := h.newConfig(f.product, "Other", cc.EVALUATIONVERSION_V2)
	_, resp, err = h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, other).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "isAwesomeFeatureEnabled", Name: "Same key", SettingType: cc.SETTINGTYPE_BOOLEAN}).Execute()
	ok(t, resp, err, http.StatusCreated)

	const unknownConfig = "00000000-0000-4000-8000-000000000000"
	_, resp, err = h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, unknownConfig).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "k", Name: "N", SettingType: cc.SETTINGTYPE_BOOLEAN}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.FeatureFlagsSettingsAPI.GetSettings(h.ctx, unknownConfig).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.FeatureFlagsSettingsAPI.ReplaceSetting(h.ctx, 99999).
		ReplaceSettingModel(cc.ReplaceSettingModel{Name: "x"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.FeatureFlagsSettingsAPI.UpdateSetting(h.ctx, 99999).JsonPatchOperation(
		[]cc.JsonPatchOperation{{Op: cc.OPERATIONTYPE_REPLACE, Path: "/name", Value: "x"}}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = h.api.FeatureFlagsSettingsAPI.DeleteSetting(h.ctx, 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}

func TestMandatoryHint(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	_, resp, err := h.api.ProductsAPI.UpdateProductPreferences(h.ctx, f.product).
		UpdatePreferencesRequest(cc.UpdatePreferencesRequest{MandatorySettingHint: nbool(true)}).Execute()
	ok(t, resp, err, http.StatusOK)
	_, resp, err = h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, f.config).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "noHint", Name: "N", SettingType: cc.SETTINGTYPE_BOOLEAN}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Hint is required.")
	s, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, f.config).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "withHint", Name: "N", Hint: nstr("why"), SettingType: cc.SETTINGTYPE_BOOLEAN}).Execute()
	ok(t, resp, err, http.StatusCreated)
	_, resp, err = h.api.FeatureFlagsSettingsAPI.ReplaceSetting(h.ctx, s.GetSettingId()).
		ReplaceSettingModel(cc.ReplaceSettingModel{Name: "N"}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Hint is required.")
}
