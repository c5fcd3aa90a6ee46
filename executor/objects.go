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

// productRef returns the remote product named name. Its ID never changes; its maps are read and written
// under e.mu only.
func (e *Executor) productRef(name string) (*configcat.RemoteProduct, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.productOf(name)
}

func (e *Executor) createProduct(ctx context.Context, c planner.Change) error {
	p := c.After.Product
	e.mu.Lock()
	org := e.remote.OrganizationID
	e.mu.Unlock()
	if org == "" {
		return fmt.Errorf("no organization to create product %q in", p.Name)
	}
	out, err := e.client.CreateProduct(ctx, org, configcat.CreateProductRequest(p))
	if err != nil {
		return err
	}
	return e.locked(func() error { e.remote.SetProduct(p.Name, out.ProductID); return nil })
}

func (e *Executor) updateProduct(ctx context.Context, c planner.Change) error {
	p := c.After.Product
	old := curName(c, c.Address.Product)
	rp, err := e.productRef(old)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateProduct(ctx, rp.ID, configcat.UpdateProductRequest(p)); err != nil {
		return err
	}
	return e.locked(func() error { e.remote.RenameProduct(old, p.Name); return nil })
}

func (e *Executor) deleteProduct(ctx context.Context, c planner.Change) error {
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteProduct(ctx, rp.ID)); err != nil {
		return err
	}
	return e.locked(func() error { e.remote.ForgetProduct(c.Address.Product); return nil })
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

// configID returns the remote product and the id of its config named name.
func (e *Executor) configID(product, name string) (*configcat.RemoteProduct, string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rp, c, err := e.configOf(product, name)
	if err != nil {
		return nil, "", err
	}
	return rp, c.ID, nil
}

func (e *Executor) createConfig(ctx context.Context, c planner.Change) error {
	cfg := c.After.Config
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	out, err := e.client.CreateConfig(ctx, rp.ID, configcat.CreateConfigRequestFromSpec(cfg))
	if err != nil {
		return err
	}
	return e.locked(func() error {
		rp.SetConfig(cfg.Name, out.ConfigID, spec.EvaluationVersion(out.EvaluationVersion))
		return nil
	})
}

func (e *Executor) updateConfig(ctx context.Context, c planner.Change) error {
	cfg := c.After.Config
	old := curName(c, c.Address.Config)
	rp, id, err := e.configID(c.Address.Product, old)
	if err != nil {
		return err
	}
	if _, err := e.client.UpdateConfig(ctx, id, configcat.UpdateConfigRequestFromSpec(cfg)); err != nil {
		return err
	}
	return e.locked(func() error { rp.RenameConfig(old, cfg.Name); return nil })
}

func (e *Executor) deleteConfig(ctx context.Context, c planner.Change) error {
	name := c.Address.Config
	rp, id, err := e.configID(c.Address.Product, name)
	if err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteConfig(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { rp.ForgetConfig(name); return nil })
}
