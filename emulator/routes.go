package emulator

import "net/http"

// routes registers every endpoint. The patterns are the spec's path templates; their parameter names are
// the spec's, so that the request log and the counters read like the spec.
func (s *Server) routes() {
	s.routeAccount()
	s.routeProductObjects()
	s.routeSettings()
	s.routeValues()
	s.routeProductExtras()
	s.routeChangeRequests()
	s.routeReview()
}

// handle registers one endpoint.
func (s *Server) handle(pattern string, f http.HandlerFunc) { s.mux.HandleFunc(pattern, f) }

// kindRoutes are the five endpoints of an object kind: list and create on its collection (under its
// parent), read, update and delete on an item.
type kindRoutes struct {
	collection, item                  string
	list, create, get, update, remove http.HandlerFunc
}

func (s *Server) routeKind(k kindRoutes) {
	s.handle("GET "+k.collection, k.list)
	s.handle("POST "+k.collection, k.create)
	s.handle("GET "+k.item, k.get)
	s.handle("PUT "+k.item, k.update)
	s.handle("DELETE "+k.item, k.remove)
}

func (s *Server) routeAccount() {
	s.handle("GET /v1/me", s.getMe)
	s.handle("GET /v1/organizations", s.listOrganizations)
	s.handle("GET /v1/organizations/{organizationId}/organization-limitations", s.getLimitations)

	s.handle("GET /v1/products", s.listProducts)
	s.handle("POST /v1/organizations/{organizationId}/products", s.createProduct)
	s.handle("GET /v1/products/{productId}", getter(s, productOf, s.productEntry))
	s.handle("PUT /v1/products/{productId}", s.updateProduct)
	s.handle("DELETE /v1/products/{productId}", remover(s, productOf, (*store).deleteProduct))
	s.handle("GET /v1/products/{productId}/preferences", getter(s, productOf, preferencesView))
	s.handle("POST /v1/products/{productId}/preferences", s.updatePreferences)
}

// routeProductObjects registers the kinds that live in a product: configs, environments, tags, segments.
func (s *Server) routeProductObjects() {
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/configs", item: "/v1/configs/{configId}",
		list: lister(s, productOf, (*store).productConfigs, s.configView), create: s.createConfig,
		get: getter(s, configOf, s.configView), update: s.updateConfig, remove: remover(s, configOf, (*store).deleteConfig)})
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/environments", item: "/v1/environments/{environmentId}",
		list: lister(s, productOf, (*store).productEnvironments, s.environmentView), create: s.createEnvironment,
		get: getter(s, environmentOf, s.environmentView), update: s.updateEnvironment,
		remove: remover(s, environmentOf, (*store).deleteEnvironment)})
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/tags", item: "/v1/tags/{tagId}",
		list: lister(s, productOf, (*store).productTags, s.tagView), create: s.createTag,
		get: getter(s, tagOf, s.tagView), update: s.updateTag, remove: remover(s, tagOf, (*store).deleteTag)})
	s.handle("GET /v1/tags/{tagId}/settings", s.listSettingsByTag)
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/segments", item: "/v1/segments/{segmentId}",
		list: s.listSegments, create: s.createSegment, get: getter(s, segmentOf, s.segmentView),
		update: s.updateSegment, remove: s.deleteSegment})
}

func (s *Server) routeSettings() {
	s.handle("GET /v1/configs/{configId}/settings", lister(s, configOf, (*store).configSettings, s.settingView))
	s.handle("POST /v1/configs/{configId}/settings", s.createSetting)
	s.handle("GET /v1/configs/{configId}/deleted-settings", s.listDeletedSettings)
	s.handle("GET /v1/settings/{settingId}", getter(s, settingOf, s.settingView))
	s.handle("PUT /v1/settings/{settingId}", s.replaceSetting)
	s.handle("PATCH /v1/settings/{settingId}", s.patchSetting)
	s.handle("DELETE /v1/settings/{settingId}", s.deleteSetting)
	s.handle("GET /v1/settings/{settingId}/predefined-variations", s.getVariations)
	s.handle("PUT /v1/settings/{settingId}/predefined-variations", s.updateVariations)
}

// routeValues registers the value endpoints; v1 and v2 have the same paths under their version.
func (s *Server) routeValues() {
	s.routeValueVersion("/v2", s.getValuesV2, s.postValuesV2, s.getValueV2, s.putValueV2, s.patchValueV2)
	s.routeValueVersion("/v1", s.getValuesV1, s.postValuesV1, s.getValueV1, s.putValueV1, s.patchValueV1)
}

func (s *Server) routeValueVersion(v string, getAll, postAll, get, put, patch http.HandlerFunc) {
	s.handle("GET "+v+"/configs/{configId}/environments/{environmentId}/values", getAll)
	s.handle("POST "+v+"/configs/{configId}/environments/{environmentId}/values", postAll)
	for _, one := range []string{"/environments/{environmentId}/settings/{settingId}/value", "/settings/{settingKeyOrId}/value"} {
		s.handle("GET "+v+one, get)
		s.handle("PUT "+v+one, put)
		s.handle("PATCH "+v+one, patch)
	}
}

// routeProductExtras registers integrations, webhooks, permission groups and SDK keys.
func (s *Server) routeProductExtras() {
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/integrations", item: "/v1/integrations/{integrationId}",
		list: s.listIntegrations, create: s.createIntegration, get: getter(s, integrationOf, s.integrationView),
		update: s.updateIntegration, remove: remover(s, integrationOf, (*store).removeIntegration)})
	s.handle("GET /v1/products/{productId}/webhooks", s.listWebhooks)
	s.handle("POST /v1/configs/{configId}/environments/{environmentId}/webhooks", s.createWebhook)
	s.handle("GET /v1/webhooks/{webhookId}", getter(s, webhookOf, s.webhookView))
	s.handle("PUT /v1/webhooks/{webhookId}", s.replaceWebhook)
	s.handle("PATCH /v1/webhooks/{webhookId}", s.patchWebhook)
	s.handle("DELETE /v1/webhooks/{webhookId}", remover(s, webhookOf, (*store).removeWebhook))
	s.handle("GET /v1/webhooks/{webhookId}/keys", s.getWebhookKeys)
	s.routeKind(kindRoutes{collection: "/v1/products/{productId}/permissions", item: "/v1/permissions/{permissionGroupId}",
		list: lister(s, productOf, (*store).productGroups, s.groupView), create: s.createGroup,
		get: getter(s, groupOf, s.groupView), update: s.updateGroup, remove: remover(s, groupOf, (*store).removeGroup)})
	s.handle("GET /v1/configs/{configId}/environments/{environmentId}", s.getSDKKeys)
}

func (s *Server) routeChangeRequests() {
	s.handle("POST /v2/configs/{configId}/environments/{environmentId}/change-requests", s.createChangeRequest)
	s.handle("GET /v2/products/{productId}/change-requests", s.listChangeRequests)
	s.handle("GET /v2/change-requests/{changeRequestId}", getter(s, changeRequestOf, s.changeRequestView))
	s.handle("PUT /v2/change-requests/{changeRequestId}", s.updateChangeRequest)
	s.handle("GET /v2/change-requests/{changeRequestId}/proposed-changes", s.getProposedChanges)
	s.handle("PUT /v2/change-requests/{changeRequestId}/proposed-changes", s.putProposedChanges)
	s.handle("DELETE /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}", s.deleteProposedChange)
	s.handle("POST /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}/resolve-conflicts", s.resolveConflicts)
	s.handle("POST /v2/change-requests/{changeRequestId}/approve", s.approveChangeRequest)
	s.handle("POST /v2/change-requests/{changeRequestId}/remove-approval", s.removeChangeRequestApproval)
	s.handle("POST /v2/change-requests/{changeRequestId}/apply", s.applyChangeRequest)
	s.handle("POST /v2/change-requests/{changeRequestId}/close", s.closeChangeRequest)
	s.handle("POST /v2/change-requests/{changeRequestId}/claim-ownership", s.claimChangeRequestOwnership)
	s.handle("POST /v2/change-requests/{changeRequestId}/comments", s.addChangeRequestComment)
	s.handle("PUT /v2/change-request-comments/{commentId}", s.updateChangeRequestComment)
	s.handle("DELETE /v2/change-request-comments/{commentId}", s.deleteChangeRequestComment)
}

// routeReview registers code references and the audit log.
func (s *Server) routeReview() {
	s.handle("GET /v1/settings/{settingId}/code-references", s.listCodeReferences)
	s.handle("POST /v1/code-references", s.uploadCodeReferences)
	s.handle("POST /v1/code-references/delete-reports", s.deleteCodeReferences)

	s.handle("GET /v2/products/{productId}/auditlogs", s.listAuditLogsV2)
	s.handle("GET /v1/products/{productId}/auditlogs", s.listAuditLogsV1)
	s.handle("GET /v2/organizations/{organizationId}/auditlogs", s.listAuditLogsV2)
	s.handle("GET /v1/organizations/{organizationId}/auditlogs", s.listAuditLogsV1)
}
