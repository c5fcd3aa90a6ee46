package emulator

import (
	"bytes"
	"encoding/json"
	"github.com/flagsync/flagsync/configcat/wire"
	"net/http"
	"strconv"
	"strings"
)

// Shared plumbing of the v1 and v2 value endpoints: locating (config, environment, setting), the write
// preconditions (reason, approval), and the context fields of the answers.

// writeQuery holds the query parameters of value writes.
type writeQuery struct {
	reason          string
	bypassApproval  bool
	latestVersionID string
	approved        bool // the write applies an approved change request (changerequests.go)
}

func parseWriteQuery(r *http.Request) (writeQuery, error) {
	q := r.URL.Query()
	wq := writeQuery{reason: q.Get("reason"), latestVersionID: strings.ToLower(q.Get("latestVersionId"))}
	if b := q.Get("bypassApproval"); b != "" {
		v, err := strconv.ParseBool(b)
		if err != nil {
			return wq, badRequest("bypassApproval", "The value '"+b+"' is not valid.")
		}
		wq.bypassApproval = v
	}
	if wq.latestVersionID != "" && !isUUID(wq.latestVersionID) {
		return wq, badRequest("latestVersionId", "The value '"+wq.latestVersionID+"' is not valid.")
	}
	return wq, nil
}

// readValueWrite reads the query parameters of a value write, then decodes its body into body; on failure it
// answers the error and returns false.
func readValueWrite(w http.ResponseWriter, r *http.Request, body any) (writeQuery, bool) {
	q, err := parseWriteQuery(r)
	if err == nil {
		err = decodeBody(r, body)
	}
	if err != nil {
		writeError(w, err)
		return q, false
	}
	return q, true
}

// checkWritable applies the product preferences to a value write into environment e (behaviour doc Q10).
// canBypass is false for the v1 endpoints, which have no bypassApproval parameter.
func (s *Server) checkWritable(st *store, c *config, e *environment, q writeQuery, canBypass bool) error {
	p := st.Products[c.ProductID]
	if approveRequired(p, e.ID) && !q.approved {
		if !(canBypass && q.bypassApproval) {
			return badRequest("", s.b.ApprovalRequiredMessage)
		}
		if !s.mayBypassApproval(st, e) {
			return forbidden(s.b.BypassPermissionMessage)
		}
	}
	if reasonRequired(p, e.ID) && strings.TrimSpace(q.reason) == "" {
		return badRequest("", s.b.ReasonRequiredMessage)
	}
	return nil
}

// checkVersion refuses the endpoint when the config's evaluation version differs (behaviour doc Q7).
func (s *Server) checkVersion(c *config, want string) error {
	if c.Version == want {
		return nil
	}
	if want == "v1" {
		return badRequest("", s.b.CrossVersionV1Message)
	}
	return badRequest("", s.b.CrossVersionV2Message)
}

// configEnvOf reads configId and environmentId and checks that they belong to the same product.
func configEnvOf(st *store, r *http.Request) (*config, *environment, error) {
	c, err := configOf(st, r)
	if err != nil {
		return nil, nil, err
	}
	e, err := environmentOf(st, r)
	if err != nil {
		return nil, nil, err
	}
	if e.ProductID != c.ProductID {
		return nil, nil, errNotFound
	}
	return c, e, nil
}

// locateValue finds the setting and environment of a single-value endpoint, either from the path
// (/environments/{environmentId}/settings/{settingId}/value) or from the X-CONFIGCAT-SDKKEY header and
// {settingKeyOrId}.
func (s *Server) locateValue(st *store, r *http.Request) (*config, *environment, *setting, error) {
	if keyOrID := r.PathValue("settingKeyOrId"); keyOrID != "" {
		return s.locateBySDKKey(st, r, keyOrID)
	}
	e, err := environmentOf(st, r)
	if err != nil {
		return nil, nil, nil, err
	}
	x, err := settingOf(st, r)
	if err != nil {
		return nil, nil, nil, err
	}
	c := st.Configs[x.ConfigID]
	if c.ProductID != e.ProductID {
		return nil, nil, nil, errNotFound
	}
	return c, e, x, nil
}

func (s *Server) locateBySDKKey(st *store, r *http.Request, keyOrID string) (*config, *environment, *setting, error) {
	sdkKey := r.Header.Get("X-CONFIGCAT-SDKKEY")
	if sdkKey == "" {
		return nil, nil, nil, badRequest("X-CONFIGCAT-SDKKEY", "The X-CONFIGCAT-SDKKEY header is required.")
	}
	var c *config
	var e *environment
	for k, keys := range st.SDKKeys {
		if keys.Primary == sdkKey || (keys.Secondary != nil && *keys.Secondary == sdkKey) {
			configID, envID, _ := strings.Cut(k, "/")
			c, e = st.Configs[configID], st.Environments[envID]
			break
		}
	}
	if c == nil || e == nil {
		return nil, nil, nil, errNotFound
	}
	var x *setting
	if id, err := strconv.ParseInt(keyOrID, 10, 32); err == nil {
		if o := st.Settings[int32(id)]; o != nil && o.ConfigID == c.ID {
			x = o
		}
	} else {
		x = findByKey(st, c.ID, keyOrID, s.b.KeyLookupCaseInsensitive)
	}
	if x == nil {
		return nil, nil, nil, errNotFound
	}
	return c, e, x, nil
}

func findByKey(st *store, configID, key string, fold bool) *setting {
	var folded *setting
	for _, x := range st.Settings {
		if x.ConfigID != configID {
			continue
		}
		if x.Key == key {
			return x
		}
		if fold && strings.EqualFold(x.Key, key) {
			folded = x
		}
	}
	return folded
}

func (s *Server) envContext(st *store, c *config, e *environment) wire.ValuesContext {
	return wire.ValuesContext{Config: s.configView(st, c), Environment: s.environmentView(st, e),
		FeatureFlagLimitations: s.limitations()}
}

func approvalOf(st *store, c *config, e *environment) wire.ApprovalContext {
	p := st.Products[c.ProductID]
	return wire.ApprovalContext{ApproveRequired: approveRequired(p, e.ID), CanBypassApproval: true,
		ReasonRequired: reasonRequired(p, e.ID)}
}

// storeValues stores the checked values of the settings in environment e into the slot of their version. A
// value equal to the stored one is left alone and keeps its version; storeValues reports whether any changed.
func storeValues[T any](s *Server, st *store, e *environment, checked map[int32]*T, slot func(v *settingValue) **T) bool {
	changed := false
	for id, nv := range checked {
		v := st.Values[valueKey(id, e.ID)]
		if sameJSON(*slot(v), nv) {
			continue
		}
		*slot(v) = nv
		s.touch(v)
		s.noteValueChanged(st, e.ID, id)
		changed = true
	}
	return changed
}

func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// touch records a committed value change: a new version id, the clock and the caller's identity.
func (s *Server) touch(v *settingValue) {
	now := s.now()
	v.VersionID = newUUID()
	v.UpdatedAt = &now
	me := s.acting()
	v.Updater = &me
}

func updaterFields(v *settingValue) (updatedAt, email, name *string) {
	updatedAt = timestampPtr(v.UpdatedAt)
	if v.Updater != nil {
		email, name = strPtr(v.Updater.Email), strPtr(v.Updater.FullName)
	}
	return
}

// settingsOfConfig lists a config's settings in list order.
func settingsOfConfig(st *store, c *config) []*setting {
	return collect(st.Settings, func(x *setting) bool { return x.ConfigID == c.ID })
}
