package evaluate_test

import (
	"context"
	"testing"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/spec"
)

// TestUnreadableNumbersNeverMatch: a v1 or segment number value SDKs cannot read never matches, for any user and
// any comparator, and does not stop the flag's other rules, as docs/yaml.md's warnings table says.
func TestUnreadableNumbersNeverMatch(t *testing.T) {
	st, _, err := spec.LoadWith(context.Background(), "testdata/unreadable-numbers.yaml", spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, data := documentOf(t, st, "Shop", "Legacy", "Production")
	ev, err := evaluate.New(data)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Close()
	for _, c := range []struct {
		user      evaluate.User
		want, src string
	}{
		{evaluate.User{"Identifier": "1", "Total": "5", "Age": "30"}, "basic", "default"},
		{evaluate.User{"Identifier": "1", "Total": "ten", "Age": "eighteen"}, "basic", "default"},
		{evaluate.User{"Identifier": "1", "Total": "5", "Age": "30", "Score": "2.5"}, "half", "rule 4"},
	} {
		r := ev.Evaluate(c.user, "plan")[0]
		if r.Err != nil || r.Value != c.want || r.Source.String() != c.src {
			t.Errorf("user %v: %v by %v (%v), want %q by %s", c.user, r.Value, r.Source, r.Err, c.want, c.src)
		}
	}
}
