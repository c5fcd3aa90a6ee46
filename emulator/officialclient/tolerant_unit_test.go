package officialclient_test

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestStripVariationIDsRemovesOnlyThoseTwoPlaces(t *testing.T) {
	in := `{"defaultValue":{"boolValue":true,"predefinedVariationId":"d"},"targetingRules":[` +
		`{"conditions":[{"prerequisiteFlagCondition":{"prerequisiteSettingId":1,"comparator":"equals",` +
		`"prerequisiteComparisonValue":{"boolValue":true,"predefinedVariationId":null}}}],` +
		`"percentageOptions":[{"percentage":100,"value":{"boolValue":false,"predefinedVariationId":"p"}}],` +
		`"value":{"boolValue":true,"predefinedVariationId":"r"}}]}`
	out, removed, err := stripVariationIDs([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 || !slices.Contains(removed, any(nil)) || !slices.Contains(removed, any("p")) {
		t.Fatalf("removed = %v, want the prerequisite's null and the option's \"p\"", removed)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["defaultValue"].(map[string]any)["predefinedVariationId"] != "d" {
		t.Errorf("defaultValue lost its predefinedVariationId: %s", out)
	}
	rule := doc["targetingRules"].([]any)[0].(map[string]any)
	if rule["value"].(map[string]any)["predefinedVariationId"] != "r" {
		t.Errorf("rule value lost its predefinedVariationId: %s", out)
	}
	opt := rule["percentageOptions"].([]any)[0].(map[string]any)["value"].(map[string]any)
	if _, has := opt["predefinedVariationId"]; has || opt["boolValue"] != false {
		t.Errorf("option value = %v, want only boolValue false", opt)
	}
}

func TestStripVariationIDsLeavesOtherDocumentsAlone(t *testing.T) {
	in := `{"percentageOptions":[{"percentage":100,"value":{"boolValue":true}}],"x":1.50}`
	out, removed, err := stripVariationIDs([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in || removed != nil {
		t.Errorf("got %s %v, want the input unchanged", out, removed)
	}
}
