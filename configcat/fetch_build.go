package configcat

import (
	"fmt"

	"github.com/flagsync/flagsync/spec"
)

// uniqueNames reports a second object of a kind with the same name (compared case-insensitively), which
// flagsync cannot address.
type uniqueNames struct {
	kind string
	seen map[string]string
}

func newUniqueNames(kind string) *uniqueNames {
	return &uniqueNames{kind: kind, seen: map[string]string{}}
}

func (u *uniqueNames) add(name string) error {
	k := spec.Key(name)
	if prev, dup := u.seen[k]; dup {
		if prev == name {
			return fmt.Errorf("two %s named %q", u.kind, name)
		}
		return fmt.Errorf("two %s named %q and %q (names are compared case-insensitively)", u.kind, prev, name)
	}
	u.seen[k] = name
	return nil
}

// build turns the answers about a product into its spec and its remote ids.
func (r *productRead) build() (*spec.Product, *RemoteProduct, error) {
	p := r.product
	order := p.Order
	sp := &spec.Product{Name: p.Name, Description: deref(p.Description), Order: &order}
	rp := NewRemoteProduct(p.ProductID)

	envNames := map[string]string{} // by id
	unique := newUniqueNames("environments")
	for _, e := range r.environments {
		if err := unique.add(e.Name); err != nil {
			return nil, nil, err
		}
		order := e.Order
		sp.Environments = append(sp.Environments, &spec.Environment{Name: e.Name, Color: deref(e.Color),
			Description: deref(e.Description), Order: &order})
		rp.Environments[spec.Key(e.Name)] = e.EnvironmentID
		envNames[e.EnvironmentID] = e.Name
	}

	unique = newUniqueNames("tags")
	for _, t := range r.tags {
		if err := unique.add(t.Name); err != nil {
			return nil, nil, err
		}
		sp.Tags = append(sp.Tags, &spec.Tag{Name: t.Name, Color: deref(t.Color)})
		rp.Tags[spec.Key(t.Name)] = t.TagID
	}

	segNames := map[string]string{} // by id
	unique = newUniqueNames("segments")
	for _, s := range r.segments {
		if err := unique.add(s.Name); err != nil {
			return nil, nil, err
		}
		sp.Segments = append(sp.Segments, SegmentFromWire(s))
		rp.Segments[spec.Key(s.Name)] = s.SegmentID
		segNames[s.SegmentID] = s.Name
	}

	if r.preferences != nil {
		sp.Preferences = PreferencesFromWire(r.preferences, envNames)
	}

	configNames := map[string]string{} // by id
	unique = newUniqueNames("configs")
	for ci, cfg := range r.configs {
		configNames[cfg.ConfigID] = cfg.Name
		if err := unique.add(cfg.Name); err != nil {
			return nil, nil, err
		}
		sc, rc, err := r.buildConfig(ci, segNames)
		if err != nil {
			return nil, nil, fmt.Errorf("config %q: %w", cfg.Name, err)
		}
		sp.Configs = append(sp.Configs, sc)
		rp.Configs[spec.Key(cfg.Name)] = rc
	}

	for i := range r.webhooks {
		w := WebhookFromWire(&r.webhooks[i])
		key := spec.WebhookKey(w)
		if _, dup := rp.Webhooks[key]; dup {
			return nil, nil, fmt.Errorf("two webhooks of config %q in environment %q call %s %s", w.Config, w.Environment, w.Method, w.URL)
		}
		sp.Webhooks = append(sp.Webhooks, w)
		rp.Webhooks[key] = r.webhooks[i].WebhookID
	}

	unique = newUniqueNames("permission groups")
	for i := range r.groups {
		g := &r.groups[i]
		if err := unique.add(g.Name); err != nil {
			return nil, nil, err
		}
		sp.PermissionGroups = append(sp.PermissionGroups, PermissionGroupFromWire(g, envNames))
		rp.PermissionGroups[spec.Key(g.Name)] = g.PermissionGroupID
	}

	for i := range r.integrations {
		in := IntegrationFromWire(&r.integrations[i], envNames, configNames)
		key := spec.IntegrationKey(in)
		if _, dup := rp.Integrations[key]; dup {
			return nil, nil, fmt.Errorf("two %s integrations named %q", in.Type, in.Name)
		}
		sp.Integrations = append(sp.Integrations, in)
		rp.Integrations[key] = r.integrations[i].IntegrationID
	}
	return sp, rp, nil
}

// flagMeta is what the answers tell about a flag, whichever endpoint said it.
type flagMeta struct {
	id         int32
	key, name  string
	hint       string
	typ        spec.FlagType
	isJSON     bool
	order      int
	tags       []string
	variations []PredefinedVariation
}

func (r *productRead) buildConfig(ci int, segNames map[string]string) (*spec.Config, *RemoteConfig, error) {
	cfg := r.configs[ci]
	order := cfg.Order
	sc := &spec.Config{Name: cfg.Name, Description: deref(cfg.Description), Order: &order, EvaluationVersion: evaluationVersion(cfg)}
	rc := NewRemoteConfig(cfg.ConfigID, sc.EvaluationVersion)

	var metas []*flagMeta
	byID := map[int32]*flagMeta{}
	addMeta := func(m *flagMeta) {
		if byID[m.id] == nil {
			byID[m.id] = m
			metas = append(metas, m)
		}
	}
	for _, s := range r.settings[ci] {
		m := &flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
			isJSON: s.IsJSON, order: s.Order, variations: s.PredefinedVariations}
		for _, t := range s.Tags {
			m.tags = append(m.tags, t.Name)
		}
		addMeta(m)
	}
	for _, vals := range r.valuesV2[ci] {
		for _, f := range vals.SettingFormulas {
			s := f.Setting
			m := &flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
				isJSON: s.IsJSON, order: s.Order, variations: s.PredefinedVariations, tags: settingTagNames(f.SettingTags)}
			addMeta(m)
		}
	}
	for _, vals := range r.valuesV1[ci] {
		for _, v := range vals.SettingValues {
			s := v.Setting
			addMeta(&flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
				isJSON: s.IsJSON, order: s.Order, tags: settingTagNames(v.SettingTags)})
		}
	}

	rctx := &readContext{segments: segNames, flags: map[int32]readFlag{}}
	flags := map[int32]*spec.Flag{}
	unique := newUniqueNames("flags with key")
	for _, m := range metas {
		if err := unique.add(m.key); err != nil {
			return nil, nil, err
		}
		order := m.order
		f := &spec.Flag{Key: m.key, Name: m.name, Hint: m.hint, Type: m.typ, Order: &order, IsJSON: m.isJSON, Tags: m.tags,
			Variations: VariationsFromWire(m.variations, m.typ)}
		if len(r.environments) > 0 {
			f.Values = map[string]*spec.EnvValue{}
		}
		rf := NewRemoteFlag(m.id, m.typ)
		vars := variationSet{}
		for i, v := range m.variations {
			val := f.Variations[i].Value // VariationsFromWire keeps the order
			vars[v.PredefinedVariationID] = val
			rf.Variations[ValueKey(val)] = v.PredefinedVariationID
		}
		rctx.flags[m.id] = readFlag{key: m.key, typ: m.typ, vars: vars}
		flags[m.id] = f
		rc.Flags[spec.Key(m.key)] = rf
		sc.Flags = append(sc.Flags, f)
	}

	for ei, vals := range r.valuesV2[ci] {
		env := r.environments[ei].Name
		for i := range vals.SettingFormulas {
			sf := &vals.SettingFormulas[i]
			ev, err := envValueFromV2(sf, rctx)
			if err != nil {
				return nil, nil, fmt.Errorf("flag %q in environment %q: %w", sf.Setting.Key, env, err)
			}
			flags[sf.Setting.SettingID].Values[env] = ev
			rc.Flags[spec.Key(sf.Setting.Key)].LastVersions[spec.Key(env)] = sf.LastVersionID
		}
	}
	for ei, vals := range r.valuesV1[ci] {
		env := r.environments[ei].Name
		for i := range vals.SettingValues {
			sv := &vals.SettingValues[i]
			ev, err := envValueFromV1(sv, segNames)
			if err != nil {
				return nil, nil, fmt.Errorf("flag %q in environment %q: %w", sv.Setting.Key, env, err)
			}
			flags[sv.Setting.SettingID].Values[env] = ev
		}
	}
	return sc, rc, nil
}

func settingTagNames(tags []SettingTag) []string {
	var out []string
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}
