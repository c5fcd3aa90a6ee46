package configcat

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// SegmentFromWire reads a segment.
func SegmentFromWire(s *Segment) *spec.Segment {
	return &spec.Segment{Name: s.Name, Description: deref(s.Description), Attribute: s.ComparisonAttribute,
		Comparator: s.Comparator, Value: s.ComparisonValue}
}

// SegmentRequestFromSpec builds the create or update body of a segment.
func SegmentRequestFromSpec(s *spec.Segment) SegmentRequest {
	return SegmentRequest{Name: strPtr(s.Name), Description: text(s.Description), ComparisonAttribute: strPtr(s.Attribute),
		Comparator: strPtr(s.Comparator), ComparisonValue: strPtr(s.Value)}
}

// WebhookFromWire reads a webhook. A secure header keeps only its key and Secure: its value is write-only.
func WebhookFromWire(w *Webhook) *spec.Webhook {
	out := &spec.Webhook{Config: w.Config.Name, Environment: w.Environment.Name, URL: w.URL,
		Method: strings.ToLower(w.HTTPMethod), Content: deref(w.Content)}
	for _, h := range w.WebHookHeaders {
		if h.IsSecure {
			out.Headers = append(out.Headers, &spec.WebhookHeader{Key: h.Key, Secure: true})
		} else {
			out.Headers = append(out.Headers, &spec.WebhookHeader{Key: h.Key, Value: h.Value})
		}
	}
	return out
}

// WebhookRequestFromSpec builds a webhook's create or replace body. A secure header's value comes from
// Value, else from the environment variable ValueFromEnv through lookupEnv (e.g. os.LookupEnv); a missing
// one is an error that names the variable, never a value.
func WebhookRequestFromSpec(w *spec.Webhook, lookupEnv func(string) (string, bool)) (WebhookRequest, error) {
	req := WebhookRequest{URL: w.URL, HTTPMethod: strings.ToLower(w.Method), WebHookHeaders: []WebhookHeader{}}
	if req.HTTPMethod == "" {
		req.HTTPMethod = "get"
	}
	if w.Content != "" {
		c := w.Content
		req.Content = &c
	}
	for _, h := range w.Headers {
		v := h.Value
		if v == "" && h.ValueFromEnv != "" {
			var ok bool
			if lookupEnv != nil {
				v, ok = lookupEnv(h.ValueFromEnv)
			}
			if !ok || v == "" {
				return req, fmt.Errorf("webhook %s: header %q: environment variable %s is not set", w.URL, h.Key, h.ValueFromEnv)
			}
		}
		if v == "" {
			return req, fmt.Errorf("webhook %s: header %q has no value", w.URL, h.Key)
		}
		req.WebHookHeaders = append(req.WebHookHeaders, WebhookHeader{Key: h.Key, Value: v, IsSecure: h.Secure})
	}
	return req, nil
}

// PermissionGroupFromWire reads a permission group; envNames maps the product's environment ids to names.
// Per-environment access is kept only when the group's access type is custom (likewise approval
// permissions), since it means nothing otherwise. ConfigCat lists only the environments a custom group was
// given access to, so every other environment of the product reads as "none".
func PermissionGroupFromWire(g *PermissionGroup, envNames map[string]string) *spec.PermissionGroup {
	out := &spec.PermissionGroup{Name: g.Name, Permissions: permissionsFromWire(g.PermissionFlags),
		AccessType: g.AccessType, NewEnvironmentAccessType: g.NewEnvironmentAccessType,
		ApprovalPermissionType: g.ApprovalPermissionType, NewEnvironmentApprovalPermissionType: g.NewEnvironmentApprovalPermissionType}
	if g.AccessType == "custom" {
		out.EnvironmentAccess = environmentAccessFromWire(g.EnvironmentAccesses, envNames)
	}
	if g.ApprovalPermissionType == "custom" {
		for _, a := range g.EnvironmentApprovalPermissions {
			name := envNames[a.EnvironmentID]
			if name == "" {
				continue
			}
			if out.EnvironmentApprovalPermissions == nil {
				out.EnvironmentApprovalPermissions = map[string]string{}
			}
			out.EnvironmentApprovalPermissions[name] = a.EnvironmentApprovalPermissionType
		}
	}
	return out
}

// environmentAccessFromWire maps a custom group's listed accesses to environment names, with "none" for the
// environments of envNames it does not list; nil when there is nothing to say.
func environmentAccessFromWire(listed []EnvironmentAccess, envNames map[string]string) map[string]string {
	out := map[string]string{}
	for _, name := range envNames {
		out[name] = "none"
	}
	for _, a := range listed {
		name := envNames[a.EnvironmentID]
		if name == "" {
			name = a.Name
		}
		if name != "" {
			out[name] = a.EnvironmentAccessType
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// PermissionGroupRequestFromSpec builds a permission group's create or update body; envIDs maps
// spec.Key(environment name) to ids.
func PermissionGroupRequestFromSpec(g *spec.PermissionGroup, envIDs map[string]string) (PermissionGroupRequest, error) {
	req := PermissionGroupRequest{Name: g.Name, PermissionFlags: permissionsToWire(g.Permissions),
		PermissionAccess: PermissionAccess{AccessType: g.AccessType, NewEnvironmentAccessType: g.NewEnvironmentAccessType,
			ApprovalPermissionType:               g.ApprovalPermissionType,
			NewEnvironmentApprovalPermissionType: g.NewEnvironmentApprovalPermissionType}}
	for _, name := range slices.Sorted(maps.Keys(g.EnvironmentAccess)) {
		id, ok := envIDs[spec.Key(name)]
		if !ok {
			return req, fmt.Errorf("permission group %q: unknown environment %q", g.Name, name)
		}
		req.EnvironmentAccesses = append(req.EnvironmentAccesses, EnvironmentAccess{EnvironmentID: id, EnvironmentAccessType: g.EnvironmentAccess[name]})
	}
	for _, name := range slices.Sorted(maps.Keys(g.EnvironmentApprovalPermissions)) {
		id, ok := envIDs[spec.Key(name)]
		if !ok {
			return req, fmt.Errorf("permission group %q: unknown environment %q", g.Name, name)
		}
		req.EnvironmentApprovalPermissions = append(req.EnvironmentApprovalPermissions,
			EnvironmentApprovalPermission{EnvironmentID: id, EnvironmentApprovalPermissionType: g.EnvironmentApprovalPermissions[name]})
	}
	return req, nil
}

// permissionRights pairs every right of s with its can* flag in w, for copying either way.
func permissionRights(s *spec.Permissions, w *PermissionFlags) [][2]*bool {
	return [][2]*bool{
		{&s.ManageMembers, &w.CanManageMembers},
		{&s.CreateOrUpdateConfig, &w.CanCreateOrUpdateConfig},
		{&s.DeleteConfig, &w.CanDeleteConfig},
		{&s.CreateOrUpdateEnvironment, &w.CanCreateOrUpdateEnvironment},
		{&s.DeleteEnvironment, &w.CanDeleteEnvironment},
		{&s.CreateOrUpdateSetting, &w.CanCreateOrUpdateSetting},
		{&s.TagSetting, &w.CanTagSetting},
		{&s.DeleteSetting, &w.CanDeleteSetting},
		{&s.CreateOrUpdateTag, &w.CanCreateOrUpdateTag},
		{&s.DeleteTag, &w.CanDeleteTag},
		{&s.ManageWebhook, &w.CanManageWebhook},
		{&s.UseExportImport, &w.CanUseExportImport},
		{&s.ManageProductPreferences, &w.CanManageProductPreferences},
		{&s.ManageIntegrations, &w.CanManageIntegrations},
		{&s.ViewSdkKey, &w.CanViewSdkKey},
		{&s.RotateSdkKey, &w.CanRotateSdkKey},
		{&s.CreateOrUpdateSegments, &w.CanCreateOrUpdateSegments},
		{&s.DeleteSegments, &w.CanDeleteSegments},
		{&s.ViewProductAuditLog, &w.CanViewProductAuditLog},
		{&s.ViewProductStatistics, &w.CanViewProductStatistics},
		{&s.Disable2FA, &w.CanDisable2FA},
	}
}

func permissionsFromWire(p PermissionFlags) spec.Permissions {
	var out spec.Permissions
	for _, r := range permissionRights(&out, &p) {
		*r[0] = *r[1]
	}
	return out
}

func permissionsToWire(p spec.Permissions) PermissionFlags {
	var out PermissionFlags
	for _, r := range permissionRights(&p, &out) {
		*r[1] = *r[0]
	}
	return out
}

// PreferencesFromWire reads a product's preferences; envNames maps environment ids to names.
func PreferencesFromWire(p *Preferences, envNames map[string]string) *spec.Preferences {
	out := &spec.Preferences{ReasonRequired: p.ReasonRequired, KeyGenerationMode: p.KeyGenerationMode,
		ShowVariationID: p.ShowVariationID, MandatorySettingHint: p.MandatorySettingHint, ApproveRequired: p.ApproveRequired}
	for _, e := range p.ReasonRequiredEnvironments {
		if e.ReasonRequired {
			out.ReasonRequiredEnvironments = append(out.ReasonRequiredEnvironments, envName(e.EnvironmentID, e.EnvironmentName, envNames))
		}
	}
	for _, e := range p.ApproveRequiredEnvironments {
		if e.ApproveRequired {
			out.ApproveRequiredEnvironments = append(out.ApproveRequiredEnvironments, envName(e.EnvironmentID, e.EnvironmentName, envNames))
		}
	}
	return out
}

// envName is the name of environment id: by envNames, else the name the answer gave, else the id.
func envName(id string, given *string, envNames map[string]string) string {
	if _, known := envNames[id]; !known && given != nil && *given != "" {
		return *given
	}
	return nameOrID(envNames, id)
}

// nameOrID is the name that names give id, or id itself when they give none.
func nameOrID(names map[string]string, id string) string {
	if n, ok := names[id]; ok {
		return n
	}
	return id
}

// PreferencesRequestFromSpec builds the preferences body: every field, and an entry for every environment in
// envIDs (spec.Key(name) to id), so that environments not listed are switched off.
func PreferencesRequestFromSpec(p *spec.Preferences, envIDs map[string]string) (PreferencesRequest, error) {
	if p == nil {
		p = &spec.Preferences{}
	}
	mode := p.KeyGenerationMode
	if mode == "" {
		mode = "camelCase"
	}
	req := PreferencesRequest{ReasonRequired: &p.ReasonRequired, KeyGenerationMode: &mode, ShowVariationID: &p.ShowVariationID,
		MandatorySettingHint: &p.MandatorySettingHint, ApproveRequired: &p.ApproveRequired,
		ReasonRequiredEnvironments: []ReasonRequiredEnvironment{}, ApproveRequiredEnvironments: []ApproveRequiredEnvironment{}}
	reason, err := nameSet(p.ReasonRequiredEnvironments, envIDs)
	if err != nil {
		return req, fmt.Errorf("preferences: reasonRequiredEnvironments: %w", err)
	}
	approve, err := nameSet(p.ApproveRequiredEnvironments, envIDs)
	if err != nil {
		return req, fmt.Errorf("preferences: approveRequiredEnvironments: %w", err)
	}
	for _, k := range slices.Sorted(maps.Keys(envIDs)) {
		req.ReasonRequiredEnvironments = append(req.ReasonRequiredEnvironments, ReasonRequiredEnvironment{EnvironmentID: envIDs[k], ReasonRequired: reason[k]})
		req.ApproveRequiredEnvironments = append(req.ApproveRequiredEnvironments, ApproveRequiredEnvironment{EnvironmentID: envIDs[k], ApproveRequired: approve[k]})
	}
	return req, nil
}

func nameSet(names []string, envIDs map[string]string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, n := range names {
		if _, ok := envIDs[spec.Key(n)]; !ok {
			return nil, fmt.Errorf("unknown environment %q", n)
		}
		set[spec.Key(n)] = true
	}
	return set, nil
}

// VariationsFromWire reads predefined variations.
func VariationsFromWire(vs []PredefinedVariation, flagType spec.FlagType) []*spec.Variation {
	var out []*spec.Variation
	for _, v := range vs {
		val, _ := wireValue(v.Value, flagType)
		out = append(out, &spec.Variation{Value: val, Name: deref(v.Name), Hint: deref(v.Hint)})
	}
	return out
}

// VariationsToWire builds a flag's predefined variations for CreateSettingRequest.
func VariationsToWire(vs []*spec.Variation) []CreatePredefinedVariation {
	var out []CreatePredefinedVariation
	for _, v := range vs {
		out = append(out, variationToWire(v))
	}
	return out
}

func variationToWire(v *spec.Variation) CreatePredefinedVariation {
	return CreatePredefinedVariation{Value: variationValueToWire(v.Value), Name: strPtr(v.Name), Hint: strPtr(v.Hint)}
}

// UpdateVariationsFromSpec builds the predefined-variations replace body, keeping the ids of variations whose
// value is unchanged (ids maps ValueKey to id, e.g. RemoteFlag.Variations).
func UpdateVariationsFromSpec(vs []*spec.Variation, ids map[string]string) []UpdatePredefinedVariation {
	out := []UpdatePredefinedVariation{}
	for _, v := range vs {
		u := UpdatePredefinedVariation{CreatePredefinedVariation: variationToWire(v)}
		if id, ok := ids[ValueKey(v.Value)]; ok {
			u.PredefinedVariationID = &id
		}
		out = append(out, u)
	}
	return out
}

// CreateSettingRequestFromSpec builds a flag's create body with its plain default value as the initial value
// in every environment of envIDs (spec.Key(name) to id) that has one; tagIDs maps spec.Key(tag name) to ids.
// Rules and percentages need a values write afterwards.
func CreateSettingRequestFromSpec(f *spec.Flag, envIDs map[string]string, tagIDs map[string]int64) (CreateSettingRequest, error) {
	tags, err := tagIDList(f, tagIDs)
	if err != nil {
		return CreateSettingRequest{}, err
	}
	req := CreateSettingRequest{Key: f.Key, Name: cmp.Or(f.Name, f.Key), SettingType: string(f.Type), Hint: strPtr(f.Hint), Tags: tags, Order: order32(f.Order),
		PredefinedVariations: VariationsToWire(f.Variations)}
	if f.IsJSON {
		t := true
		req.IsJSON = &t
	}
	for envName, ev := range f.Values {
		id, ok := envIDs[spec.Key(envName)]
		if !ok {
			return req, fmt.Errorf("flag %q: unknown environment %q", f.Key, envName)
		}
		if ev == nil || !ev.Default.IsSet() {
			continue
		}
		req.InitialValues = append(req.InitialValues, InitialValue{EnvironmentID: &id, Value: ev.Default})
	}
	sort.Slice(req.InitialValues, func(i, j int) bool { return *req.InitialValues[i].EnvironmentID < *req.InitialValues[j].EnvironmentID })
	return req, nil
}

// ReplaceSettingRequestFromSpec builds a flag's full metadata replace (name, hint, tags, order, isJson).
func ReplaceSettingRequestFromSpec(f *spec.Flag, tagIDs map[string]int64) (ReplaceSettingRequest, error) {
	tags, err := tagIDList(f, tagIDs)
	if err != nil {
		return ReplaceSettingRequest{}, err
	}
	if tags == nil {
		tags = []int64{}
	}
	isJSON := f.IsJSON
	return ReplaceSettingRequest{Name: cmp.Or(f.Name, f.Key), Hint: strPtr(f.Hint), Tags: tags, Order: order32(f.Order), IsJSON: &isJSON}, nil
}

func tagIDList(f *spec.Flag, tagIDs map[string]int64) ([]int64, error) {
	var out []int64
	for _, t := range f.Tags {
		id, ok := tagIDs[spec.Key(t)]
		if !ok {
			return nil, fmt.Errorf("flag %q: unknown tag %q", f.Key, t)
		}
		out = append(out, id)
	}
	return out, nil
}
