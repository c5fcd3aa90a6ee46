package spec_test

import (
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// TestValueOwnerPrecedence checks that the valueOwner written nearest to a flag wins: flag, then config, then
// environment, then product, and git when none is set.
func TestValueOwnerPrecedence(t *testing.T) {
	s, err := spec.Load("testdata/good/value-owner.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Product("Webshop")
	main, texts := p.Config("Main"), p.Config("Texts")
	cases := []struct {
		config *spec.Config
		flag   string
		env    string
		want   string
	}{
		{main, "checkout", "Development", spec.ValueOwnerGit},        // product: git
		{main, "checkout", "Production", spec.ValueOwnerDashboard},   // environment beats product
		{main, "banner", "Development", spec.ValueOwnerDashboard},    // flag beats product
		{main, "retries", "Production", spec.ValueOwnerGit},          // flag beats environment
		{texts, "headline", "Development", spec.ValueOwnerDashboard}, // config beats product
	}
	for _, c := range cases {
		if got := spec.ValueOwner(p, c.config, c.config.Flag(c.flag), c.env); got != c.want {
			t.Errorf("%s/%s in %s: owner %q, want %q", c.config.Name, c.flag, c.env, got, c.want)
		}
	}
	// a config's git beats an environment's dashboard
	texts.ValueOwner = spec.ValueOwnerGit
	if got := spec.ValueOwner(p, texts, texts.Flag("headline"), "Production"); got != spec.ValueOwnerGit {
		t.Errorf("config git in a dashboard environment: %q, want git", got)
	}
	if got := spec.ValueOwner(&spec.Product{Name: "Bare"}, nil, nil, "Production"); got != spec.ValueOwnerGit {
		t.Errorf("nothing set: %q, want git", got)
	}
}

// TestHasDashboardValues checks that a dashboard valueOwner at any one level (product, environment, config or
// flag) is found, and that git written at every level is not taken for one.
func TestHasDashboardValues(t *testing.T) {
	s, err := spec.Load("testdata/good/value-owner.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !spec.HasDashboardValues(s.Product("Webshop")) {
		t.Error("HasDashboardValues is false for a product with dashboard-owned values")
	}
	if spec.HasDashboardValues(hand().Products[0]) {
		t.Error("HasDashboardValues is true for a product without valueOwner")
	}
	for level, set := range map[string]func(p *spec.Product, owner string){
		"product":     func(p *spec.Product, owner string) { p.ValueOwner = owner },
		"environment": func(p *spec.Product, owner string) { p.Environments[0].ValueOwner = owner },
		"config":      func(p *spec.Product, owner string) { p.Configs[0].ValueOwner = owner },
		"flag":        func(p *spec.Product, owner string) { p.Configs[0].Flags[0].ValueOwner = owner },
	} {
		p := hand().Products[0]
		set(p, spec.ValueOwnerGit)
		if spec.HasDashboardValues(p) {
			t.Errorf("git on the %s: HasDashboardValues is true", level)
		}
		set(p, spec.ValueOwnerDashboard)
		if !spec.HasDashboardValues(p) {
			t.Errorf("dashboard on the %s only: HasDashboardValues is false", level)
		}
	}
}
