package spec

import (
	"encoding/json"
	"reflect"
	"sort"
)

// SchemaID is the JSON Schema's $id.
const SchemaID = "https://flagsync.dev/schema/flagsync.schema.json"

// Schema returns a JSON Schema (draft 2020-12) of the YAML format, generated from the model's types so that it
// cannot drift from the loader: every field with its description, enumerations and limits, required fields,
// no unknown fields, and the shorthands (a plain value for an environment, a string for a list item, an
// environment or a tag). Editors use it through `# yaml-language-server: $schema=<path or URL>`.
func Schema() []byte {
	g := &schemaGen{defs: map[string]any{}}
	root := g.ref(reflect.TypeOf(State{}))
	doc := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         SchemaID,
		"title":       "flagsync desired state",
		"description": "ConfigCat products, configs, flags and their values, as flagsync syncs them.",
		"$ref":        root["$ref"],
		"$defs":       g.defs,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("spec: schema: " + err.Error()) // the document is built from maps, strings and numbers only
	}
	return append(b, '\n')
}

type schemaGen struct{ defs map[string]any }

// ref returns a reference to the definition of struct type t, defining it on first use.
func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name := t.Name()
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range yamlFields(t) {
		key := t.Name() + "." + f.name
		s := g.field(t.Field(f.index).Type, key)
		if doc, ok := fieldDocs[key]; ok {
			s["description"] = doc
		}
		props[f.name] = s
		if f.required {
			required = append(required, f.name)
		}
	}
	if t == reflect.TypeOf(Condition{}) {
		return conditionSchema(props)
	}
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		sort.Strings(required)
		obj["required"] = required
	}
	if doc, ok := typeDocs[t.Name()]; ok {
		obj["description"] = doc
	}
	if short, ok := shorthands[t]; ok {
		f, _ := findField(yamlFields(t), short)
		scalar := g.field(t.Field(f.index).Type, t.Name()+"."+short)
		scalar["description"] = "Shorthand for {" + short + ": ...}."
		return map[string]any{"oneOf": []any{scalar, obj}, "description": obj["description"]}
	}
	return obj
}

// conditionKinds are the three kinds of condition: their fields, the first of which is required.
var conditionKinds = []struct {
	title  string
	fields []string
}{
	{"user condition", []string{"attribute", "comparator", "value", "values"}},
	{"segment condition", []string{"segment", "comparator"}},
	{"prerequisite flag condition", []string{"flag", "equals", "doesNotEqual"}},
}

// conditionSchema is one of the three kinds of condition, so that editors flag a mix of them.
func conditionSchema(props map[string]any) map[string]any {
	var kinds []any
	for _, k := range conditionKinds {
		sub := map[string]any{}
		for _, f := range k.fields {
			sub[f] = props[f]
		}
		kinds = append(kinds, map[string]any{"title": k.title, "type": "object", "properties": sub,
			"required": []string{k.fields[0]}, "additionalProperties": false})
	}
	return map[string]any{"description": typeDocs["Condition"], "oneOf": kinds}
}

// field returns the schema of a field's type; key (Type.field) selects enumerations and limits.
func (g *schemaGen) field(t reflect.Type, key string) map[string]any {
	if t == valueType {
		return map[string]any{"type": []any{"boolean", "string", "number"}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.field(t.Elem(), key)
	case reflect.Struct:
		return g.ref(t)
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.field(t.Elem(), key+"[]")}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.field(t.Elem(), key+"[]")}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int:
		s := map[string]any{"type": "integer"}
		if r, ok := fieldRanges[key]; ok {
			s["minimum"], s["maximum"] = r[0], r[1]
		}
		return s
	}
	s := map[string]any{"type": "string"}
	if key == "Condition.value" || key == "Segment.value" {
		s["type"] = []any{"string", "number"} // number and dateTime comparators compare with numbers
	}
	if e, ok := fieldEnums[key]; ok {
		s["enum"] = e
	}
	if p, ok := fieldPatterns[key]; ok {
		s["pattern"] = p
	}
	if r, ok := fieldRanges[key]; ok {
		s["minLength"], s["maxLength"] = r[0], r[1]
	}
	return s
}
