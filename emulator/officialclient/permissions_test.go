package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

func TestPermissionGroupLifecycle(t *testing.T) {
	cases := []struct {
		name   string
		req    func(envs [2]string) cc.CreatePermissionGroupRequest
		check  func(envs [2]string, g *cc.PermissionGroupModel) string
		update cc.UpdatePermissionGroupRequest
	}{
		{"full access", func([2]string) cc.CreatePermissionGroupRequest {
			return cc.CreatePermissionGroupRequest{Name: "Admins", AccessType: cc.ACCESSTYPE_FULL.Ptr(),
				CanManageMembers: cc.PtrBool(true), CanCreateOrUpdateConfig: cc.PtrBool(true), CanDeleteConfig: cc.PtrBool(true),
				CanDeleteSetting: cc.PtrBool(true), CanViewSdkKey: cc.PtrBool(true), CanDisable2FA: cc.PtrBool(true)}
		}, func(_ [2]string, g *cc.PermissionGroupModel) string {
			if g.GetAccessType() != cc.ACCESSTYPE_FULL || !g.GetCanManageMembers() || !g.GetCanDeleteConfig() ||
				!g.GetCanViewSdkKey() || !g.GetCanDisable2FA() || g.GetCanDeleteTag() {
				return "permissions differ"
			}
			return ""
		}, cc.UpdatePermissionGroupRequest{Name: nstr("Owners"), CanManageWebhook: nbool(true)}},
		{"custom per environment", func(envs [2]string) cc.CreatePermissionGroupRequest {
			return cc.CreatePermissionGroupRequest{Name: "Devs", AccessType: cc.ACCESSTYPE_CUSTOM.Ptr(),
				NewEnvironmentAccessType: cc.ENVIRONMENTACCESSTYPE_READ_ONLY.Ptr(), CanCreateOrUpdateSetting: cc.PtrBool(true),
				EnvironmentAccesses: []cc.CreateOrUpdateEnvironmentAccessModel{
					{EnvironmentId: &envs[0], EnvironmentAccessType: cc.ENVIRONMENTACCESSTYPE_READ_ONLY.Ptr()},
					{EnvironmentId: &envs[1], EnvironmentAccessType: cc.ENVIRONMENTACCESSTYPE_FULL.Ptr()}}}
		}, func(envs [2]string, g *cc.PermissionGroupModel) string {
			if g.GetAccessType() != cc.ACCESSTYPE_CUSTOM || g.GetNewEnvironmentAccessType() != cc.ENVIRONMENTACCESSTYPE_READ_ONLY ||
				!g.GetCanCreateOrUpdateSetting() {
				return "access settings differ"
			}
			if access(g, envs[0]) != cc.ENVIRONMENTACCESSTYPE_READ_ONLY || access(g, envs[1]) != cc.ENVIRONMENTACCESSTYPE_FULL {
				return "environment accesses differ"
			}
			return ""
		}, cc.UpdatePermissionGroupRequest{CanViewProductAuditLog: nbool(true)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			f := h.newFixture(cc.EVALUATIONVERSION_V2)
			api := h.api.PermissionGroupsAPI
			req := c.req(f.envs)
			g, resp, err := api.CreatePermissionGroup(h.ctx, f.product).CreatePermissionGroupRequest(req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := g.GetPermissionGroupId()
			if id <= 0 || g.GetName() != req.Name || g.Product.GetProductId() != f.product {
				t.Fatalf("created %+v", g)
			}
			if msg := c.check(f.envs, g); msg != "" {
				t.Errorf("created: %s: %+v", msg, g)
			}
			got, resp, err := api.GetPermissionGroup(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if msg := c.check(f.envs, got); msg != "" || got.GetName() != req.Name {
				t.Errorf("read back: %s: %+v", msg, got)
			}

			upd, resp, err := api.UpdatePermissionGroup(h.ctx, id).UpdatePermissionGroupRequest(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if msg := c.check(f.envs, upd); msg != "" {
				t.Errorf("a partial update lost fields: %s: %+v", msg, upd)
			}
			if n := c.update.Name.Get(); n != nil && upd.GetName() != *n {
				t.Errorf("name = %q, want %q", upd.GetName(), *n)
			}
			if v := c.update.CanManageWebhook.Get(); v != nil && upd.GetCanManageWebhook() != *v {
				t.Errorf("canManageWebhook = %v", upd.GetCanManageWebhook())
			}
			if v := c.update.CanViewProductAuditLog.Get(); v != nil && upd.GetCanViewProductAuditLog() != *v {
				t.Errorf("canViewProductAuditLog = %v", upd.GetCanViewProductAuditLog())
			}

			list, resp, err := api.GetPermissionGroups(h.ctx, f.product).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetPermissionGroupId() != id {
				t.Errorf("list = %+v", list)
			}

			resp, err = api.DeletePermissionGroup(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = api.GetPermissionGroup(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func access(g *cc.PermissionGroupModel, envID string) cc.EnvironmentAccessType {
	for _, a := range g.EnvironmentAccesses {
		if a.GetEnvironmentId() == envID {
			return a.GetEnvironmentAccessType()
		}
	}
	return ""
}

func TestPermissionGroupErrors(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	api := h.api.PermissionGroupsAPI
	_, resp, err := api.CreatePermissionGroup(h.ctx, f.product).CreatePermissionGroupRequest(cc.CreatePermissionGroupRequest{
		Name: "Odd", CanDeleteConfig: cc.PtrBool(true)}).Execute()
	fails(t, resp, err, http.StatusBadRequest,
		"CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and CanDeleteSetting permissions.")
	_, resp, err = api.CreatePermissionGroup(invalid(h.ctx), f.product).CreatePermissionGroupRequest(cc.CreatePermissionGroupRequest{Name: ""}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "")

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err = api.CreatePermissionGroup(h.ctx, unknown).CreatePermissionGroupRequest(cc.CreatePermissionGroupRequest{Name: "X"}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetPermissionGroups(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.GetPermissionGroup(h.ctx, 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = api.UpdatePermissionGroup(h.ctx, 99999).UpdatePermissionGroupRequest(cc.UpdatePermissionGroupRequest{Name: nstr("x")}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = api.DeletePermissionGroup(h.ctx, 99999).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
