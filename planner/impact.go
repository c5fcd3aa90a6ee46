package planner

import "github.com/flagsync/flagsync/spec"

// Impact is who the plan's value changes affect: a population of users evaluated with ConfigCat's SDK on the
// current and on the desired config JSON of every (config, environment) the plan changes. The impact package
// computes it (the planner does not evaluate), and the plan command attaches it to the plan, so that every
// renderer and a saved plan show the same numbers.
type Impact struct {
	// Generated is how many users with generated identifiers the population holds; PopulationFile names the
	// file the other users came from, if any. Test users come on top, per product.
	Generated      int    `json:"generated"`
	PopulationFile string `json:"populationFile,omitempty"`
	// Flags lists, per changed flag and environment, what its users get before and after, edited flags first in
	// plan order, then the flags that change through them.
	Flags []FlagImpact `json:"flags"`
	// UsersAffected is the largest number of users whose value of any one flag changes; LargestShift is the
	// largest change of one value's share in percentage points.
	UsersAffected int     `json:"usersAffected"`
	LargestShift  float64 `json:"largestShift"`
}

// FlagImpact is one flag in one environment: the shares of the population served each value before and after,
// how many users get another value, and the test users among them.
type FlagImpact struct {
	Address Address       `json:"address"`
	Type    spec.FlagType `json:"type"`
	// Via is empty for a flag the plan edits; for one that changes without being edited it says through what:
	// "prerequisite newCheckout", "segment Beta users", "variation".
	Via string `json:"via,omitempty"`
	// Users is the population the shares are of; Changed how many of them get another value.
	Users   int          `json:"users"`
	Changed int          `json:"changed"`
	Before  []ValueShare `json:"before,omitempty"`
	After   []ValueShare `json:"after,omitempty"`
	// TestUsers are the users named in the YAML's tests whose value changes.
	TestUsers []TestUserChange `json:"testUsers,omitempty"`
	// MissingAttributes are user attributes the flag's rules or percentage options read that no user of the
	// population has: the shares of such a flag say little about real users.
	MissingAttributes []string `json:"missingAttributes,omitempty"`
	// DashboardValue is true when the flag's value in the environment is left to the dashboard (valueOwner:
	// dashboard): the account's current value is used on both sides.
	DashboardValue bool `json:"dashboardValue,omitempty"`
	// Error is why the flag could not be evaluated, if it could not.
	Error string `json:"error,omitempty"`
}

// ValueShare is how many users of the population get a value, and their share in percent.
type ValueShare struct {
	Value   spec.Value `json:"value"`
	Users   int        `json:"users"`
	Percent float64    `json:"percent"`
}

// TestUserChange is a test user whose value changes.
type TestUserChange struct {
	User string `json:"user"`
	// Before is nil when the flag does not exist yet, After when it no longer does.
	Before *spec.Value `json:"before,omitempty"`
	After  *spec.Value `json:"after,omitempty"`
}

// fixTypes converts the values read from JSON back to their flag's type.
func (im *Impact) fixTypes() {
	if im == nil {
		return
	}
	for i := range im.Flags {
		f := &im.Flags[i]
		for _, shares := range [][]ValueShare{f.Before, f.After} {
			for j := range shares {
				shares[j].Value = convertValue(shares[j].Value, f.Type)
			}
		}
		for _, u := range f.TestUsers {
			for _, v := range []*spec.Value{u.Before, u.After} {
				if v != nil {
					*v = convertValue(*v, f.Type)
				}
			}
		}
	}
}

// ServedValues are the values the flag serves on either side, in the order of the shares after, then before (the
// most served after first).
func (f FlagImpact) ServedValues() []spec.Value {
	var out []spec.Value
	seen := map[spec.Value]bool{}
	for _, shares := range [][]ValueShare{f.After, f.Before} {
		for _, s := range shares {
			if !seen[s.Value] {
				seen[s.Value] = true
				out = append(out, s.Value)
			}
		}
	}
	return out
}
