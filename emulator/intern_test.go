package emulator

import (
	"testing"
	"unsafe"
)

// A loaded state's values share their repeated parts: the updater, and the strings and slots of their rules.
func TestLoadedValuesShareRepeatedParts(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "flag", "boolean", nil)
	formula := map[string]any{"defaultValue": boolValue(true), "targetingRules": []any{map[string]any{
		"conditions": []any{map[string]any{"userCondition": map[string]any{"comparisonAttribute": "Email",
			"comparator": "isOneOf", "comparisonValue": map[string]any{"listValue": []any{map[string]any{"value": "a@example.com"}}}}}},
		"value": boolValue(false)}}}
	for _, env := range []string{w.prod, w.dev} {
		e.must(200, "PUT", "/v2/environments/"+env+"/settings/"+itoa(flag)+"/value", formula)
	}
	loaded, _ := e.reloaded()
	prod, dev := loaded.srv.st.Values[valueKey(flag, w.prod)], loaded.srv.st.Values[valueKey(flag, w.dev)]
	if prod.Updater == nil || prod.Updater != dev.Updater {
		t.Errorf("the two values' updaters %p and %p are not one", prod.Updater, dev.Updater)
	}
	if prod.V2.DefaultValue.BoolValue != dev.V2.DefaultValue.BoolValue {
		t.Error("the two values' default slots are not one")
	}
	pu, du := prod.V2.TargetingRules[0].Conditions[0].UserCondition, dev.V2.TargetingRules[0].Conditions[0].UserCondition
	if pu == du || pu.ComparisonValue.ListValue[0].Value != "a@example.com" {
		t.Fatalf("conditions %+v and %+v", pu, du)
	}
	if pu.Comparator != "isOneOf" || unsafe.StringData(pu.Comparator) != unsafe.StringData(du.Comparator) {
		t.Error("the two conditions' comparators are not one string")
	}
}
