package wire

// Answers.

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
	Order           int32        `json:"order"`
	ReasonRequired  bool         `json:"reasonRequired"`
	ApproveRequired bool         `json:"approveRequired"`
}

// Config is ConfigModel.
type Config struct {
	Product           Product `json:"product"`
	ConfigID          string  `json:"configId"`
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	Order             int32   `json:"order"`
	MigratedConfigID  *string `json:"migratedConfigId"`
	EvaluationVersion string  `json:"evaluationVersion"`
}

// Environment is EnvironmentModel.
type Environment struct {
	Product         Product `json:"product"`
	EnvironmentID   string  `json:"environmentId"`
	Name            string  `json:"name"`
	Color           *string `json:"color"`
	Description     *string `json:"description"`
	Order           int32   `json:"order"`
	ReasonRequired  bool    `json:"reasonRequired"`
	ApproveRequired bool    `json:"approveRequired"`
}

// Tag is TagModel.
type Tag struct {
	Product Product `json:"product"`
	TagID   int64   `json:"tagId"`
	Name    string  `json:"name"`
	Color   *string `json:"color"`
}

// SegmentHead is what SegmentModel and SegmentListModel share: the segment and who made and last changed it.
type SegmentHead struct {
	Product             Product `json:"product"`
	SegmentID           string  `json:"segmentId"`
	Name                string  `json:"name"`
	Description         *string `json:"description"`
	CreatorEmail        *string `json:"creatorEmail"`
	CreatorFullName     *string `json:"creatorFullName"`
	CreatedAt           string  `json:"createdAt"`
	LastUpdaterEmail    *string `json:"lastUpdaterEmail"`
	LastUpdaterFullName *string `json:"lastUpdaterFullName"`
	UpdatedAt           string  `json:"updatedAt"`
}

// Segment is SegmentModel.
type Segment struct {
	SegmentHead
	ComparisonAttribute string `json:"comparisonAttribute"`
	Comparator          string `json:"comparator"`
	ComparisonValue     string `json:"comparisonValue"`
}

// SegmentListItem is SegmentListModel: a segment without its condition, with how many flags use it.
type SegmentListItem struct {
	SegmentHead
	Usage int32 `json:"usage"`
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

// ReasonRequiredEnvironment is ReasonRequiredEnvironmentModel. The one omitempty of the answers: answers
// always name the environment, and the request's item (UpdateReasonRequiredEnvironmentModel) has no name.
type ReasonRequiredEnvironment struct {
	EnvironmentID   string  `json:"environmentId"`
	ReasonRequired  bool    `json:"reasonRequired"`
	EnvironmentName *string `json:"environmentName,omitempty"`
}

// ApproveRequiredEnvironment is ApproveRequiredEnvironmentModel; EnvironmentName as in
// ReasonRequiredEnvironment.
type ApproveRequiredEnvironment struct {
	EnvironmentID   string  `json:"environmentId"`
	ApproveRequired bool    `json:"approveRequired"`
	EnvironmentName *string `json:"environmentName,omitempty"`
}

// VariationValue is PredefinedVariationValueModel: one typed slot set, by the flag's type.
type VariationValue struct {
	BoolValue   *bool    `json:"boolValue"`
	StringValue *string  `json:"stringValue"`
	IntValue    *int32   `json:"intValue"`
	DoubleValue *float64 `json:"doubleValue"`
}

// PredefinedVariation is PredefinedVariationModel.
type PredefinedVariation struct {
	Value                 VariationValue `json:"value"`
	Name                  *string        `json:"name"`
	Hint                  *string        `json:"hint"`
	PredefinedVariationID string         `json:"predefinedVariationId"`
}

// Setting is SettingModel, a feature flag's metadata.
type Setting struct {
	SettingID            int32                 `json:"settingId"`
	Key                  string                `json:"key"`
	Name                 string                `json:"name"`
	Hint                 *string               `json:"hint"`
	Order                int32                 `json:"order"`
	SettingType          string                `json:"settingType"`
	IsJSON               bool                  `json:"isJson"`
	ConfigID             string                `json:"configId"`
	ConfigName           string                `json:"configName"`
	CreatedAt            *string               `json:"createdAt"`
	Tags                 []Tag                 `json:"tags"`
	PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
}

// Flag values and formulas: ValueModel and the v2 evaluation formula's parts, in answers and in the requests
// that write them (UpdateEvaluationFormulaModel and its Update* parts have the same keys). The emulator stores
// them as they are and emits every slot, null included; the client leaves its unset slots out of a request by
// dropping the null members of the body (configcat's withoutNulls), so one set serves both.

// Value is ValueModel (UpdateValueModel in requests): one typed slot, or a predefined variation's id.
type Value struct {
	VariationValue
	PredefinedVariationID *string `json:"predefinedVariationId"`
}

// EvaluationFormula is UpdateEvaluationFormulaModel: a v2 flag's complete formula in one environment.
// A nil PercentageEvaluationAttribute means Identifier.
type EvaluationFormula struct {
	DefaultValue                  Value           `json:"defaultValue"`
	TargetingRules                []TargetingRule `json:"targetingRules"`
	PercentageEvaluationAttribute *string         `json:"percentageEvaluationAttribute"`
}

// TargetingRule is TargetingRuleModel: conditions (AND-ed) and either a value or percentage options.
type TargetingRule struct {
	Conditions        []Condition        `json:"conditions"`
	PercentageOptions []PercentageOption `json:"percentageOptions"`
	Value             *Value             `json:"value"`
}

// Condition is ConditionModel: exactly one of its fields is set.
type Condition struct {
	UserCondition             *UserCondition             `json:"userCondition"`
	SegmentCondition          *SegmentCondition          `json:"segmentCondition"`
	PrerequisiteFlagCondition *PrerequisiteFlagCondition `json:"prerequisiteFlagCondition"`
}

// UserCondition is UserConditionModel: it compares a user attribute.
type UserCondition struct {
	ComparisonAttribute string          `json:"comparisonAttribute"`
	Comparator          string          `json:"comparator"`
	ComparisonValue     ComparisonValue `json:"comparisonValue"`
}

// ComparisonValue is ComparisonValueModel: a text, a number or a list, by comparator.
type ComparisonValue struct {
	StringValue *string     `json:"stringValue"`
	DoubleValue *float64    `json:"doubleValue"`
	ListValue   []ListValue `json:"listValue"`
}

// ListValue is ComparisonValueListModel, one item of a list comparison value.
type ListValue struct {
	Value string  `json:"value"`
	Hint  *string `json:"hint"`
}

// SegmentCondition is SegmentConditionModel: membership of a segment (isIn, isNotIn).
type SegmentCondition struct {
	SegmentID  string `json:"segmentId"`
	Comparator string `json:"comparator"`
}

// PrerequisiteFlagCondition is PrerequisiteFlagConditionModel: another flag's value (equals, doesNotEqual).
type PrerequisiteFlagCondition struct {
	PrerequisiteSettingID       int32  `json:"prerequisiteSettingId"`
	Comparator                  string `json:"comparator"`
	PrerequisiteComparisonValue Value  `json:"prerequisiteComparisonValue"`
}

// PercentageOption is PercentageOptionModel: a value served to a share of users.
type PercentageOption struct {
	Percentage int32 `json:"percentage"`
	Value      Value `json:"value"`
}

// The v1 values: a bare value plus rollout rules and percentage items. V is how a side holds the bare JSON
// scalar (SettingValueType): the client reads it into a typed spec value, the emulator keeps what it decoded.
// They go through a client's requests as the v2 models do, without their null members.

// UpdateSettingValue is UpdateSettingValueModel, and the value part of SettingValueModel: a v1 flag's complete value in
// one environment.
type UpdateSettingValue[V any] struct {
	Value                  V                          `json:"value"`
	RolloutRules           []RolloutRule[V]           `json:"rolloutRules"`
	RolloutPercentageItems []RolloutPercentageItem[V] `json:"rolloutPercentageItems"`
}

// RolloutRule is RolloutRuleModel (UpdateRolloutRuleModel in requests): a user condition (ComparisonAttribute,
// Comparator, ComparisonValue) or a segment condition (SegmentComparator, SegmentID), and the value it serves.
type RolloutRule[V any] struct {
	ComparisonAttribute *string `json:"comparisonAttribute"`
	Comparator          *string `json:"comparator"`
	ComparisonValue     *string `json:"comparisonValue"`
	Value               V       `json:"value"`
	SegmentComparator   *string `json:"segmentComparator"`
	SegmentID           *string `json:"segmentId"`
}

// RolloutPercentageItem is RolloutPercentageItemModel, a v1 percentage option.
type RolloutPercentageItem[V any] struct {
	Percentage int64 `json:"percentage"`
	Value      V     `json:"value"`
}

// The values answers: every flag of a config in one environment (v2 formulas, v1 values), or one flag's, with
// what they tell of the config and the environment.

// ValuesContext is the config and environment part of the values answers.
type ValuesContext struct {
	Config                 Config                 `json:"config"`
	Environment            Environment            `json:"environment"`
	ReadOnly               bool                   `json:"readOnly"`
	FeatureFlagLimitations FeatureFlagLimitations `json:"featureFlagLimitations"`
}

// ApprovalContext is the approval part of the v2 values answers.
type ApprovalContext struct {
	ApproveRequired   bool `json:"approveRequired"`
	CanBypassApproval bool `json:"canBypassApproval"`
	ReasonRequired    bool `json:"reasonRequired"`
}

// ConfigSettingFormula is ConfigSettingFormulaModel: one v2 flag's formula and metadata.
type ConfigSettingFormula struct {
	LastVersionID                 string            `json:"lastVersionId"`
	DefaultValue                  Value             `json:"defaultValue"`
	TargetingRules                []TargetingRule   `json:"targetingRules"`
	Setting                       SettingDataV2     `json:"setting"`
	UpdatedAt                     *string           `json:"updatedAt"`
	PercentageEvaluationAttribute *string           `json:"percentageEvaluationAttribute"`
	LastUpdaterUserEmail          *string           `json:"lastUpdaterUserEmail"`
	LastUpdaterUserFullName       *string           `json:"lastUpdaterUserFullName"`
	IntegrationLinks              []IntegrationLink `json:"integrationLinks"`
	SettingTags                   []SettingTag      `json:"settingTags"`
	SettingIDsWherePrerequisite   []int32           `json:"settingIdsWherePrerequisite"`
	ChangeRequestCount            int32             `json:"changeRequestCount"`
}

// ConfigSettingFormulas is ConfigSettingFormulasModel: every v2 flag of a config in one environment.
type ConfigSettingFormulas struct {
	ValuesContext
	ApprovalContext
	SettingFormulas []ConfigSettingFormula `json:"settingFormulas"`
}

// SettingFormula is SettingFormulaModel: one v2 flag's formula in one environment.
type SettingFormula struct {
	ConfigSettingFormula
	ValuesContext
	ApprovalContext
}

// ConfigSettingValue is ConfigSettingValueModel: one v1 flag's value and metadata.
type ConfigSettingValue[V any] struct {
	Setting                 SettingData                `json:"setting"`
	UpdatedAt               *string                    `json:"updatedAt"`
	LastUpdaterUserEmail    *string                    `json:"lastUpdaterUserEmail"`
	LastUpdaterUserFullName *string                    `json:"lastUpdaterUserFullName"`
	IntegrationLinks        []IntegrationLink          `json:"integrationLinks"`
	SettingTags             []SettingTag               `json:"settingTags"`
	RolloutRules            []RolloutRule[V]           `json:"rolloutRules"`
	RolloutPercentageItems  []RolloutPercentageItem[V] `json:"rolloutPercentageItems"`
	Value                   V                          `json:"value"`
}

// ConfigSettingValues is ConfigSettingValuesModel: every v1 flag of a config in one environment.
type ConfigSettingValues[V any] struct {
	ValuesContext
	SettingValues []ConfigSettingValue[V] `json:"settingValues"`
}

// SettingValue is SettingValueModel: one v1 flag's value in one environment.
type SettingValue[V any] struct {
	ConfigSettingValue[V]
	ValuesContext
}

// SettingDataV2 is SettingDataV2Model, a v2 flag's metadata in its formula.
type SettingDataV2 struct {
	SettingID            int32                 `json:"settingId"`
	Key                  string                `json:"key"`
	Name                 string                `json:"name"`
	Hint                 *string               `json:"hint"`
	SettingType          string                `json:"settingType"`
	IsJSON               bool                  `json:"isJson"`
	Order                int32                 `json:"order"`
	CreatedAt            *string               `json:"createdAt"`
	CreatorEmail         *string               `json:"creatorEmail"`
	CreatorFullName      *string               `json:"creatorFullName"`
	PredefinedVariations []PredefinedVariation `json:"predefinedVariations"`
	IsWatching           bool                  `json:"isWatching"`
}

// SettingData is SettingDataModel, a v1 flag's metadata (it has no predefined variations).
type SettingData struct {
	SettingID       int32   `json:"settingId"`
	Key             string  `json:"key"`
	Name            string  `json:"name"`
	Hint            *string `json:"hint"`
	SettingType     string  `json:"settingType"`
	IsJSON          bool    `json:"isJson"`
	Order           int32   `json:"order"`
	CreatedAt       *string `json:"createdAt"`
	CreatorEmail    *string `json:"creatorEmail"`
	CreatorFullName *string `json:"creatorFullName"`
	IsWatching      bool    `json:"isWatching"`
}

// SettingTag is SettingTagModel, a tag attached to a flag.
type SettingTag struct {
	SettingTagID int64   `json:"settingTagId"`
	TagID        int64   `json:"tagId"`
	Name         string  `json:"name"`
	Color        *string `json:"color"`
}

// DeletedSetting is DeletedSettingModel.
type DeletedSetting struct {
	Key         string  `json:"key"`
	Name        string  `json:"name"`
	Hint        *string `json:"hint"`
	SettingType string  `json:"settingType"`
}

// IntegrationLink is IntegrationLinkModel.
type IntegrationLink struct {
	Key                 *string `json:"key"`
	Description         *string `json:"description"`
	IntegrationLinkType string  `json:"integrationLinkType"`
	URL                 *string `json:"url"`
}

// FeatureFlagLimitations are the plan's limits on formulas.
type FeatureFlagLimitations struct {
	MaxPercentageOptionCount          int32 `json:"maxPercentageOptionCount"`
	MaxTargetingRuleCount             int32 `json:"maxTargetingRuleCount"`
	MaxComparisonValueLength          int32 `json:"maxComparisonValueLength"`
	MaxComparisonValueListLength      int32 `json:"maxComparisonValueListLength"`
	MaxComparisonValueListItemLength  int32 `json:"maxComparisonValueListItemLength"`
	MaxStringFlagValueLength          int32 `json:"maxStringFlagValueLength"`
	MaxConditionPerTargetingRuleCount int32 `json:"maxConditionPerTargetingRuleCount"`
}

// OrganizationLimitations are an organization's plan limits: the formula limits and how many predefined
// variations a flag may have.
type OrganizationLimitations struct {
	FeatureFlagLimitations
	MaxPredefinedVariations int32 `json:"maxPredefinedVariations"`
}

// Webhook is WebhookResponseModel.
type Webhook struct {
	WebhookID      int32              `json:"webhookId"`
	URL            string             `json:"url"`
	HTTPMethod     string             `json:"httpMethod"`
	Content        *string            `json:"content"`
	WebHookHeaders []WebhookHeader    `json:"webHookHeaders"`
	Config         WebhookConfig      `json:"config"`
	Environment    WebhookEnvironment `json:"environment"`
}

// WebhookHeader is WebhookHeaderModel, in answers and requests; a secure header's value is write-only.
type WebhookHeader struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	IsSecure bool   `json:"isSecure"`
}

// WebhookConfig is WebhookConfig, the config a webhook watches.
type WebhookConfig struct {
	Name     string `json:"name"`
	ConfigID string `json:"configId"`
}

// WebhookEnvironment is WebhookEnvironment, the environment a webhook watches.
type WebhookEnvironment struct {
	Name          string `json:"name"`
	EnvironmentID string `json:"environmentId"`
}

// WebhookSigningKeys is WebhookSigningKeysModel.
type WebhookSigningKeys struct {
	Key1 *string `json:"key1"`
	Key2 *string `json:"key2"`
}

// SDKKeys is SdkKeysModel.
type SDKKeys struct {
	Primary   string  `json:"primary"`
	Secondary *string `json:"secondary"`
}

// Integration is IntegrationModel.
type Integration struct {
	Product         Product           `json:"product"`
	IntegrationID   string            `json:"integrationId"`
	Name            string            `json:"name"`
	IntegrationType string            `json:"integrationType"`
	Parameters      map[string]string `json:"parameters"`
	EnvironmentIDs  []string          `json:"environmentIds"`
	ConfigIDs       []string          `json:"configIds"`
}

// Answers of the review features: change requests, code references, the audit log.

// ChangeRequestHead is what ChangeRequestModel and ChangeRequestSummaryModel share.
type ChangeRequestHead struct {
	ChangeRequestID       int64   `json:"changeRequestId"`
	Status                string  `json:"changeRequestStatus"`
	NeedsAttention        bool    `json:"needsAttention"`
	Title                 string  `json:"title"`
	Reason                *string `json:"reason"`
	ApplyAt               *string `json:"applyAt"`
	CreatedAt             string  `json:"createdAt"`
	CreatorUserEmail      string  `json:"creatorUserEmail"`
	CreatorUserFullName   string  `json:"creatorUserFullName"`
	CreatorUserID         *string `json:"creatorUserId"`
	Approved              bool    `json:"approved"`
	BypassApproval        bool    `json:"bypassApproval"`
	AppliedAt             *string `json:"appliedAt"`
	AppliedByUserID       *string `json:"appliedByUserId"`
	AppliedByUserEmail    *string `json:"appliedByUserEmail"`
	AppliedByUserFullName *string `json:"appliedByUserFullName"`
	ClosedAt              *string `json:"closedAt"`
	ClosedByUserID        *string `json:"closedByUserId"`
	ClosedByUserEmail     *string `json:"closedByUserEmail"`
	ClosedByUserFullName  *string `json:"closedByUserFullName"`
}

// ChangeRequestSummary is ChangeRequestSummaryModel: one change request as the list answers it.
type ChangeRequestSummary struct {
	ChangeRequestHead
	AffectedSettingKeys []string `json:"affectedSettingKeys"`
	CommentCount        int32    `json:"commentCount"`
	ConflictCount       int32    `json:"conflictCount"`
}

// CodeReference is CodeReferenceModel: where one scan of a repository branch found a flag.
type CodeReference struct {
	Branch          *string          `json:"branch"`
	References      []ReferenceLines `json:"references"`
	CommitURL       *string          `json:"commitUrl"`
	CommitHash      *string          `json:"commitHash"`
	SyncedAt        string           `json:"syncedAt"`
	Repository      *string          `json:"repository"`
	CodeReferenceID string           `json:"codeReferenceId"`
	Uploader        *string          `json:"uploader"`
}

// ReferenceLines is ReferenceLinesModel in answers and ReferenceLinesRequest in uploads: one place in a file.
type ReferenceLines struct {
	File          string          `json:"file"`
	FileURL       *string         `json:"fileUrl"`
	PreLines      []ReferenceLine `json:"preLines"`
	PostLines     []ReferenceLine `json:"postLines"`
	ReferenceLine *ReferenceLine  `json:"referenceLine"`
}

// ReferenceLine is ReferenceLineModel (ReferenceLineRequest in uploads).
type ReferenceLine struct {
	LineText   *string `json:"lineText"`
	LineNumber int32   `json:"lineNumber"`
}

// AuditLogItem is AuditLogItemModel.
type AuditLogItem struct {
	AuditLogID       int64   `json:"auditLogId"`
	DateTime         string  `json:"auditLogDateTime"`
	AuditLogTypeEnum string  `json:"auditLogTypeEnum"`
	Truncated        bool    `json:"truncated"`
	ModelVersion     int32   `json:"modelVersion"`
	AuditLogType     string  `json:"auditLogType"`
	UserEmail        *string `json:"userEmail"`
	UserName         string  `json:"userName"`
	Where            string  `json:"where"`
	Why              *string `json:"why"`
	ActionTarget     string  `json:"actionTarget"`
	Details          string  `json:"details"`
}

// CreatePredefinedVariation is CreatePredefinedVariationModel: a new variation's value, name and hint. The
// client sends it, as the value models, without its null members.
type CreatePredefinedVariation struct {
	Value VariationValue `json:"value"`
	Name  *string        `json:"name"`
	Hint  *string        `json:"hint"`
}

// UpdatePredefinedVariation is UpdatePredefinedVariationModel; a nil PredefinedVariationID adds a variation.
type UpdatePredefinedVariation struct {
	CreatePredefinedVariation
	PredefinedVariationID *string `json:"predefinedVariationId"`
}

// CreateSettingRequest is CreateSettingInitialValues: a new flag, with at most one of InitialValues and
// SettingIDToInitFrom. V is how a side holds an initial value's bare JSON scalar, as in SettingValue. The
// client sends it without its nulls.
type CreateSettingRequest[V any] struct {
	Key                  string                      `json:"key"`
	Name                 string                      `json:"name"`
	SettingType          string                      `json:"settingType"`
	Hint                 *string                     `json:"hint"`
	Tags                 []int64                     `json:"tags"`
	Order                *int32                      `json:"order"`
	IsJSON               *bool                       `json:"isJson"`
	PredefinedVariations []CreatePredefinedVariation `json:"predefinedVariations"`
	InitialValues        []InitialValue[V]           `json:"initialValues"`
	SettingIDToInitFrom  *int32                      `json:"settingIdToInitFrom"`
}

// InitialValue is InitialValues: a new flag's plain value in one environment.
type InitialValue[V any] struct {
	EnvironmentID *string `json:"environmentId"`
	Value         V       `json:"value"`
}

// ProposedFormula is UpdateEvaluationFormulaWithLatestVersionModel: a flag's proposed formula, and the version
// of its current value it was proposed against (nil leaves the base as it is). The client sends it without
// its nulls.
type ProposedFormula struct {
	SettingID       *int32  `json:"settingId"`
	LatestVersionID *string `json:"latestVersionId"`
	EvaluationFormula
}

// ReplaceSettingRequest is ReplaceSettingModel: a full replace of a flag's metadata (what is not sent is reset).
// The emulator also reads it as the document a setting PATCH edits; the client sends it without its nulls.
type ReplaceSettingRequest struct {
	Name   string  `json:"name"`
	Hint   *string `json:"hint"`
	Tags   []int64 `json:"tags"`
	Order  *int32  `json:"order"`
	IsJSON *bool   `json:"isJson"`
}

// Request bodies. Optional and nullable fields are pointers with omitempty: the client leaves nil unsent, which
// for an update means "leave unchanged", and the emulator tells a missing field (nil) from an empty one.
// Required texts that the emulator never needs to tell missing from empty are plain strings.

// ProductRequest is CreateProductRequest (Name required) and UpdateProductRequest (nil fields unchanged).
type ProductRequest struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// CreateConfigRequest is CreateConfigRequest; a nil EvaluationVersion is the server's default.
type CreateConfigRequest struct {
	Name              string  `json:"name"`
	Description       *string `json:"description,omitempty"`
	Order             *int32  `json:"order,omitempty"`
	EvaluationVersion *string `json:"evaluationVersion,omitempty"`
}

// UpdateConfigRequest is UpdateConfigRequest; nil fields are left unchanged.
type UpdateConfigRequest struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// EnvironmentRequest is CreateEnvironmentModel (Name required) and UpdateEnvironmentModel (nil fields
// unchanged).
type EnvironmentRequest struct {
	Name        *string `json:"name,omitempty"`
	Color       *string `json:"color,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// TagRequest is CreateTagModel (Name required) and UpdateTagModel.
type TagRequest struct {
	Name  *string `json:"name,omitempty"`
	Color *string `json:"color,omitempty"`
}

// SegmentRequest is CreateSegmentModel (all but Description required) and UpdateSegmentModel.
type SegmentRequest struct {
	Name                *string `json:"name,omitempty"`
	Description         *string `json:"description,omitempty"`
	ComparisonAttribute *string `json:"comparisonAttribute,omitempty"`
	Comparator          *string `json:"comparator,omitempty"`
	ComparisonValue     *string `json:"comparisonValue,omitempty"`
}

// PreferencesRequest is UpdatePreferencesRequest; nil fields are left unchanged. The environments' items are
// UpdateReasonRequiredEnvironmentModel and UpdateApproveRequiredEnvironmentModel: EnvironmentName stays nil.
type PreferencesRequest struct {
	ReasonRequired              *bool                        `json:"reasonRequired,omitempty"`
	KeyGenerationMode           *string                      `json:"keyGenerationMode,omitempty"`
	ShowVariationID             *bool                        `json:"showVariationId,omitempty"`
	MandatorySettingHint        *bool                        `json:"mandatorySettingHint,omitempty"`
	ReasonRequiredEnvironments  []ReasonRequiredEnvironment  `json:"reasonRequiredEnvironments,omitempty"`
	ApproveRequired             *bool                        `json:"approveRequired,omitempty"`
	ApproveRequiredEnvironments []ApproveRequiredEnvironment `json:"approveRequiredEnvironments,omitempty"`
}

// WebhookRequest is WebHookRequestModel, a full replace. An unset HTTPMethod is the server's default.
type WebhookRequest struct {
	URL            string          `json:"url"`
	Content        *string         `json:"content,omitempty"`
	HTTPMethod     string          `json:"httpMethod,omitempty"`
	WebHookHeaders []WebhookHeader `json:"webHookHeaders"`
}

// IntegrationRequest is CreateIntegrationModel; without IntegrationType, ModifyIntegrationRequest (a full
// replace).
type IntegrationRequest struct {
	IntegrationType string            `json:"integrationType,omitempty"`
	Name            string            `json:"name"`
	Parameters      map[string]string `json:"parameters"`
	EnvironmentIDs  []string          `json:"environmentIds"`
	ConfigIDs       []string          `json:"configIds"`
}
