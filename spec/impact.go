package spec

import "path/filepath"

// Limits of a plan's impact population.
const (
	DefaultImpactUsers = 10_000
	MaxImpactUsers     = 100_000
)

// ImpactOptions tune whom a plan's impact (who its value changes affect) counts.
type ImpactOptions struct {
	// Population is a CSV or JSON-lines file of user attributes whose users are counted too, relative to the
	// YAML file that names it; plan's --population overrides it.
	Population string `yaml:"population,omitempty" json:"population,omitempty"`
	// Users is how many users with generated identifiers are counted (default 10,000).
	Users int `yaml:"users,omitempty" json:"users,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// PopulationPath is the population file's path: relative to the directory of the YAML file that names it.
func (o *ImpactOptions) PopulationPath() string {
	if o == nil || o.Population == "" {
		return ""
	}
	if filepath.IsAbs(o.Population) || o.Pos.File == "" {
		return o.Population
	}
	return filepath.Join(filepath.Dir(o.Pos.File), o.Population)
}

// GeneratedUsers is how many users with generated identifiers the impact counts.
func (o *ImpactOptions) GeneratedUsers() int {
	if o == nil || o.Users == 0 {
		return DefaultImpactUsers
	}
	return o.Users
}
