package emulator

import "net/http"

// The batch value endpoints (GET and POST of the values of a config's settings in one environment) share one
// skeleton; valueKind holds what the v1 and v2 endpoints do their own way.

// getValues answers the values of every setting of the config, from the response cache when it can.
func getValues[T, V any](s *Server, k valueKind[T, V], w http.ResponseWriter, r *http.Request) {
	s.cachedGET(w, r, func(st *store) ([]byte, error) {
		c, e, err := configEnvOf(st, r)
		if err != nil {
			return nil, err
		}
		if err := s.checkVersion(c, k.version); err != nil {
			return nil, err
		}
		return k.batch(s, st, c, e, nil)
	})
}

// postValues upserts the listed settings only (behaviour doc Q8); each listed value is a complete replace.
// item returns the setting id and the value of the i-th of the n items the request body lists.
func postValues[T, V any](s *Server, k valueKind[T, V], w http.ResponseWriter, r *http.Request, q writeQuery, n int,
	item func(i int) (*int32, *T)) {
	var out []byte
	var err error
	call := s.callOf(w)
	s.writeAs(call, true, func(st *store) bool {
		var c *config
		var e *environment
		if c, e, err = configEnvOf(st, r); err != nil {
			return false
		}
		var in map[int32]*T
		if in, err = batchValues(s, st, c, n, item); err != nil {
			return false
		}
		var changed bool
		if changed, err = k.commit(s, st, c, e, q, in); err != nil {
			return false
		}
		if changed {
			s.audit(st, call, valueChange{config: c, env: e, settings: changedSettings(st, in), reason: optionalReason(q)})
		}
		// committed: even an answer that fails to encode must not leave cached reads of the old values
		out, err = k.batch(s, st, c, e, batchAnswered(s, in))
		return changed
	})
	if err != nil {
		writeError(w, err)
		return
	}
	writeRaw(w, http.StatusOK, out)
}

// batchValues maps the n items of a batch write into config c by setting id; item returns the setting id and
// the value of the i-th. An item without a setting id or with a setting of another config, and a setting
// listed twice, refuse the whole batch.
func batchValues[T any](s *Server, st *store, c *config, n int, item func(i int) (*int32, *T)) (map[int32]*T, error) {
	in := map[int32]*T{}
	for i := range n {
		id, v := item(i)
		if id == nil {
			return nil, badRequest("SettingId", s.b.BatchSettingNotFoundMessage)
		}
		x := st.Settings[*id]
		if x == nil || x.ConfigID != c.ID {
			return nil, badRequest("SettingId", s.b.BatchSettingNotFoundMessage)
		}
		if in[x.ID] != nil {
			return nil, badRequest("SettingId", s.b.BatchDuplicateSettingMessage)
		}
		in[x.ID] = v
	}
	return in, nil
}

// batchAnswered is the settings the answer of a batch write lists: the written ones, or all (nil) when the
// behaviour says so.
func batchAnswered[T any](s *Server, in map[int32]*T) map[int32]bool {
	if s.b.BatchResponseAllSettings {
		return nil
	}
	only := map[int32]bool{}
	for id := range in {
		only[id] = true
	}
	return only
}
