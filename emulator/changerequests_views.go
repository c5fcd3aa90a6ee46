package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"strings"
)

// The answers of the change request endpoints (their models are in wire.go), and
// AuditLogSettingValueV2EvaluationFormula, the flattened formula they show original and proposed values in.

// auditFormulaOf flattens f, a value of setting x, naming what it refers to.
func auditFormulaOf(st *store, x *setting, f *wire.EvaluationFormula) *auditFormula {
	out := &auditFormula{DefaultValue: f.DefaultValue, DefaultVariationName: variationName(x, f.DefaultValue),
		TargetingRules: make([]auditRule, 0, len(f.TargetingRules)), PercentageAttribute: f.PercentageEvaluationAttribute}
	for _, r := range f.TargetingRules {
		ar := auditRule{Value: r.Value, Conditions: make([]auditCondition, 0, len(r.Conditions)),
			PercentageOptions: make([]auditOption, 0, len(r.PercentageOptions))}
		if r.Value != nil {
			ar.ValueVariation = variationName(x, *r.Value)
		}
		for _, c := range r.Conditions {
			ar.Conditions = append(ar.Conditions, auditConditionOf(st, c))
		}
		for _, o := range r.PercentageOptions {
			ar.PercentageOptions = append(ar.PercentageOptions, auditOption{Percentage: o.Percentage, Value: o.Value,
				ValueVariation: variationName(x, o.Value)})
		}
		out.TargetingRules = append(out.TargetingRules, ar)
	}
	return out
}

func auditConditionOf(st *store, c wire.Condition) auditCondition {
	switch {
	case c.UserCondition != nil:
		v := c.UserCondition.ComparisonValue
		return auditCondition{Type: "userCondition", ComparisonAttribute: strPtr(c.UserCondition.ComparisonAttribute),
			UserComparator: strPtr(c.UserCondition.Comparator), ComparisonValue: &v}
	case c.SegmentCondition != nil:
		out := auditCondition{Type: "segmentCondition", SegmentComparator: strPtr(c.SegmentCondition.Comparator),
			SegmentID: strPtr(c.SegmentCondition.SegmentID)}
		if sg := st.Segments[strings.ToLower(c.SegmentCondition.SegmentID)]; sg != nil {
			out.SegmentName = strPtr(sg.Name)
		}
		return out
	default:
		p := c.PrerequisiteFlagCondition
		out := auditCondition{Type: "prerequisiteFlagCondition", PrerequisiteComparator: strPtr(p.Comparator),
			PrerequisiteSettingID: &p.PrerequisiteSettingID, PrerequisiteValue: &p.PrerequisiteComparisonValue}
		if px := st.Settings[p.PrerequisiteSettingID]; px != nil {
			out.PrerequisiteKey = strPtr(px.Key)
			out.PrerequisiteVariation = variationName(px, p.PrerequisiteComparisonValue)
		}
		return out
	}
}

// variationName is the name of the predefined variation v serves, or nil.
func variationName(x *setting, v wire.Value) *string {
	if v.PredefinedVariationID == nil {
		return nil
	}
	for _, pv := range x.Variations {
		if strings.EqualFold(pv.ID, *v.PredefinedVariationID) {
			return clonePtr(pv.Name)
		}
	}
	return nil
}
