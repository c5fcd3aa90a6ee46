package spec

// RequiresReason reports whether ConfigCat refuses a change in environment env of the product without a
// reason: reasonRequired, or env listed (case-insensitively) in reasonRequiredEnvironments.
func (p *Preferences) RequiresReason(env string) bool {
	return p.ReasonRequired || containsSame(p.ReasonRequiredEnvironments, env)
}

// RequiresApproval reports whether changes in environment env of the product need approval: approveRequired,
// or env listed (case-insensitively) in approveRequiredEnvironments.
func (p *Preferences) RequiresApproval(env string) bool {
	return p.ApproveRequired || containsSame(p.ApproveRequiredEnvironments, env)
}

// containsSame reports whether names holds name, case-insensitively.
func containsSame(names []string, name string) bool {
	for _, n := range names {
		if Same(n, name) {
			return true
		}
	}
	return false
}
