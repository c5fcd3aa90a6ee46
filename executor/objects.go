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

func (e *Executor) product(ctx context.Context, c planner.Change) error {
	switch c.Op {
	case planner.Create:
		p := c.After.Product
		var org string
		if err := e.locked(func() error {
			org = e.remote.OrganizationID
			if org == "" {
				return fmt.Errorf("no organization to create product %q in", p.Name)
			}
			return nil
		}); err != nil {
			return err
		}
		out, err := e.client.CreateProduct(ctx, org, configcat.ProductRequest{Name: p.Name, Description: optText(p.Description), Order: p.Order})
		if err != nil {
			return err
		}
		return e.locked(func() error {
			e.remote.Products[spec.Key(p.Name)] = configcat.NewRemoteProduct(out.ProductID)
			return nil
		})
	case planner.Update:
		p := c.After.Product
		old := curName(c, c.Address.Product)
		var id string
		if err := e.locked(func() error {
			rp, err := e.productOf(old)
			if err == nil {
				id = rp.ID
			}
			return err
		}); err != nil {
			return err
		}
		if _, err := e.client.UpdateProduct(ctx, id, configcat.ProductRequest{Name: p.Name, Description: text(p.Description), Order: p.Order}); err != nil {
			return err
		}
		return e.locked(func() error { rekey(e.remote.Products, old, p.Name); return nil })
	case planner.Delete:
		var id string
		if err := e.locked(func() error {
			rp, err := e.productOf(c.Address.Product)
			if err == nil {
				id = rp.ID
			}
			return err
		}); err != nil {
			return err
		}
		if err := ignoreGone(e.client.DeleteProduct(ctx, id)); err != nil {
			return err
		}
		return e.locked(func() error { delete(e.remote.Products, spec.Key(c.Address.Product)); return nil })
	}
	return badOp(c)
}

func badOp(c planner.Change) error {
	return fmt.Errorf("cannot %s a %s", c.Op, c.Kind.Noun())
}

func (e *Executor) preferences(ctx context.Context, c planner.Change) error {
	if c.Op != planner.Update {
		return badOp(c)
	}
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

func (e *Executor) environment(ctx context.Context, c planner.Change) error {
	name := c.Address.Environment
	var productID, envID string
	var rp *configcat.RemoteProduct
	if err := e.locked(func() error {
		var err error
		if rp, err = e.productOf(c.Address.Product); err != nil {
			return err
		}
		productID = rp.ID
		if c.Op != planner.Create {
			envID, err = environmentID(rp, c.Address.Product, curName(c, name))
		}
		return err
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		env := c.After.Environment
		out, err := e.client.CreateEnvironment(ctx, productID, configcat.EnvironmentRequest{Name: env.Name,
			Color: optText(env.Color), Description: optText(env.Description), Order: env.Order})
		if err != nil {
			return err
		}
		return e.locked(func() error { rp.Environments[spec.Key(env.Name)] = out.EnvironmentID; return nil })
	case planner.Update:
		env := c.After.Environment
		if _, err := e.client.UpdateEnvironment(ctx, envID, configcat.EnvironmentRequest{Name: env.Name,
			Color: text(env.Color), Description: text(env.Description), Order: env.Order}); err != nil {
			return err
		}
		return e.locked(func() error {
			old := curName(c, name)
			rekey(rp.Environments, old, env.Name)
			rekeyWebhooks(rp, func(w *webhookKey) { w.renameEnv(old, env.Name) })
			return nil
		})
	case planner.Delete:
		if err := ignoreGone(e.client.DeleteEnvironment(ctx, envID, false)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.Environments, spec.Key(name)); return nil })
	}
	return badOp(c)
}

func (e *Executor) config(ctx context.Context, c planner.Change) error {
	name := c.Address.Config
	var productID string
	var rp *configcat.RemoteProduct
	var rc *configcat.RemoteConfig
	if err := e.locked(func() error {
		var err error
		if c.Op == planner.Create {
			rp, err = e.productOf(c.Address.Product)
		} else {
			rp, rc, err = e.configOf(c.Address.Product, curName(c, name))
		}
		if rp != nil {
			productID = rp.ID
		}
		return err
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		cfg := c.After.Config
		version := cfg.EvaluationVersion
		if version == "" {
			version = spec.EvaluationV2
		}
		out, err := e.client.CreateConfig(ctx, productID, configcat.CreateConfigRequest{Name: cfg.Name,
			Description: optText(cfg.Description), Order: cfg.Order, EvaluationVersion: version})
		if err != nil {
			return err
		}
		return e.locked(func() error {
			rp.Configs[spec.Key(cfg.Name)] = configcat.NewRemoteConfig(out.ConfigID, out.EvaluationVersion)
			return nil
		})
	case planner.Update:
		cfg := c.After.Config
		if _, err := e.client.UpdateConfig(ctx, rc.ID, configcat.UpdateConfigRequest{Name: text(cfg.Name),
			Description: text(cfg.Description), Order: cfg.Order}); err != nil {
			return err
		}
		return e.locked(func() error {
			old := curName(c, name)
			rekey(rp.Configs, old, cfg.Name)
			rekeyWebhooks(rp, func(w *webhookKey) { w.renameConfig(old, cfg.Name) })
			return nil
		})
	case planner.Delete:
		if err := ignoreGone(e.client.DeleteConfig(ctx, rc.ID)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.Configs, spec.Key(name)); return nil })
	}
	return badOp(c)
}

func (e *Executor) tag(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	var productID string
	var tagID int64
	var rp *configcat.RemoteProduct
	if err := e.locked(func() error {
		var err error
		if rp, err = e.productOf(c.Address.Product); err != nil {
			return err
		}
		productID = rp.ID
		if c.Op != planner.Create {
			var ok bool
			if tagID, ok = rp.TagID(curName(c, name)); !ok {
				return fmt.Errorf("tag %q in product %q is unknown", curName(c, name), c.Address.Product)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		t := c.After.Tag
		out, err := e.client.CreateTag(ctx, productID, configcat.TagRequest{Name: t.Name, Color: optText(t.Color)})
		if err != nil {
			return err
		}
		return e.locked(func() error { rp.Tags[spec.Key(t.Name)] = out.TagID; return nil })
	case planner.Update:
		t := c.After.Tag
		if _, err := e.client.UpdateTag(ctx, tagID, configcat.TagRequest{Name: t.Name, Color: text(t.Color)}); err != nil {
			return err
		}
		return e.locked(func() error { rekey(rp.Tags, curName(c, name), t.Name); return nil })
	case planner.Delete:
		if err := ignoreGone(e.client.DeleteTag(ctx, tagID)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.Tags, spec.Key(name)); return nil })
	}
	return badOp(c)
}

func (e *Executor) segment(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	var productID, segID string
	var rp *configcat.RemoteProduct
	if err := e.locked(func() error {
		var err error
		if rp, err = e.productOf(c.Address.Product); err != nil {
			return err
		}
		productID = rp.ID
		if c.Op != planner.Create {
			var ok bool
			if segID, ok = rp.SegmentID(curName(c, name)); !ok {
				return fmt.Errorf("segment %q in product %q is unknown", curName(c, name), c.Address.Product)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		s := c.After.Segment
		req := configcat.SegmentRequestFromSpec(s)
		if s.Description == "" {
			req.Description = nil
		}
		out, err := e.client.CreateSegment(ctx, productID, req)
		if err != nil {
			return err
		}
		return e.locked(func() error { rp.Segments[spec.Key(s.Name)] = out.SegmentID; return nil })
	case planner.Update:
		s := c.After.Segment
		if _, err := e.client.UpdateSegment(ctx, segID, configcat.SegmentRequestFromSpec(s)); err != nil {
			return err
		}
		return e.locked(func() error { rekey(rp.Segments, curName(c, name), s.Name); return nil })
	case planner.Delete:
		if err := ignoreGone(e.client.DeleteSegment(ctx, segID)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.Segments, spec.Key(name)); return nil })
	}
	return badOp(c)
}

func (e *Executor) permissionGroup(ctx context.Context, c planner.Change) error {
	name := c.Address.Name
	var productID string
	var groupID int64
	var rp *configcat.RemoteProduct
	var req configcat.PermissionGroupRequest
	if err := e.locked(func() error {
		var err error
		if rp, err = e.productOf(c.Address.Product); err != nil {
			return err
		}
		productID = rp.ID
		if c.Op != planner.Create {
			var ok bool
			if groupID, ok = rp.PermissionGroupID(curName(c, name)); !ok {
				return fmt.Errorf("permission group %q in product %q is unknown", curName(c, name), c.Address.Product)
			}
		}
		if c.Op != planner.Delete {
			req, err = configcat.PermissionGroupRequestFromSpec(c.After.PermissionGroup, rp.Environments)
		}
		return err
	}); err != nil {
		return err
	}
	switch c.Op {
	case planner.Create:
		out, err := e.client.CreatePermissionGroup(ctx, productID, req)
		if err != nil {
			return err
		}
		return e.locked(func() error { rp.PermissionGroups[spec.Key(req.Name)] = out.PermissionGroupID; return nil })
	case planner.Update:
		if _, err := e.client.UpdatePermissionGroup(ctx, groupID, req); err != nil {
			return err
		}
		return e.locked(func() error { rekey(rp.PermissionGroups, curName(c, name), req.Name); return nil })
	case planner.Delete:
		if err := ignoreGone(e.client.DeletePermissionGroup(ctx, groupID)); err != nil {
			return err
		}
		return e.locked(func() error { delete(rp.PermissionGroups, spec.Key(name)); return nil })
	}
	return badOp(c)
}
