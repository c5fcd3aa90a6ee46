package contract

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// undocumentedFields lists the fields of a JSON answer that its schema does not name: a server that echoes
// more than the spec's model leads clients to depend on what ConfigCat never sends. Objects whose schema
// allows additional properties (maps) and schemas that choose between alternatives (oneOf, anyOf) are
// not looked into.
func undocumentedFields(schema *openapi3.SchemaRef, body []byte) []string {
	var v any
	if schema == nil || json.Unmarshal(body, &v) != nil {
		return nil
	}
	var out []string
	walkFields(schema.Value, v, "", &out)
	slices.Sort(out)
	return out
}

func walkFields(s *openapi3.Schema, v any, at string, out *[]string) {
	if s == nil || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return
	}
	switch v := v.(type) {
	case []any:
		if s.Items == nil {
			return
		}
		for i, item := range v {
			walkFields(s.Items.Value, item, fmt.Sprintf("%s/%d", at, i), out)
		}
	case map[string]any:
		props, open := objectProperties(s)
		for name, item := range v {
			p, ok := props[name]
			switch {
			case ok:
				walkFields(p, item, at+"/"+name, out)
			case !open:
				*out = append(*out, at+"/"+name)
			}
		}
	}
}

// objectProperties merges the properties of s and of its allOf parts; open reports whether the object may
// have properties its schema does not name.
func objectProperties(s *openapi3.Schema) (props map[string]*openapi3.Schema, open bool) {
	props = map[string]*openapi3.Schema{}
	var merge func(s *openapi3.Schema)
	merge = func(s *openapi3.Schema) {
		if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has || s.AdditionalProperties.Schema != nil {
			open = true
		}
		for name, p := range s.Properties {
			props[name] = p.Value
		}
		for _, part := range s.AllOf {
			merge(part.Value)
		}
	}
	merge(s)
	// an object schema naming no property is free-form
	if len(props) == 0 {
		open = true
	}
	return props, open
}
