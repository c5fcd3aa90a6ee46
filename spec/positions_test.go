package spec

import "testing"

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
