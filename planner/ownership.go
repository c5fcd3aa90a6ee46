package planner

import "github.com/flagsync/flagsync/spec"

// Split ownership by copying. Where the files leave a flag's value in an environment to the dashboard
// (valueOwner: dashboard, see spec.ValueOwner), the current value is copied into the desired flag before the
// diff, as handsOff does for ignored objects, so that the differ plans nothing for it and knows no exceptions.
// A value without a current counterpart keeps the files' value, which is then its initial value: the flag is
// created by this plan (new, renamed with another type, or recreated for a type change) or the environment is.

// dashboardCount counts the values a plan leaves to the dashboard, and how many of them differ from the files.
type dashboardCount struct{ values, differing int }

func (d *dashboardCount) add(o dashboardCount) {
	d.values += o.values
	d.differing += o.differing
}

// leaveToDashboard returns des (the desired product after handsOff) with the current value copied into every
// dashboard-owned value that exists remotely, copying only the configs and flags that change. declared is the
// desired product as the files declare it: its environments are the ones whose values are counted (an ignored
// or kept environment is left alone by handsOff already). cur is the translated current product.
func leaveToDashboard(cur, declared, des *spec.Product) (*spec.Product, dashboardCount) {
	var n dashboardCount
	if !spec.HasDashboardValues(declared) {
		return des, n
	}
	p := *des
	p.Configs = make([]*spec.Config, len(des.Configs))
	for i, dc := range des.Configs {
		cc := cur.Config(dc.Name)
		if cc == nil || cc == dc {
			p.Configs[i] = dc // new, or kept as it is
			continue
		}
		c := *dc
		c.Flags = make([]*spec.Flag, len(dc.Flags))
		fc := newFlagsOfConfig(cc, dc)
		for j, f := range dc.Flags {
			cf := currentFlag(fc, f)
			if cf == nil || cf == f || cf.Type != f.Type {
				c.Flags[j] = f // created by this plan (initial values), or kept as it is
				continue
			}
			var fn dashboardCount
			c.Flags[j], fn = withDashboardValues(declared, &c, f, cf)
			n.add(fn)
		}
		p.Configs[i] = &c
	}
	return &p, n
}

// currentFlag returns the remote flag whose values the desired flag f continues: the one with its key, or the
// one it is renamed from as the planner's flags matches it (flagsOfConfig.renamedFrom). The first rename of an
// old key consumes it.
func currentFlag(fc *flagsOfConfig, f *spec.Flag) *spec.Flag {
	if cf := fc.cur[spec.Key(f.Key)]; cf != nil {
		return cf
	}
	cf := fc.renamedFrom(f)
	if cf != nil {
		fc.consumed[spec.Key(cf.Key)] = true
	}
	return cf
}

// withDashboardValues returns f with cf's values in the environments where the dashboard owns f's values and cf
// has one, and counts them; f itself when none differs.
func withDashboardValues(p *spec.Product, c *spec.Config, f, cf *spec.Flag) (*spec.Flag, dashboardCount) {
	var n dashboardCount
	out := f
	for _, e := range p.Environments {
		if e == nil || spec.ValueOwner(p, c, f, e.Name) != spec.ValueOwnerDashboard {
			continue
		}
		cv := valueIn(cf.Values, e.Name)
		if cv == nil {
			continue // the environment is new: its value is written from the files
		}
		n.values++
		dv := valueIn(f.Values, e.Name)
		if dv != nil && equalEnvValue(cv, dv) {
			continue
		}
		n.differing++
		if out == f {
			copied := *f
			copied.Values = make(map[string]*spec.EnvValue, len(f.Values))
			for k, v := range f.Values {
				copied.Values[k] = v
			}
			out = &copied
		}
		setValue(out.Values, e.Name, cv)
	}
	return out, n
}

// setValue sets the value of an environment, replacing the entry whose name matches case-insensitively.
func setValue(values map[string]*spec.EnvValue, env string, v *spec.EnvValue) {
	for k := range values {
		if spec.Same(k, env) {
			values[k] = v
			return
		}
	}
	values[env] = v
}
