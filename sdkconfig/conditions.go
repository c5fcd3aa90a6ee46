package sdkconfig

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// hasher hashes sensitive comparison values as the SDKs do: hex SHA-256 of value, config salt and context
// salt (the flag key, or the segment name for a segment's condition).
type hasher struct {
	salt    string
	context string
}

func (h hasher) hash(v string) string {
	sum := sha256.Sum256([]byte(v + h.salt + h.context))
	return hex.EncodeToString(sum[:])
}

// affix hashes a starts-with or ends-with item: its length in UTF-8 bytes, an underscore, then its hash.
func (h hasher) affix(v string) string {
	return strconv.Itoa(len(v)) + "_" + h.hash(v)
}

// userCondition maps a v2 user condition. Which of s, d and l the comparator takes follows config_v6.json:
// lists for the "any of"/"one of" comparators, a number for number and dateTime comparators, text otherwise.
func userCondition(c *spec.Condition, h hasher) (*UserCondition, error) {
	// A v2 comparator's number is its position in spec.UserComparators (ConfigCat's UserComparator order, which
	// config_v6.json uses too).
	n := slices.Index(spec.UserComparators, c.Comparator)
	if n < 0 {
		return nil, fmt.Errorf("attribute %q: unknown comparator %q", c.Attribute, c.Comparator)
	}
	out := &UserCondition{Attribute: c.Attribute, Comparator: n}
	switch {
	case spec.IsNumberComparator(c.Comparator):
		f, err := strconv.ParseFloat(strings.TrimSpace(c.Value), 64)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %s compares with a number, not %q", c.Attribute, c.Comparator, c.Value)
		}
		out.Number = &f
	case isTextComparator(c.Comparator):
		text := c.Value
		if strings.HasPrefix(c.Comparator, "sensitive") {
			text = h.hash(text)
		}
		out.Text = &text
	default:
		out.List = make([]string, 0, len(c.Values))
		for _, item := range c.Values {
			out.List = append(out.List, listItem(c.Comparator, item.Value, h))
		}
	}
	return out, nil
}

// isTextComparator reports whether a v2 comparator takes one text (s): text equality and semver ordering.
func isTextComparator(c string) bool {
	switch c {
	case "textEquals", "textDoesNotEqual", "sensitiveTextEquals", "sensitiveTextDoesNotEqual",
		"semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals":
		return true
	}
	return false
}

// listItem is one item of a list comparison value, hashed for the sensitive comparators.
func listItem(comparator, item string, h hasher) string {
	switch {
	case strings.HasPrefix(comparator, "sensitiveText") && strings.Contains(comparator, "With"):
		return h.affix(item)
	case strings.HasPrefix(comparator, "sensitive"):
		return h.hash(item)
	}
	return item
}

// legacyCondition maps a condition with a legacy comparator and a raw comparison value (a v1 rule's or a
// segment's) as ConfigCat converts its v5 documents: one-of lists are split at commas and trimmed, contains
// takes the whole value as one item, semver comparisons the trimmed value, numbers accept a decimal comma,
// and sensitive items are hashed. isOneOf and isNotOneOf stay clear text, which evaluates the same as the
// hashed form ConfigCat's converter writes.
func legacyCondition(attribute, comparator, raw string, h hasher) (*UserCondition, error) {
	// A legacy comparator's number is its position in spec.LegacyComparators; they share numbers 0 to 17 with
	// the v2 ones.
	n := slices.Index(spec.LegacyComparators, comparator)
	if n < 0 {
		return nil, fmt.Errorf("attribute %q: unknown comparator %q", attribute, comparator)
	}
	out := &UserCondition{Attribute: attribute, Comparator: n}
	switch comparator {
	case "isOneOf", "isNotOneOf", "semVerIsOneOf", "semVerIsNotOneOf":
		out.List = splitList(raw)
	case "sensitiveIsOneOf", "sensitiveIsNotOneOf":
		out.List = splitList(raw)
		for i, item := range out.List {
			out.List[i] = h.hash(item)
		}
	case "contains", "doesNotContain":
		out.List = []string{raw}
	case "semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals":
		text := strings.TrimSpace(raw)
		out.Text = &text
	default: // the number comparators
		f, ok := spec.SDKNumber(raw)
		if !ok {
			return neverMatches(attribute, raw), nil
		}
		out.Number = &f
	}
	return out, nil
}

// neverMatches stands for a v1 or segment number condition whose value SDKs cannot read as a number: ConfigCat
// stores it, and SDKs never match it (docs/yaml.md, warnings). A missing number would make the SDK fail the
// whole flag, so it becomes a semantic version comparison with a value that is no version, which the SDK
// evaluates to false for every user, as it does the stored condition.
func neverMatches(attribute, raw string) *UserCondition {
	text := "not a number: " + raw
	return &UserCondition{Attribute: attribute, Comparator: slices.Index(spec.LegacyComparators, "semVerLess"), Text: &text}
}

// splitList splits a comma-separated comparison value into trimmed, non-empty items.
func splitList(raw string) []string {
	items := []string{}
	for _, item := range strings.Split(raw, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}
