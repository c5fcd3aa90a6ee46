package emulator

import "net/http"

// routes registers every endpoint. The patterns are the spec's path templates; their parameter names are
// the spec's, so that the request log and the counters read like the spec.
func (s *Server) routes() {
	h := func(pattern string, f http.HandlerFunc) { s.mux.HandleFunc(pattern, f) }

	h("GET /v1/me", s.getMe)
	h("GET /v1/organizations", s.listOrganizations)
	h("GET /v1/organizations/{organizationId}/organization-limitations", s.getLimitations)

	h("GET /v1/products", s.listProducts)
	h("POST /v1/organizations/{organizationId}/products", s.createProduct)
	h("GET /v1/products/{productId}", getter(s, productOf, s.productEntry))
	h("PUT /v1/products/{productId}", s.updateProduct)
	h("DELETE /v1/products/{productId}", remover(s, productOf, (*store).deleteProduct))
	h("GET /v1/products/{productId}/preferences", getter(s, productOf, preferencesView))
	h("POST /v1/products/{productId}/preferences", s.updatePreferences)

	h("GET /v1/products/{productId}/configs", lister(s, productOf, (*store).productConfigs, s.configView))
	h("POST /v1/products/{productId}/configs", s.createConfig)
	h("GET /v1/configs/{configId}", getter(s, configOf, s.configView))
	h("PUT /v1/configs/{configId}", s.updateConfig)
	h("DELETE /v1/configs/{configId}", remover(s, configOf, (*store).deleteConfig))

	h("GET /v1/products/{productId}/environments", lister(s, productOf, (*store).productEnvironments, s.environmentView))
	h("POST /v1/products/{productId}/environments", s.createEnvironment)
	h("GET /v1/environments/{environmentId}", getter(s, environmentOf, s.environmentView))
	h("PUT /v1/environments/{environmentId}", s.updateEnvironment)
	h("DELETE /v1/environments/{environmentId}", remover(s, environmentOf, (*store).deleteEnvironment))

	h("GET /v1/products/{productId}/tags", lister(s, productOf, (*store).productTags, s.tagView))
	h("POST /v1/products/{productId}/tags", s.createTag)
	h("GET /v1/tags/{tagId}", getter(s, tagOf, s.tagView))
	h("PUT /v1/tags/{tagId}", s.updateTag)
	h("DELETE /v1/tags/{tagId}", remover(s, tagOf, (*store).deleteTag))
	h("GET /v1/tags/{tagId}/settings", s.listSettingsByTag)

	h("GET /v1/products/{productId}/segments", s.listSegments)
	h("POST /v1/products/{productId}/segments", s.createSegment)
	h("GET /v1/segments/{segmentId}", getter(s, segmentOf, s.segmentView))
	h("PUT /v1/segments/{segmentId}", s.updateSegment)
	h("DELETE /v1/segments/{segmentId}", s.deleteSegment)

	h("GET /v1/configs/{configId}/settings", lister(s, configOf, (*store).configSettings, s.settingView))
	h("POST /v1/configs/{configId}/settings", s.createSetting)
	h("GET /v1/configs/{configId}/deleted-settings", s.listDeletedSettings)
	h("GET /v1/settings/{settingId}", getter(s, settingOf, s.settingView))
	h("PUT /v1/settings/{settingId}", s.replaceSetting)
	h("PATCH /v1/settings/{settingId}", s.patchSetting)
	h("DELETE /v1/settings/{settingId}", s.deleteSetting)
	h("GET /v1/settings/{settingId}/predefined-variations", s.getVariations)
	h("PUT /v1/settings/{settingId}/predefined-variations", s.updateVariations)

	h("GET /v2/configs/{configId}/environments/{environmentId}/values", s.getValuesV2)
	h("POST /v2/configs/{configId}/environments/{environmentId}/values", s.postValuesV2)
	h("GET /v2/environments/{environmentId}/settings/{settingId}/value", s.getValueV2)
	h("PUT /v2/environments/{environmentId}/settings/{settingId}/value", s.putValueV2)
	h("PATCH /v2/environments/{environmentId}/settings/{settingId}/value", s.patchValueV2)
	h("GET /v2/settings/{settingKeyOrId}/value", s.getValueV2)
	h("PUT /v2/settings/{settingKeyOrId}/value", s.putValueV2)
	h("PATCH /v2/settings/{settingKeyOrId}/value", s.patchValueV2)

	h("GET /v1/configs/{configId}/environments/{environmentId}/values", s.getValuesV1)
	h("POST /v1/configs/{configId}/environments/{environmentId}/values", s.postValuesV1)
	h("GET /v1/environments/{environmentId}/settings/{settingId}/value", s.getValueV1)
	h("PUT /v1/environments/{environmentId}/settings/{settingId}/value", s.putValueV1)
	h("PATCH /v1/environments/{environmentId}/settings/{settingId}/value", s.patchValueV1)
	h("GET /v1/settings/{settingKeyOrId}/value", s.getValueV1)
	h("PUT /v1/settings/{settingKeyOrId}/value", s.putValueV1)
	h("PATCH /v1/settings/{settingKeyOrId}/value", s.patchValueV1)

	h("GET /v1/products/{productId}/integrations", s.listIntegrations)
	h("POST /v1/products/{productId}/integrations", s.createIntegration)
	h("GET /v1/integrations/{integrationId}", getter(s, integrationOf, s.integrationView))
	h("PUT /v1/integrations/{integrationId}", s.updateIntegration)
	h("DELETE /v1/integrations/{integrationId}", remover(s, integrationOf, (*store).removeIntegration))
	h("GET /v1/products/{productId}/webhooks", s.listWebhooks)
	h("POST /v1/configs/{configId}/environments/{environmentId}/webhooks", s.createWebhook)
	h("GET /v1/webhooks/{webhookId}", getter(s, webhookOf, s.webhookView))
	h("PUT /v1/webhooks/{webhookId}", s.replaceWebhook)
	h("PATCH /v1/webhooks/{webhookId}", s.patchWebhook)
	h("DELETE /v1/webhooks/{webhookId}", remover(s, webhookOf, (*store).removeWebhook))
	h("GET /v1/webhooks/{webhookId}/keys", s.getWebhookKeys)

	h("GET /v1/products/{productId}/permissions", lister(s, productOf, (*store).productGroups, s.groupView))
	h("POST /v1/products/{productId}/permissions", s.createGroup)
	h("GET /v1/permissions/{permissionGroupId}", getter(s, groupOf, s.groupView))
	h("PUT /v1/permissions/{permissionGroupId}", s.updateGroup)
	h("DELETE /v1/permissions/{permissionGroupId}", remover(s, groupOf, (*store).removeGroup))

	h("GET /v1/configs/{configId}/environments/{environmentId}", s.getSDKKeys)

	h("POST /v2/configs/{configId}/environments/{environmentId}/change-requests", s.createChangeRequest)
	h("GET /v2/products/{productId}/change-requests", s.listChangeRequests)
	h("GET /v2/change-requests/{changeRequestId}", getter(s, changeRequestOf, s.changeRequestView))
	h("PUT /v2/change-requests/{changeRequestId}", s.updateChangeRequest)
	h("GET /v2/change-requests/{changeRequestId}/proposed-changes", s.getProposedChanges)
	h("PUT /v2/change-requests/{changeRequestId}/proposed-changes", s.putProposedChanges)
	h("DELETE /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}", s.deleteProposedChange)
	h("POST /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}/resolve-conflicts", s.resolveConflicts)
	h("POST /v2/change-requests/{changeRequestId}/approve", s.approveChangeRequest)
	h("POST /v2/change-requests/{changeRequestId}/remove-approval", s.removeChangeRequestApproval)
	h("POST /v2/change-requests/{changeRequestId}/apply", s.applyChangeRequest)
	h("POST /v2/change-requests/{changeRequestId}/close", s.closeChangeRequest)
	h("POST /v2/change-requests/{changeRequestId}/claim-ownership", s.claimChangeRequestOwnership)
	h("POST /v2/change-requests/{changeRequestId}/comments", s.addChangeRequestComment)
	h("PUT /v2/change-request-comments/{commentId}", s.updateChangeRequestComment)
	h("DELETE /v2/change-request-comments/{commentId}", s.deleteChangeRequestComment)

	h("GET /v1/settings/{settingId}/code-references", s.listCodeReferences)
	h("POST /v1/code-references", s.uploadCodeReferences)
	h("POST /v1/code-references/delete-reports", s.deleteCodeReferences)

	h("GET /v2/products/{productId}/auditlogs", s.listAuditLogsV2)
	h("GET /v1/products/{productId}/auditlogs", s.listAuditLogsV1)
	h("GET /v2/organizations/{organizationId}/auditlogs", s.listAuditLogsV2)
	h("GET /v1/organizations/{organizationId}/auditlogs", s.listAuditLogsV1)
}
