package evaluate

import (
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// PredefinedAttribute spells identifier, email and country, in any case, as ConfigCat's predefined attributes
// Identifier, Email and Country; any other name is returned as it is.
func PredefinedAttribute(name string) string {
	switch strings.ToLower(name) {
	case "identifier":
		return "Identifier"
	case "email":
		return "Email"
	case "country":
		return "Country"
	}
	return name
}

// TestUser turns the user of a test in the files (tests: user:) into an SDK user, as docs/yaml.md promises:
// identifier, email and country in any case are the predefined attributes, whose values the SDK takes as text;
// other names are custom attributes as written, text or numbers as written.
func TestUser(attrs map[string]spec.Value) User {
	u := User{}
	for name, v := range attrs {
		switch name = PredefinedAttribute(name); name {
		case "Identifier", "Email", "Country":
			u[name] = v.Text()
		default:
			u[name] = v.Any()
		}
	}
	return u
}
