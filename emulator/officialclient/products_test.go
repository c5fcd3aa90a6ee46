package officialclient_test

import (
	"context"
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

func TestMeAndOrganizations(t *testing.T) {
	h := newHarness(t)
	me, resp, err := h.api.MeAPI.GetMe(h.ctx).Execute()
	ok(t, resp, err, http.StatusOK)
	if str(me.Email) == "" || str(me.FullName) == "" {
		t.Errorf("me = %+v, want an email and a full name", me)
	}
	orgs, resp, err := h.api.OrganizationsAPI.GetOrganizations(h.ctx).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(orgs) != 1 || orgs[0].GetOrganizationId() != h.orgID || !isUUID(h.orgID) || str(orgs[0].Name) == "" {
		t.Fatalf("organizations = %+v, want the one organization %s", orgs, h.orgID)
	}
}

func TestBadCredentialsAre401(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name string
		ctx  context.Context
	}{
		{"wrong password", context.WithValue(context.Background(), cc.ContextBasicAuth,
			cc.BasicAuth{UserName: testUser, Password: "wrong"})},
		{"wrong user", context.WithValue(context.Background(), cc.ContextBasicAuth,
			cc.BasicAuth{UserName: "someone", Password: testPass})},
		{"no credentials", invalid(context.Background())}, // the spec requires Basic auth
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, resp, err := h.api.MeAPI.GetMe(c.ctx).Execute()
			fails(t, resp, err, http.StatusUnauthorized, "")
			_, resp, err = h.api.ProductsAPI.GetProducts(c.ctx).Execute()
			fails(t, resp, err, http.StatusUnauthorized, "")
			_, resp, err = h.api.ProductsAPI.CreateProduct(c.ctx, h.orgID).
				CreateProductRequest(cc.CreateProductRequest{Name: "Sneaky"}).Execute()
			fails(t, resp, err, http.StatusUnauthorized, "")
		})
	}
	list, resp, err := h.api.ProductsAPI.GetProducts(h.ctx).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(list) != 0 {
		t.Errorf("products after refused creates = %d, want 0", len(list))
	}
}

// newProduct creates a product through the client and returns its id.
func (h *harness) newProduct(name string) string {
	h.t.Helper()
	p, resp, err := h.api.ProductsAPI.CreateProduct(h.ctx, h.orgID).
		CreateProductRequest(cc.CreateProductRequest{Name: name}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return p.GetProductId()
}

func TestProductLifecycle(t *testing.T) {
	cases := []struct {
		name        string
		req         cc.CreateProductRequest
		wantDesc    string
		wantOrder   int32
		update      cc.UpdateProductRequest
		wantName    string
		wantUpdDesc string
		wantUpdOrd  int32
	}{
		{name: "full", req: cc.CreateProductRequest{Name: "Shop", Description: nstr("web shop"), Order: nint(3)},
			wantDesc: "web shop", wantOrder: 3,
			update:   cc.UpdateProductRequest{Name: nstr("Shop 2"), Description: nstr("new"), Order: nint(7)},
			wantName: "Shop 2", wantUpdDesc: "new", wantUpdOrd: 7},
		{name: "partial update keeps the rest",
			req:    cc.CreateProductRequest{Name: "Blog", Description: nstr("kept"), Order: nint(2)},
			update: cc.UpdateProductRequest{Order: nint(9)}, wantDesc: "kept", wantOrder: 2,
			wantName: "Blog", wantUpdDesc: "kept", wantUpdOrd: 9},
		{name: "longest name", req: cc.CreateProductRequest{Name: longName(1000), Order: nint(1)}, wantOrder: 1,
			update: cc.UpdateProductRequest{Description: nstr("d")}, wantName: longName(1000), wantUpdDesc: "d", wantUpdOrd: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			p, resp, err := h.api.ProductsAPI.CreateProduct(h.ctx, h.orgID).CreateProductRequest(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := p.GetProductId()
			if !isUUID(id) || p.GetName() != c.req.Name || str(p.Description) != c.wantDesc ||
				(c.req.Order.IsSet() && p.GetOrder() != c.wantOrder) {
				t.Fatalf("created %+v from %+v", p, c.req)
			}
			if p.Organization == nil || p.Organization.GetOrganizationId() != h.orgID {
				t.Errorf("organization = %+v, want %s", p.Organization, h.orgID)
			}
			got, resp, err := h.api.ProductsAPI.GetProduct(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetName() != c.req.Name || str(got.Description) != c.wantDesc || got.GetOrder() != p.GetOrder() {
				t.Errorf("read back %+v, created %+v", got, p)
			}

			upd, resp, err := h.api.ProductsAPI.UpdateProduct(h.ctx, id).UpdateProductRequest(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if upd.GetName() != c.wantName || str(upd.Description) != c.wantUpdDesc || upd.GetOrder() != c.wantUpdOrd {
				t.Errorf("updated = %q %q %d, want %q %q %d", upd.GetName(), str(upd.Description), upd.GetOrder(),
					c.wantName, c.wantUpdDesc, c.wantUpdOrd)
			}

			list, resp, err := h.api.ProductsAPI.GetProducts(h.ctx).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetProductId() != id || list[0].GetName() != c.wantName {
				t.Errorf("list = %+v, want the one product", list)
			}

			resp, err = h.api.ProductsAPI.DeleteProduct(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.ProductsAPI.GetProduct(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
			resp, err = h.api.ProductsAPI.DeleteProduct(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func longName(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return string(b)
}

func TestProductErrors(t *testing.T) {
	h := newHarness(t)
	h.newProduct("Shop")
	const unknown = "00000000-0000-4000-8000-000000000000"

	_, resp, err := h.api.ProductsAPI.CreateProduct(h.ctx, h.orgID).
		CreateProductRequest(cc.CreateProductRequest{Name: "sHOP"}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "This name is already in use")

	_, resp, err = h.api.ProductsAPI.CreateProduct(invalid(h.ctx), h.orgID).
		CreateProductRequest(cc.CreateProductRequest{Name: ""}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")

	_, resp, err = h.api.ProductsAPI.CreateProduct(invalid(h.ctx), h.orgID).
		CreateProductRequest(cc.CreateProductRequest{Name: longName(1001)}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")

	_, resp, err = h.api.ProductsAPI.CreateProduct(h.ctx, unknown).
		CreateProductRequest(cc.CreateProductRequest{Name: "Elsewhere"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")

	_, resp, err = h.api.ProductsAPI.GetProduct(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.ProductsAPI.UpdateProduct(h.ctx, unknown).
		UpdateProductRequest(cc.UpdateProductRequest{Name: nstr("x")}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.ProductsAPI.GetProductPreferences(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}

func TestProductPreferences(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	prefs, resp, err := h.api.ProductsAPI.GetProductPreferences(h.ctx, pid).Execute()
	ok(t, resp, err, http.StatusOK)
	if prefs.GetKeyGenerationMode() != cc.KEYGENERATIONMODE_CAMEL_CASE || prefs.GetReasonRequired() ||
		prefs.GetShowVariationId() || prefs.GetMandatorySettingHint() || len(prefs.ReasonRequiredEnvironments) != 0 {
		t.Fatalf("new product preferences = %+v, want the documented defaults (behaviour doc Q6)", prefs)
	}

	prod := h.newEnvironment(pid, "Production")
	test := h.newEnvironment(pid, "Test")
	prefs, resp, err = h.api.ProductsAPI.GetProductPreferences(h.ctx, pid).Execute()
	ok(t, resp, err, http.StatusOK)
	if envReason(*prefs, prod) != "Production:false" || envReason(*prefs, test) != "Test:false" {
		t.Errorf("preferences list %+v, want every environment, not requiring a reason (behaviour doc Q6)",
			prefs.ReasonRequiredEnvironments)
	}
	cases := []struct {
		name     string
		req      cc.UpdatePreferencesRequest
		check    func(cc.PreferencesModel) bool
		prodNeed bool // reasonRequired of the Production environment afterwards
	}{
		{"key mode and hint", cc.UpdatePreferencesRequest{KeyGenerationMode: cc.KEYGENERATIONMODE_KEBAB_CASE.Ptr(),
			ShowVariationId: nbool(true), MandatorySettingHint: nbool(true)},
			func(p cc.PreferencesModel) bool {
				return p.GetKeyGenerationMode() == cc.KEYGENERATIONMODE_KEBAB_CASE && p.GetShowVariationId() &&
					p.GetMandatorySettingHint() && !p.GetReasonRequired()
			}, false},
		{"reason in one environment", cc.UpdatePreferencesRequest{ReasonRequiredEnvironments: []cc.UpdateReasonRequiredEnvironmentModel{
			{EnvironmentId: &prod, ReasonRequired: cc.PtrBool(true)}, {EnvironmentId: &test, ReasonRequired: cc.PtrBool(false)}}},
			func(p cc.PreferencesModel) bool {
				return envReason(p, prod) == "Production:true" && envReason(p, test) == "Test:false" &&
					p.GetKeyGenerationMode() == cc.KEYGENERATIONMODE_KEBAB_CASE
			}, true},
		{"reason everywhere", cc.UpdatePreferencesRequest{ReasonRequired: nbool(true)},
			func(p cc.PreferencesModel) bool { return p.GetReasonRequired() }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, resp, err := h.api.ProductsAPI.UpdateProductPreferences(h.ctx, pid).UpdatePreferencesRequest(c.req).Execute()
			ok(t, resp, err, http.StatusOK)
			if !c.check(*got) {
				t.Errorf("answer = %+v", got)
			}
			again, resp, err := h.api.ProductsAPI.GetProductPreferences(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if !c.check(*again) {
				t.Errorf("read back = %+v", again)
			}
			env, resp, err := h.api.EnvironmentsAPI.GetEnvironment(h.ctx, prod).Execute()
			ok(t, resp, err, http.StatusOK)
			if env.GetReasonRequired() != c.prodNeed {
				t.Errorf("environment reasonRequired = %v, want %v", env.GetReasonRequired(), c.prodNeed)
			}
		})
	}
}

func envReason(p cc.PreferencesModel, envID string) string {
	for _, e := range p.ReasonRequiredEnvironments {
		if e.GetEnvironmentId() == envID {
			if e.GetReasonRequired() {
				return str(e.EnvironmentName) + ":true"
			}
			return str(e.EnvironmentName) + ":false"
		}
	}
	return "missing"
}
