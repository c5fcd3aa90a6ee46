package emulator

import (
	"encoding/json"
	"testing"
)

func TestApplyPatch(t *testing.T) {
	doc := map[string]any{"name": "n", "tags": []any{1, 2, 3}, "rules": []any{
		map[string]any{"c": []any{"a"}}, map[string]any{"c": []any{"b"}}}}
	cases := []struct {
		name string
		ops  string
		want string
	}{
		{"add appends with -", `[{"op":"add","path":"/tags/-","value":4}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b"]}],"tags":[1,2,3,4]}`},
		{"add inserts at an index", `[{"op":"add","path":"/tags/0","value":0}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b"]}],"tags":[0,1,2,3]}`},
		{"remove by index", `[{"op":"remove","path":"/tags/1"}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b"]}],"tags":[1,3]}`},
		{"remove - takes the last", `[{"op":"remove","path":"/tags/-"}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b"]}],"tags":[1,2]}`},
		{"replace a property, case-insensitively", `[{"op":"replace","path":"/Name","value":"m"}]`, `{"name":"m","rules":[{"c":["a"]},{"c":["b"]}],"tags":[1,2,3]}`},
		{"move swaps", `[{"op":"move","from":"/rules/0","path":"/rules/1"}]`, `{"name":"n","rules":[{"c":["b"]},{"c":["a"]}],"tags":[1,2,3]}`},
		{"copy into a nested array", `[{"op":"copy","from":"/rules/0/c/0","path":"/rules/1/c/-"}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b","a"]}],"tags":[1,2,3]}`},
		{"test passes", `[{"op":"test","path":"/name","value":"n"},{"op":"add","path":"/x","value":true}]`, `{"name":"n","rules":[{"c":["a"]},{"c":["b"]}],"tags":[1,2,3],"x":true}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ops []patchOp
			if err := json.Unmarshal([]byte(c.ops), &ops); err != nil {
				t.Fatal(err)
			}
			var out map[string]any
			if err := applyPatch(doc, ops, &out, nil); err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(out)
			if string(got) != c.want {
				t.Fatalf("got %s\nwant %s", got, c.want)
			}
		})
	}
	for _, bad := range []string{
		`[{"op":"test","path":"/name","value":"x"}]`,
		`[{"op":"replace","path":"/missing","value":1}]`,
		`[{"op":"remove","path":"/tags/9"}]`,
		`[{"op":"add","path":"/tags/9","value":1}]`,
		`[{"op":"move","path":"/tags/0"}]`,
		`[{"op":"unknown","path":"/name"}]`,
		`[{"op":"add","path":"name","value":1}]`,
	} {
		var ops []patchOp
		if err := json.Unmarshal([]byte(bad), &ops); err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		if err := applyPatch(doc, ops, &out, nil); err == nil {
			t.Fatalf("%s applied", bad)
		}
	}
}
