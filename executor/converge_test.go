package executor

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// randomStep returns the desired state of step k of a random walk: a random state whose products are named
// P0, P1, ... so that consecutive steps change the same products (their environments, configs, flags and
// everything else differ at random; with plain names many of them keep their names, so updates happen too).
func randomStep(seed uint64, k int) *spec.State {
	s := randomBase(seed, k)
	// Segments are never deleted in the walk: the planner deletes a segment before the environments whose
	// values still use it.
	for j := range k {
		for _, pp := range randomBase(seed, j).Products {
			p := s.Product(pp.Name)
			if p == nil {
				continue
			}
			for _, sg := range pp.Segments {
				if p.Segment(sg.Name) == nil {
					p.Segments = append(p.Segments, sg)
				}
			}
		}
	}
	spec.Normalize(s)
	return s
}

// randomBase is step k's random state before segments of earlier steps are added.
func randomBase(seed uint64, k int) *spec.State {
	r := rand.New(rand.NewPCG(seed, uint64(k)))
	s := spectest.RandomState(r, spectest.Options{Plain: k%2 == 0})
	s.Organization = ""
	for i, p := range s.Products {
		p.Name = fmt.Sprintf("P%d", i)
		if k > 0 && i == 0 && p.RenamedFrom != "" {
			p.RenamedFrom = "" // keep P0 in place
		}
		emulatorCompatible(p)
		versionedConfigNames(p)
	}
	spec.Normalize(s)
	return s
}

// versionedConfigNames puts each config's evaluation version in its name: a config keeps its version for life,
// so a later step must not declare an earlier step's config under the same name with the other version.
func versionedConfigNames(p *spec.Product) {
	for _, c := range p.Configs {
		old := c.Name
		c.Name += " " + string(c.EvaluationVersion)
		for _, w := range p.Webhooks {
			if w.Config == old {
				w.Config = c.Name
			}
		}
	}
}

// emulatorCompatible drops what the emulator (like ConfigCat) refuses for writes flagsync makes without
// extra options: approval-required environments (value writes would need bypassApproval) and mandatory hints
// on flags without one.
func emulatorCompatible(p *spec.Product) {
	// A product that keeps undeclared environments would see them in its permission groups' rights, which
	// the desired side cannot list.
	p.Prune = nil
	if pr := p.Preferences; pr != nil {
		pr.ApproveRequired = false
		pr.ApproveRequiredEnvironments = nil
		pr.MandatorySettingHint = false
	}
	// ConfigCat lists every environment in a group's per-environment rights, the ones not set explicitly
	// with the group's rights for new environments; the desired side lists them all likewise.
	for _, g := range p.PermissionGroups {
		for _, e := range p.Environments {
			if g.EnvironmentAccess != nil {
				if _, ok := g.EnvironmentAccess[e.Name]; !ok {
					g.EnvironmentAccess[e.Name] = g.NewEnvironmentAccessType
				}
			}
			if g.EnvironmentApprovalPermissions != nil {
				if _, ok := g.EnvironmentApprovalPermissions[e.Name]; !ok {
					g.EnvironmentApprovalPermissions[e.Name] = g.NewEnvironmentApprovalPermissionType
				}
			}
		}
	}
}

// TestConvergeRandomWalk applies a sequence of random states, each covering every feature of the model, to
// one emulator: after each apply a new plan must be empty.
func TestConvergeRandomWalk(t *testing.T) {
	steps := 6
	if testing.Short() {
		steps = 3
	}
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			e := newTestEnv(t)
			for k := range steps {
				desired := randomStep(seed, k)
				p := e.converge(desired)
				t.Logf("step %d: %d changes", k, len(p.Changes))
			}
		})
	}
}
