package configcat

import (
	"encoding/hex"
	"slices"
)

// Versions are a flag's v2 lastVersionId values by environment (the spec.Key of its name). A large account
// has one per flag and environment (100,000 in issue 14's), so they are kept compactly: a short list rather
// than a map per flag (a map[string]string of ten costs 670 bytes presized, 960 grown, before its strings:
// measured with runtime.MemStats on Go 1.26), and an id written as a UUID, as ConfigCat writes them, in its
// 16 bytes rather than as 36 characters of text. The zero value holds none.
type Versions struct {
	entries []versionEntry
}

// versionEntry is one environment's last version id: uuid when the id is a UUID in its canonical form
// (lower-case, so that it is written back exactly as read), text otherwise.
type versionEntry struct {
	env  string
	uuid [16]byte
	text string
}

// makeVersions returns Versions with room for n environments.
func makeVersions(n int) Versions { return Versions{entries: make([]versionEntry, 0, n)} }

// Get returns the last version id of environment env (a spec.Key), or "".
func (v Versions) Get(env string) string {
	for i := range v.entries {
		if e := &v.entries[i]; e.env == env {
			return e.id()
		}
	}
	return ""
}

// set records id as the last version id of environment env (a spec.Key).
func (v *Versions) set(env, id string) {
	e := versionEntry{env: env}
	if u, ok := parseUUID(id); ok {
		e.uuid = u
	} else {
		e.text = id
	}
	for i := range v.entries {
		if v.entries[i].env == env {
			v.entries[i] = e
			return
		}
	}
	v.entries = append(v.entries, e)
}

// clone returns a copy of v that shares nothing with it.
func (v Versions) clone() Versions { return Versions{entries: slices.Clone(v.entries)} }

func (e *versionEntry) id() string {
	if e.text != "" || e.uuid == ([16]byte{}) {
		return e.text
	}
	return formatUUID(e.uuid)
}

// uuidDashes are the offsets of the dashes in a UUID's canonical text.
var uuidDashes = [4]int{8, 13, 18, 23}

// parseUUID reads a UUID written as formatUUID writes it (36 characters, lower-case hexadecimal and dashes); ok
// is false for anything else, so that every id read this way is written back as it was.
func parseUUID(s string) (u [16]byte, ok bool) {
	if len(s) != 36 {
		return u, false
	}
	digits := make([]byte, 0, 32)
	at := 0
	for _, d := range uuidDashes {
		if s[d] != '-' {
			return u, false
		}
		digits = append(digits, s[at:d]...)
		at = d + 1
	}
	digits = append(digits, s[at:]...)
	for _, c := range digits {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return u, false
		}
	}
	if _, err := hex.Decode(u[:], digits); err != nil {
		return u, false
	}
	return u, u != [16]byte{} // the zero UUID stands for "no UUID" in versionEntry
}

// formatUUID writes u in the canonical form: 8-4-4-4-12 lower-case hexadecimal digits.
func formatUUID(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:36], u[10:16])
	for _, d := range uuidDashes {
		b[d] = '-'
	}
	return string(b[:])
}
