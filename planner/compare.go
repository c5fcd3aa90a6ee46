package planner

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/flagsync/flagsync/spec"
)

// cmpOpts compares normalized model values: positions are ignored, nil and empty slices and maps are equal, and
// flag values compare by type and value.
var cmpOpts = cmp.Options{
	cmpopts.IgnoreTypes(spec.Pos{}),
	cmpopts.EquateEmpty(),
	cmp.Comparer(func(a, b spec.Value) bool { return a.Equal(b) }),
	// references to segments and prerequisite flags name them case-insensitively
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && p.Index(-2).Type() == reflect.TypeOf(spec.Condition{}) && (sf.Name() == "Segment" || sf.Name() == "Flag")
	}, cmp.Comparer(spec.Same)),
}

// refFields are fields that list names of other objects (tags, environments), compared case-insensitively.
var refFields = map[string]bool{
	"tags": true, "reasonRequiredEnvironments": true, "approveRequiredEnvironments": true,
	"environmentAccess": true, "environmentApprovalPermissions": true,
}

func equal(a, b any) bool { return cmp.Equal(a, b, cmpOpts) }

// diffFields compares two snapshots of the same struct type field by field and returns the fields that differ,
// by their JSON name. Fields named in skip are not compared, nor is an Order the desired side leaves unset
// (nil leaves the order to ConfigCat).
func diffFields(before, after any, skip ...string) []Field {
	bv := reflect.ValueOf(before).Elem()
	av := reflect.ValueOf(after).Elem()
	t := bv.Type()
	var out []Field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" || slices.Contains(skip, name) {
			continue
		}
		b, a := bv.Field(i), av.Field(i)
		if name == "order" && a.IsNil() {
			continue
		}
		if equal(b.Interface(), a.Interface()) || refFields[name] && equal(foldRefs(b), foldRefs(a)) {
			continue
		}
		out = append(out, Field{Name: name, Before: fieldJSON(b), After: fieldJSON(a)})
	}
	return out
}

// fieldJSON returns a field's value as JSON, or nil when it is unset or empty, so that null and empty read alike.
func fieldJSON(v reflect.Value) json.RawMessage {
	switch {
	case v.Kind() == reflect.Bool:
		// false is a value worth showing, not an absence
	case v.IsZero(), (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0:
		return nil
	}
	b, err := json.Marshal(v.Interface())
	if err != nil || string(b) == "null" || string(b) == "{}" {
		return nil
	}
	return b
}

// foldRefs returns a list or map of names with every name folded.
func foldRefs(v reflect.Value) any {
	switch x := v.Interface().(type) {
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = spec.Key(s)
		}
		return out
	case map[string]string:
		out := make(map[string]string, len(x))
		for k, s := range x {
			out[spec.Key(k)] = s
		}
		return out
	}
	return v.Interface()
}
