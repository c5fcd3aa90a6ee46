package executor

import (
	"context"
	"fmt"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// namedOps applies the changes of a kind of object named within its product (environments, tags, segments,
// permission groups): ConfigCat gives each a create under the product, and an update and a delete by id.
type namedOps[Req any, ID any] struct {
	kind planner.Kind
	// name is the object's name in its address.
	name func(planner.Address) string
	// ids are the product's ids of the kind.
	ids func(*configcat.RemoteProduct) configcat.IDs[ID]
	// createBody and updateBody build the request bodies; they run holding e.mu, with the product's ids.
	createBody, updateBody func(e *Executor, rp *configcat.RemoteProduct, o *planner.Object) (Req, error)
	// nameOf is the object's name as its ids are keyed.
	nameOf func(*planner.Object) string
	create func(c *configcat.Client, ctx context.Context, productID string, req Req) (ID, error)
	update func(c *configcat.Client, ctx context.Context, id ID, req Req) error
	remove func(c *configcat.Client, ctx context.Context, id ID) error
	// rename moves the id to the new name after an update; nil means ids(rp).Rename.
	rename func(rp *configcat.RemoteProduct, old, new string)
}

// kindOps returns the kind's row of the executor's table.
func (n *namedOps[Req, ID]) kindOps(create, update, del string) kindOps {
	return kindOps{calls: byOp(create, update, del), handlers: handlersByOp(n.createHandler, n.updateHandler, n.deleteHandler)}
}

// body builds a request body holding e.mu.
func (n *namedOps[Req, ID]) body(e *Executor, rp *configcat.RemoteProduct, build func(*Executor, *configcat.RemoteProduct, *planner.Object) (Req, error), o *planner.Object) (Req, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return build(e, rp, o)
}

func (n *namedOps[Req, ID]) createHandler(e *Executor, ctx context.Context, c planner.Change) error {
	rp, err := e.productRef(c.Address.Product)
	if err != nil {
		return err
	}
	req, err := n.body(e, rp, n.createBody, c.After)
	if err != nil {
		return err
	}
	id, err := n.create(e.client, ctx, rp.ID, req)
	if err != nil {
		return err
	}
	return e.locked(func() error { n.ids(rp).Set(n.nameOf(c.After), id); return nil })
}

func (n *namedOps[Req, ID]) updateHandler(e *Executor, ctx context.Context, c planner.Change) error {
	old := curName(c, n.name(c.Address))
	rp, id, err := n.idOf(e, c.Address.Product, old)
	if err != nil {
		return err
	}
	req, err := n.body(e, rp, n.updateBody, c.After)
	if err != nil {
		return err
	}
	if err := n.update(e.client, ctx, id, req); err != nil {
		return err
	}
	return e.locked(func() error {
		if n.rename != nil {
			n.rename(rp, old, n.nameOf(c.After))
		} else {
			n.ids(rp).Rename(old, n.nameOf(c.After))
		}
		return nil
	})
}

func (n *namedOps[Req, ID]) deleteHandler(e *Executor, ctx context.Context, c planner.Change) error {
	name := n.name(c.Address)
	rp, id, err := n.idOf(e, c.Address.Product, name)
	if err != nil {
		return err
	}
	if err := ignoreGone(n.remove(e.client, ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error { n.ids(rp).Forget(name); return nil })
}

// idOf returns the remote product and the id of the object named name in it.
func (n *namedOps[Req, ID]) idOf(e *Executor, product, name string) (*configcat.RemoteProduct, ID, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var zero ID
	rp, err := e.productOf(product)
	if err != nil {
		return nil, zero, err
	}
	id, ok := n.ids(rp).Get(name)
	if !ok {
		return nil, zero, fmt.Errorf("%s %q in product %q is unknown", n.kind.Noun(), name, product)
	}
	return rp, id, nil
}

func addressName(a planner.Address) string { return a.Name }

var environments = &namedOps[configcat.EnvironmentRequest, string]{
	kind: planner.KindEnvironment, name: func(a planner.Address) string { return a.Environment },
	ids: func(rp *configcat.RemoteProduct) configcat.IDs[string] { return rp.Environments },
	createBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.EnvironmentRequest, error) {
		return configcat.CreateEnvironmentRequest(o.Environment), nil
	},
	updateBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.EnvironmentRequest, error) {
		return configcat.UpdateEnvironmentRequest(o.Environment), nil
	},
	nameOf: func(o *planner.Object) string { return o.Environment.Name },
	create: func(c *configcat.Client, ctx context.Context, productID string, req configcat.EnvironmentRequest) (string, error) {
		out, err := c.CreateEnvironment(ctx, productID, req)
		return out.EnvironmentID, err
	},
	update: func(c *configcat.Client, ctx context.Context, id string, req configcat.EnvironmentRequest) error {
		_, err := c.UpdateEnvironment(ctx, id, req)
		return err
	},
	remove: func(c *configcat.Client, ctx context.Context, id string) error {
		return c.DeleteEnvironment(ctx, id, false)
	},
	rename: (*configcat.RemoteProduct).RenameEnvironment,
}

var tags = &namedOps[configcat.TagRequest, int64]{
	kind: planner.KindTag, name: addressName,
	ids: func(rp *configcat.RemoteProduct) configcat.IDs[int64] { return rp.Tags },
	createBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.TagRequest, error) {
		return configcat.CreateTagRequest(o.Tag), nil
	},
	updateBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.TagRequest, error) {
		return configcat.UpdateTagRequest(o.Tag), nil
	},
	nameOf: func(o *planner.Object) string { return o.Tag.Name },
	create: func(c *configcat.Client, ctx context.Context, productID string, req configcat.TagRequest) (int64, error) {
		out, err := c.CreateTag(ctx, productID, req)
		return out.TagID, err
	},
	update: func(c *configcat.Client, ctx context.Context, id int64, req configcat.TagRequest) error {
		_, err := c.UpdateTag(ctx, id, req)
		return err
	},
	remove: (*configcat.Client).DeleteTag,
}

var segments = &namedOps[configcat.SegmentRequest, string]{
	kind: planner.KindSegment, name: addressName,
	ids: func(rp *configcat.RemoteProduct) configcat.IDs[string] { return rp.Segments },
	createBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.SegmentRequest, error) {
		return configcat.CreateSegmentRequest(o.Segment), nil
	},
	updateBody: func(_ *Executor, _ *configcat.RemoteProduct, o *planner.Object) (configcat.SegmentRequest, error) {
		return configcat.SegmentRequestFromSpec(o.Segment), nil
	},
	nameOf: func(o *planner.Object) string { return o.Segment.Name },
	create: func(c *configcat.Client, ctx context.Context, productID string, req configcat.SegmentRequest) (string, error) {
		out, err := c.CreateSegment(ctx, productID, req)
		return out.SegmentID, err
	},
	update: func(c *configcat.Client, ctx context.Context, id string, req configcat.SegmentRequest) error {
		_, err := c.UpdateSegment(ctx, id, req)
		return err
	},
	remove: (*configcat.Client).DeleteSegment,
}

// groupBody builds a permission group's body; environment names become ids.
func groupBody(_ *Executor, rp *configcat.RemoteProduct, o *planner.Object) (configcat.PermissionGroupRequest, error) {
	return configcat.PermissionGroupRequestFromSpec(o.PermissionGroup, rp.Environments)
}

var groups = &namedOps[configcat.PermissionGroupRequest, int64]{
	kind: planner.KindPermissionGroup, name: addressName,
	ids:        func(rp *configcat.RemoteProduct) configcat.IDs[int64] { return rp.PermissionGroups },
	createBody: groupBody, updateBody: groupBody,
	nameOf: func(o *planner.Object) string { return o.PermissionGroup.Name },
	create: func(c *configcat.Client, ctx context.Context, productID string, req configcat.PermissionGroupRequest) (int64, error) {
		out, err := c.CreatePermissionGroup(ctx, productID, req)
		return out.PermissionGroupID, err
	},
	update: func(c *configcat.Client, ctx context.Context, id int64, req configcat.PermissionGroupRequest) error {
		_, err := c.UpdatePermissionGroup(ctx, id, req)
		return err
	},
	remove: (*configcat.Client).DeletePermissionGroup,
}

// integrationBody builds an integration's body; names become ids and secrets are read from the environment.
func integrationBody(e *Executor, rp *configcat.RemoteProduct, o *planner.Object) (configcat.IntegrationRequest, error) {
	return configcat.IntegrationRequestFromSpec(o.Integration, rp.Environments, rp.ConfigIDs(), e.lookupEnv)
}

var integrations = &namedOps[configcat.IntegrationRequest, string]{
	kind: planner.KindIntegration, name: addressName,
	ids:        func(rp *configcat.RemoteProduct) configcat.IDs[string] { return rp.Integrations },
	createBody: integrationBody, updateBody: integrationBody,
	nameOf: func(o *planner.Object) string { return spec.IntegrationName(o.Integration.Type, o.Integration.Name) },
	create: func(c *configcat.Client, ctx context.Context, productID string, req configcat.IntegrationRequest) (string, error) {
		out, err := c.CreateIntegration(ctx, productID, req)
		return out.IntegrationID, err
	},
	update: func(c *configcat.Client, ctx context.Context, id string, req configcat.IntegrationRequest) error {
		_, err := c.UpdateIntegration(ctx, id, req)
		return err
	},
	remove: (*configcat.Client).DeleteIntegration,
}
