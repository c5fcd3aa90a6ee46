// Package emulator is an in-memory HTTP server of ConfigCat's Public Management API, faithful to ConfigCat's
// published OpenAPI spec and to the behaviour documented in shared/docs/configcat-api-behaviour.md. Every
// flagsync test runs against it. It has its own wire structs, rate limits like the real service, seeded fault
// injection, a JSON-lines request log and a versioned JSON state file.
//
// Every guess where the real behaviour is unknown lives in Behaviour (choices.go).
package emulator

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Options configure a Server.
type Options struct {
	User, Pass string              // Basic-auth credentials of the organization admin
	Users      []Credential        // further users, each with an identity and a permission group (users.go)
	RateLimit  RateLimit           // zero value = the defaults (20/s, 500/min)
	FaultRate  float64             // 0..1
	FaultSeed  int64               // seed of the fault sequence
	RequestLog io.Writer           // nil = no log
	Now        func() time.Time    // nil = time.Now
	Sleep      func(time.Duration) // nil = time.Sleep (used for slow-answer faults)
	Behaviour  *Behaviour          // nil = DefaultBehaviour()
	ReadState  StateReader         // builds the config JSON SDKs download (sdk.go); nil = SDKs get a 500
	// NoCache turns off the caches of encoded answers and formula items (cache.go). They pay when the same
	// large lists are read again; a one-shot client that reads each once, as `flagsync --local` does, only
	// pays for their copies.
	NoCache bool
}

// behaviour is Behaviour, or DefaultBehaviour() when it is nil.
func (o *Options) behaviour() *Behaviour {
	if o.Behaviour == nil {
		o.Behaviour = DefaultBehaviour()
	}
	return o.Behaviour
}

// Server is the emulated API. It is an http.Handler and safe for concurrent use.
type Server struct {
	user, pass string
	users      []Credential
	now        func() time.Time
	sleep      func(time.Duration)
	b          *Behaviour
	keyRE      *regexp.Regexp // compiled Behaviour.KeyPattern; nil refuses every key

	mux *http.ServeMux

	mu    sync.RWMutex // guards st, gen, meta and actor
	st    *store
	actor *Credential // the caller whose write holds the lock (users.go)
	gen   uint64      // bumped on every committed write; keys the response cache
	meta  uint64      // bumped on every committed write other than a value write; keys the formula item cache

	limiter *limiter
	faults  *faults

	statsMu sync.Mutex
	counts  map[string]int
	log     io.Writer
	cache   responseCache
	items   itemCache
	files   *configFiles
}

// New returns a Server with one organization and nothing else.
func New(opts Options) *Server {
	b := opts.behaviour()
	s := &Server{
		user:   opts.User,
		pass:   opts.Pass,
		users:  withIdentities(opts.Users),
		now:    opts.Now,
		sleep:  opts.Sleep,
		b:      b,
		st:     newStore(organization{ID: b.OrganizationID, Name: b.OrganizationName}),
		counts: map[string]int{},
		log:    opts.RequestLog,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.sleep == nil {
		s.sleep = time.Sleep
	}
	s.keyRE, _ = regexp.Compile(b.KeyPattern)
	s.limiter = newLimiter(opts.RateLimit)
	s.faults = newFaults(opts.FaultRate, opts.FaultSeed)
	s.files = &configFiles{readState: opts.ReadState}
	s.cache.off, s.items.off = opts.NoCache, opts.NoCache
	s.mux = http.NewServeMux()
	s.routes()
	return s
}

// SetRateLimit changes the rate limits at run time and starts fresh windows.
func (s *Server) SetRateLimit(rl RateLimit) { s.limiter.set(rl) }

// SetFaultRate changes the fault rate and restarts the fault sequence from seed.
func (s *Server) SetFaultRate(rate float64, seed int64) { s.faults.set(rate, seed) }

// Counts returns the number of calls per endpoint template ("GET /v1/products"), whatever their status.
// Requests matching no endpoint are counted under "<METHOD> unmatched".
func (s *Server) Counts() map[string]int {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// ResetCounts sets every counter back to zero.
func (s *Server) ResetCounts() {
	s.statsMu.Lock()
	s.counts = map[string]int{}
	s.statsMu.Unlock()
}

// organization is a copy of the emulator's organization.
func (s *Server) organization() organization {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.Organization
}

// OrganizationID is the id of the emulator's organization: Behaviour's, or the one a loaded state sets.
func (s *Server) OrganizationID() string { return s.organization().ID }

// ServeHTTP serves SDKs their config JSON (sdk.go), and otherwise authenticates, rate-limits, possibly injects a fault, and answers the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isConfigJSONPath(r.URL.Path) {
		s.serveConfigJSON(w, r)
		return
	}
	start := time.Now()
	_, pattern := s.mux.Handler(r)
	template, key := templateOf(r.Method, pattern)
	rec := newRecorder()
	dropped := false
	// the call is counted before the answer leaves, so that a client that has its answer sees it in Counts
	defer func() {
		s.record(r, key, template, rec.status, time.Since(start))
		if !dropped {
			rec.flush(w)
		}
	}()

	who := s.credentialOf(r)
	rec.call = &call{who: who, r: r, method: r.Method, route: template}
	switch {
	case who == nil:
		rec.Header().Set("WWW-Authenticate", `Basic realm="ConfigCat Public API"`)
		rec.WriteHeader(http.StatusUnauthorized)
	case pattern == "":
		rec.WriteHeader(http.StatusNotFound)
	default:
		if !s.limiter.allow(r, rec, key, s.now()) {
			break
		}
		switch f := s.faults.next(); f {
		case faultNone:
			s.mux.ServeHTTP(rec, r)
		case faultSlow:
			s.sleep(s.faults.delay())
			s.mux.ServeHTTP(rec, r)
		case faultDropBefore:
			rec.status, dropped = 0, true
			dropConnection(w)
			return
		case faultDropAfter:
			s.mux.ServeHTTP(rec, r)
			rec.status, dropped = 0, true
			dropConnection(w)
			return
		default:
			injectError(rec, f)
		}
	}
}

// templateOf splits a ServeMux pattern "GET /v1/products/{productId}" into the route template and the
// counter key.
func templateOf(method, pattern string) (template, key string) {
	if pattern == "" {
		return "", method + " unmatched"
	}
	_, template, _ = strings.Cut(pattern, " ")
	return template, method + " " + template
}

// dropConnection closes the client's connection without an answer: by hijacking it where the
// ResponseWriter allows, else by aborting the handler, which net/http turns into a closed connection.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// read runs f holding the read lock.
func (s *Server) read(f func(st *store)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f(s.st)
}
