package emulator

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

// The legacy v1 value endpoints: bare scalar values with rollout rules and percentage items, for configs with
// evaluationVersion v1.

// checkV1Value validates a v1 value of setting x and returns its stored form.
func (s *Server) checkV1Value(st *store, c *config, x *setting, in *wire.UpdateSettingValue[any]) (*wire.UpdateSettingValue[any], error) {
	v, ok := scalarFromBare(x.Type, in.Value)
	if !ok {
		return nil, badRequest("", s.b.InvalidDefaultValueMessage)
	}
	if err := s.checkString(x, v, ""); err != nil {
		return nil, err
	}
	out := &wire.UpdateSettingValue[any]{Value: v.bare(), RolloutRules: make([]wire.RolloutRule[any], len(in.RolloutRules))}
	if int32(len(in.RolloutRules)) > s.b.Limits.MaxTargetingRuleCount {
		return nil, badRequest("", "Too many targeting rules.")
	}
	for i, r := range in.RolloutRules {
		nr, err := s.checkV1Rule(st, c, x, r)
		if err != nil {
			return nil, err
		}
		out.RolloutRules[i] = nr
	}
	percentages, err := s.checkV1Percentages(x, in.RolloutPercentageItems)
	if err != nil {
		return nil, err
	}
	out.RolloutPercentageItems = percentages
	return out, nil
}

// checkV1Rule validates a rollout rule of setting x in config c: a user condition or a segment condition, not
// both, and a value of x's type.
func (s *Server) checkV1Rule(st *store, c *config, x *setting, r wire.RolloutRule[any]) (wire.RolloutRule[any], error) {
	rv, ok := scalarFromBare(x.Type, r.Value)
	if !ok {
		return wire.RolloutRule[any]{}, badRequest("", "Invalid term value.")
	}
	if err := s.checkString(x, rv, ""); err != nil {
		return wire.RolloutRule[any]{}, err
	}
	nr := wire.RolloutRule[any]{Value: rv.bare()}
	isSegment := r.SegmentID != nil || r.SegmentComparator != nil
	isUser := r.Comparator != nil || r.ComparisonAttribute != nil || r.ComparisonValue != nil
	switch {
	case isSegment && !isUser:
		if r.SegmentID == nil || r.SegmentComparator == nil || !segmentComparators[*r.SegmentComparator] {
			return wire.RolloutRule[any]{}, badRequest("", s.b.InvalidRuleMessage)
		}
		sg := st.Segments[strings.ToLower(*r.SegmentID)]
		if sg == nil || sg.ProductID != c.ProductID {
			return wire.RolloutRule[any]{}, badRequest("", s.b.InvalidSegmentMessage)
		}
		nr.SegmentID, nr.SegmentComparator = strPtr(sg.ID), clonePtr(r.SegmentComparator)
	case isUser && !isSegment:
		if r.Comparator == nil || !rolloutComparators[*r.Comparator] || r.ComparisonAttribute == nil ||
			strings.TrimSpace(*r.ComparisonAttribute) == "" || r.ComparisonValue == nil || *r.ComparisonValue == "" {
			return wire.RolloutRule[any]{}, badRequest("", s.b.InvalidRuleMessage)
		}
		if err := checkLength("ComparisonAttribute", *r.ComparisonAttribute, 1, 1000); err != nil {
			return wire.RolloutRule[any]{}, err
		}
		nr.ComparisonAttribute, nr.Comparator, nr.ComparisonValue = clonePtr(r.ComparisonAttribute), clonePtr(r.Comparator), clonePtr(r.ComparisonValue)
	default:
		return wire.RolloutRule[any]{}, badRequest("", s.b.InvalidRuleMessage)
	}
	return nr, nil
}

// checkV1Percentages validates the percentage items of setting x: values of its type, each 0..100, and when
// there are any, the sum and the boolean rule the behaviour enforces.
func (s *Server) checkV1Percentages(x *setting, in []wire.RolloutPercentageItem[any]) ([]wire.RolloutPercentageItem[any], error) {
	out := make([]wire.RolloutPercentageItem[any], len(in))
	sum := int64(0)
	for i, p := range in {
		pv, ok := scalarFromBare(x.Type, p.Value)
		if !ok || p.Percentage < 0 || p.Percentage > 100 {
			return nil, badRequest("", "Invalid percentage option value.")
		}
		sum += p.Percentage
		out[i] = wire.RolloutPercentageItem[any]{Percentage: p.Percentage, Value: pv.bare()}
	}
	if len(in) == 0 {
		return out, nil
	}
	if s.b.EnforcePercentageSum && sum != 100 {
		return nil, badRequest("", s.b.PercentageSumMessage)
	}
	if s.b.EnforceBooleanTwoOptions && x.Type == "boolean" && (len(out) != 2 || out[0].Value == out[1].Value) {
		return nil, badRequest("", s.b.BooleanOptionsMessage)
	}
	return out, nil
}

// commitV1 validates every value first and stores them only when all are valid. v1 writes cannot bypass
// approval.
func (s *Server) commitV1(st *store, c *config, e *environment, q writeQuery, in map[int32]*wire.UpdateSettingValue[any]) (bool, error) {
	if err := s.checkVersion(c, "v1"); err != nil {
		return false, err
	}
	if err := s.checkWritable(st, c, e, q, false); err != nil {
		return false, err
	}
	checked := make(map[int32]*wire.UpdateSettingValue[any], len(in))
	for id, v := range in {
		nv, err := s.checkV1Value(st, c, st.Settings[id], v)
		if err != nil {
			return false, err
		}
		checked[id] = nv
	}
	return storeValues(s, st, e, checked, func(v *settingValue) **wire.UpdateSettingValue[any] { return &v.V1 }), nil
}

func (s *Server) v1View(st *store, x *setting, envID string) wire.ConfigSettingValue[any] {
	v := st.Values[valueKey(x.ID, envID)]
	updatedAt, email, name := updaterFields(v)
	return wire.ConfigSettingValue[any]{
		Setting:                 settingDataV1(x),
		UpdatedAt:               updatedAt,
		LastUpdaterUserEmail:    email,
		LastUpdaterUserFullName: name,
		IntegrationLinks:        []wire.IntegrationLink{},
		SettingTags:             settingTagViews(st, x),
		RolloutRules:            v.V1.RolloutRules,
		RolloutPercentageItems:  v.V1.RolloutPercentageItems,
		Value:                   v.V1.Value,
	}
}

func (s *Server) v1ValuesView(st *store, c *config, e *environment, only map[int32]bool) wire.ConfigSettingValues[any] {
	xs := settingsOfConfig(st, c)
	out := wire.ConfigSettingValues[any]{ValuesContext: s.envContext(st, c, e), SettingValues: make([]wire.ConfigSettingValue[any], 0, len(xs))}
	for _, x := range xs {
		if only == nil || only[x.ID] {
			out.SettingValues = append(out.SettingValues, s.v1View(st, x, e.ID))
		}
	}
	return out
}

// encodeV1Values encodes ConfigSettingValuesModel.
func (s *Server) encodeV1Values(st *store, c *config, e *environment, only map[int32]bool) ([]byte, error) {
	return json.Marshal(s.v1ValuesView(st, c, e, only))
}

func (s *Server) getValuesV1(w http.ResponseWriter, r *http.Request) { getValues(s, v1Kind, w, r) }

func (s *Server) postValuesV1(w http.ResponseWriter, r *http.Request) {
	var req updateSettingValuesRequest
	q, ok := readValueWrite(w, r, &req)
	if !ok {
		return
	}
	postValues(s, v1Kind, w, r, q, len(req.SettingValues), func(i int) (*int32, *wire.UpdateSettingValue[any]) {
		return req.SettingValues[i].SettingID, &req.SettingValues[i].UpdateSettingValue
	})
}

func (s *Server) singleV1View(st *store, c *config, e *environment, x *setting) wire.SettingValue[any] {
	return wire.SettingValue[any]{ConfigSettingValue: s.v1View(st, x, e.ID), ValuesContext: s.envContext(st, c, e)}
}

// v1Kind is what the v1 single-value endpoints do their own way.
var v1Kind = valueKind[wire.UpdateSettingValue[any], wire.SettingValue[any]]{
	version: "v1",
	stored:  func(v *settingValue) *wire.UpdateSettingValue[any] { return v.V1 },
	commit:  (*Server).commitV1,
	view:    (*Server).singleV1View,
	batch:   (*Server).encodeV1Values,
}

func (s *Server) getValueV1(w http.ResponseWriter, r *http.Request)   { getValue(s, v1Kind, w, r) }
func (s *Server) putValueV1(w http.ResponseWriter, r *http.Request)   { putValue(s, v1Kind, w, r) }
func (s *Server) patchValueV1(w http.ResponseWriter, r *http.Request) { patchValue(s, v1Kind, w, r) }
