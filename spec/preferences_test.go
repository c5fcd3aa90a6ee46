package spec

import "testing"

// The environments that need a reason or approval: all of them with the product-wide switch, else those listed,
// matched as ConfigCat matches names (case-insensitively).
func TestPreferencesRequireReasonAndApproval(t *testing.T) {
	listed := &Preferences{ReasonRequiredEnvironments: []string{"Production"}, ApproveRequiredEnvironments: []string{"Staging"}}
	all := &Preferences{ReasonRequired: true, ApproveRequired: true}
	for _, tt := range []struct {
		pr               *Preferences
		env              string
		reason, approval bool
	}{
		{listed, "Production", true, false},
		{listed, "production", true, false},
		{listed, "STAGING", false, true},
		{listed, "Dev", false, false},
		{all, "Dev", true, true},
		{&Preferences{}, "Production", false, false},
	} {
		if got := tt.pr.RequiresReason(tt.env); got != tt.reason {
			t.Errorf("%+v RequiresReason(%q) = %v", *tt.pr, tt.env, got)
		}
		if got := tt.pr.RequiresApproval(tt.env); got != tt.approval {
			t.Errorf("%+v RequiresApproval(%q) = %v", *tt.pr, tt.env, got)
		}
	}
}
