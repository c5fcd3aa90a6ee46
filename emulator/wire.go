package emulator

import (
	"time"

	"github.com/flagsync/flagsync/configcat/wire"
)

// The emulator's own JSON models: those package wire does not share. Answers are named after the spec's
// schemas and have no omitempty: every required key is emitted, nullable ones as an explicit null. Most are
// the change request details and the variation usages, which the client does not read.

// Change request answers: ChangeRequestModel and its parts, and AuditLogSettingValueV2EvaluationFormula, the
// flattened formula they show original and proposed values in.

type changeRequestModel struct {
	wire.ChangeRequestHead
	SettingValues []proposedChangeModel     `json:"settingValues"`
	Comments      []changeRequestComment    `json:"comments"`
	Approvals     []changeRequestApproval   `json:"approvals"`
	Activities    []changeRequestActivity   `json:"activities"`
	Issues        []changeRequestIssueModel `json:"changeRequestIssues"`
	ConfigID      string                    `json:"configId"`
	EnvironmentID string                    `json:"environmentId"`
}

type proposedChangeModel struct {
	SettingID   int32         `json:"settingId"`
	SettingKey  string        `json:"settingKey"`
	SettingName string        `json:"settingName"`
	SettingHint *string       `json:"settingHint"`
	SettingType string        `json:"settingType"`
	HasConflict bool          `json:"hasConflict"`
	Original    *auditFormula `json:"originalEvaluationFormula"`
	Proposed    *auditFormula `json:"proposedEvaluationFormula"`
}

type changeRequestComment struct {
	ID           int64   `json:"changeRequestCommentId"`
	Body         string  `json:"body"`
	CreatedAt    string  `json:"createdAt"`
	UserEmail    string  `json:"userEmail"`
	UserFullName string  `json:"userFullName"`
	EditedAt     *string `json:"editedAt"`
}

type changeRequestApproval struct {
	ID           int64   `json:"changeRequestApprovalId"`
	UserEmail    string  `json:"userEmail"`
	UserFullName string  `json:"userFullName"`
	ApprovedAt   string  `json:"approvedAt"`
	DismissedAt  *string `json:"dismissedAt"`
}

type changeRequestActivity struct {
	ID           int64   `json:"changeRequestActivityId"`
	Type         string  `json:"changeRequestActivityType"`
	Date         string  `json:"date"`
	UserID       *string `json:"userId"`
	UserFullName string  `json:"userFullName"`
	UserEmail    *string `json:"userEmail"`
	Details      string  `json:"details"`
	Error        *string `json:"error"`
}

type changeRequestIssueModel struct {
	ID         int64   `json:"changeRequestIssueId"`
	Type       string  `json:"issueType"`
	Details    string  `json:"issueDetails"`
	DetectedAt string  `json:"issueDetectedAt"`
	FixedAt    *string `json:"issueFixedAt"`
}

type proposedChangesModel struct {
	FeatureFlagLimitations wire.FeatureFlagLimitations `json:"featureFlagLimitations"`
	ProposedChanges        []wire.ConfigSettingFormula `json:"proposedChanges"`
}

// auditFormula is AuditLogSettingValueV2EvaluationFormula: a formula with the names of the variations,
// segments and prerequisite flags it refers to.
type auditFormula struct {
	DefaultValue         wire.Value  `json:"defaultValue"`
	DefaultVariationName *string     `json:"defaultValuePredefinedVariationName"`
	TargetingRules       []auditRule `json:"targetingRules"`
	PercentageAttribute  *string     `json:"percentageEvaluationAttribute"`
}

type auditRule struct {
	Value             *wire.Value      `json:"value"`
	ValueVariation    *string          `json:"valuePredefinedVariationName"`
	Conditions        []auditCondition `json:"conditions"`
	PercentageOptions []auditOption    `json:"percentageOptions"`
}

type auditOption struct {
	Percentage     int32      `json:"percentage"`
	Value          wire.Value `json:"value"`
	ValueVariation *string    `json:"valuePredefinedVariationName"`
}

type auditCondition struct {
	Type                   string                `json:"conditionType"`
	ComparisonAttribute    *string               `json:"comparisonAttribute"`
	UserComparator         *string               `json:"userComparator"`
	ComparisonValue        *wire.ComparisonValue `json:"comparisonValue"`
	SegmentComparator      *string               `json:"segmentComparator"`
	SegmentID              *string               `json:"segmentId"`
	SegmentName            *string               `json:"segmentName"`
	PrerequisiteComparator *string               `json:"prerequisiteComparator"`
	PrerequisiteSettingID  *int32                `json:"prerequisiteSettingId"`
	PrerequisiteKey        *string               `json:"prerequisiteSettingKey"`
	PrerequisiteValue      *wire.Value           `json:"prerequisiteComparisonValue"`
	PrerequisiteVariation  *string               `json:"prerequisiteComparisonValuePredefinedVariationName"`
}

// Predefined variation answers: PredefinedVariationsModel and the one with usages.

type variationUsage struct {
	SettingID     int32  `json:"settingId"`
	EnvironmentID string `json:"environmentId"`
}

type variationWithUsagesModel struct {
	wire.PredefinedVariation
	Usages                                 []variationUsage `json:"usages"`
	UsagesInOtherEnvironments              int32            `json:"usagesInOtherEnvironments"`
	ChangeRequestUsages                    []struct{}       `json:"changeRequestUsages"`
	ChangeRequestUsagesInOtherEnvironments int32            `json:"changeRequestUsagesInOtherEnvironments"`
}

type variationEnvironmentModel struct {
	EnvironmentID string `json:"environmentId"`
	Name          string `json:"name"`
	AccessType    string `json:"accessType"`
}

type variationsWithUsagesModel struct {
	SettingKey              string                      `json:"settingKey"`
	SettingType             string                      `json:"settingType"`
	PredefinedVariations    []variationWithUsagesModel  `json:"predefinedVariations"`
	Environments            []variationEnvironmentModel `json:"environments"`
	MaxPredefinedVariations int32                       `json:"maxPredefinedVariations"`
}

type variationsModel struct {
	PredefinedVariations    []wire.PredefinedVariation `json:"predefinedVariations"`
	MaxPredefinedVariations int32                      `json:"maxPredefinedVariations"`
}

// Request bodies as the emulator reads them, where package wire's shapes do not serve: a pointer where the
// client's shape has a plain value and the emulator must tell a missing field (left unchanged, or answered with
// the required message) from an empty one, fields the client never sends, and the webhook document a PATCH
// edits (every key present).

// createChangeRequestRequest is CreateChangeRequestModel.
type createChangeRequestRequest struct {
	Title           *string    `json:"title"`
	Reason          *string    `json:"reason"`
	ApplyAt         *time.Time `json:"applyAt"`
	BypassApproval  bool       `json:"bypassApproval"`
	ProposedChanges []struct {
		ProposedChange *wire.ProposedFormula `json:"proposedChange"`
	} `json:"proposedChanges"`
}

// updateChangeRequestRequest is UpdateChangeRequestModel.
type updateChangeRequestRequest struct {
	Title          *string    `json:"title"`
	Reason         *string    `json:"reason"`
	ApplyAt        *time.Time `json:"applyAt"`
	BypassApproval *bool      `json:"bypassApproval"`
}

// changeRequestCommentRequest is AddChangeRequestCommentModel and UpdateChangeRequestCommentModel.
type changeRequestCommentRequest struct {
	Body *string `json:"body"`
}

// updateProposedChangesRequest is UpdateChangeRequestProposedChangesModel.
type updateProposedChangesRequest struct {
	ProposedChanges []*wire.ProposedFormula `json:"proposedChanges"`
	Forced          bool                    `json:"forced"`
}

// resolveConflictsRequest is ResolveChangeRequestSettingConflictsModel.
type resolveConflictsRequest struct {
	ProposedChange *wire.ProposedFormula `json:"proposedChange"`
}

// codeReferenceRequest is CodeReferenceRequest.
type codeReferenceRequest struct {
	ConfigID       string          `json:"configId"`
	Repository     *string         `json:"repository"`
	Branch         *string         `json:"branch"`
	CommitURL      *string         `json:"commitUrl"`
	CommitHash     *string         `json:"commitHash"`
	Uploader       *string         `json:"uploader"`
	ActiveBranches []string        `json:"activeBranches"`
	FlagReferences []flagReference `json:"flagReferences"`
}

// flagReference is FlagReference: where one setting is used.
type flagReference struct {
	SettingID  int32                 `json:"settingId"`
	References []wire.ReferenceLines `json:"references"`
}

// deleteReportsRequest is DeleteRepositoryReportsRequest.
type deleteReportsRequest struct {
	ConfigID   string  `json:"configId"`
	Repository *string `json:"repository"`
	Branch     *string `json:"branch"`
	SettingID  *int32  `json:"settingId"`
}

// permissionGroupRequest is both CreatePermissionGroupRequest and UpdatePermissionGroupRequest.
type permissionGroupRequest struct {
	Name                *string           `json:"name"`
	AccessType          *string           `json:"accessType"`
	NewEnvAccess        *string           `json:"newEnvironmentAccessType"`
	ApprovalType        *string           `json:"approvalPermissionType"`
	NewEnvApproval      *string           `json:"newEnvironmentApprovalPermissionType"`
	EnvironmentAccess   []envAccessItem   `json:"environmentAccesses"`
	EnvironmentApproval []envApprovalItem `json:"environmentApprovalPermissions"`
	flags               map[string]*bool
}

// envAccessItem is CreateOrUpdateEnvironmentAccessModel.
type envAccessItem struct {
	EnvironmentID string `json:"environmentId"`
	Type          string `json:"environmentAccessType"`
}

// envApprovalItem is CreateOrUpdateEnvironmentApprovalPermissionModel.
type envApprovalItem struct {
	EnvironmentID string `json:"environmentId"`
	Type          string `json:"environmentApprovalPermissionType"`
}

type updateSettingValuesRequest struct {
	SettingValues []struct {
		wire.UpdateSettingValue[any]
		SettingID *int32 `json:"settingId"`
	} `json:"settingValues"`
}

type updateFormulasRequest struct {
	UpdateFormulas []struct {
		wire.EvaluationFormula
		SettingID *int32 `json:"settingId"`
	} `json:"updateFormulas"`
}

type updateVariationsRequest struct {
	PredefinedVariations []wire.UpdatePredefinedVariation `json:"predefinedVariations"`
}

type webhookRequest struct {
	URL        string               `json:"url"`
	Content    *string              `json:"content"`
	HTTPMethod *string              `json:"httpMethod"`
	Headers    []wire.WebhookHeader `json:"webHookHeaders"`
}
