package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

func (v *validator) config(s *State, p *Product, c *Config, envs []string) {
	path := p.Name + "/" + c.Name
	what := fmt.Sprintf("config %q", c.Name)
	v.name(c, "name", path, "a config", c.Name, MaxNameLength)
	v.length(c, "description", path, what, c.Description, 0, MaxDescriptionLength)
	v.length(c, "renamedFrom", path, what, c.RenamedFrom, 0, MaxNameLength)
	v.order(c, path, what, c.Order)
	v.optionalOneOf(c, "evaluationVersion", path, what, string(c.EvaluationVersion), EvaluationVersions)
	v.valueOwner(c, path, what, c.ValueOwner)
	v.checkIgnored(c, "name", path, "config", c.Name, ignoreLists(s, p, func(ig *Ignore) []string { return ig.Configs }))
	flagLists := ignoreLists(s, p, func(ig *Ignore) []string { return ig.Flags })
	var items []named
	for _, f := range c.Flags {
		if f == nil {
			v.errs.add(c.Pos, path, "a flag is nil")
			continue
		}
		fv := flagCheck{validator: v, p: p, c: c, f: f, envs: envs, path: path + "/" + f.Key,
			what: fmt.Sprintf("flag %q", f.Key), v1: c.EvaluationVersion == EvaluationV1}
		fv.flag()
		v.checkIgnored(f, "key", fv.path, "flag", f.Key, flagLists)
		items = append(items, named{f, f.Key, f.RenamedFrom, fv.path})
	}
	v.unique("flag", "key", items)
	v.cycles(c, path)
}

// flagCheck validates one flag in its product and config.
type flagCheck struct {
	*validator
	p    *Product
	c    *Config
	f    *Flag
	envs []string
	path string
	what string
	v1   bool
}

// flag checks the flag's own fields, then, when its type is known, its tags, variations and values.
func (fc *flagCheck) flag() {
	fc.key()
	fc.describing()
	if !fc.knownType() {
		return // values cannot be checked against a missing or unknown type
	}
	fc.tags()
	fc.variations()
	fc.values()
}

// key checks the flag's key and the key it was renamed from.
func (fc *flagCheck) key() {
	f := fc.f
	switch {
	case f.Key == "":
		fc.errorf(f, "key", fc.path, "a flag has no key; add key:")
	case fc.asciiKey(f, "key", fc.path, fc.what, "key", f.Key):
	case len(f.Key) > MaxNameLength || !flagKeyPattern.MatchString(f.Key):
		fc.errorf(f, "key", fc.path, "%s: a key starts with a letter and has only letters, digits, _ and - (at most "+
			"%d characters)", fc.what, MaxNameLength)
	}
	fc.length(f, "renamedFrom", fc.path, fc.what, f.RenamedFrom, 0, MaxNameLength)
	if f.RenamedFrom != "" && !fc.asciiKey(f, "renamedFrom", fc.path, fc.what, "renamedFrom", f.RenamedFrom) &&
		!flagKeyPattern.MatchString(f.RenamedFrom) {
		fc.errorf(f, "renamedFrom", fc.path, "%s: renamedFrom %q is not a flag key", fc.what, f.RenamedFrom)
	}
}

// describing checks the name, value owner, hint and order.
func (fc *flagCheck) describing() {
	f := fc.f
	fc.name(f, "name", fc.path, fc.what, f.Name, MaxNameLength)
	fc.valueOwner(f, fc.path, fc.what, f.ValueOwner)
	fc.length(f, "hint", fc.path, fc.what, f.Hint, 0, MaxDescriptionLength)
	if fc.p.Preferences != nil && fc.p.Preferences.MandatorySettingHint && strings.TrimSpace(f.Hint) == "" {
		// ConfigCat keeps flags created before the preference was turned on; it refuses only creating or
		// changing one without a hint.
		fc.warnf(f, "key", fc.path, "%s has no hint, and product %q requires one (preferences.mandatorySettingHint): "+
			"ConfigCat refuses to create or change the flag without one; add hint:", fc.what, fc.p.Name)
	}
	fc.order(f, fc.path, fc.what, f.Order)
}

// knownType checks the type (and isJson, which only a string flag takes) and reports whether it is known.
func (fc *flagCheck) knownType() bool {
	f := fc.f
	if f.Type == "" {
		fc.errorf(f, "key", fc.path, "%s has no type; add type: boolean, string, int or double", fc.what)
		return false
	}
	if !f.Type.Known() {
		fc.errorf(f, "type", fc.path, "%s: type %q is not one of boolean, string, int, double", fc.what, f.Type)
		return false
	}
	if f.IsJSON && f.Type != TypeString {
		fc.errorf(f, "isJson", fc.path, "%s: isJson applies only to string flags", fc.what)
	}
	return true
}

// tags checks that every tag the flag names is the product's.
func (fc *flagCheck) tags() {
	for _, t := range fc.f.Tags {
		if fc.p.Tag(t) == nil {
			fc.errorf(fc.f, "tags:"+Key(t), fc.path, "%s: unknown tag %q%s", fc.what, t, known(names(fc.p.Tags, tagName)))
		}
	}
}

// values checks the value for every environment, and that each environment has one.
func (fc *flagCheck) values() {
	f := fc.f
	if f.Value != nil {
		fc.value(f, "value", fc.path, *f.Value)
	}
	for _, env := range sortedKeys(f.Values) {
		if fc.p.Environment(env) == nil {
			fc.errorf(f, "environments:"+Key(env), fc.path, "%s: unknown environment %q%s", fc.what, env, known(fc.envs))
			continue
		}
		if ev := f.Values[env]; ev != nil {
			fc.envValue(env, ev)
		}
	}
	if f.Value != nil {
		return
	}
	for _, e := range fc.envs {
		if e != "" && valueFor(f.Values, e) == nil {
			fc.errorf(f, "environments", fc.path, "%s has no value for environment %q; add it under environments, or "+
				"set value: for every environment not listed", fc.what, e)
		}
	}
}

func valueFor(m map[string]*EnvValue, env string) *EnvValue {
	for k, ev := range m {
		if Same(k, env) {
			return ev
		}
	}
	return nil
}

func (fc *flagCheck) variations() {
	seen := map[Value]*Variation{}
	for _, va := range fc.f.Variations {
		if va == nil {
			fc.errorf(fc.f, "variations", fc.path, "%s: a variation is nil", fc.what)
			continue
		}
		what := fc.what + ": variation " + va.Value.String()
		v, err := va.Value.Convert(fc.f.Type)
		if err != nil {
			fc.errorf(va, "value", fc.path, "%s: variation %v", fc.what, err)
			continue
		}
		fc.length(va, "name", fc.path, what, va.Name, 0, MaxNameLength)
		fc.length(va, "hint", fc.path, what, va.Hint, 0, MaxDescriptionLength)
		if first, dup := seen[v]; dup {
			fc.errorf(va, "value", fc.path, "%s: variation %s is declared twice%s; variation values are unique",
				fc.what, v, where(first.Pos))
		}
		seen[v] = va
	}
}

// value checks a value served by the flag: its type, length, JSON-ness and membership of the variations.
func (fc *flagCheck) value(obj any, field, path string, val Value) {
	f := fc.f
	v, err := val.Convert(f.Type)
	if err != nil {
		fc.errorf(obj, field, path, "%s: %v", fc.what, err)
		return
	}
	switch x := v.Any().(type) {
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			fc.errorf(obj, field, path, "%s: %s is not a finite number", fc.what, v)
		}
	case string:
		if n := len([]rune(x)); n > MaxStringValueLength {
			fc.errorf(obj, field, path, "%s: the value is %d characters long; ConfigCat allows %d", fc.what, n,
				MaxStringValueLength)
		}
		if f.IsJSON && !json.Valid([]byte(x)) {
			fc.errorf(obj, field, path, "%s: %s is not valid JSON, and the flag has isJson: true", fc.what, v)
		}
	}
	if len(f.Variations) > 0 && !fc.isVariation(v) {
		fc.errorf(obj, field, path, "%s: %s is not one of the flag's variations (%s)", fc.what, v, fc.variationList())
	}
}

func (fc *flagCheck) isVariation(v Value) bool {
	for _, va := range fc.f.Variations {
		if va == nil {
			continue
		}
		if c, err := va.Value.Convert(fc.f.Type); err == nil && c.Equal(v) {
			return true
		}
	}
	return false
}

func (fc *flagCheck) variationList() string {
	var out []string
	for _, va := range fc.f.Variations {
		if va != nil {
			out = append(out, va.Value.String())
		}
	}
	return strings.Join(out, ", ")
}

func (fc *flagCheck) envValue(env string, ev *EnvValue) {
	path := fc.path + "/" + env
	// An entry Normalize folded from the value shorthand has no position of its own: report at the shorthand,
	// whose position the decoder kept.
	obj, field := any(ev), "default"
	if fc.pos.has(fc.f, "value") && ev.Pos.IsZero() {
		obj, field = fc.f, "value"
	}
	if !ev.Default.IsSet() {
		fc.errorf(obj, field, path, "%s: environment %q needs a default", fc.what, env)
	} else {
		fc.value(obj, field, path, ev.Default)
	}
	fc.length(ev, "percentageAttribute", path, fc.what, ev.PercentageAttribute, 0, MaxAttributeLength)
	if fc.v1 && ev.PercentageAttribute != "" {
		fc.errorf(ev, "percentageAttribute", path, "%s: v1 configs have no percentageAttribute; percentages always "+
			"use the Identifier", fc.what)
	}
	for i, r := range ev.Rules {
		if r == nil {
			fc.errorf(ev, "rules", path, "%s: %s rule %d is nil", fc.what, env, i+1)
			continue
		}
		fc.rule(path, fmt.Sprintf("%s: %s rule %d", fc.what, env, i+1), r)
	}
	if len(ev.Percentages) > 0 {
		fc.percentages(ev, "percentages", path, fc.what+": "+env, ev.Percentages)
	}
}

func (fc *flagCheck) rule(path, what string, r *Rule) {
	switch {
	case fc.v1 && len(r.If) != 1:
		fc.errorf(r, "if", path, "%s: a v1 rule has exactly one condition, this one has %d", what, len(r.If))
	case len(r.If) == 0:
		fc.errorf(r, "if", path, "%s: a rule needs at least one condition under if; percentages for everyone go "+
			"under the environment's percentages", what)
	}
	switch {
	case fc.v1 && len(r.Percentages) > 0:
		fc.errorf(r, "percentages", path, "%s: v1 rules serve a value; percentage options go under the "+
			"environment's percentages", what)
	case r.Serve != nil && len(r.Percentages) > 0:
		fc.errorf(r, "serve", path, "%s: a rule has serve or percentages, not both", what)
	case r.Serve == nil && len(r.Percentages) == 0:
		fc.errorf(r, "if", path, "%s: a rule needs serve: (a value) or percentages:", what)
	case r.Serve != nil:
		fc.value(r, "serve", path, *r.Serve)
	default:
		fc.percentages(r, "percentages", path, what, r.Percentages)
	}
	for i, c := range r.If {
		if c == nil {
			fc.errorf(r, "if", path, "%s condition %d is nil", what, i+1)
			continue
		}
		fc.condition(path, fmt.Sprintf("%s condition %d", what, i+1), c)
	}
}

func (fc *flagCheck) percentages(obj any, field, path, what string, opts []*PercentageOption) {
	sum := 0
	distinct := map[Value]bool{}
	for _, o := range opts {
		if o == nil {
			fc.errorf(obj, field, path, "%s: a percentage option is nil", what)
			continue
		}
		if o.Percent < 0 || o.Percent > 100 {
			fc.errorf(o, "percent", path, "%s: percent %d is not between 0 and 100", what, o.Percent)
		}
		sum += o.Percent
		if !o.Serve.IsSet() {
			fc.errorf(o, "serve", path, "%s: a percentage option needs serve:", what)
			continue
		}
		fc.value(o, "serve", path, o.Serve)
		distinct[o.Serve] = true
	}
	if sum != 100 {
		fc.errorf(obj, field, path, "%s: percentages add up to %d, not 100", what, sum)
	}
	if fc.f.Type == TypeBoolean && (len(opts) != 2 || len(distinct) != 2) {
		fc.errorf(obj, field, path, "%s: a boolean flag splits users in exactly two options, one serving true and "+
			"one false", what)
	}
}

func (fc *flagCheck) condition(path, what string, c *Condition) {
	kinds := 0
	for _, set := range []bool{c.Attribute != "", c.Segment != "", c.Flag != ""} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		fc.errorf(c, "", path, "%s: a condition needs attribute:, segment: or flag:", what)
	case kinds > 1:
		fc.errorf(c, "", path, "%s: a condition has one of attribute:, segment: and flag:; write two conditions "+
			"(they are ANDed)", what)
	case c.Segment != "":
		fc.segmentCondition(path, what, c)
	case c.Flag != "":
		fc.prerequisite(path, what, c)
	case fc.v1:
		fc.legacyCondition(path, what, c)
	default:
		fc.userCondition(path, what, c)
	}
}

func (fc *flagCheck) segmentCondition(path, what string, c *Condition) {
	if fc.p.Segment(c.Segment) == nil {
		fc.errorf(c, "segment", path, "%s: unknown segment %q%s", what, c.Segment, known(names(fc.p.Segments, segName)))
	}
	fc.optionalOneOf(c, "comparator", path, what, c.Comparator, SegmentComparators)
	if c.Value != "" || len(c.Values) > 0 || c.Equals != nil || c.DoesNotEqual != nil {
		fc.errorf(c, "segment", path, "%s: a segment condition takes only segment: and comparator: (isIn or isNotIn)",
			what)
	}
}

func (fc *flagCheck) prerequisite(path, what string, c *Condition) {
	if fc.v1 {
		fc.errorf(c, "flag", path, "%s: v1 configs have no prerequisite flag conditions", what)
		return
	}
	if c.Comparator != "" || c.Value != "" || len(c.Values) > 0 {
		fc.errorf(c, "flag", path, "%s: a prerequisite condition takes flag: and equals: or doesNotEqual:", what)
	}
	var val *Value
	field := "equals"
	switch {
	case c.Equals != nil && c.DoesNotEqual != nil:
		fc.errorf(c, "equals", path, "%s: set equals or doesNotEqual, not both", what)
		return
	case c.Equals != nil:
		val = c.Equals
	case c.DoesNotEqual != nil:
		val, field = c.DoesNotEqual, "doesNotEqual"
	default:
		fc.errorf(c, "flag", path, "%s: a prerequisite condition needs equals: or doesNotEqual:", what)
		return
	}
	pre := fc.c.Flag(c.Flag)
	switch {
	case pre == nil:
		fc.errorf(c, "flag", path, "%s: unknown prerequisite flag %q in config %q; a prerequisite must be in the "+
			"same config", what, c.Flag, fc.c.Name)
	case pre == fc.f:
		fc.errorf(c, "flag", path, "%s: a flag cannot be its own prerequisite", what)
	case pre.Type.Known():
		v, err := val.Convert(pre.Type)
		if err != nil {
			fc.errorf(c, field, path, "%s: prerequisite %q is %s flag: %v", what, pre.Key, article(pre.Type), err)
			return
		}
		other := &flagCheck{f: pre}
		if len(pre.Variations) > 0 && !other.isVariation(v) {
			fc.errorf(c, field, path, "%s: %s is not one of the variations of prerequisite %q (%s)", what, v, pre.Key,
				other.variationList())
		}
	}
}

func (fc *flagCheck) legacyCondition(path, what string, c *Condition) {
	fc.name(c, "attribute", path, what, c.Attribute, MaxAttributeLength)
	if len(c.Values) > 0 {
		fc.errorf(c, "values", path, "%s: v1 conditions take one value: (lists comma-separated), not values:", what)
		return
	}
	k := legacyComparatorKind(c.Comparator)
	if k == "" {
		fc.errorf(c, "comparator", path, "%s: comparator %q is not a v1 comparator; use one of %s", what,
			c.Comparator, strings.Join(LegacyComparators, ", "))
		return
	}
	fc.legacyValue(c, path, what, c.Comparator, k, c.Value, "this rule never matches")
}

func (fc *flagCheck) userCondition(path, what string, c *Condition) {
	fc.name(c, "attribute", path, what, c.Attribute, MaxAttributeLength)
	if c.Equals != nil || c.DoesNotEqual != nil {
		fc.errorf(c, "attribute", path, "%s: equals and doesNotEqual belong to prerequisite flag conditions", what)
	}
	k := userComparatorKind(c.Comparator)
	switch {
	case k == "":
		fc.errorf(c, "comparator", path, "%s: comparator %q is not a v2 comparator; use one of %s", what,
			c.Comparator, strings.Join(UserComparators, ", "))
	case k == compareList:
		fc.listValue(path, what, c)
	case c.Value == "" || len(c.Values) > 0:
		fc.errorf(c, "comparator", path, "%s: %s compares with one value; write value:, not values:", what, c.Comparator)
	default:
		fc.length(c, "value", path, what, c.Value, 1, MaxComparisonValueLength)
		switch k {
		case compareNumber:
			if !isNumber(c.Value) {
				fc.errorf(c, "value", path, "%s: %s compares with a number, not %q", what, c.Comparator, c.Value)
			}
		case compareDate:
			if !isNumber(c.Value) {
				fc.errorf(c, "value", path, "%s: %s compares with a time: Unix seconds or RFC 3339 such as "+
					"2025-01-31T00:00:00Z, not %q", what, c.Comparator, c.Value)
			}
		case compareSemVer:
			if !isSemVer(c.Value) {
				fc.warnf(c, "value", path, "%s: %q is not a semantic version such as 1.2.3, so this rule never "+
					"matches; fix the version", what, c.Value)
			}
		}
	}
}

func (fc *flagCheck) listValue(path, what string, c *Condition) {
	if len(c.Values) == 0 || c.Value != "" {
		fc.errorf(c, "comparator", path, "%s: %s compares with a list; write values: [...]", what, c.Comparator)
		return
	}
	semVer := c.Comparator == "semVerIsOneOf" || c.Comparator == "semVerIsNotOneOf"
	total := 0
	for i := range c.Values {
		it := &c.Values[i]
		total += len([]rune(it.Value)) + 1
		switch {
		case it.Value == "":
			fc.warnf(c, "values", path, "%s: list item %d is empty, and %s; remove it", what, i+1,
				emptyItemEffect(c.Comparator))
		case semVer && strings.TrimSpace(it.Value) == "":
			fc.warnf(c, "values", path, "%s: list item %d is blank, and %s; remove it", what, i+1,
				emptyItemEffect(c.Comparator))
		case semVer && !isSemVer(it.Value):
			fc.warnf(c, "values", path, "%s: %q is not a semantic version such as 1.2.3, and SDKs skip a list "+
				"holding one, so this rule never matches; fix or remove it", what, it.Value)
		}
		if n := len([]rune(it.Hint)); n > MaxListItemHintLength {
			fc.errorf(c, "values", path, "%s: the hint of list item %d is %d characters long; ConfigCat allows %d",
				what, i+1, n, MaxListItemHintLength)
		}
	}
	if total-1 > MaxComparisonValueLength {
		fc.errorf(c, "values", path, "%s: the list is %d characters long; ConfigCat allows %d", what, total-1,
			MaxComparisonValueLength)
	}
}

// isNumber reports whether s is a number a v2 comparison value can hold (ConfigCat stores a double).
func isNumber(s string) bool {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

// emptyItemEffect says what an empty item of a v2 list does in ConfigCat's SDKs.
func emptyItemEffect(comparator string) string {
	switch {
	case strings.HasPrefix(comparator, "semVer"):
		return "SDKs skip it: it never matches"
	case strings.Contains(comparator, "ontain") && !strings.Contains(comparator, "rray"),
		strings.Contains(comparator, "StartsWith"), strings.Contains(comparator, "EndsWith"):
		return "every value contains, starts and ends with empty text, so it matches every user (none for the " +
			"not and does-not comparators)"
	}
	return "it stands only for an empty attribute value"
}

// cycles reports prerequisite chains that lead back to where they started.
func (v *validator) cycles(c *Config, path string) {
	deps := map[string][]*Condition{}
	for _, f := range c.Flags {
		if f == nil {
			continue
		}
		for _, env := range sortedKeys(f.Values) {
			if ev := f.Values[env]; ev != nil {
				for _, r := range ev.Rules {
					if r == nil {
						continue
					}
					for _, cd := range r.If {
						if cd != nil && cd.Flag != "" && c.Flag(cd.Flag) != nil && !Same(cd.Flag, f.Key) {
							deps[Key(f.Key)] = append(deps[Key(f.Key)], cd)
						}
					}
				}
			}
		}
	}
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(key string)
	visit = func(key string) {
		state[key] = active
		stack = append(stack, key)
		for _, cd := range deps[key] {
			next := Key(cd.Flag)
			switch state[next] {
			case active:
				chain := []string{c.Flag(key).Key}
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i] == next {
						for _, k := range stack[i:] {
							chain = append(chain, c.Flag(k).Key)
						}
						break
					}
				}
				v.errorf(cd, "flag", path, "flag %q: prerequisites form a cycle: %s", c.Flag(key).Key,
					strings.Join(chain, " ➔ "))
			case unseen:
				visit(next)
			}
		}
		stack = stack[:len(stack)-1]
		state[key] = done
	}
	for _, f := range c.Flags {
		if f != nil && state[Key(f.Key)] == unseen {
			visit(Key(f.Key))
		}
	}
}
