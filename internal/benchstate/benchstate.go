// Package benchstate builds the 10,000-flag account the planner's and the impact's benchmarks measure.
package benchstate

import (
	"fmt"

	"github.com/flagsync/flagsync/spec"
)

// Big is one product with 10 environments and 10,000 flags in 10 configs; every flag has a rule in Production
// (env0). When changed is true, one flag in a hundred serves another default in every environment and one in a
// thousand gets a new hint.
func Big(changed bool) *spec.State {
	p := &spec.Product{Name: "Big", Tags: []*spec.Tag{{Name: "t"}}, Segments: []*spec.Segment{{Name: "s", Attribute: "Email", Comparator: "contains", Value: "@x"}}}
	for e := 0; e < 10; e++ {
		p.Environments = append(p.Environments, &spec.Environment{Name: fmt.Sprintf("env%d", e)})
	}
	for c := 0; c < 10; c++ {
		cfg := &spec.Config{Name: fmt.Sprintf("config%d", c)}
		for f := 0; f < 1000; f++ {
			n := c*1000 + f
			fl := &spec.Flag{Key: fmt.Sprintf("flag%05d", n), Type: spec.TypeBoolean, Tags: []string{"t"}, Values: map[string]*spec.EnvValue{}}
			if changed && n%1000 == 0 {
				fl.Hint = "new hint"
			}
			for _, e := range p.Environments {
				ev := &spec.EnvValue{Default: spec.BoolValue(changed && n%100 == 0)}
				if e.Name == "env0" {
					ev.Rules = []*spec.Rule{{If: []*spec.Condition{{Segment: "s"}}, Serve: spec.BoolValue(true).Ptr()}}
				}
				fl.Values[e.Name] = ev
			}
			cfg.Flags = append(cfg.Flags, fl)
		}
		p.Configs = append(p.Configs, cfg)
	}
	s := &spec.State{Products: []*spec.Product{p}}
	spec.Normalize(s)
	return s
}
