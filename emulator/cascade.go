package emulator

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
	for id, t := range st.Tags {
		if t.ProductID == p.ID {
			delete(st.Tags, id)
		}
	}
	for id, sg := range st.Segments {
		if sg.ProductID == p.ID {
			delete(st.Segments, id)
		}
	}
	for id, g := range st.Groups {
		if g.ProductID == p.ID {
			delete(st.Groups, id)
		}
	}
	delete(st.Products, p.ID)
}

func (st *store) deleteConfig(c *config) {
	for _, x := range st.Settings {
		if x.ConfigID == c.ID {
			st.removeSetting(x)
		}
	}
	for id, wh := range st.Webhooks {
		if wh.ConfigID == c.ID {
			delete(st.Webhooks, id)
		}
	}
	for _, e := range st.Environments {
		delete(st.SDKKeys, sdkKeyKey(c.ID, e.ID))
	}
	delete(st.Deleted, c.ID)
	delete(st.Configs, c.ID)
}

func (st *store) deleteEnvironment(e *environment) {
	for _, x := range st.Settings {
		delete(st.Values, valueKey(x.ID, e.ID))
	}
	for id, wh := range st.Webhooks {
		if wh.EnvID == e.ID {
			delete(st.Webhooks, id)
		}
	}
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
