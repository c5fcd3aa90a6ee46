package officialclient_test

import (
	"encoding/json"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
	"github.com/google/go-cmp/cmp"
)

// Builders for v2 formulas in the official client's own models.

func listValue(items ...string) cc.ComparisonValueModel {
	out := make([]cc.ComparisonValueListModel, len(items))
	for i, it := range items {
		out[i] = cc.ComparisonValueListModel{Value: it}
	}
	return cc.ComparisonValueModel{ListValue: out}
}

func userCond(attr string, op cc.UserComparator, v cc.ComparisonValueModel) cc.ConditionModel {
	return cc.ConditionModel{UserCondition: &cc.UserConditionModel{ComparisonAttribute: attr, Comparator: op,
		ComparisonValue: v}}
}

func segmentCond(id string, op cc.SegmentComparator) cc.ConditionModel {
	return cc.ConditionModel{SegmentCondition: &cc.SegmentConditionModel{SegmentId: id, Comparator: op}}
}

func prereqCond(id int32, op cc.PrerequisiteComparator, v cc.ValueModel) cc.ConditionModel {
	return cc.ConditionModel{PrerequisiteFlagCondition: &cc.PrerequisiteFlagConditionModel{PrerequisiteSettingId: id,
		Comparator: op, PrerequisiteComparisonValue: v}}
}

func rule(v cc.ValueModel, conds ...cc.ConditionModel) cc.TargetingRuleModel {
	return cc.TargetingRuleModel{Conditions: conds, Value: &v}
}

// percentRule is the trailing condition-less rule that carries a flag's percentage options.
func percentRule(opts ...cc.PercentageOptionModel) cc.TargetingRuleModel {
	return cc.TargetingRuleModel{Conditions: []cc.ConditionModel{}, PercentageOptions: opts}
}

func pct(p int32, v cc.ValueModel) cc.PercentageOptionModel {
	return cc.PercentageOptionModel{Percentage: p, Value: v}
}

func vBool(b bool) cc.ValueModel      { return cc.ValueModel{BoolValue: nbool(b)} }
func vStr(s string) cc.ValueModel     { return cc.ValueModel{StringValue: nstr(s)} }
func vInt(i int32) cc.ValueModel      { return cc.ValueModel{IntValue: nint(i)} }
func vDouble(f float64) cc.ValueModel { return cc.ValueModel{DoubleValue: nfloat(f)} }

// canon turns a client model into plain JSON data without nulls and empty lists, so that what was sent (where
// the client leaves unset fields out) compares equal to what came back (where the API sends explicit nulls
// and empty lists for required-nullable fields, api doc §1).
func canon(t *testing.T, v any) any {
	t.Helper()
	buf, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(buf, &out); err != nil {
		t.Fatal(err)
	}
	return prune(out)
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			c = prune(c)
			if c == nil {
				delete(x, k)
				continue
			}
			x[k] = c
		}
		return x
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i := range x {
			x[i] = prune(x[i])
		}
		return x
	}
	return v
}

// sameFormula reports a difference between a sent formula and one read back.
func sameFormula(t *testing.T, what string, sent cc.UpdateEvaluationFormulaModel, def *cc.ValueModel,
	rules []cc.TargetingRuleModel, attr cc.NullableString) {
	t.Helper()
	got := cc.UpdateEvaluationFormulaModel{TargetingRules: rules, PercentageEvaluationAttribute: attr}
	if def != nil {
		got.DefaultValue = *def
	}
	if d := cmp.Diff(canon(t, sent), canon(t, got)); d != "" {
		t.Errorf("%s differs from what was sent (-sent +got):\n%s", what, d)
	}
}
