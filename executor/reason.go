package executor

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// ReasonRequired returns the value writes of the plan (KindValues changes, by address) that go to an
// environment whose product requires a reason for changes: the product's reasonRequired preference, or the
// environment listed in reasonRequiredEnvironments. The preferences are those in effect when the values are
// written: the plan's own preferences update if it has one (it runs first), else current's.
func ReasonRequired(p *planner.Plan, current *spec.State) []planner.Address {
	return valueWritesWhere(p, current, func(pr *spec.Preferences, env string) bool {
		return pr.ReasonRequired || containsName(pr.ReasonRequiredEnvironments, env)
	})
}

// ApprovalRequired returns the value writes of the plan that go to an environment whose product requires
// approval of changes (approveRequired, or the environment listed in approveRequiredEnvironments), with the
// preferences in effect as for ReasonRequired. ConfigCat refuses such direct writes unless they bypass the
// approval (Options.BypassApproval); CheckApproval tells the command before any write.
func ApprovalRequired(p *planner.Plan, current *spec.State) []planner.Address {
	return valueWritesWhere(p, current, func(pr *spec.Preferences, env string) bool {
		return pr.ApproveRequired || containsName(pr.ApproveRequiredEnvironments, env)
	})
}

// valueWritesWhere returns the addresses of the plan's value writes whose environment's preferences match.
func valueWritesWhere(p *planner.Plan, current *spec.State, match func(pr *spec.Preferences, env string) bool) []planner.Address {
	prefs := map[string]*spec.Preferences{}
	renamedEnv := map[string]string{}     // product\x00new env key → old env name
	renamedProduct := map[string]string{} // new product key → old product name
	for _, c := range p.Changes {
		switch {
		case c.Kind == planner.KindPreferences && c.After != nil && c.After.Preferences != nil:
			prefs[spec.Key(c.Address.Product)] = c.After.Preferences
		case c.Kind == planner.KindEnvironment && c.Op == planner.Update && c.RenamedFrom != "":
			renamedEnv[spec.Key(c.Address.Product)+"\x00"+spec.Key(c.Address.Environment)] = c.RenamedFrom
		case c.Kind == planner.KindProduct && c.Op == planner.Update && c.RenamedFrom != "":
			renamedProduct[spec.Key(c.Address.Product)] = c.RenamedFrom
		}
	}
	var out []planner.Address
	for _, c := range p.Changes {
		if c.Kind != planner.KindValues {
			continue
		}
		pk := spec.Key(c.Address.Product)
		pr, planned := prefs[pk]
		env := c.Address.Environment
		if !planned {
			pr = currentPreferences(current, c.Address.Product, renamedProduct[pk])
			if old, ok := renamedEnv[pk+"\x00"+spec.Key(env)]; ok {
				env = old // current preferences name the environment by its old name
			}
		}
		if pr != nil && match(pr, env) {
			out = append(out, c.Address)
		}
	}
	return out
}

// currentPreferences finds a product's preferences in current, also under oldName, the name it had before a
// rename in the plan ("" when it has none).
func currentPreferences(current *spec.State, product, oldName string) *spec.Preferences {
	if current == nil {
		return nil
	}
	cp := current.Product(product)
	if cp == nil && oldName != "" {
		cp = current.Product(oldName)
	}
	if cp == nil {
		return nil
	}
	return cp.Preferences
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if spec.Same(n, name) {
			return true
		}
	}
	return false
}

// CheckReason returns an error, before anything is written, when reason is blank and some value write of the
// plan needs one (see ReasonRequired). The error names the products and environments.
func CheckReason(p *planner.Plan, current *spec.State, reason string) error {
	if strings.TrimSpace(reason) != "" {
		return nil
	}
	need := ReasonRequired(p, current)
	if len(need) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var where []string
	for _, a := range need {
		where = appendOnce(where, seen, fmt.Sprintf("%q in product %q", a.Environment, a.Product))
	}
	sort.Strings(where)
	return fmt.Errorf("a reason is required for changes in environment %s, and none was given; pass one with --reason", strings.Join(where, ", "))
}

// CheckApproval returns an error, before anything is written, when some value write of the plan goes to an
// environment that requires approval of changes and bypass is false, or when such a write is to a v1 config,
// whose value endpoints cannot bypass approval. The error names the products and environments and the way out.
func CheckApproval(p *planner.Plan, current *spec.State, bypass bool) error {
	need := ApprovalRequired(p, current)
	if len(need) == 0 {
		return nil
	}
	var direct, v1 []string
	seen := map[string]bool{}
	for _, a := range need {
		w := fmt.Sprintf("%q in product %q", a.Environment, a.Product)
		if configVersion(p, current, a) == spec.EvaluationV1 {
			v1 = appendOnce(v1, seen, fmt.Sprintf("config %q in environment %s", a.Config, w))
			continue
		}
		direct = appendOnce(direct, seen, w)
	}
	sort.Strings(direct)
	sort.Strings(v1)
	switch {
	case len(v1) > 0:
		return fmt.Errorf("changes to %s need approval, and ConfigCat's v1 value endpoints cannot bypass it; approve them in the dashboard, or turn approval off for the environment", strings.Join(v1, ", "))
	case !bypass:
		return fmt.Errorf("environment %s requires approval of changes, and flagsync writes values directly; pass --bypass-approval (the credentials need the permission to bypass approval), or turn approval off in the product's preferences", strings.Join(direct, ", "))
	}
	return nil
}

// appendOnce appends s to list unless seen has it (case-insensitively), and marks it seen.
func appendOnce(list []string, seen map[string]bool, s string) []string {
	if seen[spec.Key(s)] {
		return list
	}
	seen[spec.Key(s)] = true
	return append(list, s)
}

// configVersion is the evaluation version of the config a value write goes to: as the plan creates it, or as
// it is.
func configVersion(p *planner.Plan, current *spec.State, a planner.Address) string {
	for _, c := range p.Changes {
		if c.Kind == planner.KindConfig && c.After != nil && c.After.Config != nil &&
			spec.Same(c.Address.Product, a.Product) && spec.Same(c.Address.Config, a.Config) {
			return c.After.Config.EvaluationVersion
		}
	}
	if cp := current.Product(a.Product); cp != nil {
		if cc := cp.Config(a.Config); cc != nil {
			return cc.EvaluationVersion
		}
	}
	return spec.EvaluationV2
}
