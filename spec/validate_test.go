package spec_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// hand builds a small valid state without YAML, as the API client or a migration would.
func hand() *spec.State {
	s := &spec.State{Products: []*spec.Product{{
		Name:         "Webshop",
		Environments: []*spec.Environment{{Name: "Production"}, {Name: "Staging"}},
		Segments:     []*spec.Segment{{Name: "Beta", Attribute: "Email", Comparator: "isOneOf", Value: "a@b.c"}},
		Configs: []*spec.Config{{Name: "Main", Flags: []*spec.Flag{
			{Key: "killSwitch", Type: spec.TypeBoolean, Value: spec.BoolValue(false).Ptr()},
			{Key: "darkMode", Type: spec.TypeBoolean, Values: map[string]*spec.EnvValue{
				"Production": {Default: spec.BoolValue(true), Rules: []*spec.Rule{{
					If:    []*spec.Condition{{Segment: "Beta"}, {Flag: "killSwitch", Equals: spec.BoolValue(false).Ptr()}},
					Serve: spec.BoolValue(true).Ptr(),
				}}},
				"Staging": {Default: spec.BoolValue(false)},
			}},
		}}},
	}}}
	spec.Normalize(s)
	return s
}

func TestValidateAcceptsHandBuiltState(t *testing.T) {
	if errs := spec.Validate(hand()); len(errs) > 0 {
		t.Fatalf("valid state rejected:\n%v", errs)
	}
}

// TestValidateNamesObjectsByPath checks that a state without positions still says where each problem is.
func TestValidateNamesObjectsByPath(t *testing.T) {
	s := hand()
	p := s.Products[0]
	p.Configs[0].Flag("killSwitch").Values["Staging"].Default = spec.StringValue("off")
	p.Configs[0].Flags = append(p.Configs[0].Flags, &spec.Flag{Key: "DARKMODE", Name: "x", Type: spec.TypeBoolean,
		Values: map[string]*spec.EnvValue{"Production": {Default: spec.BoolValue(true)}, "Staging": {Default: spec.BoolValue(true)}}})
	p.Configs[0].Flag("darkMode").Values["Production"].Rules[0].If[0].Segment = "Gamma"
	got := spec.Validate(s).Error()
	want := []string{
		`Webshop/Main/DARKMODE: flag "DARKMODE" is declared twice; names are compared case-insensitively`,
		`Webshop/Main/darkMode/Production: flag "darkMode": Production rule 1 condition 1: unknown segment "Gamma" (known: Beta)`,
		`Webshop/Main/killSwitch/Staging: flag "killSwitch": "off" is not a boolean value`,
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	for _, e := range spec.Validate(s) {
		if !e.Pos.IsZero() || e.Path == "" {
			t.Errorf("error %q has position %v and path %q; want a path only", e.Msg, e.Pos, e.Path)
		}
	}
}

func TestValidateToleratesNilEntries(t *testing.T) {
	s := hand()
	p := s.Products[0]
	p.Configs = append(p.Configs, nil)
	p.Environments = append(p.Environments, nil)
	p.Webhooks = []*spec.Webhook{{Config: "Main", Environment: "Production", URL: "https://example.com/h", Method: "get"}}
	s.Products = append(s.Products, nil)
	if errs := spec.Validate(s); len(errs) != 3 {
		t.Fatalf("want 3 nil errors, got:\n%v", errs)
	}
}

// TestValidateCatchesMutations breaks random valid states in ways Validate must notice.
func TestValidateCatchesMutations(t *testing.T) {
	breakers := map[string]func(*spec.State){
		"unknown environment": func(s *spec.State) {
			f := s.Products[0].Configs[0].Flags[0]
			f.Values["Nowhere"] = &spec.EnvValue{Default: f.Values[s.Products[0].Environments[0].Name].Default}
		},
		"missing environment value": func(s *spec.State) {
			delete(s.Products[0].Configs[0].Flags[0].Values, s.Products[0].Environments[0].Name)
		},
		"duplicate product": func(s *spec.State) {
			s.Products = append(s.Products, &spec.Product{Name: strings.ToUpper(s.Products[0].Name)})
		},
		"bad flag key": func(s *spec.State) { s.Products[0].Configs[0].Flags[0].Key = "9lives" },
	}
	for name, breakIt := range breakers {
		t.Run(name, func(t *testing.T) {
			for seed := range uint64(20) {
				s := spectest.RandomState(rand.New(rand.NewPCG(seed, 9)), spectest.Options{})
				breakIt(s)
				if errs := spec.Validate(s); len(errs) == 0 {
					t.Fatalf("seed %d: Validate found nothing", seed)
				}
			}
		})
	}
}

// TestNormalizeToleratesNilEntries: a state built in Go (not loaded) may hold nil entries; Normalize and lookups
// must not panic on them, and Validate reports each one.
func TestNormalizeToleratesNilEntries(t *testing.T) {
	nested := &spec.Flag{Key: "n", Type: spec.TypeBoolean, Variations: []*spec.Variation{nil},
		Values: map[string]*spec.EnvValue{"Production": {
			Default:     spec.BoolValue(true),
			Rules:       []*spec.Rule{nil, {If: []*spec.Condition{nil}, Serve: spec.BoolValue(true).Ptr()}},
			Percentages: []*spec.PercentageOption{nil},
		}}}
	s := &spec.State{Products: []*spec.Product{nil, {
		Name:         "Shop",
		Environments: []*spec.Environment{nil, {Name: "Production"}},
		Configs: []*spec.Config{nil, {Name: "Main", Flags: []*spec.Flag{nil,
			{Key: "k", Type: spec.TypeBoolean, Value: spec.BoolValue(true).Ptr()}, nested}}},
		Tags:     []*spec.Tag{nil},
		Segments: []*spec.Segment{nil},
		Webhooks: []*spec.Webhook{nil, {Config: "Main", Environment: "Production", URL: "https://example.com/h",
			Headers: []*spec.WebhookHeader{nil}}},
		PermissionGroups: []*spec.PermissionGroup{nil},
	}}}
	spec.Normalize(s)
	if s.Product("Missing") != nil || s.Product("shop") == nil {
		t.Error("State.Product does not find products by name past a nil entry")
	}
	errs := spec.Validate(s)
	// product, environment, config, flag, tag, segment, webhook, permission group; variation, rule, condition,
	// percentage option, webhook header
	if got := strings.Count(errs.Error(), "is nil"); got != 13 {
		t.Errorf("Validate reported %d nil entries, want 13:\n%v", got, errs)
	}
}
