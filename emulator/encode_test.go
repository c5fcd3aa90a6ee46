package emulator

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// The hand-written formula encoder must write exactly what encoding/json writes.
func TestFormulaItemEncoderMatchesEncodingJSON(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	seg := e.segment(w.product, "s")
	tag := e.tag(w.product, `<b>&"tag"</b>`)
	odd := "line\nbreak\ttab \u2028 \u2029 \x01 é 日本 \\ \"q\" <a&b>"
	pre := e.setting(w.v2, "pre", "double", map[string]any{"hint": odd, "tags": []any{tag}})
	flag := e.setting(w.v2, "flag", "string", map[string]any{"predefinedVariations": []any{
		map[string]any{"value": map[string]any{"stringValue": odd}, "name": "odd"},
		map[string]any{"value": map[string]any{"stringValue": "plain"}, "hint": nil},
	}})
	e.setting(w.v2, "num", "int", nil)
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(pre)+"/value", map[string]any{
		"defaultValue": map[string]any{"doubleValue": 1e-7}, "percentageEvaluationAttribute": odd,
		"targetingRules": []any{
			map[string]any{"conditions": []any{userCond("Age", "numberGreater", map[string]any{"doubleValue": 1e21})}, "value": map[string]any{"doubleValue": -0.5}},
			map[string]any{"conditions": []any{userCond("V", "semVerLess", map[string]any{"stringValue": odd})}, "value": map[string]any{"doubleValue": 123456789.125}},
		}})
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{
		"defaultValue": map[string]any{"stringValue": "plain"},
		"targetingRules": []any{
			map[string]any{"conditions": []any{
				userCond("Email", "isOneOf", map[string]any{"listValue": []any{map[string]any{"value": odd, "hint": odd}, map[string]any{"value": "x"}}}),
				map[string]any{"segmentCondition": map[string]any{"segmentId": seg, "comparator": "isNotIn"}},
				map[string]any{"prerequisiteFlagCondition": map[string]any{"prerequisiteSettingId": pre, "comparator": "doesNotEqual",
					"prerequisiteComparisonValue": map[string]any{"doubleValue": 3}}},
			}, "value": map[string]any{"stringValue": odd}},
			map[string]any{"conditions": []any{}, "percentageOptions": []any{
				map[string]any{"percentage": 25, "value": map[string]any{"stringValue": "plain"}},
				map[string]any{"percentage": 75, "value": map[string]any{"stringValue": odd}},
			}},
		}})
	e.srv.read(func(st *store) {
		c := st.Configs[w.v2]
		xs := settingsOfConfig(st, c)
		idx := prerequisiteIndex(st, xs, w.prod)
		for _, x := range xs {
			m := e.srv.formulaView(st, x, w.prod, idx)
			want, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := jsonBuf(nil).formulaItem(&m)
			if !ok || !bytes.Equal(got, want) {
				t.Errorf("setting %s:\n got %s\nwant %s", x.Key, got, want)
			}
		}
	})
}

func TestJSONFloatsMatchEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 123456789012345678, 3.14159, -2.5e-10, 1.7976931348623157e308} {
		want, _ := json.Marshal(f)
		if got := jsonBuf(nil).float(f); string(got) != string(want) {
			t.Errorf("%v: got %s, want %s", f, got, want)
		}
	}
}
