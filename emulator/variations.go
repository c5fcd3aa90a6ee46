package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"net/http"
	"strings"
)

// checkVariations validates a setting's predefined variations: the setting type's slot, unique values, the
// plan's maximum count, JSON for isJson settings.
func (s *Server) checkVariations(x *setting, vars []variation) error {
	if int32(len(vars)) > s.b.Limits.MaxPredefinedVariations {
		return badRequest("PredefinedVariations", "Too many predefined variations.")
	}
	for i, v := range vars {
		if !v.Value.fits(x.Type) {
			return badRequest("PredefinedVariations", "Invalid predefined variation value.")
		}
		if err := s.checkString(x, v.Value, "PredefinedVariations"); err != nil {
			return err
		}
		if err := checkOptional("Name", v.Name, 255); err != nil {
			return err
		}
		if err := checkOptional("Hint", v.Hint, 1000); err != nil {
			return err
		}
		for _, o := range vars[:i] {
			if o.Value.equal(v.Value) {
				return badRequest("PredefinedVariations", s.b.VariationDuplicateMessage)
			}
		}
	}
	return nil
}

// checkString applies the string-value rules: the plan's maximum length and JSON for isJson settings.
func (s *Server) checkString(x *setting, v scalarValue, field string) error {
	if v.StringValue == nil {
		return nil
	}
	if int32(len([]rune(*v.StringValue))) > s.b.Limits.MaxStringFlagValueLength {
		return badRequest(field, "The value is too long.")
	}
	if x.IsJSON && s.b.ValidateIsJSON && !validJSON(*v.StringValue) {
		return badRequest(field, s.b.InvalidJSONValueMessage)
	}
	return nil
}

// resolveValue checks a served value against setting x and returns its stored form. On a setting with
// predefined variations the value may name a variation or equal one; the stored form carries both the id
// and the variation's value. msg is the message for a value that does not fit.
func (s *Server) resolveValue(x *setting, v wire.Value, field, msg string) (wire.Value, error) {
	if v.PredefinedVariationID != nil {
		for _, vr := range x.Variations {
			if strings.EqualFold(vr.ID, *v.PredefinedVariationID) {
				out := vr.Value.slot()
				out.PredefinedVariationID = strPtr(vr.ID)
				return out, nil
			}
		}
		return wire.Value{}, badRequest(field, msg)
	}
	sc := scalarOf(v)
	if !sc.fits(x.Type) {
		return wire.Value{}, badRequest(field, msg)
	}
	if err := s.checkString(x, sc, field); err != nil {
		return wire.Value{}, err
	}
	if len(x.Variations) == 0 {
		return sc.slot(), nil
	}
	for _, vr := range x.Variations {
		if vr.Value.equal(sc) {
			out := vr.Value.slot()
			out.PredefinedVariationID = strPtr(vr.ID)
			return out, nil
		}
	}
	return wire.Value{}, badRequest(field, msg)
}

// variationUsages maps each variation id of x to the (setting, environment) pairs whose values use it.
func variationUsages(st *store, x *setting) map[string][]variationUsage {
	out := map[string][]variationUsage{}
	c := st.Configs[x.ConfigID]
	envs := collect(st.Environments, func(e *environment) bool { return e.ProductID == c.ProductID })
	xs := collect(st.Settings, func(o *setting) bool { return o.ConfigID == x.ConfigID })
	for _, e := range envs {
		for _, o := range xs {
			v := st.Values[valueKey(o.ID, e.ID)]
			if v == nil || v.V2 == nil {
				continue
			}
			seen := map[string]bool{}
			use := func(slot wire.Value) {
				if slot.PredefinedVariationID != nil && !seen[*slot.PredefinedVariationID] {
					seen[*slot.PredefinedVariationID] = true
					out[*slot.PredefinedVariationID] = append(out[*slot.PredefinedVariationID], variationUsage{o.ID, e.ID})
				}
			}
			if o.ID == x.ID {
				use(v.V2.DefaultValue)
				for _, r := range v.V2.TargetingRules {
					if r.Value != nil {
						use(*r.Value)
					}
					for _, op := range r.PercentageOptions {
						use(op.Value)
					}
				}
			}
			for cd := range formulaConditions(v.V2) {
				if p := cd.PrerequisiteFlagCondition; p != nil && p.PrerequisiteSettingID == x.ID {
					use(p.PrerequisiteComparisonValue)
				}
			}
		}
	}
	return out
}

func (s *Server) getVariations(w http.ResponseWriter, r *http.Request) {
	serveGet(s, w, r, settingOf, func(st *store, x *setting) variationsWithUsagesModel {
		usages := variationUsages(st, x)
		out := variationsWithUsagesModel{SettingKey: x.Key, SettingType: x.Type,
			PredefinedVariations: make([]variationWithUsagesModel, len(x.Variations)),
			Environments:         []variationEnvironmentModel{}, MaxPredefinedVariations: s.b.Limits.MaxPredefinedVariations}
		for i, v := range variationViews(x.Variations) {
			u := usages[v.PredefinedVariationID]
			if u == nil {
				u = []variationUsage{}
			}
			out.PredefinedVariations[i] = variationWithUsagesModel{PredefinedVariation: v, Usages: u,
				ChangeRequestUsages: []struct{}{}}
		}
		productID := st.Configs[x.ConfigID].ProductID
		for _, e := range collect(st.Environments, func(e *environment) bool { return e.ProductID == productID }) {
			out.Environments = append(out.Environments, variationEnvironmentModel{e.ID, e.Name, "full"})
		}
		return out
	})
}

// updateVariations replaces the whole list (behaviour doc Q14): listed ids are updated, entries without an id
// are added, unlisted ones deleted. A variation in use can be neither removed nor given another value.
func (s *Server) updateVariations(w http.ResponseWriter, r *http.Request) {
	serveChange(s, w, r, http.StatusOK, func(st *store, req *updateVariationsRequest) (*setting, error) {
		x, err := settingOf(st, r)
		if err != nil {
			return nil, err
		}
		if req.PredefinedVariations == nil {
			return nil, badRequest("PredefinedVariations", requiredMsg("PredefinedVariations"))
		}
		if len(x.Variations) == 0 {
			return nil, badRequest("", s.b.VariationConversionMessage)
		}
		old := map[string]variation{}
		for _, v := range x.Variations {
			old[v.ID] = v
		}
		usages := variationUsages(st, x)
		next := make([]variation, 0, len(req.PredefinedVariations))
		kept := map[string]bool{}
		for _, in := range req.PredefinedVariations {
			v := variation{ID: newUUID(), Value: scalarValue(in.Value), Name: in.Name, Hint: in.Hint}
			if in.PredefinedVariationID != nil {
				id := strings.ToLower(*in.PredefinedVariationID)
				o, ok := old[id]
				if !ok || kept[id] {
					return nil, badRequest("PredefinedVariations", "Predefined variation not found.")
				}
				if len(usages[id]) > 0 && !o.Value.equal(v.Value) {
					return nil, badRequest("PredefinedVariations", s.b.VariationInUseMessage)
				}
				v.ID, kept[id] = id, true
			}
			next = append(next, v)
		}
		for id := range old {
			if !kept[id] && len(usages[id]) > 0 {
				return nil, badRequest("PredefinedVariations", s.b.VariationInUseMessage)
			}
		}
		if err := s.checkVariations(x, next); err != nil {
			return nil, err
		}
		x.Variations = next
		return x, nil
	}, func(_ *store, x *setting) variationsModel {
		return variationsModel{PredefinedVariations: variationViews(x.Variations), MaxPredefinedVariations: s.b.Limits.MaxPredefinedVariations}
	})
}
