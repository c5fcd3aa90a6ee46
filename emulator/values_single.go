package emulator

import "net/http"

// The single-value endpoints (GET, PUT and PATCH of one setting's value in one environment) share one
// skeleton, as the batch endpoints do (values_batch.go); valueKind holds what the v1 and v2 endpoints do their
// own way.

// valueKind describes one evaluation version's values: T is the stored value, V the single-value answer.
type valueKind[T, V any] struct {
	version string
	// stored is the value of this version in v.
	stored func(v *settingValue) *T
	// commit validates the values, stores them when all are valid and reports whether anything changed.
	commit func(s *Server, st *store, c *config, e *environment, q writeQuery, in map[int32]*T) (bool, error)
	// view is the answer: the value of x in e with its context.
	view func(s *Server, st *store, c *config, e *environment, x *setting) V
	// batch is the encoded answer of the batch endpoints: the values in e of the settings of c that only
	// names, or of all when only is nil, with their context.
	batch func(s *Server, st *store, c *config, e *environment, only map[int32]bool) ([]byte, error)
}

func getValue[T, V any](s *Server, k valueKind[T, V], w http.ResponseWriter, r *http.Request) {
	var out V
	var err error
	s.read(func(st *store) {
		var c *config
		var e *environment
		var x *setting
		if c, e, x, err = s.locateValue(st, r); err != nil {
			return
		}
		if err = s.checkVersion(c, k.version); err != nil {
			return
		}
		out = k.view(s, st, c, e, x)
	})
	answer(w, http.StatusOK, out, err)
}

// putValue replaces the value; the version check is commit's.
func putValue[T, V any](s *Server, k valueKind[T, V], w http.ResponseWriter, r *http.Request) {
	var req T
	q, ok := readValueWrite(w, r, &req)
	if !ok {
		return
	}
	out, _, err := writeValue(s, k, s.callOf(w), q, func(*store, *config, *environment, *setting) (*T, error) { return &req, nil })
	answer(w, http.StatusOK, out, err)
}

// patchValue applies a JSON Patch to the stored value; it answers 204 when nothing changed.
func patchValue[T, V any](s *Server, k valueKind[T, V], w http.ResponseWriter, r *http.Request) {
	var ops []patchOp
	q, ok := readValueWrite(w, r, &ops)
	if !ok {
		return
	}
	out, changed, err := writeValue(s, k, s.callOf(w), q, func(st *store, c *config, e *environment, x *setting) (*T, error) {
		// before reading the stored value: a config of the other version has none of this kind
		if err := s.checkVersion(c, k.version); err != nil {
			return nil, err
		}
		var patched T
		if err := applyPatch(k.stored(st.Values[valueKey(x.ID, e.ID)]), ops, &patched, nil); err != nil {
			return nil, err
		}
		return &patched, nil
	})
	if err == nil && !changed {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	answer(w, http.StatusOK, out, err)
}

// writeValue commits the value next makes for the setting and environment the request names, under the write
// lock on behalf of the caller, and returns the answer and whether anything changed.
func writeValue[T, V any](s *Server, k valueKind[T, V], call *call, q writeQuery,
	next func(st *store, c *config, e *environment, x *setting) (*T, error)) (out V, changed bool, err error) {
	r := call.r
	s.writeAs(call, true, func(st *store) bool {
		var c *config
		var e *environment
		var x *setting
		if c, e, x, err = s.locateValue(st, r); err != nil {
			return false
		}
		var v *T
		if v, err = next(st, c, e, x); err != nil {
			return false
		}
		if changed, err = k.commit(s, st, c, e, q, map[int32]*T{x.ID: v}); err != nil {
			return false
		}
		out = k.view(s, st, c, e, x)
		if changed {
			s.audit(st, call, valueChange{config: c, env: e, settings: []*setting{x}, reason: optionalReason(q)})
		}
		return changed
	})
	return out, changed, err
}
