package configcat

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// withoutNulls is a request body whose JSON leaves out every object member that is null. The value and formula
// models are shared with the emulator (package wire), which emits every slot of an answer, null included; a
// request sends only the slots it sets, as ConfigCat's own clients do, so the client drops the nulls instead of
// keeping a second, omitempty copy of those models. Members are kept in their order; arrays keep their nulls.
type withoutNulls struct{ body any }

// MarshalJSON encodes the body and copies it without its null members.
func (w withoutNulls) MarshalJSON() ([]byte, error) {
	raw, err := json.Marshal(w.body)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	out.Grow(len(raw))
	if err := copyNextWithoutNulls(dec, &out); err != nil {
		return nil, fmt.Errorf("dropping the nulls of a request body: %w", err)
	}
	return out.Bytes(), nil
}

// copyNextWithoutNulls copies the next JSON value of dec to out, leaving out the null members of its objects.
func copyNextWithoutNulls(dec *json.Decoder, out *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	return copyWithoutNulls(dec, tok, out)
}

// copyWithoutNulls copies the JSON value that starts with tok, the rest of it read from dec.
func copyWithoutNulls(dec *json.Decoder, tok json.Token, out *bytes.Buffer) error {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return copyObjectWithoutNulls(dec, out)
		}
		return copyArrayWithoutNulls(dec, out)
	case nil:
		out.WriteString("null")
	case json.Number:
		out.WriteString(t.String())
	default: // a string or a bool: encoded as json.Marshal encoded it
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		out.Write(b)
	}
	return nil
}

func copyObjectWithoutNulls(dec *json.Decoder, out *bytes.Buffer) error {
	out.WriteByte('{')
	first := true
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		value, err := dec.Token()
		if err != nil {
			return err
		}
		if value == nil {
			continue
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		k, err := json.Marshal(key)
		if err != nil {
			return err
		}
		out.Write(k)
		out.WriteByte(':')
		if err := copyWithoutNulls(dec, value, out); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	out.WriteByte('}')
	return err
}

func copyArrayWithoutNulls(dec *json.Decoder, out *bytes.Buffer) error {
	out.WriteByte('[')
	for i := 0; dec.More(); i++ {
		if i > 0 {
			out.WriteByte(',')
		}
		if err := copyNextWithoutNulls(dec, out); err != nil {
			return err
		}
	}
	_, err := dec.Token() // ']'
	out.WriteByte(']')
	return err
}
