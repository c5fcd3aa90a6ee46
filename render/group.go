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

// group sorts a plan's changes into products, configs and flags, each level by folded name.
func group(cs []planner.Change) []*productGroup {
	g := &grouper{products: map[string]*productGroup{}, configs: map[*productGroup]map[string]*configGroup{},
		flags: map[*configGroup]map[string]*flagGroup{}}
	for i := range cs {
		g.place(&cs[i])
	}
	return g.sorted()
}

// grouper indexes the groups by folded name as group builds them.
type grouper struct {
	order    []*productGroup
	products map[string]*productGroup
	configs  map[*productGroup]map[string]*configGroup
	flags    map[*configGroup]map[string]*flagGroup
}

func (g *grouper) productOf(name string) *productGroup {
	p := g.products[spec.Key(name)]
	if p == nil {
		p = &productGroup{name: name}
		g.products[spec.Key(name)] = p
		g.configs[p] = map[string]*configGroup{}
		g.order = append(g.order, p)
	}
	return p
}

func (g *grouper) configOf(p *productGroup, name string) *configGroup {
	c := g.configs[p][spec.Key(name)]
	if c == nil {
		c = &configGroup{name: name}
		g.configs[p][spec.Key(name)] = c
		g.flags[c] = map[string]*flagGroup{}
		p.configs = append(p.configs, c)
	}
	return c
}

func (g *grouper) flagOf(c *configGroup, key string) *flagGroup {
	f := g.flags[c][spec.Key(key)]
	if f == nil {
		f = &flagGroup{key: key}
		g.flags[c][spec.Key(key)] = f
		c.flags = append(c.flags, f)
	}
	return f
}

// place counts a change in its product and files it with the object it changes.
func (g *grouper) place(c *planner.Change) {
	p := g.productOf(c.Address.Product)
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
		cg := g.configOf(p, c.Address.Config)
		cg.self = append(cg.self, c)
	case planner.KindFlag:
		f := g.flagOf(g.configOf(p, c.Address.Config), c.Address.Flag)
		f.self = append(f.self, c)
	case planner.KindVariation:
		f := g.flagOf(g.configOf(p, c.Address.Config), c.Address.Flag)
		f.vars = append(f.vars, c)
	case planner.KindValues:
		cg := g.configOf(p, c.Address.Config)
		for _, v := range c.Values {
			f := g.flagOf(cg, v.Key)
			f.values = append(f.values, envChange{env: c.Address.Environment, v: v})
		}
	default:
		p.changes = append(p.changes, c)
	}
}

// sorted returns the products, and in each the configs and flags, by folded name.
func (g *grouper) sorted() []*productGroup {
	products := g.order
	sort.SliceStable(products, func(i, j int) bool { return spec.Key(products[i].name) < spec.Key(products[j].name) })
	for _, p := range products {
		sort.SliceStable(p.configs, func(i, j int) bool { return spec.Key(p.configs[i].name) < spec.Key(p.configs[j].name) })
		for _, c := range p.configs {
			sort.SliceStable(c.flags, func(i, j int) bool { return spec.Key(c.flags[i].key) < spec.Key(c.flags[j].key) })
		}
	}
	return products
}
