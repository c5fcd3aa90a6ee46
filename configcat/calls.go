package configcat

import "net/http"

// What the API's endpoints are about, in the words errors and progress lines use instead of path templates:
// users read "ConfigCat refused creating a flag", never "POST /v1/configs/{configId}/settings".
var callNouns = map[string]struct{ one, many string }{
	tMe:                {"the credentials' user", "the credentials' user"},
	tOrganizations:     {"an organization", "the organizations"},
	tProducts:          {"a product", "the products"},
	tOrgProducts:       {"a product", "the products"},
	tProduct:           {"a product", "a product"},
	tPreferences:       {"a product's preferences", "a product's preferences"},
	tConfigs:           {"a config", "the configs"},
	tConfig:            {"a config", "a config"},
	tEnvironments:      {"an environment", "the environments"},
	tEnvironment:       {"an environment", "an environment"},
	tTags:              {"a tag", "the tags"},
	tTag:               {"a tag", "a tag"},
	tSegments:          {"a segment", "the segments"},
	tSegment:           {"a segment", "a segment"},
	tSettings:          {"a flag", "the flags"},
	tSetting:           {"a flag", "a flag"},
	tVariations:        {"a flag's predefined variations", "a flag's predefined variations"},
	tValuesV1:          {"a config's values in an environment", "a config's values in an environment"},
	tValuesV2:          {"a config's values in an environment", "a config's values in an environment"},
	tWebhooks:          {"a webhook", "the webhooks"},
	tConfigEnvWebhooks: {"a webhook", "the webhooks"},
	tWebhook:           {"a webhook", "a webhook"},
	tPermissionGroups:  {"a permission group", "the permission groups"},
	tPermissionGroup:   {"a permission group", "a permission group"},
	tSDKKeys:           {"the SDK keys", "the SDK keys"},
	tIntegrations:      {"an integration", "the integrations"},
	tIntegration:       {"an integration", "an integration"},

	tChangeRequests:        {"a change request", "the change requests"},
	tProductChangeRequests: {"a change request", "the change requests"},
	tChangeRequest:         {"a change request", "a change request"},
	tProposedChanges:       {"a change request's proposed values", "a change request's proposed values"},
	tProposedChange:        {"a change request's proposed value", "a change request's proposed value"},
	tCodeReferences:        {"a flag's code references", "a flag's code references"},
	tProductAuditLogs:      {"an audit log entry", "the audit log"},
}

// callActions name the endpoints that act on an object rather than create, read or change one.
var callActions = map[string]string{
	tApproveChangeRequest: "approving a change request",
	tApplyChangeRequest:   "applying a change request",
	tCloseChangeRequest:   "closing a change request",
}

// describeCall names a call as people do: "reading the flags", "creating a flag", "writing a config's values in
// an environment". An endpoint missing from callNouns falls back to its method and template.
func describeCall(method, template string) string {
	if a, ok := callActions[template]; ok {
		return a
	}
	n, ok := callNouns[template]
	if !ok {
		return method + " " + template
	}
	switch {
	case method == http.MethodGet:
		return "reading " + n.many
	case method == http.MethodDelete:
		return "deleting " + n.one
	case template == tValuesV1 || template == tValuesV2:
		return "writing " + n.one // a write of values replaces them: neither a create nor an update
	case method == http.MethodPost:
		return "creating " + n.one
	}
	return "updating " + n.one
}
