package emulator

import (
	"bytes"
	"cmp"
	"net/http"
	"sync"
)

// maxCachedBytes bounds the size of the cached answers; the cache starts over when it is full.
const maxCachedBytes = 64 << 20

// responseCache keeps encoded GET answers until the next committed write. A Fetch reads the same large
// value lists again and again; answering them from the cache keeps the server's work far below a
// millisecond for 500 flags.
type responseCache struct {
	mu      sync.Mutex
	entries map[string]cachedAnswer
	size    int
	off     bool // Options.NoCache: get finds nothing, put keeps nothing
}

type cachedAnswer struct {
	gen  uint64
	body []byte
}

func cacheKey(r *http.Request) string {
	return r.URL.RequestURI() + "\x00" + r.Header.Get("X-CONFIGCAT-SDKKEY")
}

func (c *responseCache) get(key string, gen uint64) ([]byte, bool) {
	if c.off {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.entries[key]
	if !ok || a.gen != gen {
		return nil, false
	}
	return a.body, true
}

func (c *responseCache) put(key string, gen uint64, body []byte) {
	if c.off {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.size+len(body) > maxCachedBytes {
		c.entries, c.size = map[string]cachedAnswer{}, 0
	}
	c.size += len(body) - len(c.entries[key].body)
	// a copy of the answer's length: encoders size their buffers for the largest answers, and the cache
	// would otherwise hold that spare capacity as long as the answer
	c.entries[key] = cachedAnswer{gen: gen, body: bytes.Clone(body)}
}

// cachedGET answers a GET from the cache when no write was committed since it was encoded, else encodes the
// answer with view under the read lock and caches it. Errors are not cached.
func (s *Server) cachedGET(w http.ResponseWriter, r *http.Request, view func(st *store) ([]byte, error)) {
	key := cacheKey(r)
	s.mu.RLock()
	gen := s.gen
	if body, ok := s.cache.get(key, gen); ok {
		s.mu.RUnlock()
		writeRaw(w, http.StatusOK, body)
		return
	}
	body, err := view(s.st)
	s.mu.RUnlock()
	if err != nil {
		writeError(w, err)
		return
	}
	s.cache.put(key, gen, body)
	writeRaw(w, http.StatusOK, body)
}

// itemCache keeps the encoded batch item of each (setting, environment) formula. An item is valid while no
// write other than a value write was committed (meta), its value keeps its version, and the settings using it
// as a prerequisite stay the same.
type itemCache struct {
	mu      sync.Mutex
	meta    uint64
	entries map[string]cachedItem
	size    int
	// limit bounds the size of the cached items, as maxCachedBytes does the answers'; zero means
	// maxCachedBytes. The cache starts over when it is full.
	limit int
	off   bool // Options.NoCache: get finds nothing, put keeps nothing
}

type cachedItem struct {
	version string
	deps    string
	body    []byte
}

func (c *itemCache) get(key string, meta uint64, version, deps string) ([]byte, bool) {
	if c.off {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.entries[key]
	if !ok || c.meta != meta || it.version != version || it.deps != deps {
		return nil, false
	}
	return it.body, true
}

func (c *itemCache) put(key string, meta uint64, version, deps string, body []byte) {
	if c.off {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.meta != meta {
		c.entries, c.meta, c.size = map[string]cachedItem{}, meta, 0
	}
	if next := c.size + len(body) - len(c.entries[key].body); next > cmp.Or(c.limit, maxCachedBytes) {
		c.entries, c.size = map[string]cachedItem{}, 0
	}
	c.size += len(body) - len(c.entries[key].body)
	c.entries[key] = cachedItem{version: version, deps: deps, body: bytes.Clone(body)} // see responseCache.put
}
