package spectest_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

func TestRandomStateIsDeterministic(t *testing.T) {
	a := spectest.RandomState(rand.New(rand.NewPCG(3, 4)), spectest.Options{})
	b := spectest.RandomState(rand.New(rand.NewPCG(3, 4)), spectest.Options{})
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("same seed, different states:\n%s", d)
	}
	c := spectest.RandomState(rand.New(rand.NewPCG(5, 4)), spectest.Options{})
	if cmp.Equal(a, c) {
		t.Fatal("different seeds gave the same state")
	}
}

func TestRandomStateHonoursOptions(t *testing.T) {
	opts := spectest.Options{Products: 1, Environments: 1, Configs: 1, Flags: 2, Rules: 1, Plain: true}
	for seed := range uint64(50) {
		s := spectest.RandomState(rand.New(rand.NewPCG(seed, 0)), opts)
		if errs := spec.Validate(s); len(errs) > 0 {
			t.Fatalf("seed %d: %v", seed, errs)
		}
		if len(s.Products) != 1 || len(s.Products[0].Environments) != 1 || len(s.Products[0].Configs) != 1 ||
			len(s.Products[0].Configs[0].Flags) > 2 {
			t.Fatalf("seed %d: state larger than the options allow", seed)
		}
	}
}

// TestRandomStateCoversTheFormat checks that a modest number of states uses every kind of condition, both
// evaluation versions and every flag type, so that property tests built on it exercise them.
func TestRandomStateCoversTheFormat(t *testing.T) {
	seen := map[string]bool{}
	for seed := range uint64(50) {
		s := spectest.RandomState(rand.New(rand.NewPCG(seed, 1)), spectest.Options{})
		_, warnings := spec.Check(s)
		for _, w := range warnings {
			for _, kind := range []string{"is not a semantic version", "is empty", "as a number", "color"} {
				if strings.Contains(w.Msg, kind) {
					seen["warning "+kind] = true
				}
			}
		}
		for _, p := range s.Products {
			for _, e := range p.Environments {
				if lookalike(e.Name) {
					seen["lookalike name"] = true
				}
			}
			for _, c := range p.Configs {
				seen["config "+string(c.EvaluationVersion)] = true
				for _, f := range c.Flags {
					seen["type "+string(f.Type)] = true
					if lookalike(f.Key) {
						seen["lookalike key"] = true
					}
					if len(f.Variations) > 0 {
						seen["variations"] = true
					}
					for _, ev := range f.Values {
						if len(ev.Percentages) > 0 {
							seen["percentages"] = true
						}
						for _, r := range ev.Rules {
							for _, cd := range r.If {
								switch {
								case cd.Segment != "":
									seen["segment condition"] = true
								case cd.Flag != "":
									seen["prerequisite condition"] = true
								case len(cd.Values) > 0:
									seen["list condition"] = true
								default:
									seen["value condition"] = true
								}
							}
						}
					}
				}
			}
		}
	}
	for _, want := range []string{"config v1", "config v2", "type boolean", "type string", "type int", "type double",
		"variations", "percentages", "segment condition", "prerequisite condition", "list condition",
		"value condition", "warning is not a semantic version", "warning is empty", "warning as a number", "warning color",
		"lookalike name", "lookalike key"} {
		if !seen[want] {
			t.Errorf("50 random states have no %s", want)
		}
	}
}

// lookalike reports whether a name is one YAML 1.1 readers take for a number or a boolean.
func lookalike(name string) bool {
	switch name {
	case "on", "off", "no", "y", "yes", "null", "true", "False":
		return true
	}
	return spec.ParseScalar(name, false).Type() != spec.TypeString || strings.ContainsAny(name, ":_x") &&
		strings.Trim(name, "0123456789:_xXABCDEF") == ""
}
