package spec

// Value owners: who decides a flag's value (default, rules and percentages) in an environment once it exists.
const (
	// ValueOwnerGit is the default: the files decide, and plan and apply bring the account back to them.
	ValueOwnerGit = "git"
	// ValueOwnerDashboard makes the files' value an initial value: it is written when the flag or the environment
	// is created, and from then on left to the ConfigCat dashboard (Terraform's init_only).
	ValueOwnerDashboard = "dashboard"
)

// ValueOwners lists the valueOwner settings.
var ValueOwners = []string{ValueOwnerGit, ValueOwnerDashboard}

// ValueOwner returns who owns flag f's value in environment env of config c in product p: the valueOwner
// written nearest to the flag wins, in the order flag, config, environment (as declared in the product),
// product; with none set, git. c and f may be nil, to ask about a config or a product as a whole.
func ValueOwner(p *Product, c *Config, f *Flag, env string) string {
	if f != nil && f.ValueOwner != "" {
		return f.ValueOwner
	}
	if c != nil && c.ValueOwner != "" {
		return c.ValueOwner
	}
	if e := p.Environment(env); e != nil && e.ValueOwner != "" {
		return e.ValueOwner
	}
	if p.ValueOwner != "" {
		return p.ValueOwner
	}
	return ValueOwnerGit
}

// HasDashboardValues reports whether any valueOwner of the product is dashboard, so that callers can skip the
// per-value look-ups of ValueOwner when the whole product is owned by Git.
func HasDashboardValues(p *Product) bool {
	if p.ValueOwner == ValueOwnerDashboard {
		return true
	}
	for _, e := range p.Environments {
		if e != nil && e.ValueOwner == ValueOwnerDashboard {
			return true
		}
	}
	for _, c := range p.Configs {
		if c == nil {
			continue
		}
		if c.ValueOwner == ValueOwnerDashboard {
			return true
		}
		for _, f := range c.Flags {
			if f != nil && f.ValueOwner == ValueOwnerDashboard {
				return true
			}
		}
	}
	return false
}
