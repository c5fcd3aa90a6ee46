package emulator

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// checkFormula validates a v2 formula for setting x of config c and returns its stored form. Messages are the
// real API's where the behaviour doc confirms them (Q9); the rest come from Behaviour.
func (s *Server) checkFormula(st *store, c *config, x *setting, in *formula) (*formula, error) {
	lim := s.b.Limits
	out := &formula{Rules: make([]rule, 0, len(in.Rules))}
	var err error
	if out.DefaultValue, err = s.resolveValue(x, in.DefaultValue, "", s.b.InvalidDefaultValueMessage); err != nil {
		return nil, err
	}
	if in.PercentageAtt != nil {
		if err := checkLength("PercentageEvaluationAttribute", *in.PercentageAtt, 0, 1000); err != nil {
			return nil, err
		}
		out.PercentageAtt = clonePtr(in.PercentageAtt)
	}
	if int32(len(in.Rules)) > lim.MaxTargetingRuleCount {
		return nil, badRequest("", "Too many targeting rules.")
	}
	for i, r := range in.Rules {
		hasValue, hasOptions := r.Value != nil, len(r.Options) > 0
		if hasValue == hasOptions {
			return nil, badRequest("", s.b.InvalidRuleMessage)
		}
		if len(r.Conditions) == 0 && (i != len(in.Rules)-1 || !hasOptions) {
			return nil, badRequest("", s.b.InvalidRuleMessage)
		}
		if int32(len(r.Conditions)) > lim.MaxConditionPerTargetingRuleCount {
			return nil, badRequest("", "Too many conditions in a targeting rule.")
		}
		nr := rule{Conditions: make([]condition, 0, len(r.Conditions)), Options: []option{}}
		for _, cd := range r.Conditions {
			ncd, err := s.checkCondition(st, c, x, cd)
			if err != nil {
				return nil, err
			}
			nr.Conditions = append(nr.Conditions, ncd)
		}
		if hasValue {
			v, err := s.resolveValue(x, *r.Value, "", "Invalid term value.")
			if err != nil {
				return nil, err
			}
			nr.Value = &v
		}
		if hasOptions {
			if nr.Options, err = s.checkOptions(x, r.Options); err != nil {
				return nil, err
			}
		}
		out.Rules = append(out.Rules, nr)
	}
	return out, nil
}

func (s *Server) checkOptions(x *setting, opts []option) ([]option, error) {
	if int32(len(opts)) > s.b.Limits.MaxPercentageOptionCount {
		return nil, badRequest("", "Too many percentage options.")
	}
	out := make([]option, len(opts))
	sum := int32(0)
	for i, o := range opts {
		if o.Percentage < 0 || o.Percentage > 100 {
			return nil, badRequest("", "Invalid percentage option value.")
		}
		v, err := s.resolveValue(x, o.Value, "", "Invalid percentage option value.")
		if err != nil {
			return nil, err
		}
		sum += o.Percentage
		out[i] = option{Percentage: o.Percentage, Value: v}
	}
	if s.b.EnforcePercentageSum && sum != 100 {
		return nil, badRequest("", s.b.PercentageSumMessage)
	}
	if s.b.EnforceBooleanTwoOptions && x.Type == "boolean" &&
		(len(out) != 2 || out[0].Value.scalar().equal(out[1].Value.scalar())) {
		return nil, badRequest("", s.b.BooleanOptionsMessage)
	}
	return out, nil
}

func (s *Server) checkCondition(st *store, c *config, x *setting, cd condition) (condition, error) {
	n := 0
	for _, set := range []bool{cd.User != nil, cd.Segment != nil, cd.Prerequisite != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return condition{}, badRequest("", s.b.InvalidRuleMessage)
	}
	switch {
	case cd.User != nil:
		u, err := s.checkUserCondition(*cd.User)
		return condition{User: u}, err
	case cd.Segment != nil:
		sg := st.Segments[strings.ToLower(cd.Segment.SegmentID)]
		if sg == nil || sg.ProductID != c.ProductID {
			return condition{}, badRequest("", s.b.InvalidSegmentMessage)
		}
		if !segmentComparators[cd.Segment.Comparator] {
			return condition{}, badRequest("", "The value '"+cd.Segment.Comparator+"' is not valid.")
		}
		return condition{Segment: &segmentCondition{SegmentID: sg.ID, Comparator: cd.Segment.Comparator}}, nil
	}
	p := cd.Prerequisite
	pre := st.Settings[p.SettingID]
	if pre == nil || pre.ConfigID != x.ConfigID {
		return condition{}, badRequest("", "Prerequisite setting not found.")
	}
	if pre.ID == x.ID {
		return condition{}, badRequest("", "Circular dependency detected. "+x.Key+" ➔ "+x.Key)
	}
	if !prerequisiteComparators[p.Comparator] {
		return condition{}, badRequest("", "The value '"+p.Comparator+"' is not valid.")
	}
	v, err := s.resolveValue(pre, p.Value, "", "Invalid prerequisite value.")
	if err != nil {
		return condition{}, err
	}
	return condition{Prerequisite: &prereqCondition{SettingID: pre.ID, Comparator: p.Comparator, Value: v}}, nil
}

func (s *Server) checkUserCondition(u userCondition) (*userCondition, error) {
	lim := s.b.Limits
	if err := checkRequired("ComparisonAttribute", u.Attribute, 1, 1000); err != nil {
		return nil, err
	}
	kind, ok := userComparators[u.Comparator]
	if !ok {
		return nil, badRequest("", "The value '"+u.Comparator+"' is not valid.")
	}
	out := &userCondition{Attribute: u.Attribute, Comparator: u.Comparator}
	switch kind {
	case slotList:
		if len(u.Value.List) == 0 {
			return nil, badRequest("", "ListValue field must be set")
		}
		if int32(len(u.Value.List)) > lim.MaxComparisonValueListLength {
			return nil, badRequest("", "Too many comparison values.")
		}
		out.Value.List = make([]listItem, len(u.Value.List))
		for i, it := range u.Value.List {
			if int32(utf8.RuneCountInString(it.Value)) > lim.MaxComparisonValueListItemLength {
				return nil, badRequest("", "Comparison value is too long.")
			}
			if err := checkOptional("Hint", it.Hint, 1500); err != nil {
				return nil, err
			}
			out.Value.List[i] = listItem{Value: it.Value, Hint: clonePtr(it.Hint)}
		}
	case slotString:
		if u.Value.String == nil {
			return nil, badRequest("", "StringValue field must be set")
		}
		if int32(utf8.RuneCountInString(*u.Value.String)) > lim.MaxComparisonValueLength {
			return nil, badRequest("", "Comparison value is too long.")
		}
		out.Value.String = clonePtr(u.Value.String)
	case slotDouble:
		if u.Value.Double == nil {
			return nil, badRequest("", "DoubleValue field must be set")
		}
		out.Value.Double = clonePtr(u.Value.Double)
	}
	return out, nil
}

// circularMessage names a cycle [written, prerequisite, ..., written] as ConfigCat does: the path from the
// prerequisite back to the flag being written (choices.go).
func circularMessage(st *store, cycle []int32) string {
	keys := make([]string, 0, len(cycle)-1)
	for _, id := range cycle[1:] {
		keys = append(keys, st.Settings[id].Key)
	}
	return "Circular dependency detected. " + strings.Join(keys, " ➔ ")
}

// checkCycles looks for a prerequisite cycle through any of the changed settings, with the new formulas in
// place of the stored ones.
func checkCycles(st *store, envID string, changed map[int32]*formula) error {
	edges := func(id int32) []int32 {
		f := changed[id]
		if f == nil {
			if v := st.Values[valueKey(id, envID)]; v != nil {
				f = v.V2
			}
		}
		var out []int32
		for cd := range f.conditions() {
			if cd.Prerequisite != nil {
				out = append(out, cd.Prerequisite.SettingID)
			}
		}
		return out
	}
	for start := range changed {
		path := []int32{start}
		onPath := map[int32]bool{start: true}
		done := map[int32]bool{}
		var walk func(id int32) []int32
		walk = func(id int32) []int32 {
			for _, next := range edges(id) {
				if next == start {
					return append(slices.Clone(path), start)
				}
				if onPath[next] || done[next] {
					continue
				}
				path, onPath[next] = append(path, next), true
				if cyc := walk(next); cyc != nil {
					return cyc
				}
				path, onPath[next], done[next] = path[:len(path)-1], false, true
			}
			return nil
		}
		if cyc := walk(start); cyc != nil {
			return badRequest("", circularMessage(st, cyc))
		}
	}
	return nil
}
