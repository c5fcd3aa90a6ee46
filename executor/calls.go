package executor

import (
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Endpoints as "METHOD /template", the way the client's Stats and the emulator's Counts name them.
const (
	callCreateProduct     = "POST /v1/organizations/{organizationId}/products"
	callUpdateProduct     = "PUT /v1/products/{productId}"
	callDeleteProduct     = "DELETE /v1/products/{productId}"
	callUpdatePreferences = "POST /v1/products/{productId}/preferences"
	callCreateEnvironment = "POST /v1/products/{productId}/environments"
	callUpdateEnvironment = "PUT /v1/environments/{environmentId}"
	callDeleteEnvironment = "DELETE /v1/environments/{environmentId}"
	callCreateConfig      = "POST /v1/products/{productId}/configs"
	callUpdateConfig      = "PUT /v1/configs/{configId}"
	callDeleteConfig      = "DELETE /v1/configs/{configId}"
	callCreateTag         = "POST /v1/products/{productId}/tags"
	callUpdateTag         = "PUT /v1/tags/{tagId}"
	callDeleteTag         = "DELETE /v1/tags/{tagId}"
	callCreateSegment     = "POST /v1/products/{productId}/segments"
	callUpdateSegment     = "PUT /v1/segments/{segmentId}"
	callDeleteSegment     = "DELETE /v1/segments/{segmentId}"
	callCreateGroup       = "POST /v1/products/{productId}/permissions"
	callUpdateGroup       = "PUT /v1/permissions/{permissionGroupId}"
	callDeleteGroup       = "DELETE /v1/permissions/{permissionGroupId}"
	callCreateWebhook     = "POST /v1/configs/{configId}/environments/{environmentId}/webhooks"
	callReplaceWebhook    = "PUT /v1/webhooks/{webhookId}"
	callDeleteWebhook     = "DELETE /v1/webhooks/{webhookId}"
	callCreateSetting     = "POST /v1/configs/{configId}/settings"
	callReplaceSetting    = "PUT /v1/settings/{settingId}"
	callDeleteSetting     = "DELETE /v1/settings/{settingId}"
	callUpdateVariations  = "PUT /v1/settings/{settingId}/predefined-variations"
	callPostValuesV1      = "POST /v1/configs/{configId}/environments/{environmentId}/values"
	callPostValuesV2      = "POST /v2/configs/{configId}/environments/{environmentId}/values"
)

var callTable = map[planner.Kind]map[planner.Op]string{
	planner.KindProduct:         {planner.Create: callCreateProduct, planner.Update: callUpdateProduct, planner.Delete: callDeleteProduct},
	planner.KindPreferences:     {planner.Update: callUpdatePreferences},
	planner.KindEnvironment:     {planner.Create: callCreateEnvironment, planner.Update: callUpdateEnvironment, planner.Delete: callDeleteEnvironment},
	planner.KindConfig:          {planner.Create: callCreateConfig, planner.Update: callUpdateConfig, planner.Delete: callDeleteConfig},
	planner.KindTag:             {planner.Create: callCreateTag, planner.Update: callUpdateTag, planner.Delete: callDeleteTag},
	planner.KindSegment:         {planner.Create: callCreateSegment, planner.Update: callUpdateSegment, planner.Delete: callDeleteSegment},
	planner.KindPermissionGroup: {planner.Create: callCreateGroup, planner.Update: callUpdateGroup, planner.Delete: callDeleteGroup},
	planner.KindWebhook:         {planner.Create: callCreateWebhook, planner.Update: callReplaceWebhook, planner.Delete: callDeleteWebhook},
	planner.KindFlag:            {planner.Create: callCreateSetting, planner.Update: callReplaceSetting, planner.Delete: callDeleteSetting},
	planner.KindVariation:       {planner.Create: callUpdateVariations, planner.Update: callUpdateVariations, planner.Delete: callUpdateVariations},
}

// Calls lists the calls Execute makes for c (one each), as "METHOD /template". A values change is one batch
// write to the v1 or v2 endpoint, by its config's evaluation version. Lookups a client makes to recover a
// create whose answer was lost are not counted.
func (e *Executor) Calls(c planner.Change) []string {
	if c.Kind == planner.KindValues {
		if e.evaluationVersion(c.Address) == spec.EvaluationV1 {
			return []string{callPostValuesV1}
		}
		return []string{callPostValuesV2}
	}
	if call, ok := callTable[c.Kind][c.Op]; ok {
		return []string{call}
	}
	return nil
}

// evaluationVersion is the evaluation version of the change's config: as fetched, as created in this run, or
// as the plan will create it.
func (e *Executor) evaluationVersion(a planner.Address) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p := e.remote.Product(a.Product); p != nil {
		if c := p.Config(a.Config); c != nil {
			return c.EvaluationVersion
		}
	}
	if v, ok := e.planned[configKey(a.Product, a.Config)]; ok {
		return v
	}
	return spec.EvaluationV2
}
