package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// newEnvironment creates an environment and returns its id.
func (h *harness) newEnvironment(productID, name string) string {
	h.t.Helper()
	e, resp, err := h.api.EnvironmentsAPI.CreateEnvironment(h.ctx, productID).
		CreateEnvironmentModel(cc.CreateEnvironmentModel{Name: name}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return e.GetEnvironmentId()
}

func TestEnvironmentLifecycle(t *testing.T) {
	cases := []struct {
		name   string
		req    cc.CreateEnvironmentModel
		update cc.UpdateEnvironmentModel
		want   [3]string // name, colour, description after the update
	}{
		{"all fields", cc.CreateEnvironmentModel{Name: "Production", Color: nstr("#5c6bc0"), Description: nstr("live"),
			Order: nint(1)}, cc.UpdateEnvironmentModel{Name: nstr("Prod"), Color: nstr("blue")},
			[3]string{"Prod", "blue", "live"}},
		{"name only reads back null colour", cc.CreateEnvironmentModel{Name: "Test"},
			cc.UpdateEnvironmentModel{Description: nstr("qa"), Order: nint(4)}, [3]string{"Test", "", "qa"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			pid := h.newProduct("Shop")
			e, resp, err := h.api.EnvironmentsAPI.CreateEnvironment(h.ctx, pid).CreateEnvironmentModel(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := e.GetEnvironmentId()
			if !isUUID(id) || e.GetName() != c.req.Name || str(e.Color) != str(c.req.Color) ||
				str(e.Description) != str(c.req.Description) || e.Product.GetProductId() != pid {
				t.Fatalf("created %+v from %+v", e, c.req)
			}
			if !c.req.Color.IsSet() && e.Color.Get() != nil {
				t.Errorf("colour never set reads back %q, want null (behaviour doc Q4)", *e.Color.Get())
			}
			got, resp, err := h.api.EnvironmentsAPI.GetEnvironment(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetName() != e.GetName() || str(got.Color) != str(e.Color) || got.GetOrder() != e.GetOrder() {
				t.Errorf("read back %+v, created %+v", got, e)
			}

			upd, resp, err := h.api.EnvironmentsAPI.UpdateEnvironment(h.ctx, id).UpdateEnvironmentModel(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if upd.GetName() != c.want[0] || str(upd.Color) != c.want[1] || str(upd.Description) != c.want[2] {
				t.Errorf("updated = %q %q %q, want %q", upd.GetName(), str(upd.Color), str(upd.Description), c.want)
			}
			if c.update.Order.IsSet() && upd.GetOrder() != *c.update.Order.Get() {
				t.Errorf("order = %d, want %d", upd.GetOrder(), *c.update.Order.Get())
			}

			list, resp, err := h.api.EnvironmentsAPI.GetEnvironments(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetEnvironmentId() != id {
				t.Errorf("list = %+v", list)
			}

			resp, err = h.api.EnvironmentsAPI.DeleteEnvironment(h.ctx, id).CleanupAuditLogs(true).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.EnvironmentsAPI.GetEnvironment(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func TestEnvironmentErrors(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	id := h.newEnvironment(pid, "Production")
	cases := []struct {
		name string
		req  cc.CreateEnvironmentModel
		msg  string
	}{
		{"duplicate name, other case", cc.CreateEnvironmentModel{Name: "PRODUCTION"}, "This name is already in use"},
		{"bad colour", cc.CreateEnvironmentModel{Name: "Other", Color: nstr("notvalid")}, "Invalid color."},
		{"empty name", cc.CreateEnvironmentModel{Name: ""}, ""}, // breaks the spec's minLength
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := h.ctx
			if c.req.Name == "" {
				ctx = invalid(ctx)
			}
			_, resp, err := h.api.EnvironmentsAPI.CreateEnvironment(ctx, pid).CreateEnvironmentModel(c.req).Execute()
			fails(t, resp, err, http.StatusBadRequest, c.msg)
		})
	}
	_, resp, err := h.api.EnvironmentsAPI.UpdateEnvironment(h.ctx, id).
		UpdateEnvironmentModel(cc.UpdateEnvironmentModel{Color: nstr("notvalid")}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "Invalid color.")

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err = h.api.EnvironmentsAPI.GetEnvironment(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = h.api.EnvironmentsAPI.DeleteEnvironment(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.EnvironmentsAPI.GetEnvironments(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}

// TestNewEnvironmentValues reads the values existing flags have in an environment created after them: the
// type's zero value and no rules (behaviour doc Q6, the emulator's documented choice).
func TestNewEnvironmentValues(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	flags := []struct {
		key  string
		typ  cc.SettingType
		init any
		zero cc.ValueModel
	}{
		{"b", cc.SETTINGTYPE_BOOLEAN, true, vBool(false)},
		{"s", cc.SETTINGTYPE_STRING, "x", vStr("")},
		{"i", cc.SETTINGTYPE_INT, 5, vInt(0)},
		{"d", cc.SETTINGTYPE_DOUBLE, 2.5, vDouble(0)},
	}
	ids := make([]int32, len(flags))
	for i, fl := range flags {
		ids[i] = h.newSetting(f, fl.key, fl.typ, fl.init)
	}
	staging := h.newEnvironment(f.product, "Staging")
	batch, resp, err := h.api.FeatureFlagSettingValuesV2API.GetSettingValuesV2(h.ctx, f.config, staging).Execute()
	ok(t, resp, err, http.StatusOK)
	for i, fl := range flags {
		got := formulaOf(t, batch, ids[i])
		sameFormula(t, fl.key, cc.UpdateEvaluationFormulaModel{DefaultValue: fl.zero}, got.DefaultValue, got.TargetingRules,
			got.PercentageEvaluationAttribute)
	}

	// Deleting the environment takes its values with it.
	resp, err = h.api.EnvironmentsAPI.DeleteEnvironment(h.ctx, staging).Execute()
	ok(t, resp, err, http.StatusNoContent)
	_, resp, err = h.api.FeatureFlagSettingValuesV2API.GetSettingValueV2(h.ctx, staging, ids[0]).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
