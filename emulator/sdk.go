package emulator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// StateReader reads the account that api (the emulator's Management API, without authentication) serves into
// a spec.State, as flagsync's Fetch does: configcat.FetchHandler. The emulator cannot call Fetch itself, since
// package configcat's tests run against the emulator.
type StateReader func(ctx context.Context, api http.Handler) (*spec.State, error)

// configJSONTemplate is the path ConfigCat's SDKs download a (config, environment)'s config JSON from.
const configJSONTemplate = "/configuration-files/{sdkKey}/config_v6.json"

// SDKKey is the primary SDK key of a (config, environment), with their names.
type SDKKey struct {
	Product, Config, Environment string
	Key                          string
}

// SDKKeys lists the primary SDK key of every (config, environment), by product, config and environment in the
// order the API lists them.
func (s *Server) SDKKeys() []SDKKey {
	var out []SDKKey
	s.read(func(st *store) {
		for _, p := range collect(st.Products, func(*product) bool { return true }) {
			configs := collect(st.Configs, func(c *config) bool { return c.ProductID == p.ID })
			envs := collect(st.Environments, func(e *environment) bool { return e.ProductID == p.ID })
			for _, c := range configs {
				for _, e := range envs {
					if k := st.SDKKeys[sdkKeyKey(c.ID, e.ID)]; k != nil {
						out = append(out, SDKKey{Product: p.Name, Config: c.Name, Environment: e.Name, Key: k.Primary})
					}
				}
			}
		}
	})
	return out
}

// WriteSDKKeys prints keys as a table an application developer copies a key from.
func WriteSDKKeys(w io.Writer, keys []SDKKey) error {
	if len(keys) == 0 {
		_, err := fmt.Fprintln(w, "no SDK keys yet: create a config and an environment (or start with --apply)")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PRODUCT\tCONFIG\tENVIRONMENT\tSDK KEY")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.Product, k.Config, k.Environment, k.Key)
	}
	return tw.Flush()
}

// sdkTarget is the (config, environment) an SDK key opens, by name.
type sdkTarget struct{ product, config, environment string }

// targetOf finds the (config, environment) whose primary or secondary SDK key is key.
func (st *store) targetOf(key string) (sdkTarget, bool) {
	for id, k := range st.SDKKeys {
		if k.Primary != key && (k.Secondary == nil || *k.Secondary != key) {
			continue
		}
		configID, envID, _ := strings.Cut(id, "/")
		c, e := st.Configs[configID], st.Environments[envID]
		if c == nil || e == nil || st.Products[c.ProductID] == nil {
			return sdkTarget{}, false
		}
		return sdkTarget{product: st.Products[c.ProductID].Name, config: c.Name, environment: e.Name}, true
	}
	return sdkTarget{}, false
}

// configFiles serves config JSON documents built from the stored account, rebuilt after every write.
type configFiles struct {
	readState StateReader

	mu    sync.Mutex
	gen   uint64 // the write generation state was read at
	state *spec.State
	docs  map[sdkTarget]configFile
}

// configFile is one built document and its entity tag.
type configFile struct {
	body []byte
	etag string
}

// isConfigJSONPath reports whether path is an SDK's config JSON download, which needs no credentials.
func isConfigJSONPath(path string) bool {
	return strings.HasPrefix(path, "/configuration-files/") && strings.HasSuffix(path, "/config_v6.json")
}

// serveConfigJSON answers an SDK as ConfigCat's CDN does: the config JSON of the (config, environment) the SDK
// key in the path opens, with an ETag; 304 when the SDK's If-None-Match (or browser SDKs' ccetag query
// parameter) names the current one; CORS headers so that browser SDKs may read it. No credentials, no rate
// limit, no injected fault: those belong to the Management API.
func (s *Server) serveConfigJSON(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := newRecorder()
	s.answerConfigJSON(rec, r)
	masked := r.Clone(r.Context())
	masked.URL.Path = configJSONTemplate // the SDK key is a credential: never in the request log
	s.record(masked, r.Method+" "+configJSONTemplate, configJSONTemplate, rec.status, time.Since(start))
	rec.flush(w)
}

func (s *Server) answerConfigJSON(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag")
	switch r.Method {
	case http.MethodOptions:
		h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "If-None-Match, X-ConfigCat-UserAgent, Content-Type")
		h.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodGet, http.MethodHead:
	default:
		h.Set("Allow", "GET, HEAD, OPTIONS")
		http.Error(w, "config JSON is read with GET", http.StatusMethodNotAllowed)
		return
	}
	key := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/configuration-files/"), "/config_v6.json")
	var target sdkTarget
	var found bool
	var gen uint64
	s.read(func(st *store) {
		target, found = st.targetOf(key)
		gen = s.gen
	})
	if !found {
		http.Error(w, "no (config, environment) has this SDK key: `flagsync emulator` prints the keys it has at start", http.StatusNotFound)
		return
	}
	file, err := s.configFile(r.Context(), target, gen)
	if err != nil {
		http.Error(w, "building the config JSON: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h.Set("ETag", file.etag)
	h.Set("Cache-Control", "no-cache") // revalidate every time: every write shows at once
	if etagMatches(r, file.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(file.body)
	}
}

// etagMatches reports whether the request already holds etag: If-None-Match (a list, or *) or the ccetag query
// parameter that browser SDKs send instead of the header, which would need a CORS preflight.
func etagMatches(r *http.Request, etag string) bool {
	if r.URL.Query().Get("ccetag") == etag {
		return true
	}
	for _, v := range r.Header.Values("If-None-Match") {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == etag {
				return true
			}
		}
	}
	return false
}

// configFile returns target's document as of write generation gen or later, reading the account again when a
// write happened since the last read.
func (s *Server) configFile(ctx context.Context, target sdkTarget, gen uint64) (configFile, error) {
	cf := s.files
	if cf.readState == nil {
		return configFile{}, fmt.Errorf("this emulator has no StateReader (emulator.Options.ReadState): it cannot build config JSON")
	}
	cf.mu.Lock()
	defer cf.mu.Unlock()
	if cf.state == nil || cf.gen < gen {
		if err := s.readAccount(ctx); err != nil {
			return configFile{}, err
		}
	}
	if f, ok := cf.docs[target]; ok {
		return f, nil
	}
	doc, err := sdkconfig.Build(cf.state, target.product, target.config, target.environment)
	if err != nil {
		return configFile{}, err
	}
	body, err := doc.Marshal()
	if err != nil {
		return configFile{}, err
	}
	sum := sha256.Sum256(body)
	f := configFile{body: body, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
	cf.docs[target] = f
	return f, nil
}

// readAccount reads the whole account through the Management API into s.files, with the write generation it
// reflects. A write during the read leaves a mixed state behind, so the read is repeated until none happens
// (a few times at most: it is then as current as the writes allow).
func (s *Server) readAccount(ctx context.Context) error {
	cf := s.files
	for range 3 {
		before := s.generation()
		st, err := cf.readState(ctx, s.mux)
		if err != nil {
			return err
		}
		cf.state, cf.gen, cf.docs = st, before, map[sdkTarget]configFile{}
		if s.generation() == before {
			return nil
		}
	}
	return nil
}

// generation is the write generation: it grows with every committed write.
func (s *Server) generation() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen
}
