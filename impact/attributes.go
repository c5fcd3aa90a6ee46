package impact

import (
	"fmt"
	"sort"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
)

// usedAttributes are the user attributes the tallies' flags read on one side (before or after), through their
// rules, segments, prerequisites and percentage options.
func usedAttributes(doc *sdkconfig.Document, tallies []*tally, before bool) map[string]bool {
	attrs := map[string]bool{}
	if doc == nil {
		return attrs
	}
	visited := map[string]bool{}
	for _, t := range tallies {
		key := t.afterKey
		if before {
			key = t.beforeKey
		}
		flagAttributes(doc, key, attrs, visited)
	}
	return attrs
}

// flagAttributes adds the attributes flag key reads to attrs.
func flagAttributes(doc *sdkconfig.Document, key string, attrs, visited map[string]bool) {
	f := doc.Flags[key]
	if f == nil || visited[key] {
		return
	}
	visited[key] = true
	percentageAttribute := f.PercentageAttribute
	if percentageAttribute == "" {
		percentageAttribute = "Identifier"
	}
	if len(f.Percentages) > 0 {
		attrs[percentageAttribute] = true
	}
	for _, r := range f.Rules {
		if len(r.Percentages) > 0 {
			attrs[percentageAttribute] = true
		}
		for _, c := range r.Conditions {
			switch {
			case c.User != nil:
				attrs[c.User.Attribute] = true
			case c.Segment != nil && c.Segment.Index < len(doc.Segments):
				for _, u := range doc.Segments[c.Segment.Index].Conditions {
					attrs[u.Attribute] = true
				}
			case c.Prerequisite != nil:
				flagAttributes(doc, c.Prerequisite.FlagKey, attrs, visited)
			}
		}
	}
}

// missing are the attributes the tally's flag reads on either side that no user of the population has.
func missing(before, after *sdkconfig.Document, t *tally, present map[string]bool) []string {
	used := map[string]bool{}
	if before != nil {
		flagAttributes(before, t.beforeKey, used, map[string]bool{})
	}
	if after != nil {
		flagAttributes(after, t.afterKey, used, map[string]bool{})
	}
	var out []string
	for a := range used {
		if !present[a] {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// presentAttributes are the attributes at least one user of the population has.
func (c *computer) presentAttributes(tests []testUser) map[string]bool {
	present := map[string]bool{}
	for a := range c.fileAttributes {
		present[a] = true
	}
	if c.pop.Generated > 0 {
		present["Identifier"] = true
	}
	for _, t := range tests {
		for a := range t.user {
			present[a] = true
		}
	}
	return present
}

// attributesOf are the attributes at least one of users has.
func attributesOf(users []evaluate.User) map[string]bool {
	attrs := map[string]bool{}
	for _, u := range users {
		for a := range u {
			attrs[a] = true
		}
	}
	return attrs
}

// stringOf spells an attribute value with its type, so that 1 and "1" stay apart.
func stringOf(v any) string { return fmt.Sprintf("%T:%v", v, v) }
