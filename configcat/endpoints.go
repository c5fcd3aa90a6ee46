package configcat

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/flagsync/flagsync/spec"
)

// Endpoint templates, as the emulator counts them ("METHOD /template") and as errors name them.
const (
	tMe                = "/v1/me"
	tOrganizations     = "/v1/organizations"
	tProducts          = "/v1/products"
	tOrgProducts       = "/v1/organizations/{organizationId}/products"
	tOrgLimitations    = "/v1/organizations/{organizationId}/organization-limitations"
	tProduct           = "/v1/products/{productId}"
	tPreferences       = "/v1/products/{productId}/preferences"
	tConfigs           = "/v1/products/{productId}/configs"
	tConfig            = "/v1/configs/{configId}"
	tEnvironments      = "/v1/products/{productId}/environments"
	tEnvironment       = "/v1/environments/{environmentId}"
	tTags              = "/v1/products/{productId}/tags"
	tTag               = "/v1/tags/{tagId}"
	tSegments          = "/v1/products/{productId}/segments"
	tSegment           = "/v1/segments/{segmentId}"
	tSettings          = "/v1/configs/{configId}/settings"
	tSetting           = "/v1/settings/{settingId}"
	tVariations        = "/v1/settings/{settingId}/predefined-variations"
	tValuesV1          = "/v1/configs/{configId}/environments/{environmentId}/values"
	tValuesV2          = "/v2/configs/{configId}/environments/{environmentId}/values"
	tWebhooks          = "/v1/products/{productId}/webhooks"
	tConfigEnvWebhooks = "/v1/configs/{configId}/environments/{environmentId}/webhooks"
	tWebhook           = "/v1/webhooks/{webhookId}"
	tPermissionGroups  = "/v1/products/{productId}/permissions"
	tPermissionGroup   = "/v1/permissions/{permissionGroupId}"
	tSDKKeys           = "/v1/configs/{configId}/environments/{environmentId}"

	tChangeRequests        = "/v2/configs/{configId}/environments/{environmentId}/change-requests"
	tProductChangeRequests = "/v2/products/{productId}/change-requests"
	tChangeRequest         = "/v2/change-requests/{changeRequestId}"
	tProposedChanges       = "/v2/change-requests/{changeRequestId}/proposed-changes"
	tProposedChange        = "/v2/change-requests/{changeRequestId}/proposed-changes/{settingId}"
	tApproveChangeRequest  = "/v2/change-requests/{changeRequestId}/approve"
	tApplyChangeRequest    = "/v2/change-requests/{changeRequestId}/apply"
	tCloseChangeRequest    = "/v2/change-requests/{changeRequestId}/close"
	tCodeReferences        = "/v1/settings/{settingId}/code-references"
	tProductAuditLogs      = "/v2/products/{productId}/auditlogs"
)

// The calls that write, as "METHOD /template": the way Stats, the emulator's Counts and the apply budget name
// them. Each names the template declared above, so that templates are spelt once.
const (
	CallCreateProduct     = http.MethodPost + " " + tOrgProducts
	CallUpdateProduct     = http.MethodPut + " " + tProduct
	CallDeleteProduct     = http.MethodDelete + " " + tProduct
	CallUpdatePreferences = http.MethodPost + " " + tPreferences
	CallCreateEnvironment = http.MethodPost + " " + tEnvironments
	CallUpdateEnvironment = http.MethodPut + " " + tEnvironment
	CallDeleteEnvironment = http.MethodDelete + " " + tEnvironment
	CallCreateConfig      = http.MethodPost + " " + tConfigs
	CallUpdateConfig      = http.MethodPut + " " + tConfig
	CallDeleteConfig      = http.MethodDelete + " " + tConfig
	CallCreateTag         = http.MethodPost + " " + tTags
	CallUpdateTag         = http.MethodPut + " " + tTag
	CallDeleteTag         = http.MethodDelete + " " + tTag
	CallCreateSegment     = http.MethodPost + " " + tSegments
	CallUpdateSegment     = http.MethodPut + " " + tSegment
	CallDeleteSegment     = http.MethodDelete + " " + tSegment
	CallCreateGroup       = http.MethodPost + " " + tPermissionGroups
	CallUpdateGroup       = http.MethodPut + " " + tPermissionGroup
	CallDeleteGroup       = http.MethodDelete + " " + tPermissionGroup
	CallCreateWebhook     = http.MethodPost + " " + tConfigEnvWebhooks
	CallReplaceWebhook    = http.MethodPut + " " + tWebhook
	CallDeleteWebhook     = http.MethodDelete + " " + tWebhook
	CallCreateSetting     = http.MethodPost + " " + tSettings
	CallReplaceSetting    = http.MethodPut + " " + tSetting
	CallDeleteSetting     = http.MethodDelete + " " + tSetting
	CallUpdateVariations  = http.MethodPut + " " + tVariations
	CallPostValuesV1      = http.MethodPost + " " + tValuesV1
	CallPostValuesV2      = http.MethodPost + " " + tValuesV2

	CallCreateChangeRequest   = http.MethodPost + " " + tChangeRequests
	CallUpdateChangeRequest   = http.MethodPut + " " + tChangeRequest
	CallUpdateProposedChanges = http.MethodPut + " " + tProposedChanges
	CallDeleteProposedChange  = http.MethodDelete + " " + tProposedChange
	CallApproveChangeRequest  = http.MethodPost + " " + tApproveChangeRequest
	CallApplyChangeRequest    = http.MethodPost + " " + tApplyChangeRequest
	CallCloseChangeRequest    = http.MethodPost + " " + tCloseChangeRequest
)

// The reads of the review features, named as the emulator counts them, for the call budgets of plan and drift.
const (
	CallListChangeRequests = http.MethodGet + " " + tProductChangeRequests
	CallCodeReferences     = http.MethodGet + " " + tCodeReferences
	CallProductAuditLogs   = http.MethodGet + " " + tProductAuditLogs
)

func (c *Client) get(ctx context.Context, template string, out any, args ...string) error {
	return c.do(ctx, &request{method: http.MethodGet, template: template, args: args, out: out, idempotent: true})
}

func (c *Client) write(ctx context.Context, method, template string, body, out any, args ...string) error {
	return c.do(ctx, &request{method: method, template: template, args: args, body: body, out: out,
		idempotent: method != http.MethodPost})
}

func i64(n int64) string { return strconv.FormatInt(n, 10) }
func i32(n int32) string { return strconv.FormatInt(int64(n), 10) }

// Me returns the owner of the credentials (GET /v1/me), a cheap credential check.
func (c *Client) Me(ctx context.Context) (*Me, error) {
	var out Me
	return &out, c.get(ctx, tMe, &out)
}

// Organizations lists the organizations the credentials can see.
func (c *Client) Organizations(ctx context.Context) ([]Organization, error) {
	var out []Organization
	return out, c.get(ctx, tOrganizations, &out)
}

// OrganizationLimitations reads an organization's plan limits.
func (c *Client) OrganizationLimitations(ctx context.Context, organizationID string) (*OrganizationLimitations, error) {
	var out OrganizationLimitations
	return &out, c.get(ctx, tOrgLimitations, &out, organizationID)
}

// Products lists the products of every organization the credentials can see.
func (c *Client) Products(ctx context.Context) ([]Product, error) {
	var out []Product
	return out, c.get(ctx, tProducts, &out)
}

// Product reads one product.
func (c *Client) Product(ctx context.Context, productID string) (*Product, error) {
	var out Product
	return &out, c.get(ctx, tProduct, &out, productID)
}

// CreateProduct creates a product in an organization. A lost answer is recovered by looking the name up.
func (c *Client) CreateProduct(ctx context.Context, organizationID string, req ProductRequest) (*Product, error) {
	var out Product
	return &out, c.create(ctx, tOrgProducts, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, func(ctx context.Context, _ string) ([]Product, error) { return c.Products(ctx) }, "",
			func(p Product) bool {
				return p.Organization.OrganizationID == organizationID && spec.Same(p.Name, deref(req.Name))
			}, &out)
	}, organizationID)
}

// UpdateProduct changes a product's name, description or order (nil fields are unchanged).
func (c *Client) UpdateProduct(ctx context.Context, productID string, req ProductRequest) (*Product, error) {
	var out Product
	return &out, c.write(ctx, http.MethodPut, tProduct, req, &out, productID)
}

// DeleteProduct deletes a product and everything in it.
func (c *Client) DeleteProduct(ctx context.Context, productID string) error {
	return c.write(ctx, http.MethodDelete, tProduct, nil, nil, productID)
}

// Preferences reads a product's preferences.
func (c *Client) Preferences(ctx context.Context, productID string) (*Preferences, error) {
	var out Preferences
	return &out, c.get(ctx, tPreferences, &out, productID)
}

// UpdatePreferences changes a product's preferences (a POST that replaces the fields it names, so it is
// retried like a PUT).
func (c *Client) UpdatePreferences(ctx context.Context, productID string, req PreferencesRequest) (*Preferences, error) {
	var out Preferences
	return &out, c.do(ctx, &request{method: http.MethodPost, template: tPreferences, args: []string{productID},
		body: req, out: &out, idempotent: true})
}

// Configs lists a product's configs.
func (c *Client) Configs(ctx context.Context, productID string) ([]ConfigModel, error) {
	var out []ConfigModel
	return out, c.get(ctx, tConfigs, &out, productID)
}

// Config reads one config.
func (c *Client) Config(ctx context.Context, configID string) (*ConfigModel, error) {
	var out ConfigModel
	return &out, c.get(ctx, tConfig, &out, configID)
}

// CreateConfig creates a config. A lost answer is recovered by looking the name up.
func (c *Client) CreateConfig(ctx context.Context, productID string, req CreateConfigRequest) (*ConfigModel, error) {
	var out ConfigModel
	return &out, c.create(ctx, tConfigs, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.Configs, productID, func(x ConfigModel) bool { return spec.Same(x.Name, req.Name) }, &out)
	}, productID)
}

// UpdateConfig changes a config's name, description or order (nil fields are unchanged).
func (c *Client) UpdateConfig(ctx context.Context, configID string, req UpdateConfigRequest) (*ConfigModel, error) {
	var out ConfigModel
	return &out, c.write(ctx, http.MethodPut, tConfig, req, &out, configID)
}

// DeleteConfig deletes a config and its flags.
func (c *Client) DeleteConfig(ctx context.Context, configID string) error {
	return c.write(ctx, http.MethodDelete, tConfig, nil, nil, configID)
}

// Environments lists a product's environments.
func (c *Client) Environments(ctx context.Context, productID string) ([]Environment, error) {
	var out []Environment
	return out, c.get(ctx, tEnvironments, &out, productID)
}

// Environment reads one environment.
func (c *Client) Environment(ctx context.Context, environmentID string) (*Environment, error) {
	var out Environment
	return &out, c.get(ctx, tEnvironment, &out, environmentID)
}

// CreateEnvironment creates an environment. A lost answer is recovered by looking the name up.
func (c *Client) CreateEnvironment(ctx context.Context, productID string, req EnvironmentRequest) (*Environment, error) {
	var out Environment
	return &out, c.create(ctx, tEnvironments, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.Environments, productID, func(x Environment) bool { return spec.Same(x.Name, deref(req.Name)) }, &out)
	}, productID)
}

// UpdateEnvironment changes an environment (nil fields are unchanged).
func (c *Client) UpdateEnvironment(ctx context.Context, environmentID string, req EnvironmentRequest) (*Environment, error) {
	var out Environment
	return &out, c.write(ctx, http.MethodPut, tEnvironment, req, &out, environmentID)
}

// DeleteEnvironment deletes an environment; cleanupAuditLogs also purges its audit log.
func (c *Client) DeleteEnvironment(ctx context.Context, environmentID string, cleanupAuditLogs bool) error {
	q := url.Values{}
	if cleanupAuditLogs {
		q.Set("cleanupAuditLogs", "true")
	}
	return c.do(ctx, &request{method: http.MethodDelete, template: tEnvironment, args: []string{environmentID},
		query: q, idempotent: true})
}

// Tags lists a product's tags.
func (c *Client) Tags(ctx context.Context, productID string) ([]Tag, error) {
	var out []Tag
	return out, c.get(ctx, tTags, &out, productID)
}

// Tag reads one tag.
func (c *Client) Tag(ctx context.Context, tagID int64) (*Tag, error) {
	var out Tag
	return &out, c.get(ctx, tTag, &out, i64(tagID))
}

// CreateTag creates a tag. A lost answer is recovered by looking the name up.
func (c *Client) CreateTag(ctx context.Context, productID string, req TagRequest) (*Tag, error) {
	var out Tag
	return &out, c.create(ctx, tTags, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.Tags, productID, func(x Tag) bool { return spec.Same(x.Name, deref(req.Name)) }, &out)
	}, productID)
}

// UpdateTag changes a tag's name or colour.
func (c *Client) UpdateTag(ctx context.Context, tagID int64, req TagRequest) (*Tag, error) {
	var out Tag
	return &out, c.write(ctx, http.MethodPut, tTag, req, &out, i64(tagID))
}

// DeleteTag deletes a tag.
func (c *Client) DeleteTag(ctx context.Context, tagID int64) error {
	return c.write(ctx, http.MethodDelete, tTag, nil, nil, i64(tagID))
}

// Segments lists a product's segments, without their conditions (see Segment).
func (c *Client) Segments(ctx context.Context, productID string) ([]SegmentListItem, error) {
	var out []SegmentListItem
	return out, c.get(ctx, tSegments, &out, productID)
}

// Segment reads one segment with its condition.
func (c *Client) Segment(ctx context.Context, segmentID string) (*Segment, error) {
	var out Segment
	return &out, c.get(ctx, tSegment, &out, segmentID)
}

// CreateSegment creates a segment. A lost answer is recovered by looking the name up.
func (c *Client) CreateSegment(ctx context.Context, productID string, req SegmentRequest) (*Segment, error) {
	var out Segment
	return &out, c.create(ctx, tSegments, req, &out, func(ctx context.Context) (bool, error) {
		var item SegmentListItem
		found, err := findOne(ctx, c.Segments, productID, func(x SegmentListItem) bool { return spec.Same(x.Name, deref(req.Name)) }, &item)
		if !found || err != nil {
			return found, err
		}
		s, err := c.Segment(ctx, item.SegmentID)
		if err == nil {
			out = *s
		}
		return err == nil, err
	}, productID)
}

// UpdateSegment changes a segment (empty fields are unchanged).
func (c *Client) UpdateSegment(ctx context.Context, segmentID string, req SegmentRequest) (*Segment, error) {
	var out Segment
	return &out, c.write(ctx, http.MethodPut, tSegment, req, &out, segmentID)
}

// DeleteSegment deletes a segment.
func (c *Client) DeleteSegment(ctx context.Context, segmentID string) error {
	return c.write(ctx, http.MethodDelete, tSegment, nil, nil, segmentID)
}

// Settings lists a config's flags with their metadata, tags and predefined variations.
func (c *Client) Settings(ctx context.Context, configID string) ([]Setting, error) {
	var out []Setting
	return out, c.get(ctx, tSettings, &out, configID)
}

// Setting reads one flag's metadata.
func (c *Client) Setting(ctx context.Context, settingID int32) (*Setting, error) {
	var out Setting
	return &out, c.get(ctx, tSetting, &out, i32(settingID))
}

// CreateSetting creates a flag, with InitialValues for every environment (or SettingIDToInitFrom). A lost
// answer is recovered by looking the key up, so the flag is never created twice.
func (c *Client) CreateSetting(ctx context.Context, configID string, req CreateSettingRequest) (*Setting, error) {
	var out Setting
	return &out, c.create(ctx, tSettings, withoutNulls{req}, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.Settings, configID, func(x Setting) bool { return spec.Same(x.Key, req.Key) }, &out)
	}, configID)
}

// ReplaceSetting replaces a flag's name, hint, tags, order and isJson; what is not sent is reset.
func (c *Client) ReplaceSetting(ctx context.Context, settingID int32, req ReplaceSettingRequest) (*Setting, error) {
	var out Setting
	return &out, c.write(ctx, http.MethodPut, tSetting, withoutNulls{req}, &out, i32(settingID))
}

// DeleteSetting deletes a flag.
func (c *Client) DeleteSetting(ctx context.Context, settingID int32) error {
	return c.write(ctx, http.MethodDelete, tSetting, nil, nil, i32(settingID))
}

// PredefinedVariations reads a flag's predefined variations.
func (c *Client) PredefinedVariations(ctx context.Context, settingID int32) ([]PredefinedVariation, error) {
	var out struct {
		PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
	}
	err := c.get(ctx, tVariations, &out, i32(settingID))
	return out.PredefinedVariations, err
}

// UpdatePredefinedVariations replaces a flag's predefined variations: unlisted ones are deleted, ones without
// an id added. It returns the new list.
func (c *Client) UpdatePredefinedVariations(ctx context.Context, settingID int32, vs []UpdatePredefinedVariation) ([]PredefinedVariation, error) {
	if vs == nil {
		vs = []UpdatePredefinedVariation{}
	}
	body := struct {
		PredefinedVariations []UpdatePredefinedVariation `json:"predefinedVariations"`
	}{vs}
	var out struct {
		PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
	}
	err := c.write(ctx, http.MethodPut, tVariations, withoutNulls{body}, &out, i32(settingID))
	return out.PredefinedVariations, err
}

// ValuesV2 reads every flag's formula of a v2 config in one environment.
func (c *Client) ValuesV2(ctx context.Context, configID, environmentID string) (*ConfigSettingFormulas, error) {
	var out ConfigSettingFormulas
	return &out, c.get(ctx, tValuesV2, &out, configID, environmentID)
}

// PostValuesV2 replaces the formulas of the listed flags of a v2 config in one environment (flags not listed
// are untouched), in one call for any number of flags. reason is the audit-log note; it is always sent.
func (c *Client) PostValuesV2(ctx context.Context, configID, environmentID, reason string, formulas []UpdateEvaluationFormulaWithID) (*ConfigSettingFormulas, error) {
	return c.PostValuesV2With(ctx, configID, environmentID, ValueWriteOptions{Reason: reason}, formulas)
}

// ValueWriteOptions are the query parameters of a v2 value write.
type ValueWriteOptions struct {
	// Reason is the audit-log note (required where the product's preferences ask for one); always sent.
	Reason string
	// BypassApproval applies the change directly in an environment that requires approval (needs the
	// permission to bypass approval).
	BypassApproval bool
	// LatestVersionID, when set, makes the write fail with 409 Conflict (IsConflict) if a listed flag's value
	// changed since that version (RemoteFlag.LastVersion).
	LatestVersionID string
}

// PostValuesV2With is PostValuesV2 with every query parameter of the endpoint.
func (c *Client) PostValuesV2With(ctx context.Context, configID, environmentID string, opts ValueWriteOptions, formulas []UpdateEvaluationFormulaWithID) (*ConfigSettingFormulas, error) {
	if formulas == nil {
		formulas = []UpdateEvaluationFormulaWithID{}
	}
	body := struct {
		UpdateFormulas []UpdateEvaluationFormulaWithID `json:"updateFormulas"`
	}{formulas}
	q := url.Values{"reason": {opts.Reason}}
	if opts.BypassApproval {
		q.Set("bypassApproval", "true")
	}
	if opts.LatestVersionID != "" {
		q.Set("latestVersionId", opts.LatestVersionID)
	}
	var out ConfigSettingFormulas
	return &out, c.do(ctx, &request{method: http.MethodPost, template: tValuesV2, args: []string{configID, environmentID},
		query: q, body: withoutNulls{body}, out: &out, idempotent: true})
}

// ValuesV1 reads every flag's value of a v1 config in one environment.
func (c *Client) ValuesV1(ctx context.Context, configID, environmentID string) (*ConfigSettingValues, error) {
	var out ConfigSettingValues
	return &out, c.get(ctx, tValuesV1, &out, configID, environmentID)
}

// PostValuesV1 replaces the values of the listed flags of a v1 config in one environment, in one call.
// reason is the audit-log note; it is always sent.
func (c *Client) PostValuesV1(ctx context.Context, configID, environmentID, reason string, values []UpdateSettingValueWithID) (*ConfigSettingValues, error) {
	if values == nil {
		values = []UpdateSettingValueWithID{}
	}
	body := struct {
		SettingValues []UpdateSettingValueWithID `json:"settingValues"`
	}{values}
	var out ConfigSettingValues
	return &out, c.do(ctx, &request{method: http.MethodPost, template: tValuesV1, args: []string{configID, environmentID},
		query: url.Values{"reason": {reason}}, body: withoutNulls{body}, out: &out, idempotent: true})
}

// Webhooks lists a product's webhooks.
func (c *Client) Webhooks(ctx context.Context, productID string) ([]Webhook, error) {
	var out []Webhook
	return out, c.get(ctx, tWebhooks, &out, productID)
}

// Webhook reads one webhook.
func (c *Client) Webhook(ctx context.Context, webhookID int32) (*Webhook, error) {
	var out Webhook
	return &out, c.get(ctx, tWebhook, &out, i32(webhookID))
}

// CreateWebhook creates a webhook for a config in an environment. A lost answer is recovered by looking up a
// webhook of that config and environment with the same URL and method.
func (c *Client) CreateWebhook(ctx context.Context, configID, environmentID string, req WebhookRequest) (*Webhook, error) {
	var out Webhook
	return &out, c.create(ctx, tConfigEnvWebhooks, req, &out, func(ctx context.Context) (bool, error) {
		cfg, err := c.Config(ctx, configID)
		if err != nil {
			return false, err
		}
		method := req.HTTPMethod
		if method == "" {
			method = "get"
		}
		return findOne(ctx, c.Webhooks, cfg.Product.ProductID, func(w Webhook) bool {
			return w.Config.ConfigID == configID && w.Environment.EnvironmentID == environmentID &&
				w.URL == req.URL && spec.Same(w.HTTPMethod, method)
		}, &out)
	}, configID, environmentID)
}

// ReplaceWebhook replaces a webhook's URL, method, content and headers (secure values must be sent again).
func (c *Client) ReplaceWebhook(ctx context.Context, webhookID int32, req WebhookRequest) (*Webhook, error) {
	var out Webhook
	return &out, c.write(ctx, http.MethodPut, tWebhook, req, &out, i32(webhookID))
}

// DeleteWebhook deletes a webhook.
func (c *Client) DeleteWebhook(ctx context.Context, webhookID int32) error {
	return c.write(ctx, http.MethodDelete, tWebhook, nil, nil, i32(webhookID))
}

// PermissionGroups lists a product's permission groups.
func (c *Client) PermissionGroups(ctx context.Context, productID string) ([]PermissionGroup, error) {
	var out []PermissionGroup
	return out, c.get(ctx, tPermissionGroups, &out, productID)
}

// PermissionGroup reads one permission group.
func (c *Client) PermissionGroup(ctx context.Context, permissionGroupID int64) (*PermissionGroup, error) {
	var out PermissionGroup
	return &out, c.get(ctx, tPermissionGroup, &out, i64(permissionGroupID))
}

// CreatePermissionGroup creates a permission group. A lost answer is recovered by looking the name up.
func (c *Client) CreatePermissionGroup(ctx context.Context, productID string, req PermissionGroupRequest) (*PermissionGroup, error) {
	var out PermissionGroup
	return &out, c.create(ctx, tPermissionGroups, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.PermissionGroups, productID, func(x PermissionGroup) bool { return spec.Same(x.Name, req.Name) }, &out)
	}, productID)
}

// UpdatePermissionGroup replaces a permission group's name and rights.
func (c *Client) UpdatePermissionGroup(ctx context.Context, permissionGroupID int64, req PermissionGroupRequest) (*PermissionGroup, error) {
	var out PermissionGroup
	return &out, c.write(ctx, http.MethodPut, tPermissionGroup, req, &out, i64(permissionGroupID))
}

// DeletePermissionGroup deletes a permission group.
func (c *Client) DeletePermissionGroup(ctx context.Context, permissionGroupID int64) error {
	return c.write(ctx, http.MethodDelete, tPermissionGroup, nil, nil, i64(permissionGroupID))
}

// SDKKeys reads the SDK keys of a config in an environment.
func (c *Client) SDKKeys(ctx context.Context, configID, environmentID string) (*SDKKeys, error) {
	var out SDKKeys
	return &out, c.get(ctx, tSDKKeys, &out, configID, environmentID)
}

// create sends a POST that makes an object; lookup finds the object by its natural key when the answer was
// lost, so that it is not created twice.
func (c *Client) create(ctx context.Context, template string, body, out any, lookup func(context.Context) (bool, error), args ...string) error {
	return c.do(ctx, &request{method: http.MethodPost, template: template, args: args, body: body, out: out, recover: lookup})
}

// findOne lists with list(ctx, parent) and copies the only item match accepts into out.
func findOne[T any](ctx context.Context, list func(context.Context, string) ([]T, error), parent string, match func(T) bool, out *T) (bool, error) {
	items, err := list(ctx, parent)
	if err != nil {
		return false, err
	}
	for _, it := range items {
		if match(it) {
			*out = it
			return true, nil
		}
	}
	return false, nil
}
