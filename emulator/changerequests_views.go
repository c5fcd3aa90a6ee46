package emulator

import (
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

// The answers of the change request endpoints: ChangeRequestModel, ChangeRequestSummaryModel and their parts,
// and AuditLogSettingValueV2EvaluationFormula, the flattened formula they show original and proposed values in.

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
	ProposedChanges        []configSettingFormulaModel `json:"proposedChanges"`
}

// auditFormula is AuditLogSettingValueV2EvaluationFormula: a formula with the names of the variations,
// segments and prerequisite flags it refers to.
type auditFormula struct {
	DefaultValue         valueSlot   `json:"defaultValue"`
	DefaultVariationName *string     `json:"defaultValuePredefinedVariationName"`
	TargetingRules       []auditRule `json:"targetingRules"`
	PercentageAttribute  *string     `json:"percentageEvaluationAttribute"`
}

type auditRule struct {
	Value             *valueSlot       `json:"value"`
	ValueVariation    *string          `json:"valuePredefinedVariationName"`
	Conditions        []auditCondition `json:"conditions"`
	PercentageOptions []auditOption    `json:"percentageOptions"`
}

type auditOption struct {
	Percentage     int32     `json:"percentage"`
	Value          valueSlot `json:"value"`
	ValueVariation *string   `json:"valuePredefinedVariationName"`
}

type auditCondition struct {
	Type                   string           `json:"conditionType"`
	ComparisonAttribute    *string          `json:"comparisonAttribute"`
	UserComparator         *string          `json:"userComparator"`
	ComparisonValue        *comparisonValue `json:"comparisonValue"`
	SegmentComparator      *string          `json:"segmentComparator"`
	SegmentID              *string          `json:"segmentId"`
	SegmentName            *string          `json:"segmentName"`
	PrerequisiteComparator *string          `json:"prerequisiteComparator"`
	PrerequisiteSettingID  *int32           `json:"prerequisiteSettingId"`
	PrerequisiteKey        *string          `json:"prerequisiteSettingKey"`
	PrerequisiteValue      *valueSlot       `json:"prerequisiteComparisonValue"`
	PrerequisiteVariation  *string          `json:"prerequisiteComparisonValuePredefinedVariationName"`
}

// auditFormulaOf flattens f, a value of setting x, naming what it refers to.
func auditFormulaOf(st *store, x *setting, f *formula) *auditFormula {
	out := &auditFormula{DefaultValue: f.DefaultValue, DefaultVariationName: variationName(x, f.DefaultValue),
		TargetingRules: make([]auditRule, 0, len(f.Rules)), PercentageAttribute: f.PercentageAtt}
	for _, r := range f.Rules {
		ar := auditRule{Value: r.Value, Conditions: make([]auditCondition, 0, len(r.Conditions)),
			PercentageOptions: make([]auditOption, 0, len(r.Options))}
		if r.Value != nil {
			ar.ValueVariation = variationName(x, *r.Value)
		}
		for _, c := range r.Conditions {
			ar.Conditions = append(ar.Conditions, auditConditionOf(st, c))
		}
		for _, o := range r.Options {
			ar.PercentageOptions = append(ar.PercentageOptions, auditOption{Percentage: o.Percentage, Value: o.Value,
				ValueVariation: variationName(x, o.Value)})
		}
		out.TargetingRules = append(out.TargetingRules, ar)
	}
	return out
}

func auditConditionOf(st *store, c condition) auditCondition {
	switch {
	case c.User != nil:
		v := c.User.Value
		return auditCondition{Type: "userCondition", ComparisonAttribute: strPtr(c.User.Attribute),
			UserComparator: strPtr(c.User.Comparator), ComparisonValue: &v}
	case c.Segment != nil:
		out := auditCondition{Type: "segmentCondition", SegmentComparator: strPtr(c.Segment.Comparator),
			SegmentID: strPtr(c.Segment.SegmentID)}
		if sg := st.Segments[strings.ToLower(c.Segment.SegmentID)]; sg != nil {
			out.SegmentName = strPtr(sg.Name)
		}
		return out
	default:
		p := c.Prerequisite
		out := auditCondition{Type: "prerequisiteFlagCondition", PrerequisiteComparator: strPtr(p.Comparator),
			PrerequisiteSettingID: &p.SettingID, PrerequisiteValue: &p.Value}
		if px := st.Settings[p.SettingID]; px != nil {
			out.PrerequisiteKey = strPtr(px.Key)
			out.PrerequisiteVariation = variationName(px, p.Value)
		}
		return out
	}
}

// variationName is the name of the predefined variation v serves, or nil.
func variationName(x *setting, v valueSlot) *string {
	if v.VariationID == nil {
		return nil
	}
	for _, pv := range x.Variations {
		if strings.EqualFold(pv.ID, *v.VariationID) {
			return clonePtr(pv.Name)
		}
	}
	return nil
}
