package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// newConfig creates a config of the given evaluation version and returns its id.
func (h *harness) newConfig(productID, name string, v cc.EvaluationVersion) string {
	h.t.Helper()
	c, resp, err := h.api.ConfigsAPI.CreateConfig(h.ctx, productID).
		CreateConfigRequest(cc.CreateConfigRequest{Name: name, EvaluationVersion: v.Ptr()}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return c.GetConfigId()
}

func TestConfigLifecycle(t *testing.T) {
	cases := []struct {
		name    string
		req     cc.CreateConfigRequest
		wantVer cc.EvaluationVersion
		update  cc.UpdateConfigRequest
		want    [2]string // name, description after the update
	}{
		{"v1", cc.CreateConfigRequest{Name: "Main", Description: nstr("legacy"), Order: nint(1),
			EvaluationVersion: cc.EVALUATIONVERSION_V1.Ptr()}, cc.EVALUATIONVERSION_V1,
			cc.UpdateConfigRequest{Name: nstr("Main v1")}, [2]string{"Main v1", "legacy"}},
		{"v2", cc.CreateConfigRequest{Name: "Web", Description: nstr("d"), Order: nint(2),
			EvaluationVersion: cc.EVALUATIONVERSION_V2.Ptr()}, cc.EVALUATIONVERSION_V2,
			cc.UpdateConfigRequest{Description: nstr("described"), Order: nint(5)}, [2]string{"Web", "described"}},
		{"version omitted is v1 (behaviour doc Q6)", cc.CreateConfigRequest{Name: "Default"}, cc.EVALUATIONVERSION_V1,
			cc.UpdateConfigRequest{Name: nstr("Renamed"), Description: nstr("x")}, [2]string{"Renamed", "x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			pid := h.newProduct("Shop")
			cfg, resp, err := h.api.ConfigsAPI.CreateConfig(h.ctx, pid).CreateConfigRequest(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := cfg.GetConfigId()
			if !isUUID(id) || cfg.GetName() != c.req.Name || str(cfg.Description) != str(c.req.Description) ||
				cfg.GetEvaluationVersion() != c.wantVer || cfg.Product.GetProductId() != pid {
				t.Fatalf("created %+v from %+v", cfg, c.req)
			}
			if c.req.Order.IsSet() && cfg.GetOrder() != *c.req.Order.Get() {
				t.Errorf("order = %d, want %d", cfg.GetOrder(), *c.req.Order.Get())
			}
			got, resp, err := h.api.ConfigsAPI.GetConfig(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetName() != cfg.GetName() || got.GetEvaluationVersion() != c.wantVer || got.GetOrder() != cfg.GetOrder() {
				t.Errorf("read back %+v, created %+v", got, cfg)
			}

			upd, resp, err := h.api.ConfigsAPI.UpdateConfig(h.ctx, id).UpdateConfigRequest(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if upd.GetName() != c.want[0] || str(upd.Description) != c.want[1] || upd.GetEvaluationVersion() != c.wantVer {
				t.Errorf("updated = %+v, want name %q description %q", upd, c.want[0], c.want[1])
			}
			if c.update.Order.IsSet() && upd.GetOrder() != *c.update.Order.Get() {
				t.Errorf("order = %d, want %d", upd.GetOrder(), *c.update.Order.Get())
			}

			list, resp, err := h.api.ConfigsAPI.GetConfigs(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetConfigId() != id || list[0].GetName() != c.want[0] {
				t.Errorf("list = %+v", list)
			}

			resp, err = h.api.ConfigsAPI.DeleteConfig(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.ConfigsAPI.GetConfig(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
			list, resp, err = h.api.ConfigsAPI.GetConfigs(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 0 {
				t.Errorf("list after delete = %+v", list)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	h := newHarness(t)
	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err := h.api.ConfigsAPI.CreateConfig(h.ctx, unknown).
		CreateConfigRequest(cc.CreateConfigRequest{Name: "Main"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.ConfigsAPI.GetConfigs(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.ConfigsAPI.GetConfig(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.ConfigsAPI.UpdateConfig(h.ctx, unknown).
		UpdateConfigRequest(cc.UpdateConfigRequest{Name: nstr("x")}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = h.api.ConfigsAPI.DeleteConfig(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	pid := h.newProduct("Shop")
	id := h.newConfig(pid, "Main", cc.EVALUATIONVERSION_V2)
	_, resp, err = h.api.ConfigsAPI.UpdateConfig(h.ctx, id).UpdateConfigRequest(cc.UpdateConfigRequest{Name: nstr("")}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
	_, resp, err = h.api.ConfigsAPI.CreateConfig(invalid(h.ctx), pid).
		CreateConfigRequest(cc.CreateConfigRequest{Name: ""}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")
}

// TestConfigDescriptionUpdate checks the partial-update rules of behaviour doc Q4: null or absent leaves a
// field alone; "" empties it, and it reads back "" as an empty text given on create does (emulator/choices.go).
func TestConfigDescriptionUpdate(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	c, resp, err := h.api.ConfigsAPI.CreateConfig(h.ctx, pid).CreateConfigRequest(cc.CreateConfigRequest{Name: "Main",
		Description: nstr("described"), EvaluationVersion: cc.EVALUATIONVERSION_V2.Ptr()}).Execute()
	ok(t, resp, err, http.StatusCreated)
	cases := []struct {
		name string
		req  cc.UpdateConfigRequest
		want *string
	}{
		{"absent leaves it", cc.UpdateConfigRequest{Name: nstr("Main")}, cc.PtrString("described")},
		{"null leaves it", cc.UpdateConfigRequest{Description: *cc.NewNullableString(nil)}, cc.PtrString("described")},
		{"empty empties it", cc.UpdateConfigRequest{Description: nstr("")}, cc.PtrString("")},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			upd, resp, err := h.api.ConfigsAPI.UpdateConfig(h.ctx, c.GetConfigId()).UpdateConfigRequest(k.req).Execute()
			ok(t, resp, err, http.StatusOK)
			got := upd.Description.Get()
			if (got == nil) != (k.want == nil) || (got != nil && *got != *k.want) {
				t.Errorf("description = %v, want %v", deref(got), deref(k.want))
			}
		})
	}
}
