package configcat

import (
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// FormulaV1 builds a v1 flag's value in one environment from ev. v1 rules have exactly one condition (a user
// attribute with a legacy comparator and its raw comparison value, or a segment) and serve a value;
// percentages exist only at flag level and always use the Identifier attribute.
func FormulaV1(flagKey string, ev *spec.EnvValue, refs Resolver) (UpdateSettingValue, error) {
	out := UpdateSettingValue{RolloutRules: []RolloutRule{}, RolloutPercentageItems: []RolloutPercentageItem{}}
	if ev == nil || !ev.Default.IsSet() {
		return out, fmt.Errorf("flag %q: no default value", flagKey)
	}
	out.Value = ev.Default
	if ev.PercentageAttribute != "" && ev.PercentageAttribute != spec.DefaultPercentageAttribute {
		return out, fmt.Errorf("flag %q: a v1 config cannot compute percentages from %q (only Identifier)", flagKey, ev.PercentageAttribute)
	}
	for i, r := range ev.Rules {
		if len(r.If) != 1 || r.Serve == nil || len(r.Percentages) > 0 {
			return out, fmt.Errorf("flag %q: rule %d: a v1 rule has exactly one condition and serves one value", flagKey, i+1)
		}
		c := r.If[0]
		rr := RolloutRule{Value: *r.Serve}
		switch {
		case c.Attribute != "":
			value := c.Value
			if value == "" && len(c.Values) > 0 {
				items := make([]string, len(c.Values))
				for k, it := range c.Values {
					items[k] = it.Value
				}
				value = strings.Join(items, ",")
			}
			attr, cmp := c.Attribute, c.Comparator
			rr.ComparisonAttribute, rr.Comparator, rr.ComparisonValue = &attr, &cmp, &value
		case c.Segment != "":
			if refs == nil {
				return out, fmt.Errorf("flag %q: rule %d: segment %q: no ids to resolve it", flagKey, i+1, c.Segment)
			}
			id, err := refs.SegmentID(c.Segment)
			if err != nil {
				return out, fmt.Errorf("flag %q: rule %d: %w", flagKey, i+1, err)
			}
			cmp := c.Comparator
			if cmp == "" {
				cmp = "isIn"
			}
			rr.SegmentID, rr.SegmentComparator = &id, &cmp
		default:
			return out, fmt.Errorf("flag %q: rule %d: a v1 condition is a user attribute or a segment", flagKey, i+1)
		}
		out.RolloutRules = append(out.RolloutRules, rr)
	}
	for _, p := range ev.Percentages {
		out.RolloutPercentageItems = append(out.RolloutPercentageItems, RolloutPercentageItem{Percentage: int64(p.Percent), Value: p.Serve})
	}
	return out, nil
}

// envValueFromV1 reads a v1 value into an EnvValue; list comparison values stay raw (comma-separated) in
// Condition.Value.
func envValueFromV1(sv *ConfigSettingValue, segments map[string]string) (*spec.EnvValue, error) {
	typ := spec.FlagType(sv.Setting.SettingType)
	ev := &spec.EnvValue{Default: convertTo(sv.Value, typ)}
	for i, r := range sv.RolloutRules {
		c := &spec.Condition{}
		switch {
		case r.SegmentID != nil && *r.SegmentID != "":
			name, ok := segments[*r.SegmentID]
			if !ok {
				return nil, fmt.Errorf("rule %d: unknown segment %s", i+1, *r.SegmentID)
			}
			c.Segment, c.Comparator = name, deref(r.SegmentComparator)
			if c.Comparator == "" {
				c.Comparator = "isIn"
			}
		default:
			c.Attribute, c.Comparator, c.Value = deref(r.ComparisonAttribute), deref(r.Comparator), deref(r.ComparisonValue)
		}
		v := convertTo(r.Value, typ)
		ev.Rules = append(ev.Rules, &spec.Rule{If: []*spec.Condition{c}, Serve: &v})
	}
	for _, p := range sv.RolloutPercentageItems {
		ev.Percentages = append(ev.Percentages, &spec.PercentageOption{Percent: int(p.Percentage), Serve: convertTo(p.Value, typ)})
	}
	return ev, nil
}
