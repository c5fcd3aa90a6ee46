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

// fill replaces nil maps a hand-edited or older file may lack.
func (st *store) fill() {
	fresh := newStore()
	if st.Products == nil {
		st.Products = fresh.Products
	}
	if st.Configs == nil {
		st.Configs = fresh.Configs
	}
	if st.Environments == nil {
		st.Environments = fresh.Environments
	}
	if st.Tags == nil {
		st.Tags = fresh.Tags
	}
	if st.Segments == nil {
		st.Segments = fresh.Segments
	}
	if st.Settings == nil {
		st.Settings = fresh.Settings
	}
	if st.Deleted == nil {
		st.Deleted = fresh.Deleted
	}
	if st.Values == nil {
		st.Values = fresh.Values
	}
	if st.Webhooks == nil {
		st.Webhooks = fresh.Webhooks
	}
	if st.Groups == nil {
		st.Groups = fresh.Groups
	}
	if st.SDKKeys == nil {
		st.SDKKeys = fresh.SDKKeys
	}
	for _, p := range st.Products {
		if p.Prefs.ReasonEnvs == nil {
			p.Prefs.ReasonEnvs = map[string]bool{}
		}
		if p.Prefs.ApproveEnvs == nil {
			p.Prefs.ApproveEnvs = map[string]bool{}
		}
	}
	for _, g := range st.Groups {
		if g.Flags == nil {
			g.Flags = map[string]bool{}
		}
		if g.EnvAccess == nil {
			g.EnvAccess = map[string]string{}
		}
		if g.EnvApproval == nil {
			g.EnvApproval = map[string]string{}
		}
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
