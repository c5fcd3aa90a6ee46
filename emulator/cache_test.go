package emulator

import (
	"testing"
)

// The batch answers are cached; every kind of change must still show in the next read.
func TestCachedBatchReadsSeeEveryChange(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	tag := e.tag(w.product, "old tag")
	a := e.setting(w.v2, "a", "boolean", map[string]any{"tags": []any{tag}})
	b := e.setting(w.v2, "b", "boolean", nil)
	path := "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values"
	item := func(i int) map[string]any {
		t.Helper()
		return e.must(200, "GET", path, nil).obj(t)["settingFormulas"].([]any)[i].(map[string]any)
	}
	item(0) // fill the caches

	e.must(200, "PUT", "/v1/tags/"+itoa64(tag), map[string]any{"name": "new tag"})
	if got := item(0)["settingTags"].([]any)[0].(map[string]any)["name"]; got != "new tag" {
		t.Fatalf("tag rename not seen: %v", got)
	}
	e.must(200, "PATCH", "/v1/settings/"+itoa(a), []any{map[string]any{"op": "replace", "path": "/name", "value": "Renamed"}})
	if got := item(0)["setting"].(map[string]any)["name"]; got != "Renamed" {
		t.Fatalf("setting rename not seen: %v", got)
	}
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(a)+"/value", map[string]any{"defaultValue": boolValue(true)})
	if got := item(0)["defaultValue"].(map[string]any)["boolValue"]; got != true {
		t.Fatalf("value write not seen: %v", got)
	}
	// b starts using a as a prerequisite: a's item changes although a's value did not.
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(b)+"/value", map[string]any{"defaultValue": boolValue(false),
		"targetingRules": []any{map[string]any{"conditions": []any{map[string]any{"prerequisiteFlagCondition": map[string]any{
			"prerequisiteSettingId": a, "comparator": "equals", "prerequisiteComparisonValue": boolValue(true)}}}, "value": boolValue(true)}}})
	if deps := item(0)["settingIdsWherePrerequisite"].([]any); len(deps) != 1 || deps[0] != float64(b) {
		t.Fatalf("prerequisite use not seen: %v", deps)
	}
	e.must(200, "POST", "/v1/products/"+w.product+"/preferences", map[string]any{"reasonRequired": true})
	if got := e.must(200, "GET", path, nil).obj(t)["reasonRequired"]; got != true {
		t.Fatalf("preference change not seen: %v", got)
	}
}
