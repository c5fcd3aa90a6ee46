package planner

import "sort"

// rankOf is the order of changes by (operation, kind): parents are created before their children, objects
// before the values that refer to them, values rewritten before the objects they stop referring to are deleted,
// and children deleted before their parents. Within a rank, changes are ordered by address.
var rankOf = map[Op]map[Kind]int{}

func init() {
	table := []struct {
		op   Op
		kind Kind
	}{
		{Create, KindProduct}, {Update, KindProduct},
		{Create, KindEnvironment}, {Update, KindEnvironment},
		{Create, KindConfig}, {Update, KindConfig},
		{Create, KindTag}, {Update, KindTag},
		{Create, KindSegment}, {Update, KindSegment},
		{Update, KindPreferences}, // lists environments
		{Create, KindPermissionGroup}, {Update, KindPermissionGroup},
		{Create, KindWebhook}, {Update, KindWebhook},
		{"replace", KindFlag}, // the delete half of a type change, before the create of the same key
		{Create, KindFlag}, {Update, KindFlag},
		{Create, KindVariation}, {Update, KindVariation},
		{Update, KindValues},
		// Webhooks go first, as they hang off a (config, environment) pair. Then the containers, since they take
		// their contents with them: a config its flags, an environment its values (never rewritten, as they go
		// too). Then flags, then what their values may have referred to: variations, segments, tags.
		{Delete, KindWebhook}, {Delete, KindConfig}, {Delete, KindEnvironment},
		{Delete, KindFlag}, {Delete, KindVariation},
		{Delete, KindSegment}, {Delete, KindTag},
		{Delete, KindPermissionGroup},
		{Delete, KindProduct},
	}
	for i, t := range table {
		if rankOf[t.op] == nil {
			rankOf[t.op] = map[Kind]int{}
		}
		rankOf[t.op][t.kind] = i
	}
}

func rank(c *Change) int {
	op := c.Op
	if op == Delete && c.Reason == ReasonTypeChanged {
		op = "replace"
	}
	return rankOf[op][c.Kind]
}

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
