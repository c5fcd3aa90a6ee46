package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/flagsync/flagsync/configcat/wire"
)

// The v2 value endpoints: formulas of settings in configs with evaluationVersion v2.

// prerequisiteIndex maps each setting id of config c to the settings whose value in envID use it as a
// prerequisite.
func prerequisiteIndex(st *store, xs []*setting, envID string) map[int32][]int32 {
	idx := map[int32][]int32{}
	for _, x := range xs {
		v := st.Values[valueKey(x.ID, envID)]
		if v == nil {
			continue
		}
		seen := map[int32]bool{}
		for cd := range formulaConditions(v.V2) {
			if p := cd.PrerequisiteFlagCondition; p != nil && !seen[p.PrerequisiteSettingID] {
				seen[p.PrerequisiteSettingID] = true
				idx[p.PrerequisiteSettingID] = append(idx[p.PrerequisiteSettingID], x.ID)
			}
		}
	}
	return idx
}

func (s *Server) formulaView(st *store, x *setting, envID string, idx map[int32][]int32) wire.ConfigSettingFormula {
	v := st.Values[valueKey(x.ID, envID)]
	f := v.V2
	updatedAt, email, name := updaterFields(v)
	deps := idx[x.ID]
	if deps == nil {
		deps = []int32{}
	}
	return wire.ConfigSettingFormula{
		LastVersionID:                 v.VersionID,
		DefaultValue:                  f.DefaultValue,
		TargetingRules:                f.TargetingRules,
		Setting:                       settingDataV2(x),
		UpdatedAt:                     updatedAt,
		PercentageEvaluationAttribute: f.PercentageEvaluationAttribute,
		LastUpdaterUserEmail:          email,
		LastUpdaterUserFullName:       name,
		IntegrationLinks:              []wire.IntegrationLink{},
		SettingTags:                   settingTagViews(st, x),
		SettingIDsWherePrerequisite:   deps,
		ChangeRequestCount:            openChangeRequestCount(st, envID, x.ID),
	}
}

// encodeFormulas encodes ConfigSettingFormulasModel, reusing the cached encoding of unchanged items. It runs
// under the store lock.
func (s *Server) encodeFormulas(st *store, c *config, e *environment, only map[int32]bool) ([]byte, error) {
	head, err := json.Marshal(struct {
		wire.ValuesContext
		wire.ApprovalContext
	}{s.envContext(st, c, e), approvalOf(st, c, e)})
	if err != nil {
		return nil, err
	}
	xs := settingsOfConfig(st, c)
	idx := prerequisiteIndex(st, xs, e.ID)
	buf := make([]byte, 0, len(head)+len(xs)*1200)
	buf = append(buf, head[:len(head)-1]...)
	buf = append(buf, `,"settingFormulas":[`...)
	first := true
	for _, x := range xs {
		if only != nil && !only[x.ID] {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		if buf, err = s.appendFormulaItem(buf, st, x, e.ID, idx); err != nil {
			return nil, err
		}
	}
	return append(buf, "]}"...), nil
}

// appendFormulaItem appends the encoded batch item of setting x in environment envID to buf, from the item
// cache when it holds it. The item is encoded in place, not in a buffer of its own: a batch read of a large
// account would otherwise leave one such buffer of garbage per flag.
func (s *Server) appendFormulaItem(buf []byte, st *store, x *setting, envID string, idx map[int32][]int32) ([]byte, error) {
	key := valueKey(x.ID, envID)
	version := st.Values[key].VersionID
	deps := make([]byte, 0, 8*len(idx[x.ID]))
	for _, d := range idx[x.ID] {
		deps = strconv.AppendInt(append(deps, ','), int64(d), 10)
	}
	if body, ok := s.items.get(key, s.meta, version, string(deps)); ok {
		return append(buf, body...), nil
	}
	start := len(buf)
	m := s.formulaView(st, x, envID, idx)
	out, ok := jsonBuf(buf).formulaItem(&m)
	if !ok {
		body, err := json.Marshal(m)
		if err != nil {
			return nil, err
		}
		out = append(buf[:start], body...)
	}
	s.items.put(key, s.meta, version, string(deps), out[start:])
	return out, nil
}

func (s *Server) singleFormulaView(st *store, c *config, e *environment, x *setting) wire.SettingFormula {
	idx := prerequisiteIndex(st, settingsOfConfig(st, c), e.ID)
	return wire.SettingFormula{ConfigSettingFormula: s.formulaView(st, x, e.ID, idx),
		ValuesContext: s.envContext(st, c, e), ApprovalContext: approvalOf(st, c, e)}
}

func (s *Server) getValuesV2(w http.ResponseWriter, r *http.Request) { getValues(s, v2Kind, w, r) }

// commitFormulas validates every formula first and stores them only when all are valid, so that a batch is
// atomic. It returns whether anything changed; a formula equal to the stored one keeps its version.
func (s *Server) commitFormulas(st *store, c *config, e *environment, q writeQuery, in map[int32]*wire.EvaluationFormula) (bool, error) {
	if err := s.checkVersion(c, "v2"); err != nil {
		return false, err
	}
	if err := s.checkWritable(st, c, e, q, true); err != nil {
		return false, err
	}
	checked := make(map[int32]*wire.EvaluationFormula, len(in))
	for id, f := range in {
		x := st.Settings[id]
		if q.latestVersionID != "" && st.Values[valueKey(id, e.ID)].VersionID != q.latestVersionID {
			return false, conflict(s.b.VersionConflictMessage)
		}
		nf, err := s.checkFormula(st, c, x, f)
		if err != nil {
			return false, err
		}
		checked[id] = nf
	}
	if err := checkCycles(st, e.ID, checked); err != nil {
		return false, err
	}
	return storeValues(s, st, e, checked, func(v *settingValue) **wire.EvaluationFormula { return &v.V2 }), nil
}

func (s *Server) postValuesV2(w http.ResponseWriter, r *http.Request) {
	var req updateFormulasRequest
	q, ok := readValueWrite(w, r, &req)
	if !ok {
		return
	}
	postValues(s, v2Kind, w, r, q, len(req.UpdateFormulas), func(i int) (*int32, *wire.EvaluationFormula) {
		return req.UpdateFormulas[i].SettingID, &req.UpdateFormulas[i].EvaluationFormula
	})
}

// v2Kind is what the v2 single-value endpoints do their own way.
var v2Kind = valueKind[wire.EvaluationFormula, wire.SettingFormula]{
	version: "v2",
	stored:  func(v *settingValue) *wire.EvaluationFormula { return v.V2 },
	commit:  (*Server).commitFormulas,
	view:    (*Server).singleFormulaView,
	batch:   (*Server).encodeFormulas,
}

func (s *Server) getValueV2(w http.ResponseWriter, r *http.Request) { getValue(s, v2Kind, w, r) }
func (s *Server) putValueV2(w http.ResponseWriter, r *http.Request) { putValue(s, v2Kind, w, r) }

// patchValueV2 applies a JSON Patch to {defaultValue, targetingRules, percentageEvaluationAttribute}; it
// answers 204 when nothing changed.
func (s *Server) patchValueV2(w http.ResponseWriter, r *http.Request) { patchValue(s, v2Kind, w, r) }
