// Package executor turns the changes of a plan into ConfigCat Public Management API calls through a
// *configcat.Client: it implements applier.Executor. Objects are named by natural keys in the plan; the
// executor resolves them to remote ids through the *configcat.Remote that Fetch returned, and records the ids
// of the objects it creates, so that later changes of the same run can refer to them. Applying a plan into an
// empty or different account therefore works purely by names and keys.
package executor

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

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
	// Title is the title of the change requests apply opens (from the pull request or commit); empty means
	// "flagsync apply".
	Title string
	// ApplyAt schedules the change requests apply opens or updates (ConfigCat's applyAt); nil: none.
	ApplyAt *time.Time
}

// Executor executes plan changes with a ConfigCat client. It is safe for concurrent use.
type Executor struct {
	client         *configcat.Client
	reason         string
	bypassApproval bool
	lookupEnv      func(string) (string, bool)
	title          string
	applyAt        *time.Time
	// planned holds the evaluation version of configs the plan creates, by product and config key, so that
	// Calls knows which values endpoint their writes use before they exist.
	planned map[planner.AddressKey]spec.EvaluationVersion

	mu     sync.Mutex // guards remote, createdOrder and the ids in changeRequests
	remote *configcat.Remote
	// createdOrder is the order of the flags created in this run, by flagKey, for later replaces.
	createdOrder map[planner.AddressKey]int32
	// changeRequests are the plan's change requests (planner.AttachChangeRequests); those opened get their id.
	changeRequests []planner.ChangeRequest
}

// New returns an Executor that calls client and resolves names through remote (as Fetch returned it; it is
// updated as objects are created, renamed and deleted). p is the plan about to be applied, or nil; it only
// lets Calls name the right endpoints for configs the plan creates.
func New(client *configcat.Client, remote *configcat.Remote, p *planner.Plan, opts Options) *Executor {
	e := &Executor{client: client, reason: opts.Reason, bypassApproval: opts.BypassApproval, lookupEnv: opts.LookupEnv, remote: remote, title: opts.Title, applyAt: opts.ApplyAt,
		planned: map[planner.AddressKey]spec.EvaluationVersion{}, createdOrder: map[planner.AddressKey]int32{}}
	if e.lookupEnv == nil {
		e.lookupEnv = os.LookupEnv
	}
	if e.remote == nil {
		e.remote = configcat.NewRemote("")
	}
	if p != nil {
		e.changeRequests = append([]planner.ChangeRequest(nil), p.ChangeRequests...)
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

func configKey(product, config string) planner.AddressKey {
	return planner.Address{Product: product, Config: config}.Key()
}

// Execute makes the API calls of one change.
func (e *Executor) Execute(ctx context.Context, c planner.Change) error {
	if err := complete(c); err != nil {
		return err
	}
	h := ops[c.Kind].handlers[c.Op]
	if h == nil {
		return fmt.Errorf("cannot %s a %s", c.Op, c.Kind.Noun())
	}
	return h(e, ctx, c)
}

// Remote returns a copy of the executor's remote ids as they are now, with the objects created in this run.
func (e *Executor) Remote() *configcat.Remote {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.remote.Clone()
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

// ignoreGone treats a 404 on a delete as success: the object is gone, which is what the change wanted (a
// retried delete whose first answer was lost sees exactly that).
func ignoreGone(err error) error {
	if configcat.IsNotFound(err) {
		return nil
	}
	return err
}
