package emulator

import (
	"encoding/json"
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

// permissionGroupRequest is both CreatePermissionGroupRequest and UpdatePermissionGroupRequest.
type permissionGroupRequest struct {
	Name              *string `json:"name"`
	AccessType        *string `json:"accessType"`
	NewEnvAccess      *string `json:"newEnvironmentAccessType"`
	ApprovalType      *string `json:"approvalPermissionType"`
	NewEnvApproval    *string `json:"newEnvironmentApprovalPermissionType"`
	EnvironmentAccess []struct {
		EnvironmentID string `json:"environmentId"`
		Type          string `json:"environmentAccessType"`
	} `json:"environmentAccesses"`
	EnvironmentApproval []struct {
		EnvironmentID string `json:"environmentId"`
		Type          string `json:"environmentApprovalPermissionType"`
	} `json:"environmentApprovalPermissions"`
	flags map[string]*bool
}

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
	name := g.Name
	if err := updateName("Name", req.Name, 255, &name); err != nil {
		return err
	}
	sameName := func(o *permissionGroup) bool {
		return o.ProductID == g.ProductID && o.ID != g.ID && strings.EqualFold(o.Name, name)
	}
	if s.b.UniquePermissionGroupNames && exists(st.Groups, sameName) {
		return badRequest("Name", s.b.DuplicateNameMessage)
	}
	enum := func(field string, v *string, allowed map[string]bool, dst *string) error {
		if v == nil {
			return nil
		}
		if !allowed[*v] {
			return badRequest(field, "The value '"+*v+"' is not valid.")
		}
		*dst = *v
		return nil
	}
	next := *g
	next.Flags = map[string]bool{}
	for k, v := range g.Flags {
		next.Flags[k] = v
	}
	for _, e := range []error{
		enum("AccessType", req.AccessType, accessTypes, &next.AccessType),
		enum("NewEnvironmentAccessType", req.NewEnvAccess, envAccessTypes, &next.NewEnvAccess),
		enum("ApprovalPermissionType", req.ApprovalType, approvalTypes, &next.ApprovalType),
		enum("NewEnvironmentApprovalPermissionType", req.NewEnvApproval, envApprovalPermissions, &next.NewEnvApproval),
	} {
		if e != nil {
			return e
		}
	}
	ownEnv := func(id string) (string, bool) {
		e := st.Environments[strings.ToLower(id)]
		return strings.ToLower(id), e != nil && e.ProductID == g.ProductID
	}
	if req.EnvironmentAccess != nil {
		next.EnvAccess = map[string]string{}
		for _, a := range req.EnvironmentAccess {
			id, ok := ownEnv(a.EnvironmentID)
			if !ok {
				return badRequest("EnvironmentAccesses", "Environment not found.")
			}
			if !envAccessTypes[a.Type] {
				return badRequest("EnvironmentAccesses", "The value '"+a.Type+"' is not valid.")
			}
			next.EnvAccess[id] = a.Type
		}
	}
	if req.EnvironmentApproval != nil {
		next.EnvApproval = map[string]string{}
		for _, a := range req.EnvironmentApproval {
			id, ok := ownEnv(a.EnvironmentID)
			if !ok {
				return badRequest("EnvironmentApprovalPermissions", "Environment not found.")
			}
			if !envApprovalPermissions[a.Type] {
				return badRequest("EnvironmentApprovalPermissions", "The value '"+a.Type+"' is not valid.")
			}
			next.EnvApproval[id] = a.Type
		}
	}
	for name, v := range req.flags {
		if v != nil {
			next.Flags[name] = *v
		}
	}
	if next.Flags["canDeleteConfig"] && !(next.Flags["canCreateOrUpdateConfig"] && next.Flags["canDeleteSetting"]) {
		return badRequest("", "CanDeleteConfig is not allowed without the CanCreateOrUpdateConfig and CanDeleteSetting permissions.")
	}
	next.Name = name
	*g = next
	return nil
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
