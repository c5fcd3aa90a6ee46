package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// stateFile is the JSON document SaveState writes and LoadState reads (docs/emulator-state.md): the format
// name, and the store, whose version and organization lead it.
type stateFile struct {
	Format string `json:"format"`
	// LegacyOrganizationID is where version 1 kept the organization's id; version 2 has "organization".
	LegacyOrganizationID string `json:"organizationId,omitempty"`
	*store
}

const stateFormat = "flagsync-emulator-state"

// SaveState writes the whole state as JSON.
func (s *Server) SaveState(w io.Writer) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(stateFile{Format: stateFormat, store: s.st}); err != nil {
		return fmt.Errorf("saving emulator state: %w", err)
	}
	return nil
}

// LoadState replaces the whole state with a state file: one SaveState wrote, an older version of one, or one
// written by hand to seed an account (docs/emulator-state.md). The file sets the organization and every id;
// what it leaves out is filled as the API would have made it. A file that is not valid changes nothing, and
// the error says where and what is wrong.
func (s *Server) LoadState(r io.Reader) error {
	st, err := s.readState(r)
	if err != nil {
		return fmt.Errorf("loading emulator state: %w", err)
	}
	s.mu.Lock()
	s.st = st
	s.gen++
	s.meta++
	s.mu.Unlock()
	return nil
}

// readState decodes the state file r. A regular file is decoded as it is read, not from a copy of it in memory
// (the state of a large account is close to 100 MB, and the decoder buffers it once more), and read again only
// to say where an error is.
func (s *Server) readState(r io.Reader) (*store, error) {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			start, err := f.Seek(0, io.SeekCurrent)
			if err != nil {
				return nil, err
			}
			src := &failedRead{r: f}
			st, err := s.decodeState(src, func() []byte {
				data, _ := io.ReadAll(io.NewSectionReader(f, start, fi.Size()-start))
				return data
			})
			if src.err != nil {
				return nil, src.err // the file could not be read: no position to give
			}
			return st, err
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return s.decodeState(bytes.NewReader(data), func() []byte { return data })
}

// failedRead is a reader that keeps the error of a failed read.
type failedRead struct {
	r   io.Reader
	err error
}

func (f *failedRead) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err != nil && err != io.EOF {
		f.err = err
	}
	return n, err
}

// decodeState parses, upgrades, checks and completes a state file read from src; text is the whole file, for
// the position of a syntax or type error.
func (s *Server) decodeState(src io.Reader, text func() []byte) (*store, error) {
	f := stateFile{store: newStore(organization{})}
	if err := decodeMembers(json.NewDecoder(src), &f); err != nil {
		// decoded again as a whole, so that the error says where and what exactly as encoding/json words it
		whole := text()
		f = stateFile{store: newStore(organization{})}
		dec := json.NewDecoder(bytes.NewReader(whole))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return nil, jsonError(whole, dec, err)
		}
		return nil, fmt.Errorf("%w (docs/emulator-state.md describes the format)", err)
	}
	if f.Format != stateFormat {
		return nil, fmt.Errorf(`"format" is %q, want %q`, f.Format, stateFormat)
	}
	switch f.Version {
	case 1:
		f.Organization = organization{ID: f.LegacyOrganizationID, Name: s.b.OrganizationName}
	case stateVersion:
		if f.LegacyOrganizationID != "" {
			return nil, errors.New(`version 2 sets the organization in "organization": {"id", "name"}, not "organizationId"`)
		}
	default:
		return nil, fmt.Errorf(`"version" %d is not supported: this emulator reads versions 1 and %d`, f.Version, stateVersion)
	}
	f.Version = stateVersion
	if err := s.seed(f.store); err != nil {
		return nil, err
	}
	return f.store, nil
}

// decodeMembers decodes the state file's top-level object into f one member at a time, and the two that grow
// with the account (values and auditLog) one item at a time, as dec.Decode(f) would (unknown fields refused).
// Decoding the whole object at once would first read all of it into the decoder's buffer: for a large account
// that buffer, grown by doubling, is several times the store it decodes to.
func decodeMembers(dec *json.Decoder, f *stateFile) error {
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := key.(string)
		switch {
		case strings.EqualFold(name, "values"):
			err = decodeMap(dec, &f.Values)
		case strings.EqualFold(name, "auditLog"):
			err = decodeSlice(dec, &f.AuditLog)
		default:
			err = decodeMember(dec, name, f)
		}
		if err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

// decodeMember decodes the member named name, its value next in dec, into f as a one-member object.
func decodeMember(dec *json.Decoder, name string, f *stateFile) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	quoted, err := json.Marshal(name)
	if err != nil {
		return err
	}
	member := make([]byte, 0, len(quoted)+len(raw)+3)
	member = append(append(append(append(append(member, '{'), quoted...), ':'), raw...), '}')
	one := json.NewDecoder(bytes.NewReader(member))
	one.DisallowUnknownFields()
	return one.Decode(f)
}

// decodeMap decodes the object next in dec into *m, one member at a time; null sets no map.
func decodeMap[V any](dec *json.Decoder, m *map[string]V) error {
	if isNull, err := openValue(dec, '{'); err != nil || isNull {
		if isNull {
			*m = nil
		}
		return err
	}
	if *m == nil {
		*m = map[string]V{}
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		var v V
		if err := dec.Decode(&v); err != nil {
			return err
		}
		(*m)[key.(string)] = v
	}
	return expectDelim(dec, '}')
}

// decodeSlice decodes the array next in dec into *list, one item at a time; null sets no slice.
func decodeSlice[V any](dec *json.Decoder, list *[]V) error {
	if isNull, err := openValue(dec, '['); err != nil || isNull {
		if isNull {
			*list = nil
		}
		return err
	}
	*list = make([]V, 0, len(*list)) // as encoding/json: [] is an empty list, not none
	for dec.More() {
		var v V
		if err := dec.Decode(&v); err != nil {
			return err
		}
		*list = append(*list, v)
	}
	return expectDelim(dec, ']')
}

// openValue reads the first token of the next value of dec: the delimiter open, or null.
func openValue(dec *json.Decoder, open json.Delim) (isNull bool, err error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return tok == nil && err == nil, err
	}
	if tok != open {
		return false, fmt.Errorf("want %q, found %v", open, tok)
	}
	return false, nil
}

// expectDelim reads the next token of dec, which must be the delimiter want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != want {
		return fmt.Errorf("want %q, found %v", want, tok)
	}
	return nil
}

// jsonError turns a decoding error into one that says where (line:col) and what.
func jsonError(data []byte, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset - 1 // Offset counts the offending byte
	case errors.As(err, &typ):
		offset = typ.Offset - 1
		err = fmt.Errorf("%q must be %s, not a JSON %s", strings.TrimPrefix(typ.Field, "store."), typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return errors.New("the file is empty: want a JSON object (docs/emulator-state.md)")
	}
	line, col := lineCol(data, offset)
	return fmt.Errorf("%d:%d: %w (docs/emulator-state.md describes the format)", line, col, err)
}

// lineCol is the 1-based line and column of a byte offset.
func lineCol(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
