package planner

import (
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// TestEqualEnvValueAgreesWithGoCmp: the shortcuts answer as go-cmp, the judge of equality, does.
func TestEqualEnvValueAgreesWithGoCmp(t *testing.T) {
	seg := func(name string) *spec.EnvValue {
		return &spec.EnvValue{Default: spec.BoolValue(false),
			Rules: []*spec.Rule{{If: []*spec.Condition{{Segment: name, Comparator: "isIn"}}, Serve: spec.BoolValue(true).Ptr()}}}
	}
	plain := &spec.EnvValue{Default: spec.BoolValue(false)}
	for _, tt := range []struct {
		name string
		a, b *spec.EnvValue
		want bool
	}{
		{"the same", seg("Testers"), seg("Testers"), true},
		{"references in another case", seg("Testers"), seg("TESTERS"), true},
		{"nil and empty rules", plain, &spec.EnvValue{Default: spec.BoolValue(false), Rules: []*spec.Rule{}}, true},
		{"another default", plain, &spec.EnvValue{Default: spec.BoolValue(true)}, false},
		{"another segment", seg("Testers"), seg("Staff"), false},
		{"a rule more", plain, seg("Testers"), false},
		{"another percentage attribute", plain, &spec.EnvValue{Default: spec.BoolValue(false), PercentageAttribute: "Email"}, false},
	} {
		if got := equalEnvValue(tt.a, tt.b); got != tt.want || got != equal(tt.a, tt.b) {
			t.Errorf("%s: equalEnvValue = %v, go-cmp %v, want %v", tt.name, got, equal(tt.a, tt.b), tt.want)
		}
	}
}
