package spec

import (
	"regexp"
	"slices"
)

// yamlTypedWords are plain scalars that some YAML reader takes for a null or a boolean: YAML 1.2's core schema
// (null, true, false, ~), YAML 1.1's booleans (yes, no, on, off, y, n) and PyYAML's merge and value keys.
var yamlTypedWords = []string{"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
	"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<", "="}

// yamlDate matches what YAML 1.1 reads as a timestamp: a date (2024-01-01), with or without a time after it.
var yamlDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?$`)

// needsQuotes reports whether text written as a plain YAML scalar would read as something other than that
// text in some common YAML reader, 1.1 or 1.2 (PyYAML, js-yaml, yq, yaml.v3): a null, a boolean, a number (as
// numberLike matches them, the loader's own test) or a timestamp. Write quotes such text in every text field
// and map key, so that the files mean the same to every tool, not only to flagsync, whose loader reads text
// fields as text whatever their form.
func needsQuotes(s string) bool {
	return slices.Contains(yamlTypedWords, s) || numberLike.MatchString(s) || yamlDate.MatchString(s) ||
		!ParseScalar(s, false).Equal(StringValue(s))
}
