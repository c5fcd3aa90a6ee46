package emulator

import "maps"

// Delete cascades, as the behaviour doc recommends (Q5): a parent takes everything under it along.

func (st *store) deleteProduct(p *product) {
	for _, c := range st.Configs {
		if c.ProductID == p.ID {
			st.deleteConfig(c)
		}
	}
	for _, e := range st.Environments {
		if e.ProductID == p.ID {
			st.deleteEnvironment(e)
		}
	}
	maps.DeleteFunc(st.Tags, func(_ int64, t *tag) bool { return t.ProductID == p.ID })
	maps.DeleteFunc(st.Segments, func(_ string, sg *segment) bool { return sg.ProductID == p.ID })
	maps.DeleteFunc(st.Groups, func(_ int64, g *permissionGroup) bool { return g.ProductID == p.ID })
	maps.DeleteFunc(st.Integrations, func(_ string, in *integration) bool { return in.ProductID == p.ID })
	delete(st.Products, p.ID)
}

func (st *store) deleteConfig(c *config) {
	for _, x := range st.Settings {
		if x.ConfigID == c.ID {
			st.removeSetting(x)
		}
	}
	maps.DeleteFunc(st.Webhooks, func(_ int32, wh *webhook) bool { return wh.ConfigID == c.ID })
	for _, e := range st.Environments {
		delete(st.SDKKeys, sdkKeyKey(c.ID, e.ID))
	}
	delete(st.Deleted, c.ID)
	delete(st.Configs, c.ID)
	st.dropFromIntegrations(c.ID)
}

func (st *store) deleteEnvironment(e *environment) {
	for _, x := range st.Settings {
		delete(st.Values, valueKey(x.ID, e.ID))
	}
	maps.DeleteFunc(st.Webhooks, func(_ int32, wh *webhook) bool { return wh.EnvID == e.ID })
	for _, c := range st.Configs {
		delete(st.SDKKeys, sdkKeyKey(c.ID, e.ID))
	}
	if p := st.Products[e.ProductID]; p != nil {
		delete(p.Prefs.ReasonEnvs, e.ID)
		delete(p.Prefs.ApproveEnvs, e.ID)
	}
	for _, g := range st.Groups {
		delete(g.EnvAccess, e.ID)
		delete(g.EnvApproval, e.ID)
	}
	delete(st.Environments, e.ID)
	st.dropFromIntegrations(e.ID)
}

// removeSetting deletes a setting with its values and tag links. Callers check refusals first.
func (st *store) removeSetting(x *setting) {
	for _, e := range st.Environments {
		delete(st.Values, valueKey(x.ID, e.ID))
	}
	delete(st.Settings, x.ID)
}

// deleteTag detaches the tag from every setting, then deletes it.
func (st *store) deleteTag(t *tag) {
	for _, x := range st.Settings {
		kept := x.Tags[:0]
		for _, l := range x.Tags {
			if l.TagID != t.ID {
				kept = append(kept, l)
			}
		}
		x.Tags = kept
	}
	delete(st.Tags, t.ID)
}
