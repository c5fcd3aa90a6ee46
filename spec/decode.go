package spec

import (
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// positions records where fields were declared, so that an error points at the field rather than at the object
// holding it. Keys are the object (a pointer) and the field's YAML name; list items and map entries add
// ":" and the folded item or key.
type positions map[posKey]Pos

type posKey struct {
	obj   any
	field string
}

// at returns where field of obj was declared, or obj's own position.
func (ps positions) at(obj any, field string) Pos {
	if p, ok := ps[posKey{obj, field}]; ok {
		return p
	}
	return posOf(obj)
}

// maxAliasNodes bounds how many nodes a document may expand to through aliases (*name), so that a small file
// cannot stand for a huge state.
const maxAliasNodes = 10_000

// decoder turns YAML nodes into the model, strictly: unknown fields, duplicate keys and wrong types are errors.
type decoder struct {
	file    string
	errs    *Errors
	pos     positions
	budget  int    // nodes left to expand through aliases
	inAlias int    // depth of alias expansion
	field   string // the field being decoded, for messages about its entries
}

var (
	valueType = reflect.TypeOf(Value{})
	posType   = reflect.TypeOf(Pos{})
)

// shorthands names, per type, the field a plain scalar stands for: `Production: true` is an environment value
// with just a default, `- "@acme.com"` a list item without hint, `- Staging` an environment or tag by name.
var shorthands = map[reflect.Type]string{
	reflect.TypeOf(EnvValue{}):    "default",
	reflect.TypeOf(ListItem{}):    "value",
	reflect.TypeOf(Environment{}): "name",
	reflect.TypeOf(Tag{}):         "name",
}

// kindNames are what people call the model's types in messages.
var kindNames = map[reflect.Type]string{
	reflect.TypeOf(State{}):            "the top level",
	reflect.TypeOf(Product{}):          "a product",
	reflect.TypeOf(Preferences{}):      "preferences",
	reflect.TypeOf(Environment{}):      "an environment",
	reflect.TypeOf(Tag{}):              "a tag",
	reflect.TypeOf(Segment{}):          "a segment",
	reflect.TypeOf(Config{}):           "a config",
	reflect.TypeOf(Flag{}):             "a flag",
	reflect.TypeOf(Variation{}):        "a variation",
	reflect.TypeOf(EnvValue{}):         "an environment value",
	reflect.TypeOf(Rule{}):             "a rule",
	reflect.TypeOf(Condition{}):        "a condition",
	reflect.TypeOf(ListItem{}):         "a list item",
	reflect.TypeOf(PercentageOption{}): "a percentage option",
	reflect.TypeOf(Webhook{}):          "a webhook",
	reflect.TypeOf(WebhookHeader{}):    "a webhook header",
	reflect.TypeOf(PermissionGroup{}):  "a permission group",
	reflect.TypeOf(Permissions{}):      "permissions",
	reflect.TypeOf(Ignore{}):           "ignore",
	reflect.TypeOf(Safety{}):           "safety",
}

func kindName(t reflect.Type) string {
	if n, ok := kindNames[t]; ok {
		return n
	}
	return t.Name()
}

// yamlField is a struct field as it appears in YAML.
type yamlField struct {
	name     string
	index    int
	required bool
}

var fieldCache sync.Map // reflect.Type -> []yamlField

// yamlFields lists the fields of struct type t that YAML carries, in declaration order.
func yamlFields(t reflect.Type) []yamlField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]yamlField)
	}
	var fs []yamlField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name[:1]) + f.Name[1:]
		}
		fs = append(fs, yamlField{name: name, index: i, required: !strings.Contains(opts, "omitempty")})
	}
	fieldCache.Store(t, fs)
	return fs
}

// prefix names the field being decoded, for type errors.
func (d *decoder) prefix() string {
	if d.field == "" {
		return ""
	}
	return d.field + ": "
}

func (d *decoder) at(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Column: n.Column} }

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errs.add(d.at(n), "", format, args...)
}

// document decodes one YAML document into a State.
func (d *decoder) document(n *yaml.Node) *State {
	s := &State{Pos: Pos{File: d.file}}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return s
		}
		n = n.Content[0]
	}
	if isNull(n) {
		return s
	}
	d.value(n, reflect.ValueOf(s).Elem())
	s.Pos = d.at(n)
	return s
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (d *decoder) spend(n *yaml.Node) bool {
	if d.inAlias == 0 && n.Kind != yaml.AliasNode {
		return true
	}
	d.budget--
	if d.budget == 0 {
		d.errorf(n, "aliases expand to more than %d nodes; write the values out", maxAliasNodes)
	}
	return d.budget > 0
}

// value decodes n into v, which is addressable.
func (d *decoder) value(n *yaml.Node, v reflect.Value) {
	if !d.spend(n) {
		return
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			d.errorf(n, "unknown alias %q", n.Value)
			return
		}
		d.inAlias++
		defer func() { d.inAlias-- }()
		d.value(n.Alias, v)
		return
	}
	t := v.Type()
	switch {
	case t == valueType:
		d.flagValue(n, v)
		return
	case t == posType:
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(t.Elem())
		if p.Elem().Kind() == reflect.Struct && p.Elem().Type() != valueType && !fitsObject(n, p.Elem().Type()) {
			d.object(n, p.Elem()) // reports the error; an object that is not one is left out
			return
		}
		d.value(n, p.Elem())
		v.Set(p)
	case reflect.Struct:
		d.object(n, v)
	case reflect.Slice:
		d.list(n, v)
	case reflect.Map:
		d.mapping(n, v)
	case reflect.String:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, "%sexpected text, found %s", d.prefix(), describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if isNull(n) {
			return
		}
		b, ok := ParseScalar(n.Value, quoted(n)).Any().(bool)
		if n.Kind != yaml.ScalarNode || !ok {
			d.errorf(n, "%sexpected true or false, found %s", d.prefix(), describe(n))
			return
		}
		v.SetBool(b)
	case reflect.Int:
		if isNull(n) {
			return
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.errorf(n, "%sexpected a whole number (32-bit), found %s", d.prefix(), describe(n))
			return
		}
		v.SetInt(i)
	}
}

// quoted reports whether a scalar was written as text on purpose: quoted, or tagged !!str.
func quoted(n *yaml.Node) bool {
	return n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 ||
		n.Tag == "!!str" && n.Style&yaml.TaggedStyle != 0
}

func (d *decoder) flagValue(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%sa flag value must be true, false, a number or text, found %s", d.prefix(), describe(n))
		return
	}
	v.Set(reflect.ValueOf(ParseScalar(n.Value, quoted(n))))
}

// describe names what a node is, for "expected X, found Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// fitsObject reports whether n (not an alias: value resolves those first) can be decoded into struct type t: a
// mapping, or a scalar shorthand.
func fitsObject(n *yaml.Node, t reflect.Type) bool {
	_, short := shorthands[t]
	return n.Kind == yaml.MappingNode || short && n.Kind == yaml.ScalarNode && !isNull(n)
}

// object decodes a mapping (or a scalar shorthand) into struct v.
func (d *decoder) object(n *yaml.Node, v reflect.Value) {
	t := v.Type()
	if pf := v.FieldByName("Pos"); pf.IsValid() && pf.Type() == posType {
		pf.Set(reflect.ValueOf(d.at(n)))
	}
	obj := v.Addr().Interface()
	fields := yamlFields(t)
	if n.Kind == yaml.ScalarNode && !isNull(n) {
		if short, ok := shorthands[t]; ok {
			for _, f := range fields {
				if f.name == short {
					d.pos[posKey{obj, f.name}] = d.at(n)
					d.value(n, v.Field(f.index))
				}
			}
			return
		}
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%sexpected %s (a mapping), found %s", d.prefix(), kindName(t), describe(n))
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "expected a field name, found %s", describe(k))
			continue
		}
		if k.Tag == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported; repeat the fields or use an alias for the whole value")
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errorf(k, "field %q is set twice (first at line %d)", k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		f, ok := findField(fields, k.Value)
		if !ok {
			d.errorf(k, "unknown field %q in %s%s", k.Value, kindName(t), suggest(fields, k.Value))
			continue
		}
		d.pos[posKey{obj, f.name}] = d.at(val)
		d.field = f.name
		d.value(val, v.Field(f.index))
		d.recordItems(obj, f.name, val, v.Field(f.index).Kind())
	}
}

func findField(fs []yamlField, name string) (yamlField, bool) {
	for _, f := range fs {
		if f.name == name {
			return f, true
		}
	}
	return yamlField{}, false
}

// suggest proposes the field a misspelt name was meant to be, or lists the fields there are.
func suggest(fs []yamlField, name string) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
		if strings.EqualFold(f.name, name) {
			return "; did you mean " + strconv.Quote(f.name) + "?"
		}
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}

// list decodes a sequence into slice v.
func (d *decoder) list(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%sexpected a list, found %s", d.prefix(), describe(n))
		return
	}
	et := v.Type().Elem()
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	field := d.field
	for _, item := range n.Content {
		d.field = field
		if isNull(item) && et.Kind() == reflect.Pointer {
			d.errorf(item, "empty list item; remove the lone dash or fill it in")
			continue
		}
		e := reflect.New(et).Elem()
		before := len(*d.errs)
		d.value(item, e)
		if et.Kind() == reflect.Pointer && e.IsNil() || et.Kind() != reflect.Pointer && len(*d.errs) > before {
			continue // not decoded; the error is reported
		}
		out = reflect.Append(out, e)
	}
	if out.Len() > 0 {
		v.Set(out)
	}
}

// mapping decodes a mapping into map v; keys are names, unique case-insensitively.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%sexpected a mapping of names, found %s", d.prefix(), describe(n))
		return
	}
	t := v.Type()
	field := d.field
	m := reflect.MakeMapWithSize(t, len(n.Content)/2)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || isNull(k) {
			d.errorf(k, "expected a name, found %s", describe(k))
			continue
		}
		if prev, dup := seen[Key(k.Value)]; dup {
			d.errorf(k, "%s: %q is listed twice (also at line %d); names are compared case-insensitively", field,
				k.Value, prev.Line)
			continue
		}
		seen[Key(k.Value)] = k
		if isNull(val) {
			d.errorf(val, "%s: %q has no value", field, k.Value)
			continue
		}
		e := reflect.New(t.Elem()).Elem()
		d.field = field + "." + k.Value
		before := len(*d.errs)
		d.value(val, e)
		if e.Kind() == reflect.Pointer && e.IsNil() || e.Kind() != reflect.Pointer && len(*d.errs) > before {
			continue // not decoded; the error is reported
		}
		m.SetMapIndex(reflect.ValueOf(k.Value), e)
	}
	if m.Len() > 0 {
		v.Set(m)
	}
}

// recordItems remembers where each key of a mapping field and each item of a list-of-names field was written.
func (d *decoder) recordItems(obj any, field string, n *yaml.Node, kind reflect.Kind) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case n.Kind == yaml.MappingNode && kind == reflect.Map:
		for j := 0; j+1 < len(n.Content); j += 2 {
			d.pos[posKey{obj, field + ":" + Key(n.Content[j].Value)}] = d.at(n.Content[j])
		}
	case n.Kind == yaml.SequenceNode && kind == reflect.Slice:
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode {
				d.pos[posKey{obj, field + ":" + Key(item.Value)}] = d.at(item)
			}
		}
	}
}

// posOf returns the position an object of the model was declared at: its Pos field, if it has one.
func posOf(obj any) Pos {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return Pos{}
	}
	if f := v.Elem().FieldByName("Pos"); f.IsValid() && f.Type() == posType {
		return f.Interface().(Pos)
	}
	return Pos{}
}

// sortedKeys returns a map's keys sorted case-insensitively, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if Key(keys[i]) != Key(keys[j]) {
			return Key(keys[i]) < Key(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}
