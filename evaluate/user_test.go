package evaluate

import (
	"reflect"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// TestTestUser: docs/yaml.md's promise for a test's user, which flagsync test and the plan's impact both rely
// on: identifier, email and country in any case are the predefined attributes and reach the SDK as text (an
// identifier written as a number too); other names are custom attributes as written, spaces and case kept,
// with numbers as numbers.
func TestTestUser(t *testing.T) {
	got := TestUser(map[string]spec.Value{
		"IDENTIFIER": spec.IntValue(42),
		"email":      spec.StringValue("ann@acme.com"),
		"Country":    spec.StringValue("HU"),
		"age":        spec.IntValue(30),
		"Age ":       spec.StringValue("30"),
		"score":      spec.DoubleValue(1.5),
	})
	want := User{"Identifier": "42", "Email": "ann@acme.com", "Country": "HU", "age": int64(30), "Age ": "30", "score": 1.5}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TestUser = %#v\nwant %#v", got, want)
	}
}
