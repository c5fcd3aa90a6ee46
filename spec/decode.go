package spec

// Why the loader has its own decoder rather than yaml.v3's Decode into the model: the file's author needs every
// mistake at once, each at its file:line:col with what to write instead, and Decode stops at the first, cannot
// say where a field was, and takes what it should refuse. So Load parses each file to a tree of the loader's own
// nodes (node.go) and this walks them against the model by reflection, strictly: unknown fields (with a
// suggestion), duplicate keys, keys that fold to the same name, wrong types and merge keys are errors, and
// decoding goes on after each. It records the position of every object, field and list item (positions.go) for
// the validator's messages, reads scalars one way whatever YAML tool wrote them (YAML 1.2 booleans, plain
// decimal numbers; other number forms are refused with the decimal to write), accepts the shorthands (a plain
// scalar for an object's main field), and bounds what aliases may expand to, so that a small file cannot stand
// for a huge state.
//
// Loading a large account (issue 14: 10,000 flags, 100,000 values, 9.5 MB in one file) is bounded by memory as
// much as by time, which shapes the pipeline:
//
//   - a file is read once into a buffer of its size, and parsed by the fast scanner (scan.go) when it is written
//     in the block-style subset flagsync writes, straight into 40-byte nodes whose texts are copied out of that
//     buffer once per distinct text, so that the buffer is garbage as soon as the file is parsed; anything else
//     goes to yaml.v3, whose tree is converted to the same nodes (FuzzScanner holds the two to the same tree),
//     so errors and positions do not depend on which parser read a file;
//   - the files of a load are parsed concurrently, at most GOMAXPROCS ahead, and decoded one after the other in
//     lexical order;
//   - decoding drops each subtree once it is decoded (unless aliases may point into it), so the tree shrinks as
//     the state grows; the state keeps one copy of each distinct text of a load;
//   - positions number objects (by address), names and files and pack a place into 8 bytes.

import (
	"cmp"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// maxAliasNodes bounds how many nodes one load (every file and document together) may expand to through aliases
// (*name), so that small files cannot stand for a huge state.
const maxAliasNodes = 10_000

// decoder turns YAML nodes into the model, strictly: unknown fields, duplicate keys and wrong types are errors.
type decoder struct {
	file    string
	errs    *Errors
	pos     *positions
	fileID  int32             // the file's number in pos
	scratch []byte            // for building the names of items
	release bool              // no alias points into the tree: a subtree is dropped once decoded, to free its memory early
	texts   map[string]string // the texts the state holds, shared by every file of a load
	budget  *int              // nodes left to expand through aliases, shared by every document of a load
	inAlias int               // depth of alias expansion
	field   string            // the field being decoded, for messages about its entries
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
	reflect.TypeOf(State{}):                "the top level",
	reflect.TypeOf(Product{}):              "a product",
	reflect.TypeOf(Preferences{}):          "preferences",
	reflect.TypeOf(Environment{}):          "an environment",
	reflect.TypeOf(Tag{}):                  "a tag",
	reflect.TypeOf(Segment{}):              "a segment",
	reflect.TypeOf(Config{}):               "a config",
	reflect.TypeOf(Flag{}):                 "a flag",
	reflect.TypeOf(Variation{}):            "a variation",
	reflect.TypeOf(EnvValue{}):             "an environment value",
	reflect.TypeOf(Rule{}):                 "a rule",
	reflect.TypeOf(Condition{}):            "a condition",
	reflect.TypeOf(ListItem{}):             "a list item",
	reflect.TypeOf(PercentageOption{}):     "a percentage option",
	reflect.TypeOf(Webhook{}):              "a webhook",
	reflect.TypeOf(WebhookHeader{}):        "a webhook header",
	reflect.TypeOf(PermissionGroup{}):      "a permission group",
	reflect.TypeOf(Integration{}):          "an integration",
	reflect.TypeOf(IntegrationParameter{}): "an integration parameter",
	reflect.TypeOf(Permissions{}):          "permissions",
	reflect.TypeOf(Ignore{}):               "ignore",
	reflect.TypeOf(Safety{}):               "safety",
	reflect.TypeOf(ImpactOptions{}):        "impact",
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

// structFields is what the decoder needs to know of a struct type, worked out once.
type structFields struct {
	yaml []yamlField
	pos  []int // the index of its Pos field (as reflect.Value.FieldByIndex takes it), or nil
}

var fieldCache sync.Map // reflect.Type -> structFields

// yamlFields lists the fields of struct type t that YAML carries, in declaration order.
func yamlFields(t reflect.Type) []yamlField { return fieldsOf(t).yaml }

// fieldsOf returns what the decoder needs to know of struct type t.
func fieldsOf(t reflect.Type) structFields {
	if sf, ok := fieldCache.Load(t); ok {
		return sf.(structFields)
	}
	var sf structFields
	if f, ok := t.FieldByName("Pos"); ok && f.Type == posType {
		sf.pos = f.Index
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
	sf.yaml = fs
	fieldCache.Store(t, sf)
	return sf
}

// prefix names the field being decoded, for type errors.
func (d *decoder) prefix() string {
	if d.field == "" {
		return ""
	}
	return d.field + ": "
}

func (d *decoder) at(n *node) Pos { return Pos{File: d.file, Line: int(n.line), Column: int(n.column)} }

// place is where n is, for positions.
func (d *decoder) place(n *node) place { return place{file: d.fileID, line: n.line, column: n.column} }

// recordItem records where an item or key of field of the object numbered obj was written.
func (d *decoder) recordItem(obj uint32, field string, item *node) {
	d.scratch = appendItemName(d.scratch[:0], field, item.value)
	name, ok := d.pos.names[string(d.scratch)] // no allocation when the name is known
	if !ok {
		name = d.pos.name(string(d.scratch))
	}
	d.pos.setPlace(obj, name, d.place(item))
}

func (d *decoder) errorf(n *node, format string, args ...any) {
	d.errs.add(d.at(n), "", format, args...)
}

// document decodes one YAML document, its root node (nil for a document without content), into a State.
func (d *decoder) document(n *node) *State {
	s := &State{Pos: Pos{File: d.file}}
	if n == nil || isNull(n) {
		return s
	}
	d.value(n, reflect.ValueOf(s).Elem())
	s.Pos = d.at(n)
	return s
}

func isNull(n *node) bool {
	return n.kind == scalarNode && n.tag() == "!!null" && (explicitTag(n) == "" || nullWord(n.value))
}

func (d *decoder) spend(n *node) bool {
	if d.inAlias == 0 && n.kind != aliasNode {
		return true
	}
	*d.budget--
	if *d.budget == 0 {
		d.errorf(n, "aliases expand to more than %d nodes in this load; write the values out", maxAliasNodes)
	}
	return *d.budget > 0
}

// value decodes n into v, which is addressable.
func (d *decoder) value(n *node, v reflect.Value) {
	if !d.spend(n) {
		return
	}
	if n.kind == aliasNode {
		if n.alias() == nil {
			d.errorf(n, "unknown alias %q", n.value)
			return
		}
		d.inAlias++
		defer func() { d.inAlias-- }()
		d.value(n.alias(), v)
		return
	}
	if err := tagError(n); err != nil {
		d.errorf(n, "%s%v", d.prefix(), err)
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
		d.text(n, v)
	case reflect.Bool:
		d.boolean(n, v)
	case reflect.Int:
		d.wholeNumber(n, v)
	}
}

// text decodes a text field: any scalar without a tag, or one tagged !!str, is its text as written.
func (d *decoder) text(n *node, v reflect.Value) {
	switch tag := explicitTag(n); {
	case isNull(n):
	case n.kind != scalarNode:
		d.errorf(n, "%sexpected text, found %s; write the text itself (quote it if it holds \": \" or \" #\")",
			d.prefix(), describe(n))
	case tag != "" && tag != "!!str":
		d.errorf(n, "%s%s %s is not text; remove the tag", d.prefix(), tag, n.value)
	default:
		v.SetString(d.intern(n.value))
	}
}

// boolean decodes a true-or-false field.
func (d *decoder) boolean(n *node, v reflect.Value) {
	if isNull(n) {
		return
	}
	val, ok := d.scalar(n)
	if !ok {
		return
	}
	b, isBool := val.Any().(bool)
	if !isBool {
		d.errorf(n, "%s%s is not true or false; %s", d.prefix(), describe(n), scalarFix(n, val, TypeBoolean))
		return
	}
	v.SetBool(b)
}

// wholeNumber decodes an int field (orders, percentages, safety limits): a plain decimal 32-bit number.
func (d *decoder) wholeNumber(n *node, v reflect.Value) {
	if isNull(n) {
		return
	}
	val, ok := d.scalar(n)
	if !ok {
		return
	}
	i, isWhole := val.Any().(int64)
	switch {
	case !isWhole:
		d.errorf(n, "%s%s is not a whole number; %s", d.prefix(), describe(n), scalarFix(n, val, TypeInt))
	case i < math.MinInt32 || i > math.MaxInt32:
		d.errorf(n, "%s%d does not fit 32 bits (%d to %d)", d.prefix(), i, math.MinInt32, math.MaxInt32)
	default:
		v.SetInt(i)
	}
}

// scalar reads a scalar node with readScalar; ok is false when it reported what is wrong with the node.
func (d *decoder) scalar(n *node) (val Value, ok bool) {
	if n.kind != scalarNode {
		d.errorf(n, "%sexpected a single value, found %s; write the value itself", d.prefix(), describe(n))
		return Value{}, false
	}
	val, err := readScalar(n)
	if err != nil {
		d.errorf(n, "%s%v", d.prefix(), err)
		return Value{}, false
	}
	return val, true
}

// scalarFix says how to write a scalar that read as val where a value of flagType is expected.
func scalarFix(n *node, val Value, flagType FlagType) string {
	switch {
	case explicitTag(n) == "!!str":
		return "remove the tag"
	case isText(n) && ParseScalar(n.value, false).Type() == flagType:
		return "remove the quotes"
	case flagType == TypeBoolean:
		return "write true or false"
	case val.Type() == TypeDouble:
		return "write a whole number"
	}
	return "write a whole number, such as 42"
}

func (d *decoder) flagValue(n *node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.kind != scalarNode {
		d.errorf(n, "%sa flag value must be true, false, a number or text, found %s; write a single value "+
			"(quote text that holds \": \")", d.prefix(), describe(n))
		return
	}
	if val, ok := d.scalar(n); ok {
		if text, ok := val.Any().(string); ok {
			val = StringValue(d.intern(text))
		}
		v.Set(reflect.ValueOf(val))
	}
}

// describe names what a node is, for "expected X, found Y" messages.
func describe(n *node) string {
	switch n.kind {
	case mappingNode:
		return "a mapping"
	case sequenceNode:
		return "a list"
	case scalarNode:
		if n.tag() == "!!null" {
			return "nothing"
		}
		v := n.value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// fitsObject reports whether n (not an alias: value resolves those first) can be decoded into struct type t: a
// mapping, or a scalar shorthand.
func fitsObject(n *node, t reflect.Type) bool {
	_, short := shorthands[t]
	return n.kind == mappingNode || short && n.kind == scalarNode && !isNull(n)
}

// object decodes a mapping (or a scalar shorthand) into struct v.
func (d *decoder) object(n *node, v reflect.Value) {
	t := v.Type()
	sf := fieldsOf(t)
	if sf.pos != nil {
		*v.FieldByIndex(sf.pos).Addr().Interface().(*Pos) = d.at(n) // without boxing a Pos
	}
	id := d.pos.object(v.Addr().UnsafePointer())
	fields := sf.yaml
	if n.kind == scalarNode && !isNull(n) {
		if short, ok := shorthands[t]; ok {
			for _, f := range fields {
				if f.name == short {
					d.pos.setPlace(id, d.pos.name(f.name), d.place(n))
					d.value(n, v.Field(f.index))
				}
			}
			return
		}
	}
	if n.kind != mappingNode {
		d.errorf(n, "%sexpected %s (a mapping), found %s; write its fields as name: value lines", d.prefix(),
			kindName(t), describe(n))
		return
	}
	seen := seenKeys{}
	kids := n.kids()
	for i := 0; i+1 < len(kids); i += 2 {
		k, val := &kids[i], &kids[i+1]
		if k.kind != scalarNode {
			d.errorf(k, "expected a field name, found %s; write name: value", describe(k))
			continue
		}
		if err := tagError(k); err != nil {
			d.errorf(k, "%v", err)
			continue
		}
		if k.tag() == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported; repeat the fields or use an alias for the whole value")
			continue
		}
		if prev := seen.find(k.value); prev != nil {
			d.errorf(k, "field %q is set twice (first at line %d)", k.value, prev.line)
			continue
		}
		seen.add(k)
		f, ok := findField(fields, k.value)
		if !ok {
			d.errorf(k, "unknown field %q in %s%s", k.value, kindName(t), suggest(fields, k.value))
			continue
		}
		d.pos.setPlace(id, d.pos.name(f.name), d.place(val))
		d.field = f.name
		d.value(val, v.Field(f.index))
		d.recordItems(id, f.name, val, v.Field(f.index).Kind())
		d.done(val)
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
func (d *decoder) list(n *node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.kind != sequenceNode {
		d.errorf(n, "%sexpected a list, found %s; write each item on its own line after \"- \", or as [a, b]",
			d.prefix(), describe(n))
		return
	}
	et := v.Type().Elem()
	kids := n.kids()
	out := reflect.MakeSlice(v.Type(), 0, len(kids))
	field := d.field
	for i := range kids {
		item := &kids[i]
		d.field = field
		if isNull(item) && et.Kind() == reflect.Pointer {
			d.errorf(item, "empty list item; remove the lone dash or fill it in")
			continue
		}
		e := reflect.New(et).Elem()
		before := len(*d.errs)
		d.value(item, e)
		d.done(item)
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
func (d *decoder) mapping(n *node, v reflect.Value) {
	if isNull(n) {
		return
	}
	if n.kind != mappingNode {
		d.errorf(n, "%sexpected a mapping of names, found %s; write name: value lines", d.prefix(), describe(n))
		return
	}
	t := v.Type()
	field := d.field
	kids := n.kids()
	m := reflect.MakeMapWithSize(t, len(kids)/2)
	seen := seenKeys{fold: true}
	for i := 0; i+1 < len(kids); i += 2 {
		k, val := &kids[i], &kids[i+1]
		if k.kind != scalarNode || isNull(k) {
			d.errorf(k, "%s: expected a name, found %s; write the name as text", field, describe(k))
			continue
		}
		if tag := explicitTag(k); tag != "" && tag != "!!str" {
			d.errorf(k, "%s: %s %s is not a name; remove the tag", field, showTag(tag), k.value)
			continue
		}
		if prev := seen.find(k.value); prev != nil {
			d.errorf(k, "%s: %q is listed twice (also at line %d); names are compared case-insensitively", field,
				k.value, prev.line)
			continue
		}
		seen.add(k)
		if isNull(val) {
			d.errorf(val, "%s: %q has no value", field, k.value)
			continue
		}
		e := reflect.New(t.Elem()).Elem()
		d.field = field + "." + k.value
		before := len(*d.errs)
		d.value(val, e)
		d.done(val)
		if e.Kind() == reflect.Pointer && e.IsNil() || e.Kind() != reflect.Pointer && len(*d.errs) > before {
			continue // not decoded; the error is reported
		}
		m.SetMapIndex(reflect.ValueOf(d.intern(k.value)), e)
	}
	if m.Len() > 0 {
		v.Set(m)
	}
}

// seenKeys finds where a key of one mapping was first written. Most mappings are small (an object's fields, a
// flag's environments): their keys are looked for among the earlier ones, without a map to allocate.
type seenKeys struct {
	fold  bool // keys that fold alike (Key) are the same
	small [16]*node
	n     int
	index map[string]*node // once there are more keys than small holds
}

// key is how a key is compared.
func (s *seenKeys) key(k string) string {
	if s.fold {
		return Key(k)
	}
	return k
}

// find returns the first key written as k (folded alike, with fold), or nil.
func (s *seenKeys) find(k string) *node {
	if s.index != nil {
		return s.index[s.key(k)]
	}
	for _, prev := range s.small[:s.n] {
		if prev.value == k || s.fold && Same(prev.value, k) {
			return prev
		}
	}
	return nil
}

// add records a key that find did not find.
func (s *seenKeys) add(k *node) {
	if s.index == nil && s.n < len(s.small) {
		s.small[s.n] = k
		s.n++
		return
	}
	if s.index == nil {
		s.index = make(map[string]*node, 2*len(s.small))
		for _, prev := range s.small[:s.n] {
			s.index[s.key(prev.value)] = prev
		}
	}
	s.index[s.key(k.value)] = k
}

// recordItems remembers where each key of a mapping field and each item of a list-of-names field was written.
func (d *decoder) recordItems(obj uint32, field string, n *node, kind reflect.Kind) {
	for n.kind == aliasNode && n.alias() != nil {
		n = n.alias()
	}
	switch {
	case n.kind == mappingNode && kind == reflect.Map:
		kids := n.kids()
		for j := 0; j+1 < len(kids); j += 2 {
			d.recordItem(obj, field, &kids[j])
		}
	case n.kind == sequenceNode && kind == reflect.Slice:
		kids := n.kids()
		for i := range kids {
			if item := &kids[i]; item.kind == scalarNode {
				d.recordItem(obj, field, item)
			}
		}
	}
}

// intern returns text as the state keeps it: one copy per distinct text in a load. The parsers' texts are
// already copies of their own, never a part of the file's memory (see parseYAML), so they are kept as they are.
func (d *decoder) intern(text string) string {
	if t, ok := d.texts[text]; ok {
		return t
	}
	d.texts[text] = text
	return text
}

// done drops what n holds once it is decoded (when nothing else may point into it): the tree of a large file
// then shrinks as the state it stands for grows.
func (d *decoder) done(n *node) {
	if d.release && n.style&taggedStyle == 0 { // a tag rides on the children (see node)
		n.setKids(nil)
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
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(compareKeys(a, b), strings.Compare(a, b)) })
	return keys
}
