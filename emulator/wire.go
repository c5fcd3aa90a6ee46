package emulator

import "time"

// Response models, named after the spec's schemas. No field has omitempty: every required key is emitted,
// nullable ones as an explicit null.

type meModel struct {
	Email    string `json:"email"`
	FullName string `json:"fullName"`
}

type organizationModel struct {
	OrganizationID string `json:"organizationId"`
	Name           string `json:"name"`
}

type productModel struct {
	Organization    organizationModel `json:"organization"`
	ProductID       string            `json:"productId"`
	Name            string            `json:"name"`
	Description     *string           `json:"description"`
	Order           int32             `json:"order"`
	ReasonRequired  bool              `json:"reasonRequired"`
	ApproveRequired bool              `json:"approveRequired"`
}

type configModel struct {
	Product           productModel `json:"product"`
	ConfigID          string       `json:"configId"`
	Name              string       `json:"name"`
	Description       *string      `json:"description"`
	Order             int32        `json:"order"`
	MigratedConfigID  *string      `json:"migratedConfigId"`
	EvaluationVersion string       `json:"evaluationVersion"`
}

type environmentModel struct {
	Product         productModel `json:"product"`
	EnvironmentID   string       `json:"environmentId"`
	Name            string       `json:"name"`
	Color           *string      `json:"color"`
	Description     *string      `json:"description"`
	Order           int32        `json:"order"`
	ReasonRequired  bool         `json:"reasonRequired"`
	ApproveRequired bool         `json:"approveRequired"`
}

type tagModel struct {
	Product productModel `json:"product"`
	TagID   int64        `json:"tagId"`
	Name    string       `json:"name"`
	Color   *string      `json:"color"`
}

type segmentModel struct {
	Product             productModel `json:"product"`
	SegmentID           string       `json:"segmentId"`
	Name                string       `json:"name"`
	Description         *string      `json:"description"`
	CreatorEmail        *string      `json:"creatorEmail"`
	CreatorFullName     *string      `json:"creatorFullName"`
	CreatedAt           string       `json:"createdAt"`
	LastUpdaterEmail    *string      `json:"lastUpdaterEmail"`
	LastUpdaterFullName *string      `json:"lastUpdaterFullName"`
	UpdatedAt           string       `json:"updatedAt"`
	ComparisonAttribute string       `json:"comparisonAttribute"`
	Comparator          string       `json:"comparator"`
	ComparisonValue     string       `json:"comparisonValue"`
}

type segmentListModel struct {
	Product             productModel `json:"product"`
	SegmentID           string       `json:"segmentId"`
	Name                string       `json:"name"`
	Description         *string      `json:"description"`
	CreatorEmail        *string      `json:"creatorEmail"`
	CreatorFullName     *string      `json:"creatorFullName"`
	CreatedAt           string       `json:"createdAt"`
	LastUpdaterEmail    *string      `json:"lastUpdaterEmail"`
	LastUpdaterFullName *string      `json:"lastUpdaterFullName"`
	UpdatedAt           string       `json:"updatedAt"`
	Usage               int32        `json:"usage"`
}

type predefinedVariationModel struct {
	Value                 scalarValue `json:"value"`
	Name                  *string     `json:"name"`
	Hint                  *string     `json:"hint"`
	PredefinedVariationID string      `json:"predefinedVariationId"`
}

type settingModel struct {
	SettingID            int32                      `json:"settingId"`
	Key                  string                     `json:"key"`
	Name                 string                     `json:"name"`
	Hint                 *string                    `json:"hint"`
	Order                int32                      `json:"order"`
	SettingType          string                     `json:"settingType"`
	IsJSON               bool                       `json:"isJson"`
	ConfigID             string                     `json:"configId"`
	ConfigName           string                     `json:"configName"`
	CreatedAt            *string                    `json:"createdAt"`
	Tags                 []tagModel                 `json:"tags"`
	PredefinedVariations []predefinedVariationModel `json:"predefinedVariations"`
}

type deletedSettingModel struct {
	Key         string  `json:"key"`
	Name        string  `json:"name"`
	Hint        *string `json:"hint"`
	SettingType string  `json:"settingType"`
}

type settingDataModel struct {
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

type settingDataV2Model struct {
	SettingID            int32                      `json:"settingId"`
	Key                  string                     `json:"key"`
	Name                 string                     `json:"name"`
	Hint                 *string                    `json:"hint"`
	SettingType          string                     `json:"settingType"`
	IsJSON               bool                       `json:"isJson"`
	Order                int32                      `json:"order"`
	CreatedAt            *string                    `json:"createdAt"`
	CreatorEmail         *string                    `json:"creatorEmail"`
	CreatorFullName      *string                    `json:"creatorFullName"`
	PredefinedVariations []predefinedVariationModel `json:"predefinedVariations"`
	IsWatching           bool                       `json:"isWatching"`
}

type settingTagModel struct {
	SettingTagID int64   `json:"settingTagId"`
	TagID        int64   `json:"tagId"`
	Name         string  `json:"name"`
	Color        *string `json:"color"`
}

type integrationLinkModel struct {
	Key                 *string `json:"key"`
	Description         *string `json:"description"`
	IntegrationLinkType string  `json:"integrationLinkType"`
	URL                 *string `json:"url"`
}

type featureFlagLimitations struct {
	MaxPercentageOptionCount          int32 `json:"maxPercentageOptionCount"`
	MaxTargetingRuleCount             int32 `json:"maxTargetingRuleCount"`
	MaxComparisonValueLength          int32 `json:"maxComparisonValueLength"`
	MaxComparisonValueListLength      int32 `json:"maxComparisonValueListLength"`
	MaxComparisonValueListItemLength  int32 `json:"maxComparisonValueListItemLength"`
	MaxStringFlagValueLength          int32 `json:"maxStringFlagValueLength"`
	MaxConditionPerTargetingRuleCount int32 `json:"maxConditionPerTargetingRuleCount"`
}

type organizationLimitations struct {
	featureFlagLimitations
	MaxPredefinedVariations int32 `json:"maxPredefinedVariations"`
}

// configSettingFormulaModel is a batch item; settingFormulaModel adds the single-answer fields.
type configSettingFormulaModel struct {
	LastVersionID                 string                 `json:"lastVersionId"`
	DefaultValue                  valueSlot              `json:"defaultValue"`
	TargetingRules                []rule                 `json:"targetingRules"`
	Setting                       *settingDataV2Model    `json:"setting"`
	UpdatedAt                     *string                `json:"updatedAt"`
	PercentageEvaluationAttribute *string                `json:"percentageEvaluationAttribute"`
	LastUpdaterUserEmail          *string                `json:"lastUpdaterUserEmail"`
	LastUpdaterUserFullName       *string                `json:"lastUpdaterUserFullName"`
	IntegrationLinks              []integrationLinkModel `json:"integrationLinks"`
	SettingTags                   []settingTagModel      `json:"settingTags"`
	SettingIdsWherePrerequisite   []int32                `json:"settingIdsWherePrerequisite"`
	ChangeRequestCount            int32                  `json:"changeRequestCount"`
}

type envContext struct {
	Config                 *configModel           `json:"config"`
	Environment            *environmentModel      `json:"environment"`
	ReadOnly               bool                   `json:"readOnly"`
	FeatureFlagLimitations featureFlagLimitations `json:"featureFlagLimitations"`
}

type approvalContext struct {
	ApproveRequired   bool `json:"approveRequired"`
	CanBypassApproval bool `json:"canBypassApproval"`
	ReasonRequired    bool `json:"reasonRequired"`
}

type settingFormulaModel struct {
	configSettingFormulaModel
	envContext
	approvalContext
}

type configSettingValueModel struct {
	Setting                 *settingDataModel      `json:"setting"`
	UpdatedAt               *string                `json:"updatedAt"`
	LastUpdaterUserEmail    *string                `json:"lastUpdaterUserEmail"`
	LastUpdaterUserFullName *string                `json:"lastUpdaterUserFullName"`
	IntegrationLinks        []integrationLinkModel `json:"integrationLinks"`
	SettingTags             []settingTagModel      `json:"settingTags"`
	RolloutRules            []rolloutRule          `json:"rolloutRules"`
	RolloutPercentageItems  []rolloutPercent       `json:"rolloutPercentageItems"`
	Value                   any                    `json:"value"`
}

type settingValueModel struct {
	configSettingValueModel
	envContext
}

type configSettingValuesModel struct {
	envContext
	SettingValues []configSettingValueModel `json:"settingValues"`
}

type webhookHeaderModel struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	IsSecure bool   `json:"isSecure"`
}

type webhookConfig struct {
	Name     string `json:"name"`
	ConfigID string `json:"configId"`
}

type webhookEnvironment struct {
	Name          string `json:"name"`
	EnvironmentID string `json:"environmentId"`
}

type webhookResponseModel struct {
	WebhookID      int32                `json:"webhookId"`
	URL            string               `json:"url"`
	HTTPMethod     string               `json:"httpMethod"`
	Content        *string              `json:"content"`
	WebHookHeaders []webhookHeaderModel `json:"webHookHeaders"`
	Config         webhookConfig        `json:"config"`
	Environment    webhookEnvironment   `json:"environment"`
}

type webhookSigningKeysModel struct {
	Key1 *string `json:"key1"`
	Key2 *string `json:"key2"`
}

type sdkKeysModel struct {
	Primary   string  `json:"primary"`
	Secondary *string `json:"secondary"`
}

// timestamp renders a time as the API does: RFC 3339 in UTC.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }

func timestampPtr(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := timestamp(*t)
	return &s
}

func strPtr(s string) *string { return &s }
