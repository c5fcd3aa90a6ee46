package emulator

import (
	"time"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Response models, named after the spec's schemas. No field has omitempty: every required key is emitted,
// nullable ones as an explicit null.

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
	Tags                 []wire.Tag                 `json:"tags"`
	PredefinedVariations []predefinedVariationModel `json:"predefinedVariations"`
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
	IntegrationLinks              []wire.IntegrationLink `json:"integrationLinks"`
	SettingTags                   []wire.SettingTag      `json:"settingTags"`
	SettingIdsWherePrerequisite   []int32                `json:"settingIdsWherePrerequisite"`
	ChangeRequestCount            int32                  `json:"changeRequestCount"`
}

type envContext struct {
	Config                 *wire.Config                `json:"config"`
	Environment            *wire.Environment           `json:"environment"`
	ReadOnly               bool                        `json:"readOnly"`
	FeatureFlagLimitations wire.FeatureFlagLimitations `json:"featureFlagLimitations"`
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
	Setting                 *wire.SettingData      `json:"setting"`
	UpdatedAt               *string                `json:"updatedAt"`
	LastUpdaterUserEmail    *string                `json:"lastUpdaterUserEmail"`
	LastUpdaterUserFullName *string                `json:"lastUpdaterUserFullName"`
	IntegrationLinks        []wire.IntegrationLink `json:"integrationLinks"`
	SettingTags             []wire.SettingTag      `json:"settingTags"`
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
