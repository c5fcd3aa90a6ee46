package configcat

import (
	"time"

	"github.com/flagsync/flagsync/configcat/wire"
	"github.com/flagsync/flagsync/spec"
)

// The API's JSON models. Those the emulator shares live in package wire and are named here too, so that
// callers of the client need only this package. The rest are the client's own: the flag requests, which leave
// unset fields out (omitempty, "leave unchanged"); permission groups, which the emulator renders from its table
// of rights; and the part of the change request models the client reads. Names follow ConfigCat's schema names
// without the Model suffix. Nullable fields are pointers; request fields left nil are not sent (bodies that
// carry shared value models drop their nulls, see withoutNulls).

// Models shared with the emulator (see package wire).
type (
	Organization               = wire.Organization
	Me                         = wire.Me
	Product                    = wire.Product
	ProductRequest             = wire.ProductRequest
	Preferences                = wire.Preferences
	ReasonRequiredEnvironment  = wire.ReasonRequiredEnvironment
	ApproveRequiredEnvironment = wire.ApproveRequiredEnvironment
	PreferencesRequest         = wire.PreferencesRequest
	ConfigModel                = wire.Config
	CreateConfigRequest        = wire.CreateConfigRequest
	UpdateConfigRequest        = wire.UpdateConfigRequest
	Environment                = wire.Environment
	EnvironmentRequest         = wire.EnvironmentRequest
	Tag                        = wire.Tag
	TagRequest                 = wire.TagRequest
	SegmentListItem            = wire.SegmentListItem
	Segment                    = wire.Segment
	SegmentRequest             = wire.SegmentRequest
	Setting                    = wire.Setting
	SettingDataV2              = wire.SettingDataV2
	SettingData                = wire.SettingData
	PredefinedVariation        = wire.PredefinedVariation
	SettingTag                 = wire.SettingTag
	FeatureFlagLimitations     = wire.FeatureFlagLimitations
	OrganizationLimitations    = wire.OrganizationLimitations
	Webhook                    = wire.Webhook
	WebhookHeader              = wire.WebhookHeader
	WebhookRequest             = wire.WebhookRequest
	SDKKeys                    = wire.SDKKeys
	Integration                = wire.Integration
	IntegrationRequest         = wire.IntegrationRequest
	ValueModel                 = wire.Value
	VariationValue             = wire.VariationValue
	UpdateEvaluationFormula    = wire.EvaluationFormula
	TargetingRule              = wire.TargetingRule
	Condition                  = wire.Condition
	UserCondition              = wire.UserCondition
	ComparisonValue            = wire.ComparisonValue
	ListValue                  = wire.ListValue
	SegmentCondition           = wire.SegmentCondition
	PrerequisiteFlagCondition  = wire.PrerequisiteFlagCondition
	PercentageOption           = wire.PercentageOption
	UpdateSettingValue         = wire.UpdateSettingValue[spec.Value]
	RolloutRule                = wire.RolloutRule[spec.Value]
	RolloutPercentageItem      = wire.RolloutPercentageItem[spec.Value]
	ConfigSettingFormulas      = wire.ConfigSettingFormulas
	SettingFormula             = wire.ConfigSettingFormula
	ConfigSettingValues        = wire.ConfigSettingValues[spec.Value]
	ConfigSettingValue         = wire.ConfigSettingValue[spec.Value]
	CreatePredefinedVariation  = wire.CreatePredefinedVariation
	UpdatePredefinedVariation  = wire.UpdatePredefinedVariation
	CreateSettingRequest       = wire.CreateSettingRequest[spec.Value]
	InitialValue               = wire.InitialValue[spec.Value]
	ReplaceSettingRequest      = wire.ReplaceSettingRequest
	ProposedFormula            = wire.ProposedFormula
	ChangeRequestSummary       = wire.ChangeRequestSummary
	CodeReference              = wire.CodeReference
	ReferenceLines             = wire.ReferenceLines
	AuditLogItem               = wire.AuditLogItem
)

// UpdateEvaluationFormulaWithID is one item of a v2 batch write.
type UpdateEvaluationFormulaWithID struct {
	SettingID int32 `json:"settingId"`
	UpdateEvaluationFormula
}

// UpdateSettingValueWithID is one item of a v1 batch write.
type UpdateSettingValueWithID struct {
	SettingID int32 `json:"settingId"`
	UpdateSettingValue
}

// PermissionGroup is PermissionGroupModel.
type PermissionGroup struct {
	PermissionGroupID int64   `json:"permissionGroupId"`
	Name              string  `json:"name"`
	Product           Product `json:"product"`
	PermissionFlags
	PermissionAccess
}

// PermissionFlags are a permission group's can* rights.
type PermissionFlags struct {
	CanManageMembers             bool `json:"canManageMembers"`
	CanCreateOrUpdateConfig      bool `json:"canCreateOrUpdateConfig"`
	CanDeleteConfig              bool `json:"canDeleteConfig"`
	CanCreateOrUpdateEnvironment bool `json:"canCreateOrUpdateEnvironment"`
	CanDeleteEnvironment         bool `json:"canDeleteEnvironment"`
	CanCreateOrUpdateSetting     bool `json:"canCreateOrUpdateSetting"`
	CanTagSetting                bool `json:"canTagSetting"`
	CanDeleteSetting             bool `json:"canDeleteSetting"`
	CanCreateOrUpdateTag         bool `json:"canCreateOrUpdateTag"`
	CanDeleteTag                 bool `json:"canDeleteTag"`
	CanManageWebhook             bool `json:"canManageWebhook"`
	CanUseExportImport           bool `json:"canUseExportImport"`
	CanManageProductPreferences  bool `json:"canManageProductPreferences"`
	CanManageIntegrations        bool `json:"canManageIntegrations"`
	CanViewSdkKey                bool `json:"canViewSdkKey"`
	CanRotateSdkKey              bool `json:"canRotateSdkKey"`
	CanCreateOrUpdateSegments    bool `json:"canCreateOrUpdateSegments"`
	CanDeleteSegments            bool `json:"canDeleteSegments"`
	CanViewProductAuditLog       bool `json:"canViewProductAuditLog"`
	CanViewProductStatistics     bool `json:"canViewProductStatistics"`
	CanDisable2FA                bool `json:"canDisable2FA"`
}

// EnvironmentAccess is one environment's access in a permission group (answers also carry the
// environment's name).
type EnvironmentAccess struct {
	EnvironmentID         string `json:"environmentId"`
	Name                  string `json:"name,omitempty"`
	EnvironmentAccessType string `json:"environmentAccessType"`
}

// EnvironmentApprovalPermission is one environment's approval right in a permission group.
type EnvironmentApprovalPermission struct {
	EnvironmentID                     string `json:"environmentId"`
	EnvironmentApprovalPermissionType string `json:"environmentApprovalPermissionType"`
}

// PermissionGroupRequest is CreatePermissionGroupRequest and UpdatePermissionGroupRequest; it always sends
// every right, so an update is a full replace.
type PermissionGroupRequest struct {
	Name string `json:"name"`
	PermissionFlags
	PermissionAccess
}

// PermissionAccess is a permission group's access to the product's environments and its approval rights, in
// answers and requests. The client only reads the answers, so the request's omitempty serves both: a request
// leaves an unset access to the server's default.
type PermissionAccess struct {
	AccessType                           string                          `json:"accessType,omitempty"`
	NewEnvironmentAccessType             string                          `json:"newEnvironmentAccessType,omitempty"`
	EnvironmentAccesses                  []EnvironmentAccess             `json:"environmentAccesses,omitempty"`
	ApprovalPermissionType               string                          `json:"approvalPermissionType,omitempty"`
	NewEnvironmentApprovalPermissionType string                          `json:"newEnvironmentApprovalPermissionType,omitempty"`
	EnvironmentApprovalPermissions       []EnvironmentApprovalPermission `json:"environmentApprovalPermissions,omitempty"`
}

// The review features' models: change requests.

// ChangeRequest is the part of ChangeRequestModel flagsync reads: the head it shares with the summaries, and
// the config and environment it proposes values in.
type ChangeRequest struct {
	wire.ChangeRequestHead
	ConfigID      string `json:"configId"`
	EnvironmentID string `json:"environmentId"`
}

// CreateChangeRequestRequest is CreateChangeRequestModel.
type CreateChangeRequestRequest struct {
	Title           string                 `json:"title"`
	Reason          *string                `json:"reason,omitempty"`
	ApplyAt         *time.Time             `json:"applyAt,omitempty"`
	ProposedChanges []proposedChangeHolder `json:"proposedChanges"`
}

type proposedChangeHolder struct {
	ProposedChange ProposedFormula `json:"proposedChange"`
}

// UpdateChangeRequestRequest is UpdateChangeRequestModel: it replaces the title, reason and schedule.
type UpdateChangeRequestRequest struct {
	Title   string     `json:"title"`
	Reason  *string    `json:"reason"`
	ApplyAt *time.Time `json:"applyAt"`
}
