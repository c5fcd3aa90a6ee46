package emulator

import (
	"encoding/json"
	"fmt"
	"io"
)

// stateFile is the JSON document SaveState writes: the format version, the organization it belongs to, and
// the store.
type stateFile struct {
	Format         string `json:"format"`
	OrganizationID string `json:"organizationId"`
	*store
}

const stateFormat = "flagsync-emulator-state"

// SaveState writes the whole state as JSON.
func (s *Server) SaveState(w io.Writer) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(stateFile{Format: stateFormat, OrganizationID: s.b.OrganizationID, store: s.st}); err != nil {
		return fmt.Errorf("saving emulator state: %w", err)
	}
	return nil
}

// LoadState replaces the whole state with one SaveState wrote.
func (s *Server) LoadState(r io.Reader) error {
	f := stateFile{store: newStore()}
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return fmt.Errorf("loading emulator state: %w", err)
	}
	if f.Format != stateFormat {
		return fmt.Errorf("loading emulator state: format %q is not %q", f.Format, stateFormat)
	}
	if f.Version != stateVersion {
		return fmt.Errorf("loading emulator state: version %d is not supported (want %d)", f.Version, stateVersion)
	}
	if f.OrganizationID != s.b.OrganizationID {
		return fmt.Errorf("loading emulator state: organization %q differs from the emulator's %q", f.OrganizationID, s.b.OrganizationID)
	}
	f.store.fill()
	s.mu.Lock()
	s.st = f.store
	s.gen++
	s.meta++
	s.mu.Unlock()
	return nil
}

// ensureMap makes *m an empty map when it is nil.
func ensureMap[M ~map[K]V, K comparable, V any](m *M) {
	if *m == nil {
		*m = M{}
	}
}

// fill replaces nil maps a hand-edited or older file may lack.
func (st *store) fill() {
	ensureMap(&st.Products)
	ensureMap(&st.Configs)
	ensureMap(&st.Environments)
	ensureMap(&st.Tags)
	ensureMap(&st.Segments)
	ensureMap(&st.Settings)
	ensureMap(&st.Deleted)
	ensureMap(&st.Values)
	ensureMap(&st.Webhooks)
	ensureMap(&st.Groups)
	ensureMap(&st.SDKKeys)
	for _, p := range st.Products {
		ensureMap(&p.Prefs.ReasonEnvs)
		ensureMap(&p.Prefs.ApproveEnvs)
	}
	for _, g := range st.Groups {
		ensureMap(&g.Flags)
		ensureMap(&g.EnvAccess)
		ensureMap(&g.EnvApproval)
	}
	for _, v := range st.Values {
		if v.V2 != nil {
			v.V2.normalize()
		}
		if v.V1 != nil {
			v.V1.normalize()
		}
	}
}
