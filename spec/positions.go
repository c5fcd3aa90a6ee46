package spec

import (
	"reflect"
	"unicode/utf8"
	"unsafe"
)

// positions records where fields were declared, so that an error points at the field rather than at the object
// holding it. A field is named by its YAML name; list items and map entries add ":" and the folded item or key.
//
// A large account records about four positions per flag value, so the table is compact and cheap to fill:
// objects, field names and files are numbered once, a position is packed into 8 bytes, and each object's
// positions are a chain through one append-only slice, newest first (so a field recorded again reads as the
// last record). Filling it is an append, not a hash-table insert; the chains are short, as an object has few
// fields, and only a list with many items looked up one by one (in errors) walks a long one. A nil *positions
// knows nothing (states that were not loaded from YAML).
//
// Objects are numbered by address, not as interface values: a key of 8 bytes instead of 16 makes the table a
// third smaller, and hashing it is cheaper. Two objects of the model never share an address, as no struct the
// decoder records starts with a struct it records too (TestObjectsHaveTheirOwnAddress holds the model to that).
type positions struct {
	objects map[unsafe.Pointer]uint32 // the objects with a recorded field (kept alive by the table, so never reused)
	heads   []int32                   // by object number: its newest entry, or -1
	entries [][]posEntry              // every record, oldest first, in blocks of entryBlock (growing never copies)
	large   map[int32]place           // by entry: the places too large to pack, marked unpacked in entries
	names   map[string]uint32         // field names
	files   []string
	fileIDs map[string]int32
}

// entryBlock is how many records a block of positions.entries holds.
const entryBlock = 4096

// posEntry is one record: a field (or item) name's number, the object's previous record, and the packed place.
type posEntry struct {
	name   uint32
	next   int32
	packed uint64
}

// place is a Pos with its file numbered.
type place struct{ file, line, column int32 }

// A packed place holds the line in its high 32 bits, then the column in 20 bits and the file in 12; a place
// that does not fit is kept in positions.large and packed as unpacked.
const (
	columnBits = 20
	fileBits   = 12
	unpacked   = ^uint64(0)
)

// pack packs p, or returns false when it does not fit.
func (p place) pack() (uint64, bool) {
	if p.line < 0 || p.column < 0 || p.file < 0 || uint64(p.line) >= 1<<32-1 || p.column >= 1<<columnBits ||
		p.file >= 1<<fileBits {
		return 0, false
	}
	return uint64(p.line)<<32 | uint64(p.column)<<fileBits | uint64(p.file), true
}

func unpack(v uint64) place {
	return place{line: int32(v >> 32), column: int32(v >> fileBits & (1<<columnBits - 1)),
		file: int32(v & (1<<fileBits - 1))}
}

func newPositions() *positions {
	return &positions{objects: map[unsafe.Pointer]uint32{}, names: map[string]uint32{}, fileIDs: map[string]int32{},
		large: map[int32]place{}}
}

// object returns the number of the object at address obj, numbering it if it has none.
func (ps *positions) object(obj unsafe.Pointer) uint32 {
	id, ok := ps.objects[obj]
	if !ok {
		id = uint32(len(ps.heads))
		ps.objects[obj] = id
		ps.heads = append(ps.heads, -1)
	}
	return id
}

// name returns a field name's number, numbering it if it has none.
func (ps *positions) name(field string) uint32 {
	id, ok := ps.names[field]
	if !ok {
		id = uint32(len(ps.names))
		ps.names[field] = id
	}
	return id
}

// file returns a file's number, numbering it if it has none.
func (ps *positions) file(name string) int32 {
	id, ok := ps.fileIDs[name]
	if !ok {
		id = int32(len(ps.files))
		ps.fileIDs[name] = id
		ps.files = append(ps.files, name)
	}
	return id
}

// place converts p to a place.
func (ps *positions) place(p Pos) place {
	return place{file: ps.file(p.File), line: int32(p.Line), column: int32(p.Column)}
}

// setPlace records where the field numbered name of the object numbered obj was declared.
func (ps *positions) setPlace(obj, name uint32, p place) {
	if len(ps.entries) == 0 || len(ps.entries[len(ps.entries)-1]) == entryBlock {
		ps.entries = append(ps.entries, make([]posEntry, 0, entryBlock))
	}
	last := &ps.entries[len(ps.entries)-1]
	i := int32((len(ps.entries)-1)*entryBlock + len(*last))
	packed, ok := p.pack()
	if !ok {
		packed = unpacked
		ps.large[i] = p
	}
	*last = append(*last, posEntry{name: name, next: ps.heads[obj], packed: packed})
	ps.heads[obj] = i
}

// set records where field of obj, a pointer to an object, was declared.
func (ps *positions) set(obj any, field string, p Pos) {
	addr, ok := addressOf(obj)
	if !ok {
		return // not an object of the model: positions are recorded only for those
	}
	ps.setPlace(ps.object(addr), ps.name(field), ps.place(p))
}

// addressOf returns the address obj points to, or false when obj is not a non-nil pointer.
func addressOf(obj any) (unsafe.Pointer, bool) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil, false
	}
	return v.UnsafePointer(), true
}

// lookup returns where field of obj was declared, if that was recorded.
func (ps *positions) lookup(obj any, field string) (Pos, bool) {
	if ps == nil {
		return Pos{}, false
	}
	addr, ok := addressOf(obj)
	if !ok {
		return Pos{}, false
	}
	id, ok := ps.objects[addr]
	if !ok {
		return Pos{}, false
	}
	name, ok := ps.names[field]
	if !ok {
		return Pos{}, false
	}
	for i := ps.heads[id]; i >= 0; {
		e := ps.entries[i/entryBlock][i%entryBlock]
		if e.name == name {
			p := ps.large[i]
			if e.packed != unpacked {
				p = unpack(e.packed)
			}
			return Pos{File: ps.files[p.file], Line: int(p.line), Column: int(p.column)}, true
		}
		i = e.next
	}
	return Pos{}, false
}

// has reports whether where field of obj was declared is recorded.
func (ps *positions) has(obj any, field string) bool {
	_, ok := ps.lookup(obj, field)
	return ok
}

// at returns where field of obj was declared, or obj's own position.
func (ps *positions) at(obj any, field string) Pos {
	if p, ok := ps.lookup(obj, field); ok {
		return p
	}
	return posOf(obj)
}

// appendItemName appends the name under which an item or key of field is recorded: field, ":" and the folded
// item (as Key folds it), without allocating for ASCII.
func appendItemName(buf []byte, field, item string) []byte {
	buf = append(append(buf, field...), ':')
	for i := 0; i < len(item); i++ {
		c := item[i]
		if c >= utf8.RuneSelf {
			return append(buf[:len(field)+1], Key(item)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
