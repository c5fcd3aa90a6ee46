package executor

import (
	"context"
	"fmt"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// curName is the name an object has remotely before the change: RenamedFrom when the change renames it.
func curName(c planner.Change, name string) string {
	if c.RenamedFrom != "" {
		return c.RenamedFrom
	}
	return name
}

func text(s string) *string { return &s }

// optText is nil for an empty text, for creates, where nil and "" mean the same.
func optText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// productRef returns the remote product named name. Its ID never changes; its maps are read and written
// under e.mu only.
func (e *Executor) productRef(name string) (*configcat.RemoteProduct, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.productOf(name)
}

// idIn returns the remote product and the id get finds in it for the object what (a kind's noun) named name.
func idIn[T any](e *Executor, product, what, name string, get func(*configcat.RemoteProduct, string) (T, bool)) (*configcat.RemoteProduct, T, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var zero T
	rp, err := e.productOf(product)
	if err != nil {
		return nil, zero, err
	}
	id, ok := get(rp, name)
	if !ok {
		return nil, zero, fmt.Errorf("%s %q in product %q is unknown", what, name, product)
	}
	return rp, id, nil
}

func (e *Executor) createProduct(ctx context.Context, c planner.Change) error {
	p := c.After.Product
	e.mu.Lock()
	org := e.remote.OrganizationID
	e.mu.Unlock()
	if org == "" {
		return fmt.Errorf("no organization to create product %q in", p.Name)
	}
	out, err := e.client.CreateProduct(ctx, org, configcat.ProductRequest{Name: p.Name, Description: optText(p.Description), Order: p.Order})
	if err != nil {
		return err
	}
	return e.locked(func() error {
		e.remote.Products[spec.Key(p.Name)] = configcat.NewRemoteProduct(out.ProductID)
		return nil
	})
}

func (e *Executor) updateProduct(ctx context.Context, c planner.Change) error {
	p := c.After.Product
	old := curName(c, c.Address.Product)
	rp, err := e.productRef(old)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateProduct(ctx, rp.ID, configcat.ProductRequest{Name: p.Name, Description: text(p.Description), Order: p.Order}); err != nil {
		return err
	}
	return e.locked(func() error { rekey(e.remote.Products, old, p.Name); return nil })
}

func (e *Executor) deleteProduct(ctx context.Context, c planner.Change) error {
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteProduct(ctx, rp.ID)); err != nil {
		return err
	}
	return e.locked(func() error { delete(e.remote.Products, spec.Key(c.Address.Product)); return nil })
}

func (e *Executor) updatePreferences(ctx context.Context, c planner.Change) error {
	var id string
	var req configcat.PreferencesRequest
	if err := e.locked(func() error {
		rp, err := e.productOf(c.Address.Product)
		if err != nil {
			return err
		}
		id = rp.ID
		req, err = configcat.PreferencesRequestFromSpec(c.After.Preferences, rp.Environments)
		return err
	}); err != nil {
		return err
	}
	_, err := e.client.UpdatePreferences(ctx, id, req)
	return err
}

func (e *Executor) createEnvironment(ctx context.Context, c planner.Change) error {
	env := c.After.Environment
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	out, err := e.client.CreateEnvironment(ctx, rp.ID, configcat.EnvironmentRequest{Name: env.Name,
		Color: optText(env.Color), Description: optText(env.Description), Order: env.Order})
	if err != nil {
		return err
	}
	return e.locked(func() error { rp.Environments[spec.Key(env.Name)] = out.EnvironmentID; return nil })
}

func (e *Executor) updateEnvironment(ctx context.Context, c planner.Change) error {
	env := c.After.Environment
	old := curName(c, c.Address.Environment)
	rp, id, err := idIn(e, c.Address.Product, "environment", old, (*configcat.RemoteProduct).EnvironmentID)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateEnvironment(ctx, id, configcat.EnvironmentRequest{Name: env.Name,
		Color: text(env.Color), Description: text(env.Description), Order: env.Order}); err != nil {
		return err
	}
	return e.locked(func() error {
		rekey(rp.Environments, old, env.Name)
		rekeyWebhooks(rp, func(w *webhookKey) { w.renameEnv(old, env.Name) })
		return nil
	})
}

func (e *Executor) deleteEnvironment(ctx context.Context, c planner.Change) error {
	name := c.Address.Environment
	rp, id, err := idIn(e, c.Address.Product, "environment", name, (*configcat.RemoteProduct).EnvironmentID)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteEnvironment(ctx, id, false)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.Environments, spec.Key(name)); return nil })
}

func configID(p *configcat.RemoteProduct, name string) (string, bool) {
	if c := p.Config(name); c != nil {
		return c.ID, true
	}
	return "", false
}

func (e *Executor) createConfig(ctx context.Context, c planner.Change) error {
	cfg := c.After.Config
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	version := cfg.EvaluationVersion
	if version == "" {
		version = spec.EvaluationV2
	}
	out, err := e.client.CreateConfig(ctx, rp.ID, configcat.CreateConfigRequest{Name: cfg.Name,
		Description: optText(cfg.Description), Order: cfg.Order, EvaluationVersion: version})
	if err != nil {
		return err
	}
	return e.locked(func() error {
		rp.Configs[spec.Key(cfg.Name)] = configcat.NewRemoteConfig(out.ConfigID, out.EvaluationVersion)
		return nil
	})
}

func (e *Executor) updateConfig(ctx context.Context, c planner.Change) error {
	cfg := c.After.Config
	old := curName(c, c.Address.Config)
	rp, id, err := idIn(e, c.Address.Product, "config", old, configID)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateConfig(ctx, id, configcat.UpdateConfigRequest{Name: text(cfg.Name),
		Description: text(cfg.Description), Order: cfg.Order}); err != nil {
		return err
	}
	return e.locked(func() error {
		rekey(rp.Configs, old, cfg.Name)
		rekeyWebhooks(rp, func(w *webhookKey) { w.renameConfig(old, cfg.Name) })
		return nil
	})
}

func (e *Executor) deleteConfig(ctx context.Context, c planner.Change) error {
	name := c.Address.Config
	rp, id, err := idIn(e, c.Address.Product, "config", name, configID)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteConfig(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.Configs, spec.Key(name)); return nil })
}

func (e *Executor) createTag(ctx context.Context, c planner.Change) error {
	t := c.After.Tag
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	out, err := e.client.CreateTag(ctx, rp.ID, configcat.TagRequest{Name: t.Name, Color: optText(t.Color)})
	if err != nil {
		return err
	}
	return e.locked(func() error { rp.Tags[spec.Key(t.Name)] = out.TagID; return nil })
}

func (e *Executor) updateTag(ctx context.Context, c planner.Change) error {
	t := c.After.Tag
	old := curName(c, c.Address.Name)
	rp, id, err := idIn(e, c.Address.Product, "tag", old, (*configcat.RemoteProduct).TagID)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateTag(ctx, id, configcat.TagRequest{Name: t.Name, Color: text(t.Color)}); err != nil {
		return err
	}
	return e.locked(func() error { rekey(rp.Tags, old, t.Name); return nil })
}

func (e *Executor) deleteTag(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	rp, id, err := idIn(e, c.Address.Product, "tag", name, (*configcat.RemoteProduct).TagID)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteTag(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.Tags, spec.Key(name)); return nil })
}

func (e *Executor) createSegment(ctx context.Context, c planner.Change) error {
	s := c.After.Segment
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	req := configcat.SegmentRequestFromSpec(s)
	req.Description = optText(s.Description)
	out, err := e.client.CreateSegment(ctx, rp.ID, req)
	if err != nil {
		return err
	}
	return e.locked(func() error { rp.Segments[spec.Key(s.Name)] = out.SegmentID; return nil })
}

func (e *Executor) updateSegment(ctx context.Context, c planner.Change) error {
	s := c.After.Segment
	old := curName(c, c.Address.Name)
	rp, id, err := idIn(e, c.Address.Product, "segment", old, (*configcat.RemoteProduct).SegmentID)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateSegment(ctx, id, configcat.SegmentRequestFromSpec(s)); err != nil {
		return err
	}
	return e.locked(func() error { rekey(rp.Segments, old, s.Name); return nil })
}

func (e *Executor) deleteSegment(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	rp, id, err := idIn(e, c.Address.Product, "segment", name, (*configcat.RemoteProduct).SegmentID)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteSegment(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.Segments, spec.Key(name)); return nil })
}

// groupRequest builds a permission group's body; environment names become ids.
func (e *Executor) groupRequest(rp *configcat.RemoteProduct, g *spec.PermissionGroup) (configcat.PermissionGroupRequest, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return configcat.PermissionGroupRequestFromSpec(g, rp.Environments)
}

func (e *Executor) createPermissionGroup(ctx context.Context, c planner.Change) error {
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	req, err := e.groupRequest(rp, c.After.PermissionGroup)
	if err != nil {
		return err
	}
	out, err := e.client.CreatePermissionGroup(ctx, rp.ID, req)
	if err != nil {
		return err
	}
	return e.locked(func() error { rp.PermissionGroups[spec.Key(req.Name)] = out.PermissionGroupID; return nil })
}

func (e *Executor) updatePermissionGroup(ctx context.Context, c planner.Change) error {
	old := curName(c, c.Address.Name)
	rp, id, err := idIn(e, c.Address.Product, "permission group", old, (*configcat.RemoteProduct).PermissionGroupID)
	if err != nil {
		return err
	}
	req, err := e.groupRequest(rp, c.After.PermissionGroup)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdatePermissionGroup(ctx, id, req); err != nil {
		return err
	}
	return e.locked(func() error { rekey(rp.PermissionGroups, old, req.Name); return nil })
}

func (e *Executor) deletePermissionGroup(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	rp, id, err := idIn(e, c.Address.Product, "permission group", name, (*configcat.RemoteProduct).PermissionGroupID)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeletePermissionGroup(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { delete(rp.PermissionGroups, spec.Key(name)); return nil })
}
