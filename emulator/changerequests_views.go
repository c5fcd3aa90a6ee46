package emulator

import "strings"

// The answers of the change request endpoints (their models are in wire.go), and
// AuditLogSettingValueV2EvaluationFormula, the flattened formula they show original and proposed values in.

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
