package planner

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/flagsync/flagsync/spec"
)

// state reads a small YAML state the way the loader would hand it over: unmarshalled and normalized.
func state(t testing.TB, src string) *spec.State {
	t.Helper()
	var s spec.State
	if err := yaml.Unmarshal([]byte(strings.ReplaceAll(src, "\t", "  ")), &s); err != nil {
		t.Fatalf("bad test state: %v\n%s", err, src)
	}
	spec.Normalize(&s)
	return &s
}

// dump is the readable plan text the table tests expect: one line per change, then its fields or values.
func dump(p *Plan) string {
	var b strings.Builder
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "%s %s %s", c.Op, c.Kind, c.Address)
		if c.Type != "" && c.Kind == KindFlag {
			fmt.Fprintf(&b, " (%s)", c.Type)
		}
		if c.RenamedFrom != "" {
			fmt.Fprintf(&b, " renamed from %s", c.RenamedFrom)
		}
		if c.InitFrom != "" {
			fmt.Fprintf(&b, " from %s", c.InitFrom)
		}
		if c.RenamedTo != "" {
			fmt.Fprintf(&b, " renamed to %s", c.RenamedTo)
		}
		if c.Reason != "" {
			fmt.Fprintf(&b, " [%s]", c.Reason)
		}
		b.WriteString("\n")
		for _, f := range c.Fields {
			fmt.Fprintf(&b, "  %s: %s -> %s\n", f.Name, raw(f.Before), raw(f.After))
		}
		for _, v := range c.Values {
			fmt.Fprintf(&b, "  %s: %s -> %s\n", v.Key, compact(v.Before), compact(v.After))
		}
	}
	return b.String()
}

func raw(m json.RawMessage) string {
	if m == nil {
		return "-"
	}
	return string(m)
}

func compact(ev *spec.EnvValue) string {
	if ev == nil {
		return "-"
	}
	b, err := json.Marshal(ev)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func checkPlan(t *testing.T, p *Plan, want string) {
	t.Helper()
	got := dump(p)
	want = strings.TrimLeft(strings.ReplaceAll(want, "\t", ""), "\n")
	if got != want {
		t.Errorf("plan differs\n--- got\n%s--- want\n%s", got, want)
	}
}
