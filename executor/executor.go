// Package executor turns the changes of a plan into ConfigCat Public Management API calls through a
// *configcat.Client: it implements applier.Executor. Objects are named by natural keys in the plan; the
// executor resolves them to remote ids through the *configcat.Remote that Fetch returned, and records the ids
// of the objects it creates, so that later changes of the same run can refer to them. Applying a plan into an
// empty or different account therefore works purely by names and keys.
package executor

import (
	"context"
	"fmt"
	"maps"
	"os"
	"sync"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Options tune an Executor.
type Options struct {
	// Reason is the audit-log note sent with every value write (ConfigCat's reason parameter).
	Reason string
	// LookupEnv reads the environment variables secure webhook header values come from; nil means
	// os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// BypassApproval sends ConfigCat's bypassApproval with every v2 value write, so that environments that
	// require approval of changes take them directly (the credentials need that permission). See planner.CheckWrites.
	BypassApproval bool
}

// Executor executes plan changes with a ConfigCat client. It is safe for concurrent use.
type Executor struct {
	client         *configcat.Client
	reason         string
	bypassApproval bool
	lookupEnv      func(string) (string, bool)
	// planned holds the evaluation version of configs the plan creates, by product and config key, so that
	// Calls knows which values endpoint their writes use before they exist.
	planned map[string]string

	mu     sync.Mutex // guards remote and createdOrder
	remote *configcat.Remote
	// createdOrder is the order of the flags created in this run, by flagKey, for later replaces.
	createdOrder map[string]int
}

// New returns an Executor that calls client and resolves names through remote (as Fetch returned it; it is
// updated as objects are created, renamed and deleted). p is the plan about to be applied, or nil; it only
// lets Calls name the right endpoints for configs the plan creates.
func New(client *configcat.Client, remote *configcat.Remote, p *planner.Plan, opts Options) *Executor {
	e := &Executor{client: client, reason: opts.Reason, bypassApproval: opts.BypassApproval, lookupEnv: opts.LookupEnv, remote: remote,
		planned: map[string]string{}, createdOrder: map[string]int{}}
	if e.lookupEnv == nil {
		e.lookupEnv = os.LookupEnv
	}
	if e.remote == nil {
		e.remote = configcat.NewRemote("")
	}
	if p != nil {
		for _, c := range p.Changes {
			if c.Kind != planner.KindConfig {
				continue
			}
			switch {
			case c.Op == planner.Create && c.After != nil && c.After.Config != nil:
				e.planned[configKey(c.Address.Product, c.Address.Config)] = c.After.Config.EvaluationVersion
			case c.Op == planner.Update && c.Before != nil && c.Before.Config != nil:
				// a renamed config keeps its version under its new name
				e.planned[configKey(c.Address.Product, c.Address.Config)] = c.Before.Config.EvaluationVersion
			}
		}
	}
	return e
}

func configKey(product, config string) string { return spec.Key(product) + "\x00" + spec.Key(config) }

// Execute makes the API calls of one change.
func (e *Executor) Execute(ctx context.Context, c planner.Change) error {
	if err := complete(c); err != nil {
		return err
	}
	h := handlers[c.Kind][c.Op]
	if h == nil {
		return fmt.Errorf("cannot %s a %s", c.Op, c.Kind.Noun())
	}
	return h(e, ctx, c)
}

// handlers holds one method per (kind, operation).
var handlers = map[planner.Kind]map[planner.Op]func(*Executor, context.Context, planner.Change) error{
	planner.KindProduct:     {planner.Create: (*Executor).createProduct, planner.Update: (*Executor).updateProduct, planner.Delete: (*Executor).deleteProduct},
	planner.KindPreferences: {planner.Update: (*Executor).updatePreferences},
	planner.KindEnvironment: {planner.Create: (*Executor).createEnvironment, planner.Update: (*Executor).updateEnvironment, planner.Delete: (*Executor).deleteEnvironment},
	planner.KindConfig:      {planner.Create: (*Executor).createConfig, planner.Update: (*Executor).updateConfig, planner.Delete: (*Executor).deleteConfig},
	planner.KindTag:         {planner.Create: (*Executor).createTag, planner.Update: (*Executor).updateTag, planner.Delete: (*Executor).deleteTag},
	planner.KindSegment:     {planner.Create: (*Executor).createSegment, planner.Update: (*Executor).updateSegment, planner.Delete: (*Executor).deleteSegment},
	planner.KindPermissionGroup: {planner.Create: (*Executor).createPermissionGroup, planner.Update: (*Executor).updatePermissionGroup,
		planner.Delete: (*Executor).deletePermissionGroup},
	planner.KindWebhook: {planner.Create: (*Executor).createWebhook, planner.Update: (*Executor).updateWebhook, planner.Delete: (*Executor).deleteWebhook},
	planner.KindFlag:    {planner.Create: (*Executor).createFlag, planner.Update: (*Executor).updateFlag, planner.Delete: (*Executor).deleteFlag},
	// a variation change sends the flag's whole new list, whatever the operation
	planner.KindVariation: {planner.Create: (*Executor).updateVariations, planner.Update: (*Executor).updateVariations,
		planner.Delete: (*Executor).updateVariations},
	planner.KindValues: {planner.Update: (*Executor).writeValues},
}

// Remote returns a copy of the executor's remote ids as they are now, with the objects created in this run.
func (e *Executor) Remote() *configcat.Remote {
	e.mu.Lock()
	defer e.mu.Unlock()
	return copyRemote(e.remote)
}

// locked runs f holding the lock on the remote ids.
func (e *Executor) locked(f func() error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return f()
}

// productOf returns the remote product named name; the caller holds e.mu.
func (e *Executor) productOf(name string) (*configcat.RemoteProduct, error) {
	if p := e.remote.Product(name); p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("product %q is unknown (neither fetched nor created in this run)", name)
}

// configOf returns the remote product and config; the caller holds e.mu.
func (e *Executor) configOf(product, config string) (*configcat.RemoteProduct, *configcat.RemoteConfig, error) {
	p, err := e.productOf(product)
	if err != nil {
		return nil, nil, err
	}
	if c := p.Config(config); c != nil {
		return p, c, nil
	}
	return nil, nil, fmt.Errorf("config %q in product %q is unknown", config, product)
}

// environmentID returns an environment's id; the caller holds e.mu.
func environmentID(p *configcat.RemoteProduct, product, env string) (string, error) {
	if id, ok := p.EnvironmentID(env); ok {
		return id, nil
	}
	return "", fmt.Errorf("environment %q in product %q is unknown", env, product)
}

// flagOf returns the remote config and flag; the caller holds e.mu.
func (e *Executor) flagOf(a planner.Address, key string) (*configcat.RemoteConfig, *configcat.RemoteFlag, error) {
	_, c, err := e.configOf(a.Product, a.Config)
	if err != nil {
		return nil, nil, err
	}
	if f := c.Flag(key); f != nil {
		return c, f, nil
	}
	return nil, nil, fmt.Errorf("flag %q in config %q is unknown", key, a.Config)
}

func copyRemote(r *configcat.Remote) *configcat.Remote {
	out := configcat.NewRemote(r.OrganizationID)
	for k, p := range r.Products {
		q := configcat.NewRemoteProduct(p.ID)
		maps.Copy(q.Environments, p.Environments)
		maps.Copy(q.Tags, p.Tags)
		maps.Copy(q.Segments, p.Segments)
		maps.Copy(q.Webhooks, p.Webhooks)
		maps.Copy(q.PermissionGroups, p.PermissionGroups)
		for ck, c := range p.Configs {
			d := configcat.NewRemoteConfig(c.ID, c.EvaluationVersion)
			for fk, f := range c.Flags {
				g := configcat.NewRemoteFlag(f.ID, f.Type)
				maps.Copy(g.Variations, f.Variations)
				maps.Copy(g.LastVersions, f.LastVersions)
				d.Flags[fk] = g
			}
			q.Configs[ck] = d
		}
		out.Products[k] = q
	}
	return out
}

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

// ignoreGone treats a 404 on a delete as success: the object is gone, which is what the change wanted (a
// retried delete whose first answer was lost sees exactly that).
func ignoreGone(err error) error {
	if configcat.IsNotFound(err) {
		return nil
	}
	return err
}

// complete checks that a change carries the object Execute needs: the one a create or update writes, the new
// list of variations of any variation change (a delete too writes the list without the value), and the webhook
// a webhook delete finds its id by. A hand-edited or truncated plan so fails before any call instead of
// writing empty fields.
func complete(c planner.Change) error {
	o, what := c.After, c.Kind.Noun()
	switch {
	case c.Kind == planner.KindValues:
		return nil
	case c.Kind == planner.KindVariation:
		what = "list of variations"
	case c.Kind == planner.KindWebhook && c.Op == planner.Delete:
		o = c.Before
	case c.Op == planner.Delete:
		return nil
	}
	if o == nil || !carries(o, c.Kind) {
		return fmt.Errorf("the plan carries no %s for %s", what, c.Address)
	}
	return nil
}

// carries reports whether o holds the object of kind k; a variation change needs only o itself.
func carries(o *planner.Object, k planner.Kind) bool {
	switch k {
	case planner.KindProduct:
		return o.Product != nil
	case planner.KindPreferences:
		return o.Preferences != nil
	case planner.KindEnvironment:
		return o.Environment != nil
	case planner.KindConfig:
		return o.Config != nil
	case planner.KindTag:
		return o.Tag != nil
	case planner.KindSegment:
		return o.Segment != nil
	case planner.KindPermissionGroup:
		return o.PermissionGroup != nil
	case planner.KindWebhook:
		return o.Webhook != nil
	case planner.KindFlag:
		return o.Flag != nil
	}
	return true
}
