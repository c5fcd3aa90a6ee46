package planner

import "github.com/flagsync/flagsync/spec"

// renames are the in-place renames of one product: a desired object whose renamedFrom names a remote object
// while its own name is not taken remotely. Maps go from the folded old name to the new name and back.
//
// The current side is translated to the new names before the diff (references included: flag tags, segment
// conditions, value environments, webhook and permission-group environments), so that a rename shows as one
// update of the renamed object and nothing else. orig keeps the remote objects as they were, for the update's
// before side.
type renames struct {
	product string // the product's remote name when it is renamed, else ""
	env     nameMap
	config  nameMap
	tag     nameMap
	segment nameMap
	group   nameMap
	// integration maps "type/name" (Address.Name of an integration), within one type.
	integration nameMap

	origEnv         map[string]*spec.Environment
	origConfig      map[string]*spec.Config
	origTag         map[string]*spec.Tag
	origSegment     map[string]*spec.Segment
	origGroup       map[string]*spec.PermissionGroup
	origIntegration map[string]*spec.Integration
}

// nameMap maps folded old names to new names (fwd) and folded new names to old names (back).
type nameMap struct{ fwd, back map[string]string }

func (m nameMap) newName(old string) string {
	if n, ok := m.fwd[spec.Key(old)]; ok {
		return n
	}
	return old
}

func (m nameMap) oldName(name string) string {
	if o, ok := m.back[spec.Key(name)]; ok {
		return o
	}
	return name
}

func (m nameMap) empty() bool { return len(m.fwd) == 0 }

// findRenames collects the effective renames of one kind and returns the current list with renamed objects
// replaced by copies under their new names.
func findRenames[T any](cur, des []T, name, from func(T) string, rename func(T, string) T) (out []T, m nameMap, orig map[string]T) {
	m = nameMap{fwd: map[string]string{}, back: map[string]string{}}
	orig = map[string]T{}
	byName := make(map[string]int, len(cur))
	for i, c := range cur {
		byName[spec.Key(name(c))] = i
	}
	out = cur
	copied := false
	for _, d := range des {
		old := from(d)
		if old == "" {
			continue
		}
		i, oldExists := byName[spec.Key(old)]
		_, newExists := byName[spec.Key(name(d))]
		if !oldExists || newExists {
			continue
		}
		if _, done := m.fwd[spec.Key(old)]; done {
			continue
		}
		if !copied {
			out = append([]T(nil), cur...)
			copied = true
		}
		orig[spec.Key(name(d))] = cur[i]
		out[i] = rename(cur[i], name(d))
		m.fwd[spec.Key(old)] = name(d)
		m.back[spec.Key(name(d))] = name(cur[i])
	}
	return out, m, orig
}

// translate returns a shallow copy of the current product with every effective rename applied, copying only
// what changes.
func translate(cur, des *spec.Product) (*spec.Product, *renames) {
	r := &renames{}
	p := *cur
	r.renameNamed(&p, cur, des)
	r.renameGroups(&p, cur, des)
	r.translateReferences(&p)
	r.renameIntegrations(&p, des)
	if cur.Name != des.Name {
		r.product = cur.Name
		p.Name = des.Name
	}
	return &p, r
}

// renameNamed renames the environments, configs, tags and segments of p.
func (r *renames) renameNamed(p, cur, des *spec.Product) {
	p.Environments, r.env, r.origEnv = findRenames(cur.Environments, des.Environments,
		func(e *spec.Environment) string { return e.Name }, func(e *spec.Environment) string { return e.RenamedFrom },
		func(e *spec.Environment, n string) *spec.Environment { c := *e; c.Name = n; return &c })
	p.Configs, r.config, r.origConfig = findRenames(cur.Configs, des.Configs,
		func(c *spec.Config) string { return c.Name }, func(c *spec.Config) string { return c.RenamedFrom },
		func(c *spec.Config, n string) *spec.Config { x := *c; x.Name = n; return &x })
	p.Tags, r.tag, r.origTag = findRenames(cur.Tags, des.Tags,
		func(t *spec.Tag) string { return t.Name }, func(t *spec.Tag) string { return t.RenamedFrom },
		func(t *spec.Tag, n string) *spec.Tag { c := *t; c.Name = n; return &c })
	p.Segments, r.segment, r.origSegment = findRenames(cur.Segments, des.Segments,
		func(s *spec.Segment) string { return s.Name }, func(s *spec.Segment) string { return s.RenamedFrom },
		func(s *spec.Segment, n string) *spec.Segment { c := *s; c.Name = n; return &c })
}

// renameGroups renames the permission groups of p, their environment references translated first, so that a
// renamed group's before side has them too.
func (r *renames) renameGroups(p, cur, des *spec.Product) {
	groups := cur.PermissionGroups
	if !r.env.empty() {
		groups = make([]*spec.PermissionGroup, len(cur.PermissionGroups))
		for i, g := range cur.PermissionGroups {
			c := *g
			c.EnvironmentAccess = mapKeys(g.EnvironmentAccess, r.env)
			c.EnvironmentApprovalPermissions = mapKeys(g.EnvironmentApprovalPermissions, r.env)
			groups[i] = &c
		}
	}
	p.PermissionGroups, r.group, r.origGroup = findRenames(groups, des.PermissionGroups,
		func(g *spec.PermissionGroup) string { return g.Name },
		func(g *spec.PermissionGroup) string { return g.RenamedFrom },
		func(g *spec.PermissionGroup, n string) *spec.PermissionGroup { c := *g; c.Name = n; return &c })

}

// translateReferences rewrites what refers to renamed environments, configs, tags and segments: preferences,
// webhooks, integrations and flags.
func (r *renames) translateReferences(p *spec.Product) {
	if !r.env.empty() {
		if pr := p.Preferences; pr != nil {
			c := *pr
			c.ReasonRequiredEnvironments = mapNames(pr.ReasonRequiredEnvironments, r.env)
			c.ApproveRequiredEnvironments = mapNames(pr.ApproveRequiredEnvironments, r.env)
			p.Preferences = &c
		}
	}
	if !r.env.empty() || !r.config.empty() {
		hooks := make([]*spec.Webhook, len(p.Webhooks))
		for i, w := range p.Webhooks {
			c := *w
			c.Config = r.config.newName(w.Config)
			c.Environment = r.env.newName(w.Environment)
			hooks[i] = &c
		}
		p.Webhooks = hooks
		ins := make([]*spec.Integration, len(p.Integrations))
		for i, in := range p.Integrations {
			c := *in
			c.Configs = mapNames(in.Configs, r.config)
			c.Environments = mapNames(in.Environments, r.env)
			ins[i] = &c
		}
		p.Integrations = ins
	}
	if !r.env.empty() || !r.tag.empty() || !r.segment.empty() {
		configs := make([]*spec.Config, len(p.Configs))
		for i, c := range p.Configs {
			x := *c
			x.Flags = make([]*spec.Flag, len(c.Flags))
			for j, f := range c.Flags {
				x.Flags[j] = translateFlag(f, r)
			}
			configs[i] = &x
		}
		p.Configs = configs
	}
}

// renameIntegrations renames the integrations of p, whose references translateReferences has translated,
// within their type.
func (r *renames) renameIntegrations(p, des *spec.Product) {
	p.Integrations, r.integration, r.origIntegration = findRenames(p.Integrations, des.Integrations,
		integrationName, func(in *spec.Integration) string {
			if in.RenamedFrom == "" {
				return ""
			}
			return spec.IntegrationName(in.Type, in.RenamedFrom)
		},
		func(in *spec.Integration, n string) *spec.Integration {
			c := *in
			c.Name = n[len(in.Type)+1:]
			return &c
		})
}

// integrationName is an integration's Address.Name: its type and name.
func integrationName(in *spec.Integration) string { return spec.IntegrationName(in.Type, in.Name) }

func translateFlag(f *spec.Flag, r *renames) *spec.Flag {
	c := *f
	c.Tags = mapNames(f.Tags, r.tag)
	c.Values = make(map[string]*spec.EnvValue, len(f.Values))
	for env, ev := range f.Values {
		c.Values[r.env.newName(env)] = translateSegments(ev, r.segment)
	}
	return &c
}

// translateSegments returns the value with segment conditions naming renamed segments rewritten, copying only
// when something changes.
func translateSegments(ev *spec.EnvValue, m nameMap) *spec.EnvValue {
	if ev == nil || m.empty() {
		return ev
	}
	changed := false
	for _, r := range ev.Rules {
		for _, c := range r.If {
			if c.Segment != "" && m.newName(c.Segment) != c.Segment {
				changed = true
			}
		}
	}
	if !changed {
		return ev
	}
	v := *ev
	v.Rules = make([]*spec.Rule, len(ev.Rules))
	for i, r := range ev.Rules {
		rc := *r
		rc.If = make([]*spec.Condition, len(r.If))
		for j, c := range r.If {
			cc := *c
			if cc.Segment != "" {
				cc.Segment = m.newName(cc.Segment)
			}
			rc.If[j] = &cc
		}
		v.Rules[i] = &rc
	}
	return &v
}

func mapNames(names []string, m nameMap) []string {
	if m.empty() || len(names) == 0 {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = m.newName(n)
	}
	sortNames(out)
	return out
}

func mapKeys(in map[string]string, m nameMap) map[string]string {
	if in == nil {
		return nil
	}
	out := make(map[string]string, len(in))
	for k, v := range in {
		out[m.newName(k)] = v
	}
	return out
}

// old returns the address of the object in the current state, before the renames.
func (r *renames) old(kind Kind, a Address) Address {
	if r.product != "" {
		a.Product = r.product
	}
	a.Config = r.config.oldName(a.Config)
	a.Environment = r.env.oldName(a.Environment)
	switch kind {
	case KindTag:
		a.Name = r.tag.oldName(a.Name)
	case KindSegment:
		a.Name = r.segment.oldName(a.Name)
	case KindPermissionGroup:
		a.Name = r.group.oldName(a.Name)
	case KindIntegration:
		a.Name = r.integration.oldName(a.Name)
	}
	return a
}
