package emulator

import (
	"slices"
	"testing"
)

// The answer of a batch write lists every setting of the config by default, and only the written ones when
// Behaviour.BatchResponseAllSettings is off, for both evaluation versions.
func TestBatchWriteAnswer(t *testing.T) {
	for _, all := range []bool{true, false} {
		b := DefaultBehaviour()
		b.BatchResponseAllSettings = all
		e := newEnv(t, func(o *Options) { o.Behaviour = b })
		w := e.world()
		e.setting(w.v2, "a2", "boolean", nil)
		b2 := e.setting(w.v2, "b2", "boolean", nil)
		e.setting(w.v1, "a1", "boolean", nil)
		b1 := e.setting(w.v1, "b1", "boolean", nil)
		want2, want1 := []string{"b2"}, []string{"b1"}
		if all {
			want2, want1 = []string{"a2", "b2"}, []string{"a1", "b1"}
		}

		v2 := e.must(200, "POST", "/v2/configs/"+w.v2+"/environments/"+w.prod+"/values", map[string]any{"updateFormulas": []any{
			map[string]any{"settingId": b2, "defaultValue": boolValue(true)}}}).obj(t)
		items := v2["settingFormulas"].([]any)
		if got := answeredKeys(items); !slices.Equal(got, want2) {
			t.Fatalf("all=%v: v2 answer lists %v, want %v", all, got, want2)
		}
		if dv := items[len(items)-1].(map[string]any)["defaultValue"].(map[string]any); dv["boolValue"] != true {
			t.Fatalf("all=%v: v2 answer shows %v, not the written value", all, dv)
		}

		v1 := e.must(200, "POST", "/v1/configs/"+w.v1+"/environments/"+w.prod+"/values", map[string]any{"settingValues": []any{
			map[string]any{"settingId": b1, "value": true}}}).obj(t)
		items = v1["settingValues"].([]any)
		if got := answeredKeys(items); !slices.Equal(got, want1) {
			t.Fatalf("all=%v: v1 answer lists %v, want %v", all, got, want1)
		}
		if v := items[len(items)-1].(map[string]any)["value"]; v != true {
			t.Fatalf("all=%v: v1 answer shows %v, not the written value", all, v)
		}
	}
}

// answeredKeys lists the setting keys of the items of a batch answer, in order.
func answeredKeys(items []any) []string {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.(map[string]any)["setting"].(map[string]any)["key"].(string)
	}
	return keys
}
