package configcat

import (
	"fmt"
	"maps"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Remote holds the remote ids of what Fetch read, apart from the spec.State (which names things only by their
// natural keys). Every map is keyed by spec.Key of the name, so lookups are case-insensitive. The executor
// records the ids of objects it creates, renames and deletes through the methods of IDs and RemoteProduct
// (NewRemoteProduct and friends make the maps); a Remote is not safe for concurrent writes: Clone it to hand
// a copy on.
type Remote struct {
	OrganizationID string
	Products       map[string]*RemoteProduct
	// FlagLimits are the plan limits on formulas that the values GETs reported (every answer of one
	// organization reports the same); nil when Fetch read no v2 config's values.
	FlagLimits *FeatureFlagLimitations
}

// RemoteProduct holds a product's id and the ids of everything in it.
type RemoteProduct struct {
	ID           string
	Environments IDs[string] // environment ids by name
	Configs      map[string]*RemoteConfig
	Tags         IDs[int64]  // tag ids by name
	Segments     IDs[string] // segment ids by name
	// Webhooks are webhook ids by spec.WebhookKey.
	Webhooks         IDs[int32]
	PermissionGroups IDs[int64] // permission group ids by name
	// Integrations are integration ids by spec.IntegrationKey.
	Integrations IDs[string]
}

// IDs maps folded names (spec.Key) to the remote ids of one kind of object.
type IDs[T any] map[string]T

// Get returns the id of the object named name.
func (m IDs[T]) Get(name string) (T, bool) {
	id, ok := m[spec.Key(name)]
	return id, ok
}

// Set records the id of the object named name.
func (m IDs[T]) Set(name string, id T) { m[spec.Key(name)] = id }

// Rename moves the id of the object named old to the name new.
func (m IDs[T]) Rename(old, new string) { rekey(m, old, new) }

// Forget drops the object named name.
func (m IDs[T]) Forget(name string) { delete(m, spec.Key(name)) }

// rekey moves m[old] to m[new] (both folded with spec.Key).
func rekey[V any](m map[string]V, old, new string) {
	ok, nk := spec.Key(old), spec.Key(new)
	if ok == nk {
		return
	}
	if v, found := m[ok]; found {
		delete(m, ok)
		m[nk] = v
	}
}

// SetConfig records a config created with id and evaluation version.
func (p *RemoteProduct) SetConfig(name, id string, evaluationVersion spec.EvaluationVersion) {
	p.Configs[spec.Key(name)] = NewRemoteConfig(id, evaluationVersion)
}

// RenameConfig moves a config to its new name, with the keys of its webhooks.
func (p *RemoteProduct) RenameConfig(old, new string) {
	rekey(p.Configs, old, new)
	p.rekeyWebhooks(func(w *webhookKey) { w.renameConfig(old, new) })
}

// ForgetConfig drops a config and its flags.
func (p *RemoteProduct) ForgetConfig(name string) { delete(p.Configs, spec.Key(name)) }

// RenameEnvironment moves an environment to its new name, with the keys of its webhooks.
func (p *RemoteProduct) RenameEnvironment(old, new string) {
	p.Environments.Rename(old, new)
	p.rekeyWebhooks(func(w *webhookKey) { w.renameEnv(old, new) })
}

// Clone returns a deep copy of the remote ids.
func (r *Remote) Clone() *Remote {
	out := NewRemote(r.OrganizationID)
	out.FlagLimits = r.FlagLimits
	for k, p := range r.Products {
		out.Products[k] = p.clone()
	}
	return out
}

func (p *RemoteProduct) clone() *RemoteProduct {
	q := NewRemoteProduct(p.ID)
	maps.Copy(q.Environments, p.Environments)
	maps.Copy(q.Tags, p.Tags)
	maps.Copy(q.Segments, p.Segments)
	maps.Copy(q.Webhooks, p.Webhooks)
	maps.Copy(q.PermissionGroups, p.PermissionGroups)
	maps.Copy(q.Integrations, p.Integrations)
	for ck, c := range p.Configs {
		d := NewRemoteConfig(c.ID, c.EvaluationVersion)
		for fk, f := range c.Flags {
			g := NewRemoteFlag(f.ID, f.Type)
			maps.Copy(g.Variations, f.Variations)
			g.LastVersions = f.LastVersions.clone()
			d.Flags[fk] = g
		}
		q.Configs[ck] = d
	}
	return q
}

// SetProduct records a product created with id.
func (r *Remote) SetProduct(name, id string) { r.Products[spec.Key(name)] = NewRemoteProduct(id) }

// RenameProduct moves a product to its new name.
func (r *Remote) RenameProduct(old, new string) { rekey(r.Products, old, new) }

// ForgetProduct drops a product and everything in it.
func (r *Remote) ForgetProduct(name string) { delete(r.Products, spec.Key(name)) }

// RemoteConfig holds a config's id, evaluation version and flags.
type RemoteConfig struct {
	ID                string
	EvaluationVersion spec.EvaluationVersion
	Flags             map[string]*RemoteFlag // by flag key
}

// RemoteFlag holds a flag's setting id, type, predefined variation ids and last version ids.
type RemoteFlag struct {
	ID   int32
	Type spec.FlagType
	// Variations are predefined variation ids by ValueKey of their value.
	Variations map[string]string
	// LastVersions are the v2 lastVersionId values by environment name (spec.Key).
	LastVersions Versions
}

// ValueKey is the key of a value in RemoteFlag.Variations: its type and text.
func ValueKey(v spec.Value) string { return string(v.Type()) + ":" + v.Text() }

// NewRemote returns an empty Remote for an organization.
func NewRemote(organizationID string) *Remote {
	return &Remote{OrganizationID: organizationID, Products: map[string]*RemoteProduct{}}
}

// NewRemoteProduct returns a RemoteProduct with empty maps.
func NewRemoteProduct(id string) *RemoteProduct {
	return &RemoteProduct{ID: id, Environments: IDs[string]{}, Configs: map[string]*RemoteConfig{},
		Tags: IDs[int64]{}, Segments: IDs[string]{}, Webhooks: IDs[int32]{}, PermissionGroups: IDs[int64]{},
		Integrations: IDs[string]{}}
}

// NewRemoteConfig returns a RemoteConfig with no flags.
func NewRemoteConfig(id string, evaluationVersion spec.EvaluationVersion) *RemoteConfig {
	return &RemoteConfig{ID: id, EvaluationVersion: evaluationVersion, Flags: map[string]*RemoteFlag{}}
}

// NewRemoteFlag returns a RemoteFlag with empty maps.
func NewRemoteFlag(id int32, flagType spec.FlagType) *RemoteFlag {
	return &RemoteFlag{ID: id, Type: flagType, Variations: map[string]string{}}
}

// Product returns the product named name, or nil.
func (r *Remote) Product(name string) *RemoteProduct {
	if r == nil {
		return nil
	}
	return r.Products[spec.Key(name)]
}

// EnvironmentID returns the id of the environment named name.
func (p *RemoteProduct) EnvironmentID(name string) (string, bool) { return p.Environments.Get(name) }

// Config returns the config named name, or nil.
func (p *RemoteProduct) Config(name string) *RemoteConfig { return p.Configs[spec.Key(name)] }

// TagID returns the id of the tag named name.
func (p *RemoteProduct) TagID(name string) (int64, bool) { return p.Tags.Get(name) }

// SegmentID returns the id of the segment named name.
func (p *RemoteProduct) SegmentID(name string) (string, bool) { return p.Segments.Get(name) }

// WebhookID returns the id of the webhook with spec.WebhookKey key.
func (p *RemoteProduct) WebhookID(key string) (int32, bool) {
	id, ok := p.Webhooks[key]
	return id, ok
}

// PermissionGroupID returns the id of the permission group named name.
func (p *RemoteProduct) PermissionGroupID(name string) (int64, bool) {
	return p.PermissionGroups.Get(name)
}

// webhookKey is a parsed spec.WebhookKey: config, environment, URL and method.
type webhookKey struct{ config, env, url, method string }

func parseWebhookKey(k string) (webhookKey, bool) {
	parts := strings.Split(k, "\x00")
	if len(parts) != 4 {
		return webhookKey{}, false
	}
	return webhookKey{parts[0], parts[1], parts[2], parts[3]}, true
}

func (w webhookKey) String() string {
	return strings.Join([]string{w.config, w.env, w.url, w.method}, "\x00")
}

func (w *webhookKey) renameConfig(old, new string) {
	if w.config == spec.Key(old) {
		w.config = spec.Key(new)
	}
}

func (w *webhookKey) renameEnv(old, new string) {
	if w.env == spec.Key(old) {
		w.env = spec.Key(new)
	}
}

// rekeyWebhooks rewrites the webhook keys of a product after a config or environment was renamed.
func (p *RemoteProduct) rekeyWebhooks(edit func(*webhookKey)) {
	out := make(IDs[int32], len(p.Webhooks))
	for k, id := range p.Webhooks {
		if wk, ok := parseWebhookKey(k); ok {
			edit(&wk)
			k = wk.String()
		}
		out[k] = id
	}
	p.Webhooks = out
}

// SetFlag records a flag.
func (c *RemoteConfig) SetFlag(key string, f *RemoteFlag) { c.Flags[spec.Key(key)] = f }

// ForgetFlag drops a flag.
func (c *RemoteConfig) ForgetFlag(key string) { delete(c.Flags, spec.Key(key)) }

// Flag returns the flag with key key, or nil.
func (c *RemoteConfig) Flag(key string) *RemoteFlag { return c.Flags[spec.Key(key)] }

// VariationID returns the id of the predefined variation whose value is v.
func (f *RemoteFlag) VariationID(v spec.Value) (string, bool) {
	id, ok := f.Variations[ValueKey(v)]
	return id, ok
}

// LastVersion returns the flag's lastVersionId in the environment named env.
func (f *RemoteFlag) LastVersion(env string) string { return f.LastVersions.Get(spec.Key(env)) }

// Resolver maps the names a formula refers to (segments, prerequisite flags, variation values) to the ids
// the API wants. RemoteProduct.Resolver builds one from a Remote.
type Resolver interface {
	// SegmentID returns the id of the product's segment named name.
	SegmentID(name string) (string, error)
	// Setting returns the setting id and type of the config's flag with key key.
	Setting(key string) (id int32, flagType spec.FlagType, err error)
	// VariationID returns the id of the flag's predefined variation with value v; ok is false when the flag
	// has no such variation (the value is then sent as it is).
	VariationID(key string, v spec.Value) (id string, ok bool)
}

// Resolver returns a Resolver for formulas of the product's config named config.
func (p *RemoteProduct) Resolver(config string) Resolver {
	return &remoteResolver{p: p, c: p.Config(config), config: config}
}

type remoteResolver struct {
	p      *RemoteProduct
	c      *RemoteConfig
	config string
}

func (r *remoteResolver) SegmentID(name string) (string, error) {
	if id, ok := r.p.SegmentID(name); ok {
		return id, nil
	}
	return "", fmt.Errorf("unknown segment %q", name)
}

func (r *remoteResolver) Setting(key string) (int32, spec.FlagType, error) {
	if r.c != nil {
		if f := r.c.Flag(key); f != nil {
			return f.ID, f.Type, nil
		}
	}
	return 0, "", fmt.Errorf("unknown flag %q in config %q", key, r.config)
}

func (r *remoteResolver) VariationID(key string, v spec.Value) (string, bool) {
	if r.c == nil {
		return "", false
	}
	f := r.c.Flag(key)
	if f == nil {
		return "", false
	}
	return f.VariationID(v)
}
