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
// approval, which the client does not offer: the command should refuse the plan before any write.
func ApprovalRequired(p *planner.Plan, current *spec.State) []planner.Address {
	return valueWritesWhere(p, current, func(pr *spec.Preferences, env string) bool {
		return pr.ApproveRequired || containsName(pr.ApproveRequiredEnvironments, env)
	})
}

// valueWritesWhere returns the addresses of the plan's value writes whose environment's preferences match.
func valueWritesWhere(p *planner.Plan, current *spec.State, match func(pr *spec.Preferences, env string) bool) []planner.Address {
	prefs := map[string]*spec.Preferences{}
	renamedEnv := map[string]string{} // product\x00new env key → old env name
	for _, c := range p.Changes {
		switch {
		case c.Kind == planner.KindPreferences && c.After != nil && c.After.Preferences != nil:
			prefs[spec.Key(c.Address.Product)] = c.After.Preferences
		case c.Kind == planner.KindEnvironment && c.Op == planner.Update && c.RenamedFrom != "":
			renamedEnv[spec.Key(c.Address.Product)+"\x00"+spec.Key(c.Address.Environment)] = c.RenamedFrom
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
			pr = currentPreferences(current, c.Address.Product, p)
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

// currentPreferences finds a product's preferences in current, also under the name it had before a rename
// in the plan.
func currentPreferences(current *spec.State, product string, p *planner.Plan) *spec.Preferences {
	if current == nil {
		return nil
	}
	if cp := current.Product(product); cp != nil {
		return cp.Preferences
	}
	for _, c := range p.Changes {
		if c.Kind == planner.KindProduct && c.Op == planner.Update && spec.Same(c.Address.Product, product) && c.RenamedFrom != "" {
			if cp := current.Product(c.RenamedFrom); cp != nil {
				return cp.Preferences
			}
		}
	}
	return nil
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
		w := fmt.Sprintf("%q in product %q", a.Environment, a.Product)
		if !seen[spec.Key(w)] {
			seen[spec.Key(w)] = true
			where = append(where, w)
		}
	}
	sort.Strings(where)
	return fmt.Errorf("a reason is required for changes in environment %s, and none was given; pass one with --reason", strings.Join(where, ", "))
}
