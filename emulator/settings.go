package emulator

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

func settingOf(st *store, r *http.Request) (*setting, error) {
	return byPath(r, pathInt32, "settingId", st.Settings)
}

// configSettings lists the settings of a config.
func (st *store) configSettings(c *config) []*setting {
	return collect(st.Settings, func(x *setting) bool { return x.ConfigID == c.ID })
}

func (s *Server) listDeletedSettings(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, configOf, func(st *store, c *config) []deletedEntry {
		return st.Deleted[c.ID]
	}, func(_ *store, d deletedEntry) wire.DeletedSetting {
		return wire.DeletedSetting{Key: d.Key, Name: d.Name, Hint: d.Hint, SettingType: d.Type}
	})
}

// checkSettingMeta validates what create and replace share: name, hint and tags.
func (s *Server) checkSettingMeta(st *store, productID string, name string, hint *string, tags []int64) error {
	if err := checkRequired("Name", name, 1, 255); err != nil {
		return err
	}
	if err := checkOptional("Hint", hint, 1000); err != nil {
		return err
	}
	if s.b.MandatoryHint && st.Products[productID].Prefs.MandatorySettingHint && (hint == nil || strings.TrimSpace(*hint) == "") {
		return badRequest("Hint", s.b.MandatoryHintMessage)
	}
	for _, id := range tags {
		if t := st.Tags[id]; t == nil || t.ProductID != productID {
			return badRequest("Tags", "Tag not found.")
		}
	}
	return nil
}

// linkTags replaces a setting's tag links, keeping the link ids of tags that stay.
func (st *store) linkTags(x *setting, tags []int64) {
	old := map[int64]int64{}
	for _, l := range x.Tags {
		old[l.TagID] = l.LinkID
	}
	links := make([]settingTag, 0, len(tags))
	seen := map[int64]bool{}
	for _, id := range tags {
		if seen[id] {
			continue
		}
		seen[id] = true
		link, ok := old[id]
		if !ok {
			link = st.NextLink
			st.NextLink++
		}
		links = append(links, settingTag{LinkID: link, TagID: id})
	}
	x.Tags = links
}

func (s *Server) createSetting(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, configOf, func(st *store, c *config, req *wire.CreateSettingRequest[any]) (*setting, error) {
		x, err := s.buildSetting(st, c, req)
		if err != nil {
			return nil, err
		}
		st.Settings[x.ID] = x
		st.NextSetting++
		s.initValues(st, c, x, req)
		return x, nil
	}, s.settingView)
}

// buildSetting validates a create request and returns the new setting, not yet stored.
func (s *Server) buildSetting(st *store, c *config, req *wire.CreateSettingRequest[any]) (*setting, error) {
	if err := s.checkKey(req.Key); err != nil {
		return nil, err
	}
	if err := s.checkSettingMeta(st, c.ProductID, req.Name, req.Hint, req.Tags); err != nil {
		return nil, err
	}
	if req.SettingType == "" {
		return nil, badRequest("SettingType", requiredMsg("SettingType"))
	}
	if !settingTypes[req.SettingType] {
		return nil, badRequest("SettingType", "The value '"+req.SettingType+"' is not valid.")
	}
	if exists(st.Settings, func(o *setting) bool { return o.ConfigID == c.ID && strings.EqualFold(o.Key, req.Key) }) {
		return nil, badRequest("Key", s.b.DuplicateKeyMessage)
	}
	if len(req.InitialValues) > 0 && req.SettingIDToInitFrom != nil {
		return nil, badRequest("", "Only one of the SettingIdToInitFrom or the InitialValues properties can be set.")
	}
	x := &setting{ID: st.NextSetting, ConfigID: c.ID, Key: req.Key, Name: req.Name, Hint: req.Hint,
		Type: req.SettingType, IsJSON: req.IsJSON != nil && *req.IsJSON, CreatedAt: s.now(),
		Creator: s.acting()}
	if req.Order != nil {
		x.Order = *req.Order
	} else {
		x.Order = nextOrder(s.b, st.Settings, func(o *setting) bool { return o.ConfigID == c.ID })
	}
	vars := make([]variation, len(req.PredefinedVariations))
	for i, v := range req.PredefinedVariations {
		vars[i] = variation{ID: newUUID(), Value: scalarValue(v.Value), Name: v.Name, Hint: v.Hint}
	}
	if err := s.checkVariations(x, vars); err != nil {
		return nil, err
	}
	x.Variations = vars
	if err := s.checkInitialValues(st, c, x, req); err != nil {
		return nil, err
	}
	if id := req.SettingIDToInitFrom; id != nil {
		src := st.Settings[*id]
		if src == nil || st.Configs[src.ConfigID].ProductID != c.ProductID {
			return nil, badRequest("SettingIdToInitFrom", "Setting not found.")
		}
		if s.b.StrictInitFrom && !copyable(st, src, x) {
			return nil, badRequest("SettingIdToInitFrom", "The setting to init from must have the same type and evaluation version, and no predefined variations.")
		}
		tags := make([]int64, len(src.Tags))
		for i, l := range src.Tags {
			tags[i] = l.TagID
		}
		req.Tags = append(tags, req.Tags...)
	}
	st.linkTags(x, req.Tags)
	return x, nil
}

func (s *Server) checkInitialValues(st *store, c *config, x *setting, req *wire.CreateSettingRequest[any]) error {
	seen := map[string]bool{}
	for _, iv := range req.InitialValues {
		if iv.EnvironmentID == nil {
			if s.b.RequireInitialValueEnvironment {
				return badRequest("InitialValues", "The EnvironmentId field is required.")
			}
			continue
		}
		e := st.Environments[strings.ToLower(*iv.EnvironmentID)]
		if e == nil || e.ProductID != c.ProductID {
			return badRequest("InitialValues", "Environment not found.")
		}
		if seen[e.ID] {
			return badRequest("InitialValues", "An environment is listed more than once.")
		}
		seen[e.ID] = true
		v, ok := scalarFromBare(x.Type, iv.Value)
		if !ok {
			return badRequest("InitialValues", "Invalid value for setting type "+x.Type+".")
		}
		if _, err := s.resolveValue(x, v.slot(), "InitialValues", "Invalid value."); err != nil {
			return err
		}
	}
	return nil
}

// initValues gives the new setting a value in every environment of its product: the initial value where
// listed, a copy of settingIdToInitFrom's, or the zero value (behaviour doc Q6).
func (s *Server) initValues(st *store, c *config, x *setting, req *wire.CreateSettingRequest[any]) {
	given := map[string]any{}
	for _, iv := range req.InitialValues {
		if iv.EnvironmentID != nil {
			given[strings.ToLower(*iv.EnvironmentID)] = iv.Value
		}
	}
	from := st.Settings[deref(req.SettingIDToInitFrom)]
	if from != nil && !copyable(st, from, x) {
		from = nil
	}
	for _, e := range st.Environments {
		if e.ProductID != c.ProductID {
			continue
		}
		key := valueKey(x.ID, e.ID)
		if from != nil {
			if src := st.Values[valueKey(from.ID, e.ID)]; src != nil {
				st.Values[key] = &settingValue{VersionID: newUUID(), V1: cloneV1(src.V1), V2: cloneFormula(src.V2)}
				continue
			}
		}
		var initial *scalarValue
		if raw, ok := given[e.ID]; ok {
			v, _ := scalarFromBare(x.Type, raw)
			initial = &v
		}
		st.Values[key] = defaultValue(c, x, initial)
	}
}

// copyable reports whether from's values are valid values of x.
func copyable(st *store, from, x *setting) bool {
	return from.Type == x.Type && st.Configs[from.ConfigID].Version == st.Configs[x.ConfigID].Version &&
		len(from.Variations) == 0 && len(x.Variations) == 0
}

// defaultValue is a fresh value of x: initial when given, else the first predefined variation or the zero
// value; no rules.
func defaultValue(c *config, x *setting, initial *scalarValue) *settingValue {
	v := zeroValue(x.Type)
	if len(x.Variations) > 0 {
		v = x.Variations[0].Value
	}
	if initial != nil {
		v = *initial
	}
	sv := &settingValue{VersionID: newUUID()}
	if c.Version == "v2" {
		slot := v.slot()
		for _, vr := range x.Variations {
			if vr.Value.equal(v) {
				slot.PredefinedVariationID = strPtr(vr.ID)
			}
		}
		sv.V2 = &wire.EvaluationFormula{DefaultValue: slot}
		normalizeFormula(sv.V2)
	} else {
		sv.V1 = &wire.UpdateSettingValue[any]{Value: v.bare()}
		normalizeV1(sv.V1)
	}
	return sv
}

func (s *Server) replaceSetting(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, settingOf, func(st *store, x *setting, req *wire.ReplaceSettingRequest) error {
		if err := s.applySettingMeta(st, x, req); err != nil {
			return err
		}
		return nil
	}, s.settingView)
}

// applySettingMeta validates and stores name, hint, tags, order and isJson. A replace resets what is not
// listed: hint to null, tags to none, order to 0, isJson to false.
func (s *Server) applySettingMeta(st *store, x *setting, req *wire.ReplaceSettingRequest) error {
	productID := st.Configs[x.ConfigID].ProductID
	if err := s.checkSettingMeta(st, productID, req.Name, req.Hint, req.Tags); err != nil {
		return err
	}
	isJSON := req.IsJSON != nil && *req.IsJSON
	x.Name, x.Hint, x.IsJSON = req.Name, req.Hint, isJSON
	x.Order = 0
	if req.Order != nil {
		x.Order = *req.Order
	}
	st.linkTags(x, req.Tags)
	return nil
}

func (s *Server) patchSetting(w http.ResponseWriter, r *http.Request) {
	serveChange(s, w, r, http.StatusOK, func(st *store, ops *[]patchOp) (*setting, error) {
		x, err := settingOf(st, r)
		if err != nil {
			return nil, err
		}
		tags := make([]int64, len(x.Tags))
		for i, l := range x.Tags {
			tags[i] = l.TagID
		}
		doc := wire.ReplaceSettingRequest{Name: x.Name, Hint: x.Hint, Tags: tags, Order: &x.Order, IsJSON: &x.IsJSON}
		var patched wire.ReplaceSettingRequest
		if err := applyPatch(doc, *ops, &patched, coerceTagIDs); err != nil {
			return nil, err
		}
		if err := s.applySettingMeta(st, x, &patched); err != nil {
			return nil, err
		}
		return x, nil
	}, s.settingView)
}

// coerceTagIDs turns tag ids given as strings ("2") into numbers, as ASP.NET's JSON Patch does.
func coerceTagIDs(doc map[string]any) {
	tags, ok := doc["tags"].([]any)
	if !ok {
		return
	}
	for i, t := range tags {
		if s, ok := t.(string); ok {
			tags[i] = json.Number(s)
		}
	}
}

func (s *Server) deleteSetting(w http.ResponseWriter, r *http.Request) {
	serveDelete(s, w, r, settingOf, func(st *store, x *setting) error {
		if s.b.RefusePrerequisiteDelete && usedAsPrerequisite(st, x) {
			return badRequest("", s.b.PrerequisiteInUseMessage)
		}
		st.Deleted[x.ConfigID] = append(st.Deleted[x.ConfigID], deletedEntry{Key: x.Key, Name: x.Name, Hint: x.Hint, Type: x.Type})
		st.removeSetting(x)
		return nil
	})
}

// usedAsPrerequisite reports whether a value, in any environment, uses x as a prerequisite. Only values of
// other settings of x's config can: checkCondition refuses any other prerequisite.
func usedAsPrerequisite(st *store, x *setting) bool {
	return exists(st.Values, func(v *settingValue) bool {
		for c := range formulaConditions(v.V2) {
			if c.PrerequisiteFlagCondition != nil && c.PrerequisiteFlagCondition.PrerequisiteSettingID == x.ID {
				return true
			}
		}
		return false
	})
}
