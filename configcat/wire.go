package configcat

import "github.com/flagsync/flagsync/spec"

// The API's JSON models, as the client sends and reads them. Names follow ConfigCat's schema names without
// the Model suffix. Nullable fields are pointers; request fields left nil are not sent.

// Organization is OrganizationModel.
type Organization struct {
	OrganizationID string `json:"organizationId"`
	Name           string `json:"name"`
}

// Me is MeModel, the owner of the credentials.
type Me struct {
	Email    string `json:"email"`
	FullName string `json:"fullName"`
}

// Product is ProductModel.
type Product struct {
	Organization    Organization `json:"organization"`
	ProductID       string       `json:"productId"`
	Name            string       `json:"name"`
	Description     *string      `json:"description"`
	Order           int          `json:"order"`
	ReasonRequired  bool         `json:"reasonRequired"`
	ApproveRequired bool         `json:"approveRequired"`
}

// ProductRequest is CreateProductRequest (Name required) and UpdateProductRequest (nil fields unchanged).
type ProductRequest struct {
	Name        string  `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int    `json:"order,omitempty"`
}

// Preferences is PreferencesModel.
type Preferences struct {
	ReasonRequired              bool                         `json:"reasonRequired"`
	KeyGenerationMode           string                       `json:"keyGenerationMode"`
	ShowVariationID             bool                         `json:"showVariationId"`
	ReasonRequiredEnvironments  []ReasonRequiredEnvironment  `json:"reasonRequiredEnvironments"`
	MandatorySettingHint        bool                         `json:"mandatorySettingHint"`
	ApproveRequired             bool                         `json:"approveRequired"`
	ApproveRequiredEnvironments []ApproveRequiredEnvironment `json:"approveRequiredEnvironments"`
}

// ReasonRequiredEnvironment is ReasonRequiredEnvironmentModel (EnvironmentName only in answers).
type ReasonRequiredEnvironment struct {
	EnvironmentID   string  `json:"environmentId"`
	ReasonRequired  bool    `json:"reasonRequired"`
	EnvironmentName *string `json:"environmentName,omitempty"`
}

// ApproveRequiredEnvironment is ApproveRequiredEnvironmentModel (EnvironmentName only in answers).
type ApproveRequiredEnvironment struct {
	EnvironmentID   string  `json:"environmentId"`
	ApproveRequired bool    `json:"approveRequired"`
	EnvironmentName *string `json:"environmentName,omitempty"`
}

// PreferencesRequest is UpdatePreferencesRequest; nil fields are left unchanged.
type PreferencesRequest struct {
	ReasonRequired              *bool                        `json:"reasonRequired,omitempty"`
	KeyGenerationMode           *string                      `json:"keyGenerationMode,omitempty"`
	ShowVariationID             *bool                        `json:"showVariationId,omitempty"`
	MandatorySettingHint        *bool                        `json:"mandatorySettingHint,omitempty"`
	ReasonRequiredEnvironments  []ReasonRequiredEnvironment  `json:"reasonRequiredEnvironments,omitempty"`
	ApproveRequired             *bool                        `json:"approveRequired,omitempty"`
	ApproveRequiredEnvironments []ApproveRequiredEnvironment `json:"approveRequiredEnvironments,omitempty"`
}

// ConfigModel is ConfigModel, a config (named with its suffix so as not to clash with the client's Config).
type ConfigModel struct {
	Product           Product `json:"product"`
	ConfigID          string  `json:"configId"`
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	Order             int     `json:"order"`
	MigratedConfigID  *string `json:"migratedConfigId"`
	EvaluationVersion string  `json:"evaluationVersion"`
}

// CreateConfigRequest is CreateConfigRequest.
type CreateConfigRequest struct {
	Name              string  `json:"name"`
	Description       *string `json:"description,omitempty"`
	Order             *int    `json:"order,omitempty"`
	EvaluationVersion string  `json:"evaluationVersion,omitempty"`
}

// UpdateConfigRequest is UpdateConfigRequest; nil fields are left unchanged.
type UpdateConfigRequest struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int    `json:"order,omitempty"`
}

// Environment is EnvironmentModel.
type Environment struct {
	Product         Product `json:"product"`
	EnvironmentID   string  `json:"environmentId"`
	Name            string  `json:"name"`
	Color           *string `json:"color"`
	Description     *string `json:"description"`
	Order           int     `json:"order"`
	ReasonRequired  bool    `json:"reasonRequired"`
	ApproveRequired bool    `json:"approveRequired"`
}

// EnvironmentRequest is CreateEnvironmentModel (Name required) and UpdateEnvironmentModel (nil fields
// unchanged).
type EnvironmentRequest struct {
	Name        string  `json:"name,omitempty"`
	Color       *string `json:"color,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int    `json:"order,omitempty"`
}

// Tag is TagModel.
type Tag struct {
	Product Product `json:"product"`
	TagID   int64   `json:"tagId"`
	Name    string  `json:"name"`
	Color   *string `json:"color"`
}

// TagRequest is CreateTagModel (Name required) and UpdateTagModel.
type TagRequest struct {
	Name  string  `json:"name,omitempty"`
	Color *string `json:"color,omitempty"`
}

// SegmentListItem is SegmentListModel: a segment without its condition.
type SegmentListItem struct {
	SegmentID   string  `json:"segmentId"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Usage       int     `json:"usage"`
}

// Segment is SegmentModel.
type Segment struct {
	Product             Product `json:"product"`
	SegmentID           string  `json:"segmentId"`
	Name                string  `json:"name"`
	Description         *string `json:"description"`
	ComparisonAttribute string  `json:"comparisonAttribute"`
	Comparator          string  `json:"comparator"`
	ComparisonValue     string  `json:"comparisonValue"`
}

// SegmentRequest is CreateSegmentModel (all but Description required) and UpdateSegmentModel.
type SegmentRequest struct {
	Name                string  `json:"name,omitempty"`
	Description         *string `json:"description,omitempty"`
	ComparisonAttribute string  `json:"comparisonAttribute,omitempty"`
	Comparator          string  `json:"comparator,omitempty"`
	ComparisonValue     string  `json:"comparisonValue,omitempty"`
}

// Setting is SettingModel, a feature flag's metadata.
type Setting struct {
	SettingID            int32                 `json:"settingId"`
	Key                  string                `json:"key"`
	Name                 string                `json:"name"`
	Hint                 *string               `json:"hint"`
	Order                int                   `json:"order"`
	SettingType          string                `json:"settingType"`
	IsJSON               bool                  `json:"isJson"`
	ConfigID             string                `json:"configId"`
	ConfigName           string                `json:"configName"`
	Tags                 []Tag                 `json:"tags"`
	PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
}

// CreateSettingRequest is CreateSettingInitialValues. Set at most one of InitialValues and
// SettingIDToInitFrom.
type CreateSettingRequest struct {
	Key                  string                      `json:"key"`
	Name                 string                      `json:"name"`
	SettingType          string                      `json:"settingType"`
	Hint                 *string                     `json:"hint,omitempty"`
	Tags                 []int64                     `json:"tags,omitempty"`
	Order                *int                        `json:"order,omitempty"`
	IsJSON               *bool                       `json:"isJson,omitempty"`
	PredefinedVariations []CreatePredefinedVariation `json:"predefinedVariations,omitempty"`
	InitialValues        []InitialValue              `json:"initialValues,omitempty"`
	SettingIDToInitFrom  *int32                      `json:"settingIdToInitFrom,omitempty"`
}

// InitialValue is a new flag's plain value in one environment.
type InitialValue struct {
	EnvironmentID string     `json:"environmentId"`
	Value         spec.Value `json:"value"`
}

// ReplaceSettingRequest is ReplaceSettingModel: a full replace, so send the hint, tags, order and isJson the
// flag must keep.
type ReplaceSettingRequest struct {
	Name   string  `json:"name"`
	Hint   *string `json:"hint,omitempty"`
	Tags   []int64 `json:"tags"`
	Order  *int    `json:"order,omitempty"`
	IsJSON *bool   `json:"isJson,omitempty"`
}

// VariationValue is a predefined variation's value, one slot set by the flag's type.
type VariationValue struct {
	BoolValue   *bool    `json:"boolValue,omitempty"`
	StringValue *string  `json:"stringValue,omitempty"`
	IntValue    *int64   `json:"intValue,omitempty"`
	DoubleValue *float64 `json:"doubleValue,omitempty"`
}

// PredefinedVariation is PredefinedVariationModel.
type PredefinedVariation struct {
	Value                 VariationValue `json:"value"`
	Name                  *string        `json:"name"`
	Hint                  *string        `json:"hint"`
	PredefinedVariationID string         `json:"predefinedVariationId"`
}

// CreatePredefinedVariation is CreatePredefinedVariationModel.
type CreatePredefinedVariation struct {
	Value VariationValue `json:"value"`
	Name  *string        `json:"name,omitempty"`
	Hint  *string        `json:"hint,omitempty"`
}

// UpdatePredefinedVariation is UpdatePredefinedVariationModel; a nil ID adds a new variation.
type UpdatePredefinedVariation struct {
	Value                 VariationValue `json:"value"`
	Name                  *string        `json:"name,omitempty"`
	Hint                  *string        `json:"hint,omitempty"`
	PredefinedVariationID *string        `json:"predefinedVariationId,omitempty"`
}

// SettingTag is SettingTagModel, a tag attached to a flag.
type SettingTag struct {
	SettingTagID int64   `json:"settingTagId"`
	TagID        int64   `json:"tagId"`
	Name         string  `json:"name"`
	Color        *string `json:"color"`
}

// FeatureFlagLimitations are the plan's limits on formulas.
type FeatureFlagLimitations struct {
	MaxPercentageOptionCount          int `json:"maxPercentageOptionCount"`
	MaxTargetingRuleCount             int `json:"maxTargetingRuleCount"`
	MaxComparisonValueLength          int `json:"maxComparisonValueLength"`
	MaxComparisonValueListLength      int `json:"maxComparisonValueListLength"`
	MaxComparisonValueListItemLength  int `json:"maxComparisonValueListItemLength"`
	MaxStringFlagValueLength          int `json:"maxStringFlagValueLength"`
	MaxConditionPerTargetingRuleCount int `json:"maxConditionPerTargetingRuleCount"`
}

// OrganizationLimitations are an organization's plan limits: the formula limits and how many predefined
// variations a flag may have.
type OrganizationLimitations struct {
	FeatureFlagLimitations
	MaxPredefinedVariations int `json:"maxPredefinedVariations"`
}

// ConfigSettingFormulas is ConfigSettingFormulasModel: every v2 flag of a config in one environment.
type ConfigSettingFormulas struct {
	Config                 ConfigModel            `json:"config"`
	Environment            Environment            `json:"environment"`
	ReadOnly               bool                   `json:"readOnly"`
	SettingFormulas        []SettingFormula       `json:"settingFormulas"`
	FeatureFlagLimitations FeatureFlagLimitations `json:"featureFlagLimitations"`
	ApproveRequired        bool                   `json:"approveRequired"`
	CanBypassApproval      bool                   `json:"canBypassApproval"`
	ReasonRequired         bool                   `json:"reasonRequired"`
}

// SettingFormula is ConfigSettingFormulaModel: one v2 flag's formula and metadata.
type SettingFormula struct {
	LastVersionID                 string          `json:"lastVersionId"`
	DefaultValue                  ValueModel      `json:"defaultValue"`
	TargetingRules                []TargetingRule `json:"targetingRules"`
	Setting                       SettingDataV2   `json:"setting"`
	PercentageEvaluationAttribute *string         `json:"percentageEvaluationAttribute"`
	SettingTags                   []SettingTag    `json:"settingTags"`
	SettingIDsWherePrerequisite   []int32         `json:"settingIdsWherePrerequisite"`
}

// SettingDataV2 is SettingDataV2Model.
type SettingDataV2 struct {
	SettingID            int32                 `json:"settingId"`
	Key                  string                `json:"key"`
	Name                 string                `json:"name"`
	Hint                 *string               `json:"hint"`
	SettingType          string                `json:"settingType"`
	IsJSON               bool                  `json:"isJson"`
	Order                int                   `json:"order"`
	PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
}

// ValueModel is a v2 value (ValueModel in answers, UpdateValueModel in requests): one typed slot, or a
// predefined variation's id.
type ValueModel struct {
	BoolValue             *bool    `json:"boolValue,omitempty"`
	StringValue           *string  `json:"stringValue,omitempty"`
	IntValue              *int64   `json:"intValue,omitempty"`
	DoubleValue           *float64 `json:"doubleValue,omitempty"`
	PredefinedVariationID *string  `json:"predefinedVariationId,omitempty"`
}

// TargetingRule is TargetingRuleModel / UpdateTargetingRuleModel: conditions (AND-ed) and either a value or
// percentage options.
type TargetingRule struct {
	Conditions        []Condition        `json:"conditions"`
	PercentageOptions []PercentageOption `json:"percentageOptions,omitempty"`
	Value             *ValueModel        `json:"value,omitempty"`
}

// Condition is ConditionModel / UpdateConditionModel: exactly one of its fields is set.
type Condition struct {
	UserCondition             *UserCondition             `json:"userCondition,omitempty"`
	SegmentCondition          *SegmentCondition          `json:"segmentCondition,omitempty"`
	PrerequisiteFlagCondition *PrerequisiteFlagCondition `json:"prerequisiteFlagCondition,omitempty"`
}

// UserCondition compares a user attribute.
type UserCondition struct {
	ComparisonAttribute string          `json:"comparisonAttribute"`
	Comparator          string          `json:"comparator"`
	ComparisonValue     ComparisonValue `json:"comparisonValue"`
}

// ComparisonValue holds one of a text, a number or a list, by comparator.
type ComparisonValue struct {
	StringValue *string     `json:"stringValue,omitempty"`
	DoubleValue *float64    `json:"doubleValue,omitempty"`
	ListValue   []ListValue `json:"listValue,omitempty"`
}

// ListValue is one item of a list comparison value.
type ListValue struct {
	Value string  `json:"value"`
	Hint  *string `json:"hint,omitempty"`
}

// SegmentCondition tests membership of a segment (isIn, isNotIn).
type SegmentCondition struct {
	SegmentID  string `json:"segmentId"`
	Comparator string `json:"comparator"`
}

// PrerequisiteFlagCondition compares another flag's value (equals, doesNotEqual).
type PrerequisiteFlagCondition struct {
	PrerequisiteSettingID       int32      `json:"prerequisiteSettingId"`
	Comparator                  string     `json:"comparator"`
	PrerequisiteComparisonValue ValueModel `json:"prerequisiteComparisonValue"`
}

// PercentageOption serves a value to a share of users.
type PercentageOption struct {
	Percentage int        `json:"percentage"`
	Value      ValueModel `json:"value"`
}

// UpdateEvaluationFormula is UpdateEvaluationFormulaModel: a v2 flag's complete formula in one environment.
type UpdateEvaluationFormula struct {
	DefaultValue   ValueModel      `json:"defaultValue"`
	TargetingRules []TargetingRule `json:"targetingRules"`
	// PercentageEvaluationAttribute nil means Identifier.
	PercentageEvaluationAttribute *string `json:"percentageEvaluationAttribute,omitempty"`
}

// UpdateEvaluationFormulaWithID is one item of a v2 batch write.
type UpdateEvaluationFormulaWithID struct {
	SettingID int32 `json:"settingId"`
	UpdateEvaluationFormula
}

// ConfigSettingValues is ConfigSettingValuesModel: every v1 flag of a config in one environment.
type ConfigSettingValues struct {
	Config        ConfigModel          `json:"config"`
	Environment   Environment          `json:"environment"`
	ReadOnly      bool                 `json:"readOnly"`
	SettingValues []ConfigSettingValue `json:"settingValues"`
}

// ConfigSettingValue is ConfigSettingValueModel: one v1 flag's value and metadata.
type ConfigSettingValue struct {
	Setting                SettingData             `json:"setting"`
	SettingTags            []SettingTag            `json:"settingTags"`
	RolloutRules           []RolloutRule           `json:"rolloutRules"`
	RolloutPercentageItems []RolloutPercentageItem `json:"rolloutPercentageItems"`
	Value                  spec.Value              `json:"value"`
}

// SettingData is SettingDataModel (v1): it has no predefined variations.
type SettingData struct {
	SettingID   int32   `json:"settingId"`
	Key         string  `json:"key"`
	Name        string  `json:"name"`
	Hint        *string `json:"hint"`
	SettingType string  `json:"settingType"`
	IsJSON      bool    `json:"isJson"`
	Order       int     `json:"order"`
}

// RolloutRule is a v1 rule (RolloutRuleModel / UpdateRolloutRuleModel): a user condition
// (ComparisonAttribute, Comparator, ComparisonValue) or a segment condition (SegmentID, SegmentComparator).
type RolloutRule struct {
	ComparisonAttribute *string    `json:"comparisonAttribute,omitempty"`
	Comparator          *string    `json:"comparator,omitempty"`
	ComparisonValue     *string    `json:"comparisonValue,omitempty"`
	Value               spec.Value `json:"value"`
	SegmentComparator   *string    `json:"segmentComparator,omitempty"`
	SegmentID           *string    `json:"segmentId,omitempty"`
}

// RolloutPercentageItem is a v1 percentage option.
type RolloutPercentageItem struct {
	Percentage int64      `json:"percentage"`
	Value      spec.Value `json:"value"`
}

// UpdateSettingValue is UpdateSettingValueModel: a v1 flag's complete value in one environment.
type UpdateSettingValue struct {
	Value                  spec.Value              `json:"value"`
	RolloutRules           []RolloutRule           `json:"rolloutRules"`
	RolloutPercentageItems []RolloutPercentageItem `json:"rolloutPercentageItems"`
}

// UpdateSettingValueWithID is one item of a v1 batch write.
type UpdateSettingValueWithID struct {
	SettingID int32 `json:"settingId"`
	UpdateSettingValue
}

// Webhook is WebhookResponseModel.
type Webhook struct {
	WebhookID      int32           `json:"webhookId"`
	URL            string          `json:"url"`
	HTTPMethod     string          `json:"httpMethod"`
	Content        *string         `json:"content"`
	WebHookHeaders []WebhookHeader `json:"webHookHeaders"`
	Config         struct {
		ConfigID string `json:"configId"`
		Name     string `json:"name"`
	} `json:"config"`
	Environment struct {
		EnvironmentID string `json:"environmentId"`
		Name          string `json:"name"`
	} `json:"environment"`
}

// WebhookHeader is a webhook's header; a secure header's value is write-only.
type WebhookHeader struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	IsSecure bool   `json:"isSecure"`
}

// WebhookRequest is WebHookRequestModel, a full replace.
type WebhookRequest struct {
	URL            string          `json:"url"`
	Content        *string         `json:"content,omitempty"`
	HTTPMethod     string          `json:"httpMethod,omitempty"`
	WebHookHeaders []WebhookHeader `json:"webHookHeaders"`
}

// PermissionGroup is PermissionGroupModel.
type PermissionGroup struct {
	PermissionGroupID int64   `json:"permissionGroupId"`
	Name              string  `json:"name"`
	Product           Product `json:"product"`
	PermissionFlags
	AccessType                           string                          `json:"accessType"`
	NewEnvironmentAccessType             string                          `json:"newEnvironmentAccessType"`
	EnvironmentAccesses                  []EnvironmentAccess             `json:"environmentAccesses"`
	ApprovalPermissionType               string                          `json:"approvalPermissionType"`
	NewEnvironmentApprovalPermissionType string                          `json:"newEnvironmentApprovalPermissionType"`
	EnvironmentApprovalPermissions       []EnvironmentApprovalPermission `json:"environmentApprovalPermissions"`
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
	AccessType                           string                          `json:"accessType,omitempty"`
	NewEnvironmentAccessType             string                          `json:"newEnvironmentAccessType,omitempty"`
	EnvironmentAccesses                  []EnvironmentAccess             `json:"environmentAccesses,omitempty"`
	ApprovalPermissionType               string                          `json:"approvalPermissionType,omitempty"`
	NewEnvironmentApprovalPermissionType string                          `json:"newEnvironmentApprovalPermissionType,omitempty"`
	EnvironmentApprovalPermissions       []EnvironmentApprovalPermission `json:"environmentApprovalPermissions,omitempty"`
}

// SDKKeys is SdkKeysModel.
type SDKKeys struct {
	Primary   string  `json:"primary"`
	Secondary *string `json:"secondary"`
}
