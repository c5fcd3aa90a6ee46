package emulator

import "net/http"

// Skeletons of the entity handlers: the lock, the lookup of the entity the request names and the answer.
// Each handler passes what is its own: the lookup, the change and the view.

// lookup finds the entity a request names, or answers errNotFound or a bad request.
type lookup[E any] func(st *store, r *http.Request) (*E, error)

// byPath finds in items the entity whose id the path parameter param holds; parse reads and checks the id.
func byPath[K comparable, E any](r *http.Request, parse func(*http.Request, string) (K, error), param string,
	items map[K]*E) (*E, error) {
	id, err := parse(r, param)
	if err != nil {
		return nil, err
	}
	if e := items[id]; e != nil {
		return e, nil
	}
	return nil, errNotFound
}

// serveGet answers 200 with the view of the entity of finds.
func serveGet[E, M any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[E], view func(*store, *E) M) {
	var out M
	var err error
	s.read(func(st *store) {
		var e *E
		if e, err = of(st, r); err == nil {
			out = view(st, e)
		}
	})
	answer(w, http.StatusOK, out, err)
}

// serveList answers 200 with the views of the children that list gives of the parent that of finds.
func serveList[P, E, M any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[P],
	list func(st *store, parent *P) []E, view func(*store, E) M) {
	var out []M
	var err error
	s.read(func(st *store) {
		var p *P
		if p, err = of(st, r); err != nil {
			return
		}
		es := list(st, p)
		out = make([]M, len(es))
		for i, e := range es {
			out[i] = view(st, e)
		}
	})
	answer(w, http.StatusOK, out, err)
}

// serveDelete answers 204 once remove has deleted the entity of finds, recorded in the audit log; remove may
// refuse with an error.
func serveDelete[E any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[E], remove func(*store, *E) error) {
	var err error
	c := s.callOf(w)
	s.writeAs(c, false, func(st *store) bool {
		var e *E
		if e, err = of(st, r); err != nil {
			return false
		}
		scope, scoped := s.scopeOf(st, c, e) // before the entity is gone
		if err = remove(st, e); err != nil {
			return false
		}
		if scoped {
			s.recordAudit(st, c, auditKind(c), scope)
		}
		return true
	})
	answer(w, http.StatusNoContent, nil, err)
}

// serveChange decodes the request body into a Req and answers as serveWrite does with change of it.
func serveChange[Req, E, M any](s *Server, w http.ResponseWriter, r *http.Request, status int,
	change func(st *store, req *Req) (*E, error), view func(*store, *E) M) {
	var req Req
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	serveWrite(s, w, status, func(st *store) (*E, error) { return change(st, &req) }, view)
}

// serveWrite runs change under the write lock on behalf of the caller and answers status with the view of
// the entity it created or changed, or with its error. Only a change without error counts as a write, and
// is recorded in the audit log.
func serveWrite[E, M any](s *Server, w http.ResponseWriter, status int, change func(st *store) (*E, error),
	view func(*store, *E) M) {
	var out M
	var err error
	c := s.callOf(w)
	s.writeAs(c, false, func(st *store) bool {
		var e *E
		if e, err = change(st); err != nil {
			return false
		}
		s.audit(st, c, e)
		out = view(st, e)
		return true
	})
	answer(w, status, out, err)
}

// serveUpdate decodes the request body into a Req and answers 200 as serveWrite does, once change has applied
// it to the entity of finds; change may refuse with an error.
func serveUpdate[Req, E, M any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[E],
	change func(st *store, e *E, req *Req) error, view func(*store, *E) M) {
	serveChange(s, w, r, http.StatusOK, func(st *store, req *Req) (*E, error) {
		e, err := of(st, r)
		if err != nil {
			return nil, err
		}
		return e, change(st, e, req)
	}, view)
}

// serveCreate decodes the request body into a Req and answers 201 as serveWrite does with the entity create
// makes under the parent of finds; create may refuse with an error.
func serveCreate[Req, P, E, M any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[P],
	create func(st *store, parent *P, req *Req) (*E, error), view func(*store, *E) M) {
	serveChange(s, w, r, http.StatusCreated, func(st *store, req *Req) (*E, error) {
		p, err := of(st, r)
		if err != nil {
			return nil, err
		}
		return create(st, p, req)
	}, view)
}

// serveRemove is serveDelete with a remove that never refuses.
func serveRemove[E any](s *Server, w http.ResponseWriter, r *http.Request, of lookup[E], remove func(*store, *E)) {
	serveDelete(s, w, r, of, func(st *store, e *E) error { remove(st, e); return nil })
}

// getter is the handler of a GET of one entity: serveGet with of and view.
func getter[E, M any](s *Server, of lookup[E], view func(*store, *E) M) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { serveGet(s, w, r, of, view) }
}

// remover is the handler of a DELETE that never refuses: serveRemove with of and remove.
func remover[E any](s *Server, of lookup[E], remove func(*store, *E)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { serveRemove(s, w, r, of, remove) }
}

// lister is the handler of a GET of a parent's children: serveList with of, list and view.
func lister[P, E, M any](s *Server, of lookup[P], list func(*store, *P) []E, view func(*store, E) M) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { serveList(s, w, r, of, list, view) }
}
