package render

import (
	"sort"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// The renderings group a plan's changes by product > config > flag > environment. Grouping is presentation
// only: the changes and their content are the plan's, never recomputed.

type productGroup struct {
	name    string
	self    []*planner.Change // product changes
	changes []*planner.Change // preferences, environments, tags, segments, permission groups, webhooks
	configs []*configGroup
	// creates, updates and deletes among the product's changes, counted as Plan.Counts does
	creates, updates, deletes int
}

type configGroup struct {
	name  string
	self  []*planner.Change
	flags []*flagGroup
}

type flagGroup struct {
	key    string
	self   []*planner.Change // flag changes (a type change has two)
	vars   []*planner.Change // variation changes
	values []envChange
}

type envChange struct {
	env string
	v   planner.FlagValue
}

func group(cs []planner.Change) []*productGroup {
	var products []*productGroup
	pidx := map[string]*productGroup{}
	cidx := map[*productGroup]map[string]*configGroup{}
	fidx := map[*configGroup]map[string]*flagGroup{}
	productOf := func(name string) *productGroup {
		g := pidx[spec.Key(name)]
		if g == nil {
			g = &productGroup{name: name}
			pidx[spec.Key(name)] = g
			cidx[g] = map[string]*configGroup{}
			products = append(products, g)
		}
		return g
	}
	configOf := func(p *productGroup, name string) *configGroup {
		g := cidx[p][spec.Key(name)]
		if g == nil {
			g = &configGroup{name: name}
			cidx[p][spec.Key(name)] = g
			fidx[g] = map[string]*flagGroup{}
			p.configs = append(p.configs, g)
		}
		return g
	}
	flagOf := func(c *configGroup, key string) *flagGroup {
		g := fidx[c][spec.Key(key)]
		if g == nil {
			g = &flagGroup{key: key}
			fidx[c][spec.Key(key)] = g
			c.flags = append(c.flags, g)
		}
		return g
	}
	for i := range cs {
		c := &cs[i]
		p := productOf(c.Address.Product)
		switch c.Op {
		case planner.Create:
			p.creates++
		case planner.Update:
			p.updates++
		case planner.Delete:
			p.deletes++
		}
		switch c.Kind {
		case planner.KindProduct:
			p.self = append(p.self, c)
		case planner.KindConfig:
			cg := configOf(p, c.Address.Config)
			cg.self = append(cg.self, c)
		case planner.KindFlag:
			f := flagOf(configOf(p, c.Address.Config), c.Address.Flag)
			f.self = append(f.self, c)
		case planner.KindVariation:
			f := flagOf(configOf(p, c.Address.Config), c.Address.Flag)
			f.vars = append(f.vars, c)
		case planner.KindValues:
			cg := configOf(p, c.Address.Config)
			for _, v := range c.Values {
				f := flagOf(cg, v.Key)
				f.values = append(f.values, envChange{env: c.Address.Environment, v: v})
			}
		default:
			p.changes = append(p.changes, c)
		}
	}
	sort.SliceStable(products, func(i, j int) bool { return spec.Key(products[i].name) < spec.Key(products[j].name) })
	for _, p := range products {
		sort.SliceStable(p.configs, func(i, j int) bool { return spec.Key(p.configs[i].name) < spec.Key(p.configs[j].name) })
		for _, c := range p.configs {
			sort.SliceStable(c.flags, func(i, j int) bool { return spec.Key(c.flags[i].key) < spec.Key(c.flags[j].key) })
		}
	}
	return products
}
