package configcat

import (
	"bytes"
	"encoding/json"
)

// withoutNulls is a request body whose JSON leaves out every object member that is null. The value and formula
// models are shared with the emulator (package wire), which emits every slot of an answer, null included; a
// request sends only the slots it sets, as ConfigCat's own clients do, so the client drops the nulls instead of
// keeping a second, omitempty copy of those models. Members keep their order and bytes; arrays keep their nulls.
type withoutNulls struct{ body any }

// MarshalJSON encodes the body and copies it without its null members.
func (w withoutNulls) MarshalJSON() ([]byte, error) {
	raw, err := json.Marshal(w.body)
	if err != nil {
		return nil, err
	}
	return dropNullMembers(raw), nil
}

// dropNullMembers copies raw, compact JSON as encoding/json writes it, without the object members whose value
// is null. In compact JSON a string followed by a colon is a key, so one pass over the bytes finds them.
func dropNullMembers(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		if raw[i] != '"' {
			out = append(out, raw[i])
			i++
			continue
		}
		end := stringEnd(raw, i)
		if end < len(raw) && raw[end] == ':' && isNullMemberValue(raw[end+1:]) {
			i = end + 1 + len("null")
			if n := len(out); out[n-1] == ',' {
				out = out[:n-1] // a later member: drop the comma before it
			} else if raw[i] == ',' {
				i++ // the first member: drop the comma after it
			}
			continue
		}
		out = append(out, raw[i:end]...)
		i = end
	}
	return out
}

// stringEnd is the index just past the closing quote of the JSON string that opens at raw[start].
func stringEnd(raw []byte, start int) int {
	i := start + 1
	for raw[i] != '"' {
		if raw[i] == '\\' {
			i++
		}
		i++
	}
	return i + 1
}

// isNullMemberValue reports whether b, what follows a key's colon, is null and the member's end.
func isNullMemberValue(b []byte) bool {
	return bytes.HasPrefix(b, []byte("null")) && len(b) > 4 && (b[4] == ',' || b[4] == '}')
}
