package executor

import (
	"context"
	"fmt"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// The executor's half of each kind's descriptor (the planner's half is in planner/kinds.go): the call each
// operation makes and the handler that makes it. Adding a kind adds a row here.

// handler makes the API calls of one change.
type handler func(*Executor, context.Context, planner.Change) error

// kindOps applies one kind.
type kindOps struct {
	calls    map[planner.Op]string
	handlers map[planner.Op]handler
	// check reports a change that lacks the object its handler needs; nil means checkAfter.
	check func(planner.Change) error
}

var ops map[planner.Kind]kindOps

func init() {
	ops = map[planner.Kind]kindOps{
		planner.KindProduct: {
			calls:    byOp(configcat.CallCreateProduct, configcat.CallUpdateProduct, configcat.CallDeleteProduct),
			handlers: handlersByOp((*Executor).createProduct, (*Executor).updateProduct, (*Executor).deleteProduct),
		},
		planner.KindPreferences: {
			calls:    map[planner.Op]string{planner.Update: configcat.CallUpdatePreferences},
			handlers: map[planner.Op]handler{planner.Update: (*Executor).updatePreferences},
		},
		planner.KindEnvironment: environments.kindOps(
			configcat.CallCreateEnvironment, configcat.CallUpdateEnvironment, configcat.CallDeleteEnvironment),
		planner.KindConfig: {
			calls:    byOp(configcat.CallCreateConfig, configcat.CallUpdateConfig, configcat.CallDeleteConfig),
			handlers: handlersByOp((*Executor).createConfig, (*Executor).updateConfig, (*Executor).deleteConfig),
		},
		planner.KindTag:     tags.kindOps(configcat.CallCreateTag, configcat.CallUpdateTag, configcat.CallDeleteTag),
		planner.KindSegment: segments.kindOps(configcat.CallCreateSegment, configcat.CallUpdateSegment, configcat.CallDeleteSegment),
		planner.KindPermissionGroup: groups.kindOps(
			configcat.CallCreateGroup, configcat.CallUpdateGroup, configcat.CallDeleteGroup),
		planner.KindIntegration: integrations.kindOps(
			configcat.CallCreateIntegration, configcat.CallUpdateIntegration, configcat.CallDeleteIntegration),
		planner.KindWebhook: {
			calls:    byOp(configcat.CallCreateWebhook, configcat.CallReplaceWebhook, configcat.CallDeleteWebhook),
			handlers: handlersByOp((*Executor).createWebhook, (*Executor).updateWebhook, (*Executor).deleteWebhook),
			// a webhook delete finds its id by the webhook's identity
			check: func(c planner.Change) error {
				if c.Op == planner.Delete {
					return carried(c, c.Before)
				}
				return checkAfter(c)
			},
		},
		planner.KindFlag: {
			calls:    byOp(configcat.CallCreateSetting, configcat.CallReplaceSetting, configcat.CallDeleteSetting),
			handlers: handlersByOp((*Executor).createFlag, (*Executor).updateFlag, (*Executor).deleteFlag),
		},
		// a variation change sends the flag's whole new list, whatever the operation
		planner.KindVariation: {
			calls:    byOp(configcat.CallUpdateVariations, configcat.CallUpdateVariations, configcat.CallUpdateVariations),
			handlers: handlersByOp((*Executor).updateVariations, (*Executor).updateVariations, (*Executor).updateVariations),
			check: func(c planner.Change) error {
				if c.After == nil {
					return fmt.Errorf("the plan carries no list of variations for %s", c.Address)
				}
				return nil
			},
		},
		// the call of a values change depends on its config's evaluation version: see Calls
		planner.KindValues: {
			handlers: map[planner.Op]handler{planner.Update: (*Executor).writeValues},
			check:    func(planner.Change) error { return nil },
		},
	}
}

// byOp maps create, update and delete to their calls.
func byOp(create, update, del string) map[planner.Op]string {
	return map[planner.Op]string{planner.Create: create, planner.Update: update, planner.Delete: del}
}

// handlersByOp maps create, update and delete to their handlers.
func handlersByOp(create, update, del handler) map[planner.Op]handler {
	return map[planner.Op]handler{planner.Create: create, planner.Update: update, planner.Delete: del}
}

// checkAfter reports a create or update that carries no object of its kind. A hand-edited or truncated plan so
// fails before any call instead of writing empty fields.
func checkAfter(c planner.Change) error {
	if c.Op == planner.Delete {
		return nil
	}
	return carried(c, c.After)
}

// carried reports a change whose object o (its before or after) lacks the object of its kind.
func carried(c planner.Change, o *planner.Object) error {
	if o.Of(c.Kind) == nil {
		return fmt.Errorf("the plan carries no %s for %s", c.Kind.Noun(), c.Address)
	}
	return nil
}

// complete checks that a change carries the object Execute needs.
func complete(c planner.Change) error {
	k, ok := ops[c.Kind]
	if !ok {
		return nil
	}
	if k.check != nil {
		return k.check(c)
	}
	return checkAfter(c)
}
