package main

import (
	"fmt"
	"strconv"

	"github.com/flagsync/flagsync/impact"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// attachImpact evaluates who the plan's value changes affect over generated users (impact.users in the YAML,
// default 10,000), the test users and the users of a population file (populationFlag, else the YAML's
// impact.population), and attaches it to the plan. It reads no account: both config JSON documents come from
// the states the plan was made from. A bad population file is an error even when nothing changes, so that it is
// found before it matters.
func attachImpact(plan *planner.Plan, current, desired *spec.State, populationFlag string) error {
	pop := impact.Population{Generated: desired.Impact.GeneratedUsers()}
	path, where := populationFlag, "--population"
	if path == "" && desired.Impact != nil {
		path, where = desired.Impact.PopulationPath(), desired.Impact.Pos.String()+": impact: population"
	}
	if path != "" {
		users, err := impact.ReadPopulation(path)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		pop.File, pop.Users = path, users
	}
	if plan == nil || plan.IsEmpty() {
		return nil
	}
	plan.Impact = impact.Compute(current, desired, plan, pop)
	return nil
}

// impactOutputs are the Action's outputs about the impact: the most users any one flag change affects, and the
// largest change of a value's share in percentage points.
func impactOutputs(p *planner.Plan) [][2]string {
	users, shift := 0, 0.0
	if p.Impact != nil {
		users, shift = p.Impact.UsersAffected, p.Impact.LargestShift
	}
	return [][2]string{
		{"users-affected", strconv.Itoa(users)},
		{"largest-share-change", strconv.FormatFloat(shift, 'f', 1, 64)},
	}
}
