package executor

import (
	"context"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// updateFlag replaces a flag's metadata: name, hint, tags, order and isJson.
func (e *Executor) updateFlag(ctx context.Context, c planner.Change) error {
	var id int32
	var req configcat.ReplaceSettingRequest
	if err := e.locked(func() error {
		rp, err := e.productOf(c.Address.Product)
		if err != nil {
			return err
		}
		_, rf, err := e.flagOf(c.Address, c.Address.Flag)
		if err != nil {
			return err
		}
		id = rf.ID
		if req, err = configcat.ReplaceSettingRequestFromSpec(c.After.Flag, rp.Tags); err != nil {
			return err
		}
		if req.Order == nil {
			// the replace resets what it does not list: keep the order the flag has
			req.Order = e.currentOrder(c)
		}
		return nil
	}); err != nil {
		return err
	}
	_, err := e.client.ReplaceSetting(ctx, id, req)
	return err
}

// deleteFlag deletes a flag (also the old key of a renamed flag, and a flag whose type changes).
func (e *Executor) deleteFlag(ctx context.Context, c planner.Change) error {
	var id int32
	var rc *configcat.RemoteConfig
	if err := e.locked(func() error {
		var rf *configcat.RemoteFlag
		var err error
		rc, rf, err = e.flagOf(c.Address, c.Address.Flag)
		if err == nil {
			id = rf.ID
		}
		return err
	}); err != nil {
		return err
	}
	if err := ignoreGone(e.client.DeleteSetting(ctx, id)); err != nil {
		return err
	}
	return e.locked(func() error {
		// a type change deletes and creates the same key: drop the entry only if it is still this flag
		if f := rc.Flag(c.Address.Flag); f != nil && f.ID == id {
			rc.ForgetFlag(c.Address.Flag)
		}
		return nil
	})
}

// createFlag creates a flag with its plain value in every environment in one call, or, for a rename, from
// the old key's values and tags (settingIdToInitFrom).
func (e *Executor) createFlag(ctx context.Context, c planner.Change) error {
	f := c.After.Flag
	var rc *configcat.RemoteConfig
	var req configcat.CreateSettingRequest
	if err := e.locked(func() error {
		rp, cfg, err := e.configOf(c.Address.Product, c.Address.Config)
		if err != nil {
			return err
		}
		rc = cfg
		if req, err = configcat.CreateSettingRequestFromSpec(f, rp.Environments, rp.Tags); err != nil {
			return err
		}
		if c.InitFrom != "" {
			_, from, err := e.flagOf(c.Address, c.InitFrom)
			if err != nil {
				return err
			}
			id := from.ID
			req.InitialValues = nil
			req.SettingIDToInitFrom = &id
		}
		return nil
	}); err != nil {
		return err
	}
	out, err := e.client.CreateSetting(ctx, rc.ID, req)
	if err != nil {
		return err
	}
	rf := configcat.NewRemoteFlag(out.SettingID, spec.FlagType(out.SettingType))
	setVariations(rf, out.PredefinedVariations)
	return e.locked(func() error {
		rc.SetFlag(f.Key, rf)
		e.createdOrder[flagKey(c.Address)] = out.Order
		return nil
	})
}

func flagKey(a planner.Address) planner.AddressKey {
	return planner.Address{Product: a.Product, Config: a.Config, Flag: a.Flag}.Key()
}

// currentOrder is the order a flag has before an update that leaves it unset: as its create in this run
// returned it, or as fetched; nil when unknown. The caller holds e.mu.
func (e *Executor) currentOrder(c planner.Change) *int32 {
	if o, ok := e.createdOrder[flagKey(c.Address)]; ok {
		return &o
	}
	if c.Before != nil && c.Before.Flag != nil && c.Before.Flag.Order != nil {
		o := int32(*c.Before.Flag.Order)
		return &o
	}
	return nil
}

// setVariations replaces a flag's variation ids with those of a setting or variations answer.
func setVariations(rf *configcat.RemoteFlag, vs []configcat.PredefinedVariation) {
	rf.Variations = map[string]string{}
	for i, v := range configcat.VariationsFromWire(vs, rf.Type) {
		rf.Variations[configcat.ValueKey(v.Value)] = vs[i].PredefinedVariationID
	}
}

// updateVariations replaces a flag's list of predefined variations with the one the change carries. Variations
// whose value stays keep their id, so values that use them are untouched.
func (e *Executor) updateVariations(ctx context.Context, c planner.Change) error {
	var rf *configcat.RemoteFlag
	var body []configcat.UpdatePredefinedVariation
	if err := e.locked(func() error {
		var err error
		if _, rf, err = e.flagOf(c.Address, c.Address.Flag); err != nil {
			return err
		}
		body = configcat.UpdateVariationsFromSpec(c.After.Variations, rf.Variations)
		return nil
	}); err != nil {
		return err
	}
	out, err := e.client.UpdatePredefinedVariations(ctx, rf.ID, body)
	if err != nil {
		return err
	}
	return e.locked(func() error { setVariations(rf, out); return nil })
}

// writeValues writes the formulas of every flag of the change in one batch call for its config and environment,
// with the reason; or, for an environment that requires approval, proposes them in a change request.
func (e *Executor) writeValues(ctx context.Context, c planner.Change) error {
	var configID, envID string
	var v1 bool
	var v1Items []configcat.UpdateSettingValueWithID
	var v2Items []configcat.UpdateEvaluationFormulaWithID
	var pr proposal
	if err := e.locked(func() error {
		rp, rc, err := e.configOf(c.Address.Product, c.Address.Config)
		if err != nil {
			return err
		}
		configID = rc.ID
		if envID, err = environmentID(rp, c.Address.Product, c.Address.Environment); err != nil {
			return err
		}
		v1 = rc.EvaluationVersion == spec.EvaluationV1
		refs := rp.Resolver(c.Address.Config)
		for _, fv := range c.Values {
			id, _, err := refs.Setting(fv.Key)
			if err != nil {
				return err
			}
			if v1 {
				f, err := configcat.FormulaV1(fv.Key, fv.After, refs)
				if err != nil {
					return err
				}
				v1Items = append(v1Items, configcat.UpdateSettingValueWithID{SettingID: id, UpdateSettingValue: f})
				continue
			}
			f, err := configcat.FormulaV2(fv.Key, fv.After, refs)
			if err != nil {
				return err
			}
			v2Items = append(v2Items, configcat.UpdateEvaluationFormulaWithID{SettingID: id, UpdateEvaluationFormula: f})
		}
		if c.ChangeRequest {
			pr = e.proposalOf(c, rc, v2Items)
			pr.envID = envID
		}
		return nil
	}); err != nil {
		return err
	}
	if c.ChangeRequest {
		return e.proposeValues(ctx, c, pr)
	}
	if v1 {
		_, err := e.client.PostValuesV1(ctx, configID, envID, e.reason, v1Items)
		return err
	}
	_, err := e.client.PostValuesV2With(ctx, configID, envID,
		configcat.ValueWriteOptions{Reason: e.reason, BypassApproval: e.bypassApproval}, v2Items)
	return err
}
