package configcat

// Fetch reads in two phases. The reads (fetch.go) ask every endpoint a product needs at once, bounded, each
// answer kept in a productRead slot by position. Only the values answers, the bulk of a large account, are
// interpreted as they arrive: each is read into spec values (by segment names from the segment list) and let
// go, keeping each flag's metadata once (fetch_values.go). build then turns the answers into a spec.Product and
// its RemoteProduct ids in one pass, kind by kind in dependency order, since later kinds name earlier ones by id
// (integrations name configs and environments). A flag may be described by the settings list, the v2 values or
// the v1 values, whichever was read: flagMetas merges them by setting id. Two objects whose names fold to the
// same key cannot be addressed by name, so build refuses them here rather than planning against one of them.

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

// build turns the answers about a product into its spec and its remote ids, kind by kind: environments first,
// whose names by id the preferences, permission groups and integrations need, and segments before configs,
// whose conditions name segments by id.
func (r *productRead) build() (*spec.Product, *RemoteProduct, error) {
	p := r.product
	order := int(p.Order)
	b := &productBuild{sp: &spec.Product{Name: p.Name, Description: deref(p.Description), Order: &order},
		rp: NewRemoteProduct(p.ProductID), envNames: map[string]string{}, configNames: map[string]string{}}
	for _, step := range []func(*productBuild) error{
		r.buildEnvironments, r.buildTags, r.buildSegments, r.buildPreferences, r.buildConfigs, r.buildWebhooks,
		r.buildPermissionGroups, r.buildIntegrations,
	} {
		if err := step(b); err != nil {
			return nil, nil, err
		}
	}
	return b.sp, b.rp, nil
}

// productBuild is a product's spec and remote ids as build fills them, with the names by id that later kinds
// refer to.
type productBuild struct {
	sp                    *spec.Product
	rp                    *RemoteProduct
	envNames, configNames map[string]string // by id
}

func (r *productRead) buildEnvironments(b *productBuild) error {
	unique := newUniqueNames("environments")
	for _, e := range r.environments {
		if err := unique.add(e.Name); err != nil {
			return err
		}
		order := int(e.Order)
		b.sp.Environments = append(b.sp.Environments, &spec.Environment{Name: e.Name, Color: deref(e.Color),
			Description: deref(e.Description), Order: &order})
		b.rp.Environments[spec.Key(e.Name)] = e.EnvironmentID
		b.envNames[e.EnvironmentID] = e.Name
	}
	return nil
}

func (r *productRead) buildTags(b *productBuild) error {
	unique := newUniqueNames("tags")
	for _, t := range r.tags {
		if err := unique.add(t.Name); err != nil {
			return err
		}
		b.sp.Tags = append(b.sp.Tags, &spec.Tag{Name: t.Name, Color: deref(t.Color)})
		b.rp.Tags[spec.Key(t.Name)] = t.TagID
	}
	return nil
}

func (r *productRead) buildSegments(b *productBuild) error {
	unique := newUniqueNames("segments")
	for _, s := range r.segments {
		if err := unique.add(s.Name); err != nil {
			return err
		}
		b.sp.Segments = append(b.sp.Segments, SegmentFromWire(s))
		b.rp.Segments[spec.Key(s.Name)] = s.SegmentID
	}
	return nil
}

func (r *productRead) buildPreferences(b *productBuild) error {
	if r.preferences != nil {
		b.sp.Preferences = PreferencesFromWire(r.preferences, b.envNames)
	}
	return nil
}

func (r *productRead) buildConfigs(b *productBuild) error {
	unique := newUniqueNames("configs")
	for ci, cfg := range r.configs {
		b.configNames[cfg.ConfigID] = cfg.Name
		if err := unique.add(cfg.Name); err != nil {
			return err
		}
		sc, rc, err := r.buildConfig(ci)
		if err != nil {
			return fmt.Errorf("config %q: %w", cfg.Name, err)
		}
		r.releaseConfig(ci)
		b.sp.Configs = append(b.sp.Configs, sc)
		b.rp.Configs[spec.Key(cfg.Name)] = rc
	}
	return nil
}

func (r *productRead) buildWebhooks(b *productBuild) error {
	for i := range r.webhooks {
		w := WebhookFromWire(&r.webhooks[i])
		key := spec.WebhookKey(w)
		if _, dup := b.rp.Webhooks[key]; dup {
			return fmt.Errorf("two webhooks of config %q in environment %q call %s %s", w.Config, w.Environment, w.Method, w.URL)
		}
		b.sp.Webhooks = append(b.sp.Webhooks, w)
		b.rp.Webhooks[key] = r.webhooks[i].WebhookID
	}
	return nil
}

func (r *productRead) buildPermissionGroups(b *productBuild) error {
	unique := newUniqueNames("permission groups")
	for i := range r.groups {
		g := &r.groups[i]
		if err := unique.add(g.Name); err != nil {
			return err
		}
		b.sp.PermissionGroups = append(b.sp.PermissionGroups, PermissionGroupFromWire(g, b.envNames))
		b.rp.PermissionGroups[spec.Key(g.Name)] = g.PermissionGroupID
	}
	return nil
}

func (r *productRead) buildIntegrations(b *productBuild) error {
	for i := range r.integrations {
		in := IntegrationFromWire(&r.integrations[i], b.envNames, b.configNames)
		key := spec.IntegrationKey(in)
		if _, dup := b.rp.Integrations[key]; dup {
			return fmt.Errorf("two %s integrations named %q", in.Type, in.Name)
		}
		b.sp.Integrations = append(b.sp.Integrations, in)
		b.rp.Integrations[key] = r.integrations[i].IntegrationID
	}
	return nil
}

// flagMeta is what the answers tell about a flag, whichever endpoint said it.
type flagMeta struct {
	id         int32
	key, name  string
	hint       string
	typ        spec.FlagType
	isJSON     bool
	order      int32 // the API's int32
	tags       []string
	variations []PredefinedVariation
}

// buildConfig turns the answers about config ci into its spec and remote ids: its flags from whichever
// endpoints described them, then their values per environment.
func (r *productRead) buildConfig(ci int) (*spec.Config, *RemoteConfig, error) {
	cfg := r.configs[ci]
	order := int(cfg.Order)
	sc := &spec.Config{Name: cfg.Name, Description: deref(cfg.Description), Order: &order, EvaluationVersion: evaluationVersion(cfg)}
	rc := NewRemoteConfig(cfg.ConfigID, sc.EvaluationVersion)
	flags := map[int32]*spec.Flag{}
	remote := map[int32]*RemoteFlag{}
	unique := newUniqueNames("flags with key")
	for _, m := range r.flagMetas(ci) {
		if err := unique.add(m.key); err != nil {
			return nil, nil, err
		}
		f, rf := r.buildFlag(m)
		flags[m.id], remote[m.id] = f, rf
		rc.Flags[spec.Key(m.key)] = rf
		sc.Flags = append(sc.Flags, f)
	}
	if err := r.placeValues(ci, flags, remote); err != nil {
		return nil, nil, err
	}
	return sc, rc, nil
}

// releaseConfig drops the answers about config ci once its spec is built, so that a large account's answers
// are let go config by config instead of being held whole beside the state built from them.
func (r *productRead) releaseConfig(ci int) {
	r.settings[ci], r.values[ci] = nil, nil
}

// flagMetas lists the flags of config ci once each, in the order the answers first name them: the settings
// list, then the values answers in environment order (which carry each flag's setting too).
func (r *productRead) flagMetas(ci int) []*flagMeta {
	var metas []*flagMeta
	seen := map[int32]bool{}
	add := func(m *flagMeta) {
		if !seen[m.id] {
			seen[m.id] = true
			metas = append(metas, m)
		}
	}
	for i := range r.settings[ci] {
		add(flagMetaOfSetting(&r.settings[ci][i]))
	}
	for _, told := range r.values[ci].toldInOrder() {
		add(told.flagMeta)
	}
	return metas
}

// buildFlag makes a flag without values, and its remote ids.
func (r *productRead) buildFlag(m *flagMeta) (*spec.Flag, *RemoteFlag) {
	order := int(m.order)
	f := &spec.Flag{Key: m.key, Name: m.name, Hint: m.hint, Type: m.typ, Order: &order, IsJSON: m.isJSON, Tags: m.tags,
		Variations: VariationsFromWire(m.variations, m.typ)}
	if len(r.environments) > 0 {
		f.Values = make(map[string]*spec.EnvValue, len(r.environments))
	}
	rf := NewRemoteFlag(m.id, m.typ)
	rf.LastVersions = makeVersions(len(r.environments))
	for i, v := range m.variations {
		rf.Variations[ValueKey(f.Variations[i].Value)] = v.PredefinedVariationID // VariationsFromWire keeps the order
	}
	return f, rf
}

// placeValues puts the values read for config ci into its flags (by setting id) in every environment, and the
// v2 last version ids into their remote flags; the first value that could not be read, in environment order,
// is the error.
func (r *productRead) placeValues(ci int, flags map[int32]*spec.Flag, remote map[int32]*RemoteFlag) error {
	for ei, ev := range r.values[ci].envs {
		if ev.err != nil {
			return ev.err
		}
		env := r.environments[ei].Name
		envKey := spec.Key(env) // once, not once per flag: a large config has thousands
		for _, v := range ev.values {
			flags[v.settingID].Values[env] = v.value
			if ev.versions {
				remote[v.settingID].LastVersions.set(envKey, v.lastVersion)
			}
		}
	}
	return nil
}

func settingTagNames(tags []SettingTag) []string {
	var out []string
	for _, t := range tags {
		out = append(out, t.Name)
	}
	return out
}
