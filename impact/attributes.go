package impact

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
)

// usedAttributes are the user attributes the tallies' flags read on one side (before or after), through their
// rules, segments, prerequisites and percentage options.
func usedAttributes(doc *sdkconfig.Document, tallies []*tally, key sideKey) map[string]bool {
	attrs := map[string]bool{}
	if doc == nil {
		return attrs
	}
	visited := map[string]bool{}
	for _, t := range tallies {
		flagAttributes(doc, key(t), attrs, visited)
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
		conditionAttributes(doc, r, attrs, visited)
	}
}

// conditionAttributes adds the attributes rule r's conditions read to attrs: through user conditions, their
// segments' conditions and their prerequisite flags.
func conditionAttributes(doc *sdkconfig.Document, r *sdkconfig.Rule, attrs, visited map[string]bool) {
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

// generatedReading says how a flag on one side tells generated users (who have an identifier only) apart.
type generatedReading int

const (
	readsNoIdentifier generatedReading = iota // every generated user gets the same value
	readsBucket                               // only through the flag's own percentage options: by bucket
	readsIdentifier                           // otherwise: every generated user is evaluated
)

// identifierUse says how flag key of doc reads the identifier. A flag whose rules (or their segments and
// prerequisites) never read it, and whose percentage options hash it, serves generated users by the bucket
// ConfigCat's percentage hashing puts them in (see bucketOf).
func identifierUse(doc *sdkconfig.Document, key string) generatedReading {
	f := doc.Flags[key]
	if f == nil || !flagAttributesOf(doc, key)["Identifier"] {
		return readsNoIdentifier
	}
	if f.PercentageAttribute != "" && f.PercentageAttribute != "Identifier" {
		return readsIdentifier
	}
	conditions, visited := map[string]bool{}, map[string]bool{key: true}
	for _, r := range f.Rules {
		conditionAttributes(doc, r, conditions, visited)
	}
	if conditions["Identifier"] {
		return readsIdentifier
	}
	return readsBucket
}

func flagAttributesOf(doc *sdkconfig.Document, key string) map[string]bool {
	attrs := map[string]bool{}
	flagAttributes(doc, key, attrs, map[string]bool{})
	return attrs
}

// bucketOf is the percentage bucket (0..99) ConfigCat's SDKs put a user in for a flag, given the flag's key
// followed by the user's identifier: the first 28 bits of SHA-1(key + identifier), modulo 100 (go-sdk v9 evalPercentageOptions; the differential test
// TestGroupedCountsEqualEveryUserEvaluated checks it against the SDK). Users of one bucket are served the same
// percentage option; the SDK still evaluates one of them to say which.
func bucketOf(keyAndID []byte) uint8 {
	sum := sha1.Sum(keyAndID)
	return uint8((binary.BigEndian.Uint32(sum[:4]) >> 4) % 100)
}
