package planner

import (
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// WriteInputs are what apply sends with its writes and what the account allows, for CheckWrites.
type WriteInputs struct {
	// Reason is the audit-log reason apply sends with every value write.
	Reason string
	// BypassApproval is true when apply writes values directly into environments that require approval
	// instead of proposing them in change requests (or being refused, without ChangeRequests).
	BypassApproval bool
	// ChangeRequests is true when apply proposes the value writes that need approval in change requests
	// (AttachChangeRequests); otherwise, without BypassApproval, they are problems.
	ChangeRequests bool
	// LookupEnv reads the environment variables secure webhook header values come from (the same lookup the
	// executor uses); nil means none is set.
	LookupEnv func(string) (string, bool)
	// Limits are the organization's plan limits; zero fields are unknown and not checked.
	Limits Limits
}

// CheckWrites returns, as problems, every write of the plan that ConfigCat would refuse half way through apply
// although it is knowable before the first write: value writes without a needed reason or approval, webhook
// headers whose environment variable is unset or unusable, and values beyond the plan limits. current is the
// state the plan was built against; desired, when not nil, gives positions for problems whose changes carry
// none.
func CheckWrites(p *Plan, current, desired *spec.State, in WriteInputs) []Problem {
	var out []Problem
	out = append(out, reasonProblems(p, current, desired, in.Reason)...)
	out = append(out, approvalProblems(p, current, desired, in)...)
	out = append(out, secretEnvProblems(p, in.LookupEnv)...)
	out = append(out, limitProblems(p, current, desired, in.Limits)...)
	return out
}

// ReasonRequired returns the value writes of the plan (KindValues changes, by address) that go to an
// environment whose product requires a reason for changes: the product's reasonRequired preference, or the
// environment listed in reasonRequiredEnvironments. The preferences are those in effect when the values are
// written: the plan's own preferences update if it has one (it runs first), else current's.
func ReasonRequired(p *Plan, current *spec.State) []Address {
	return addresses(reasonWrites(p, current))
}

func reasonWrites(p *Plan, current *spec.State) []*Change {
	return valueWritesWhere(p, current, (*spec.Preferences).RequiresReason)
}

// ApprovalRequired returns the value writes of the plan that go to an environment whose product requires
// approval of changes (approveRequired, or the environment listed in approveRequiredEnvironments), with the
// preferences in effect as for ReasonRequired. ConfigCat refuses such direct writes unless they bypass the
// approval.
func ApprovalRequired(p *Plan, current *spec.State) []Address {
	return addresses(approvalWrites(p, current))
}

func approvalWrites(p *Plan, current *spec.State) []*Change {
	return valueWritesWhere(p, current, (*spec.Preferences).RequiresApproval)
}

func addresses(cs []*Change) []Address {
	var out []Address
	for _, c := range cs {
		out = append(out, c.Address)
	}
	return out
}

// valueWritesWhere returns the plan's value writes whose environment's preferences match.
func valueWritesWhere(p *Plan, current *spec.State, match func(pr *spec.Preferences, env string) bool) []*Change {
	prefs := map[string]*spec.Preferences{}
	renamedEnv := map[AddressKey]string{} // product and new environment name → old environment name
	renamedProduct := map[string]string{} // new product key → old product name
	for _, c := range p.Changes {
		switch {
		case c.Kind == KindPreferences && c.After != nil && c.After.Preferences != nil:
			prefs[spec.Key(c.Address.Product)] = c.After.Preferences
		case c.Kind == KindEnvironment && c.Op == Update && c.RenamedFrom != "":
			renamedEnv[Address{Product: c.Address.Product, Environment: c.Address.Environment}.Key()] = c.RenamedFrom
		case c.Kind == KindProduct && c.Op == Update && c.RenamedFrom != "":
			renamedProduct[spec.Key(c.Address.Product)] = c.RenamedFrom
		}
	}
	var out []*Change
	for i := range p.Changes {
		c := &p.Changes[i]
		if c.Kind != KindValues {
			continue
		}
		pk := spec.Key(c.Address.Product)
		pr, planned := prefs[pk]
		env := c.Address.Environment
		if !planned {
			pr = currentPreferences(current, c.Address.Product, renamedProduct[pk])
			if old, ok := renamedEnv[Address{Product: c.Address.Product, Environment: env}.Key()]; ok {
				env = old // current preferences name the environment by its old name
			}
		}
		if pr != nil && match(pr, env) {
			out = append(out, c)
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

// reasonProblems reports, once per environment, value writes that need a reason when reason is blank.
func reasonProblems(p *Plan, current, desired *spec.State, reason string) []Problem {
	if strings.TrimSpace(reason) != "" {
		return nil
	}
	var out []Problem
	seen := map[AddressKey]bool{}
	for _, c := range reasonWrites(p, current) {
		a := Address{Product: c.Address.Product, Environment: c.Address.Environment}
		if once(seen, a) {
			out = append(out, Problem{Kind: KindEnvironment, Address: a, Pos: valuePos(c, desired),
				Message: fmt.Sprintf("a reason is required for changes in environment %q in product %q, and none was given; pass one with --reason",
					a.Environment, a.Product)})
		}
	}
	return out
}

// approvalProblems reports value writes into environments that require approval that ConfigCat would refuse:
// once per v1 config, since neither its v1 value endpoints nor change requests (v2 only) can take them; and
// once per environment for v2 writes when they are neither bypassed nor proposed in change requests.
func approvalProblems(p *Plan, current, desired *spec.State, in WriteInputs) []Problem {
	var out []Problem
	seen := map[AddressKey]bool{}
	configVersion := configVersions(p, current)
	for _, c := range approvalWrites(p, current) {
		env := Address{Product: c.Address.Product, Environment: c.Address.Environment}
		switch {
		case configVersion(c.Address) == spec.EvaluationV1:
			if once(seen, c.Address) {
				out = append(out, Problem{Kind: KindValues, Address: c.Address, Pos: valuePos(c, desired),
					Message: fmt.Sprintf("changes to config %q in environment %q in product %q need approval, and ConfigCat can neither bypass it nor open change requests for a v1 config; approve them in the dashboard, or turn approval off for the environment",
						c.Address.Config, c.Address.Environment, c.Address.Product)})
			}
		case !in.BypassApproval && !in.ChangeRequests && once(seen, env):
			out = append(out, Problem{Kind: KindEnvironment, Address: env, Pos: valuePos(c, desired),
				Message: fmt.Sprintf("environment %q in product %q requires approval of changes, and this command writes values directly; pass --bypass-approval (the credentials need the permission to bypass approval), or turn approval off in the product's preferences",
					env.Environment, env.Product)})
		}
	}
	return out
}

// once reports whether a is seen for the first time (case-insensitively), and marks it seen.
func once(seen map[AddressKey]bool, a Address) bool {
	k := a.Key()
	if seen[k] {
		return false
	}
	seen[k] = true
	return true
}

// valuePos is where the files declare the first flag value a KindValues change writes: the value in its
// environment, else the flag.
func valuePos(c *Change, desired *spec.State) spec.Pos {
	for _, v := range c.Values {
		if v.After != nil && !v.After.Pos.IsZero() {
			return v.After.Pos
		}
	}
	if len(c.Values) == 0 {
		return spec.Pos{}
	}
	return flagPos(desired, c.Address, c.Values[0].Key)
}

// configVersions returns the evaluation version of the config a value write at an address goes to: as the plan
// creates it, or as it is. The plan's configs are indexed once, for callers that ask about every value write.
func configVersions(p *Plan, current *spec.State) func(Address) spec.EvaluationVersion {
	planned := map[AddressKey]spec.EvaluationVersion{}
	for _, c := range p.Changes {
		if c.Kind == KindConfig && c.After != nil && c.After.Config != nil {
			k := Address{Product: c.Address.Product, Config: c.Address.Config}.Key()
			if _, ok := planned[k]; !ok {
				planned[k] = c.After.Config.EvaluationVersion
			}
		}
	}
	return func(a Address) spec.EvaluationVersion {
		if v, ok := planned[Address{Product: a.Product, Config: a.Config}.Key()]; ok {
			return v
		}
		if current == nil {
			return spec.EvaluationV2
		}
		if cp := current.Product(a.Product); cp != nil {
			if cc := cp.Config(a.Config); cc != nil {
				return cc.EvaluationVersion
			}
		}
		return spec.EvaluationV2
	}
}

// secretVariable is a value a write reads from an environment variable at apply time.
type secretVariable struct {
	what     string // names the value: `webhook POST https://…: header "X-Key"`
	variable string
	pos      spec.Pos
	oneLine  bool // a header value cannot hold a line break
}

// secretVariables lists the environment variables a create or replace of c reads: secure webhook header values
// and secret integration parameters.
func secretVariables(c *Change) []secretVariable {
	if c.Op == Delete || c.After == nil {
		return nil
	}
	var out []secretVariable
	if w := c.After.Webhook; w != nil {
		for _, h := range w.Headers {
			if h.Value == "" && h.ValueFromEnv != "" {
				out = append(out, secretVariable{fmt.Sprintf("webhook %s: header %q", webhookName(w), h.Key), h.ValueFromEnv, w.Pos, true})
			}
		}
	}
	if in := c.After.Integration; in != nil {
		for _, pr := range in.Parameters {
			if pr.ValueFromEnv != "" {
				out = append(out, secretVariable{fmt.Sprintf("integration %q: parameter %q", in.Name, pr.Key), pr.ValueFromEnv, in.Pos, false})
			}
		}
	}
	return out
}

// secretEnvProblems reports the environment variables of secrets that the plan's creates and replaces would
// send, when a variable is unset or empty, or holds a line break where a header value cannot (it would end the
// header or add one). Messages name the variable, never its value.
func secretEnvProblems(p *Plan, lookup func(string) (string, bool)) []Problem {
	var out []Problem
	for i := range p.Changes {
		c := &p.Changes[i]
		for _, sv := range secretVariables(c) {
			var v string
			if lookup != nil {
				v, _ = lookup(sv.variable)
			}
			var msg string
			switch {
			case v == "":
				msg = "is not set, or is empty; set it where plan and apply run (in the Action: the step's env, from a secret)"
			case sv.oneLine && strings.ContainsAny(v, "\r\n\x00"):
				msg = "holds a line break or a NUL character, which a header value cannot; set it to the value alone, on one line"
			default:
				continue
			}
			out = append(out, Problem{Kind: c.Kind, Address: c.Address, Pos: sv.pos,
				Message: fmt.Sprintf("%s: environment variable %s %s", sv.what, sv.variable, msg)})
		}
	}
	return out
}
