package spec

import (
	"reflect"
	"testing"
)

// TestPositionsKeepEveryPlace checks that positions return what was recorded, exactly, for places that pack and
// for places too large to (long lines, many files), and that a later record of a field replaces the earlier.
func TestPositionsKeepEveryPlace(t *testing.T) {
	ps := newPositions()
	type obj struct{ Pos Pos }
	a, b := &obj{}, &obj{Pos: Pos{File: "b.yaml", Line: 7, Column: 1}}
	for i := range 5000 { // more files than a packed place can number
		ps.file("f" + string(rune('a'+i%26)) + string(rune('0'+i/26%10)) + string(rune('0'+i/260)))
	}
	cases := []Pos{{"x.yaml", 1, 1}, {"x.yaml", 3, 1 << 20}, {"x.yaml", 1<<31 - 1, 5}, {"fz9", 2, 3},
		{"y.yaml", 0, 0}, {"x.yaml", 12, (1 << 20) - 1}}
	for i, p := range cases {
		field := "f" + string(rune('a'+i))
		ps.set(a, field, p)
		if got := ps.at(a, field); got != p {
			t.Errorf("recorded %v, got %v", p, got)
		}
	}
	ps.set(a, "fa", Pos{File: "z.yaml", Line: 9, Column: 9})
	if got := ps.at(a, "fa"); got != (Pos{File: "z.yaml", Line: 9, Column: 9}) {
		t.Errorf("a second record of a field: got %v", got)
	}
	if got := ps.at(b, "fa"); got != b.Pos {
		t.Errorf("an object without records: got %v, want its own position %v", got, b.Pos)
	}
	if ps.has(b, "fa") || !ps.has(a, "fb") {
		t.Errorf("has is wrong")
	}
	var none *positions
	if got := none.at(b, "x"); got != b.Pos || none.has(b, "x") {
		t.Errorf("nil positions: got %v", got)
	}
}

// TestPositionsManyRecords checks records across several blocks of entries, on many objects and on one object
// with many items.
func TestPositionsManyRecords(t *testing.T) {
	ps := newPositions()
	type obj struct{ n int }
	objs := make([]*obj, 3*entryBlock)
	list := &obj{}
	for i := range objs {
		objs[i] = &obj{i}
		ps.set(objs[i], "name", Pos{File: "a.yaml", Line: i + 1, Column: 3})
		ps.set(list, "values:"+string(rune('a'+i%26))+string(rune('0'+i/26%10))+string(rune('0'+i/260)),
			Pos{File: "b.yaml", Line: i + 1, Column: 5})
	}
	for i, o := range objs {
		if got := ps.at(o, "name"); got != (Pos{File: "a.yaml", Line: i + 1, Column: 3}) {
			t.Fatalf("object %d: %v", i, got)
		}
	}
	for i := range objs { // one long chain on one object
		name := "values:" + string(rune('a'+i%26)) + string(rune('0'+i/26%10)) + string(rune('0'+i/260))
		if got := ps.at(list, name); got.Line != i+1 {
			t.Fatalf("item %s: %v, want line %d", name, got, i+1)
		}
	}
}

// TestObjectsHaveTheirOwnAddress checks the model against what positions assume when they number objects by
// address: no struct the decoder records (every struct reachable from State but Value and Pos) starts with
// another such struct, which would share its address and its positions.
func TestObjectsHaveTheirOwnAddress(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(typ.Elem())
			return
		case reflect.Struct:
		default:
			return
		}
		if !recordedObject(typ) || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Offset == 0 && f.Type.Kind() == reflect.Struct && recordedObject(f.Type) {
				t.Errorf("%s starts with %s, a struct the decoder records too: they would share positions",
					typ, f.Type)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(State{}))
	if len(seen) < 10 {
		t.Fatalf("walked only %d struct types of the model", len(seen))
	}
}

// recordedObject reports whether the decoder records positions for structs of type typ.
func recordedObject(typ reflect.Type) bool {
	return typ.Kind() == reflect.Struct && typ != valueType && typ != posType
}
