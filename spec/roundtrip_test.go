package spec_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// roundTrip writes s and loads it back, failing the test when the result differs.
func roundTrip(t *testing.T, s *spec.State) {
	t.Helper()
	var buf bytes.Buffer
	if err := spec.Write(&buf, s); err != nil {
		t.Fatalf("write: %v", err)
	}
	back, err := spec.LoadBytes("written.yaml", buf.Bytes())
	if err != nil {
		t.Fatalf("load what Write wrote: %v\n%s", err, buf.String())
	}
	if d := cmp.Diff(s, back, ignorePos); d != "" {
		t.Fatalf("round trip changed the state (-want +got):\n%s\nYAML:\n%s", d, buf.String())
	}
}

// ignorePos compares states without their source positions (Pos, OrganizationPos).
var ignorePos = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && strings.HasSuffix(sf.Name(), "Pos")
}, cmp.Ignore())

func TestRandomStatesAreValid(t *testing.T) {
	for seed := range uint64(200) {
		s := spectest.RandomState(rand.New(rand.NewPCG(seed, 1)), spectest.Options{})
		if errs := spec.Validate(s); len(errs) > 0 {
			t.Fatalf("seed %d: random state is invalid:\n%v", seed, errs)
		}
	}
}

func TestWriteRoundTripsRandomStates(t *testing.T) {
	for seed := range uint64(200) {
		s := spectest.RandomState(rand.New(rand.NewPCG(seed, 2)), spectest.Options{})
		roundTrip(t, s)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	s := spectest.RandomState(rand.New(rand.NewPCG(7, 7)), spectest.Options{})
	var a, b bytes.Buffer
	if err := spec.Write(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := spec.Write(&b, s); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Fatalf("two writes of one state differ:\n%s\n---\n%s", a.String(), b.String())
	}
}
