package configcat

import (
	"strings"
	"testing"
)

// v2Answer is a values answer listing boolean flags (by setting id and name) that serve on.
func v2Answer(flags map[int32]string, order ...int32) *ConfigSettingFormulas {
	on := true
	a := &ConfigSettingFormulas{}
	for _, id := range order {
		a.SettingFormulas = append(a.SettingFormulas, SettingFormula{LastVersionID: "v-" + flags[id],
			DefaultValue: ValueModel{VariationValue: VariationValue{BoolValue: &on}},
			Setting:      SettingDataV2{SettingID: id, Key: flags[id], Name: flags[id], SettingType: "boolean"}})
	}
	return a
}

// The answers of a config arrive in any order; the flags keep the order (and the metadata) of the first
// answer in environment order that describes them, as they did when the answers were read only after all had
// arrived.
func TestConfigValuesOrderDoesNotDependOnArrival(t *testing.T) {
	flags := map[int32]string{1: "a", 2: "b", 3: "c"}
	cv := newConfigValues(2)
	cv.addV2(1, "Staging", v2Answer(flags, 3, 2, 1), nil) // arrives first, lists c before b
	cv.addV2(0, "Production", v2Answer(flags, 2, 1), nil)
	var keys []string
	for _, told := range cv.toldInOrder() {
		keys = append(keys, told.key)
	}
	if got := strings.Join(keys, ","); got != "b,a,c" {
		t.Fatalf("flags in order %s, want b,a,c (Production's order, then what only Staging lists)", got)
	}
	for ei, want := range []int{2, 3} {
		if n := len(cv.envs[ei].values); n != want {
			t.Fatalf("environment %d: %d values read, want %d", ei, n, want)
		}
	}
}

// A value that cannot be read is reported with its flag and environment, and the answer's other flags are
// still described.
func TestConfigValuesKeepsTheFirstError(t *testing.T) {
	a := v2Answer(map[int32]string{1: "a", 2: "b"}, 1, 2)
	a.SettingFormulas[0].TargetingRules = []TargetingRule{{Conditions: []Condition{{SegmentCondition: &SegmentCondition{
		SegmentID: "gone", Comparator: "isIn"}}}, Value: &ValueModel{VariationValue: VariationValue{BoolValue: new(bool)}}}}
	cv := newConfigValues(1)
	cv.addV2(0, "Production", a, map[string]string{})
	err := cv.envs[0].err
	if err == nil || !strings.Contains(err.Error(), `flag "a" in environment "Production": rule 1: condition 1: unknown segment gone`) {
		t.Fatalf("error %v", err)
	}
	if len(cv.toldInOrder()) != 2 {
		t.Fatal("the flags of an answer with an unreadable value are not all described")
	}
}
