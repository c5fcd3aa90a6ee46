package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
)

// permissionFlags are the boolean permissions of PermissionGroupModel, in the spec's order.
var permissionFlags = []string{"canManageMembers", "canCreateOrUpdateConfig", "canDeleteConfig",
	"canCreateOrUpdateEnvironment", "canDeleteEnvironment", "canCreateOrUpdateSetting", "canTagSetting",
	"canDeleteSetting", "canCreateOrUpdateTag", "canDeleteTag", "canManageWebhook", "canUseExportImport",
	"canManageProductPreferences", "canManageIntegrations", "canViewSdkKey", "canRotateSdkKey",
	"canCreateOrUpdateSegments", "canDeleteSegments", "canViewProductAuditLog", "canViewProductStatistics",
	"canDisable2FA"}

var (
	accessTypes            = setOf("readOnly", "full", "custom")
	envAccessTypes         = setOf("full", "readOnly", "none")
	approvalTypes          = setOf("cannotApprove", "canApproveOthers", "canBypassApproval", "custom")
	envApprovalPermissions = setOf("cannotApprove", "canApproveOthers", "canBypassApproval")
)

func decodeGroupRequest(r *http.Request) (*permissionGroupRequest, error) {
	var raw json.RawMessage
	if err := decodeBody(r, &raw); err != nil {
		return nil, err
	}
	req := &permissionGroupRequest{}
	if err := json.Unmarshal(raw, req); err != nil {
		return nil, badRequest("$", "The JSON value could not be converted: "+err.Error())
	}
	// raw decoded into a struct above, so it is an object (or null) and decodes into a map too
	var all map[string]json.RawMessage
	_ = json.Unmarshal(raw, &all)
	req.flags = map[string]*bool{}
	for _, name := range permissionFlags {
		if v, ok := all[name]; ok {
			var b *bool
			if err := json.Unmarshal(v, &b); err != nil {
				return nil, badRequest("$."+name, "The JSON value could not be converted to System.Boolean.")
			}
			req.flags[name] = b
		}
	}
	return req, nil
}

func groupOf(st *store, r *http.Request) (*permissionGroup, error) {
	return byPath(r, pathInt64, "permissionGroupId", st.Groups)
}

// applyGroup validates req and applies it to g; absent or null fields leave g unchanged.
func (s *Server) applyGroup(st *store, g *permissionGroup, req *permissionGroupRequest) error {
	name, err := s.groupName(st, g, req.Name)
	if err != nil {
		return err
	}
	next := *g
	next.Name = name
	if err := applyGroupTypes(&next, req); err != nil {
		return err
	}
	ownEnv := func(id string) (string, bool) {
		e := st.Environments[strings.ToLower(id)]
		return strings.ToLower(id), e != nil && e.ProductID == g.ProductID
	}
	if req.EnvironmentAccess != nil {
		next.EnvAccess, err = envTypes("EnvironmentAccesses", req.EnvironmentAccess, envAccessTypes, ownEnv)
		if err != nil {
			return err
		}
	}
	if req.EnvironmentApproval != nil {
		next.EnvApproval, err = envTypes("EnvironmentApprovalPermissions", req.EnvironmentApproval, envApprovalPermissions, ownEnv)
		if err != nil {
			return err
		}
	}
	next.Flags = maps.Clone(g.Flags)
	if next.Flags == nil {
		next.Flags = map[string]bool{}
	}
	for name, v := range req.flags {
		if v != nil {
			next.Flags[name] = *v
		}
	}
	if next.Flags["canDeleteConfig"] && !(next.Flags["canCreateOrUpdateConfig"] && next.Flags["canDeleteSetting"]) {
		return badRequest("", "CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and CanDeleteSetting permissions.")
	}
	*g = next
	return nil
}

// groupName is the group's name after an update with name (nil keeps it), refusing a duplicate in the product
// when names are unique.
func (s *Server) groupName(st *store, g *permissionGroup, update *string) (string, error) {
	return s.rename(update, 255, g.Name, func(name string) bool {
		return s.b.UniquePermissionGroupNames && exists(st.Groups, func(o *permissionGroup) bool {
			return o.ProductID == g.ProductID && o.ID != g.ID && strings.EqualFold(o.Name, name)
		})
	})
}

// applyGroupTypes sets the group's access and approval types that req gives, each checked against its enum.
func applyGroupTypes(g *permissionGroup, req *permissionGroupRequest) error {
	for _, f := range []struct {
		field   string
		v       *string
		allowed map[string]bool
		dst     *string
	}{
		{"AccessType", req.AccessType, accessTypes, &g.AccessType},
		{"NewEnvironmentAccessType", req.NewEnvAccess, envAccessTypes, &g.NewEnvAccess},
		{"ApprovalPermissionType", req.ApprovalType, approvalTypes, &g.ApprovalType},
		{"NewEnvironmentApprovalPermissionType", req.NewEnvApproval, envApprovalPermissions, &g.NewEnvApproval},
	} {
		if f.v == nil {
			continue
		}
		if !f.allowed[*f.v] {
			return badRequest(f.field, "The value '"+*f.v+"' is not valid.")
		}
		*f.dst = *f.v
	}
	return nil
}

// envType is one environment's entry in a group's environmentAccesses or environmentApprovalPermissions.
type envType struct {
	EnvironmentID string
	Type          string
}

// envTypes checks a group's per-environment entries (each environment must be the group's product's, each type
// allowed) and returns them by lower-cased environment id.
func envTypes[T envAccessItem | envApprovalItem](field string, items []T, allowed map[string]bool, ownEnv func(string) (string, bool)) (map[string]string, error) {
	out := map[string]string{}
	for _, item := range items {
		a := envType(item)
		id, ok := ownEnv(a.EnvironmentID)
		if !ok {
			return nil, badRequest(field, "Environment not found.")
		}
		if !allowed[a.Type] {
			return nil, badRequest(field, "The value '"+a.Type+"' is not valid.")
		}
		out[id] = a.Type
	}
	return out, nil
}

// groupView renders PermissionGroupModel. environmentAccesses lists only the environments the group was
// given access to explicitly (or that were created after it, with its access for new environments), and
// nothing unless the access type is custom (choices.go); approval permissions list every environment.
func (s *Server) groupView(st *store, g *permissionGroup) map[string]any {
	p := st.Products[g.ProductID]
	out := map[string]any{
		"permissionGroupId":                    g.ID,
		"name":                                 g.Name,
		"accessType":                           g.AccessType,
		"newEnvironmentAccessType":             g.NewEnvAccess,
		"approvalPermissionType":               g.ApprovalType,
		"newEnvironmentApprovalPermissionType": g.NewEnvApproval,
		"product":                              s.productView(p),
	}
	for _, name := range permissionFlags {
		out[name] = g.Flags[name]
	}
	envs := collect(st.Environments, func(e *environment) bool { return e.ProductID == p.ID })
	access := make([]map[string]any, 0, len(g.EnvAccess))
	approval := make([]map[string]any, 0, len(envs))
	for _, e := range envs {
		if at, ok := g.EnvAccess[e.ID]; ok && g.AccessType == "custom" {
			access = append(access, map[string]any{
				"environmentId": e.ID, "name": e.Name, "color": e.Color, "description": e.Description,
				"order": e.Order, "reasonRequired": reasonRequired(p, e.ID), "approveRequired": approveRequired(p, e.ID),
				"environmentAccessType": at,
			})
		}
		ap, ok := g.EnvApproval[e.ID]
		if !ok {
			ap = g.NewEnvApproval
		}
		approval = append(approval, map[string]any{"environmentId": e.ID, "environmentApprovalPermissionType": ap})
	}
	out["environmentAccesses"] = access
	out["environmentApprovalPermissions"] = approval
	return out
}

// grantNewEnvironment gives every permission group of the environment's product its access for new
// environments there.
func (st *store) grantNewEnvironment(e *environment) {
	for _, g := range st.Groups {
		if g.ProductID == e.ProductID {
			g.EnvAccess[e.ID] = g.NewEnvAccess
		}
	}
}

// productGroups lists the groups of a product.
func (st *store) productGroups(p *product) []*permissionGroup {
	return collect(st.Groups, func(g *permissionGroup) bool { return g.ProductID == p.ID })
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	req, err := decodeGroupRequest(r)
	if err != nil {
		writeError(w, err)
		return
	}
	serveWrite(s, w, http.StatusCreated, func(st *store) (*permissionGroup, error) {
		p, err := productOf(st, r)
		if err != nil {
			return nil, err
		}
		if req.Name == nil {
			return nil, badRequest("Name", requiredMsg("Name"))
		}
		d := s.b.GroupDefaults
		g := &permissionGroup{ID: st.NextGroup, ProductID: p.ID, Flags: map[string]bool{},
			AccessType: d.AccessType, NewEnvAccess: d.NewEnvironmentAccessType, ApprovalType: d.ApprovalPermissionType,
			NewEnvApproval: d.NewEnvironmentApprovalPermissionType, EnvAccess: map[string]string{},
			EnvApproval: map[string]string{}, Seq: st.nextSeq()}
		if err := s.applyGroup(st, g, req); err != nil {
			return nil, err
		}
		st.NextGroup++
		st.Groups[g.ID] = g
		return g, nil
	}, s.groupView)
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request) {
	req, err := decodeGroupRequest(r)
	if err != nil {
		writeError(w, err)
		return
	}
	serveWrite(s, w, http.StatusOK, func(st *store) (*permissionGroup, error) {
		g, err := groupOf(st, r)
		if err != nil {
			return nil, err
		}
		if err := s.applyGroup(st, g, req); err != nil {
			return nil, err
		}
		return g, nil
	}, s.groupView)
}

// removeGroup deletes a permission group; emulator users that name it keep its id.
func (st *store) removeGroup(g *permissionGroup) { delete(st.Groups, g.ID) }
