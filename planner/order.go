package planner

import "sort"

// The order of changes by (operation, kind) is the kinds' upsert and remove ranks (see kinds): parents are
// created before their children, objects before the values that refer to them, values rewritten before the
// objects they stop referring to are deleted, and children deleted before their parents. Within a rank,
// changes are ordered by level, then by address.

// sortChanges puts changes in the order they must be applied.
func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := &cs[i], &cs[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return a.Address.compare(b.Address) < 0
	})
}
