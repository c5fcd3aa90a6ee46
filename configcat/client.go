// Package configcat is flagsync's client of ConfigCat's Public Management API: Basic authentication, pacing
// per endpoint template within ConfigCat's rate limits, retries, typed errors, one method per endpoint flagsync
// uses, Fetch (an organization read into a normalized spec.State with the fewest GETs the API allows) and the
// conversions between the API's wire types and the spec model.
package configcat

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

// DefaultBaseURL is ConfigCat's Public Management API.
const DefaultBaseURL = "https://api.configcat.com"

// Default pacing and retry settings.
const (
	DefaultPerSecond   = 20
	DefaultPerMinute   = 500
	DefaultMaxAttempts = 6
	DefaultTimeout     = 60 * time.Second
	DefaultConcurrency = 8
)

// Config holds explicit client settings; New fills unset fields with the defaults.
type Config struct {
	// BaseURL is a host name (meaning https://HOST) or a full http:// or https:// URL; empty means DefaultBaseURL.
	BaseURL string
	// User and Pass are the Public API credentials (Basic authentication).
	User, Pass string
	// ReadOnly makes the client refuse, before sending, every request but GET.
	ReadOnly bool
	// PerSecond and PerMinute cap the requests sent per endpoint template (method and path template);
	// zero means DefaultPerSecond and DefaultPerMinute, negative means no cap.
	PerSecond, PerMinute int
	// MaxAttempts bounds the attempts of one call (first try included); zero means DefaultMaxAttempts.
	MaxAttempts int
	// Timeout bounds one attempt; zero means DefaultTimeout.
	Timeout time.Duration
	// Concurrency bounds the GETs Fetch runs at once; zero means DefaultConcurrency.
	Concurrency int
	// HTTPClient sends the requests; nil means a client with no timeout of its own (Timeout applies).
	HTTPClient *http.Client
	// Clock tells the time and sleeps; nil means the system clock. Tests inject a fake one.
	Clock Clock
	// Logger receives retries and rate-limit waits (warn) and failed calls (debug); nil means no logging.
	Logger *slog.Logger
	// OnCall, when set, is called once per finished call (after its retries) with what happened. Calls to it
	// are serialized, so it needs no locking of its own even while Fetch runs GETs concurrently.
	OnCall func(CallInfo)
}

// String describes the configuration without its credentials.
func (c Config) String() string {
	pass := ""
	if c.Pass != "" {
		pass = "***"
	}
	user := ""
	if c.User != "" {
		user = "***"
	}
	base := c.BaseURL
	if u, err := url.Parse(base); err == nil && u.User != nil {
		u.User = nil
		base = u.String()
	}
	return fmt.Sprintf("configcat.Config{BaseURL: %q, User: %q, Pass: %q, ReadOnly: %t}", base, user, pass, c.ReadOnly)
}

// GoString is String, so that %#v does not print the credentials either.
func (c Config) GoString() string { return c.String() }

// Option adjusts the Config NewFromEnv builds.
type Option func(*envOptions)

type envOptions struct {
	prefix    string
	lookupEnv func(string) (string, bool)
	edits     []func(*Config)
}

// WithEnvPrefix reads PREFIX_API_HOST, PREFIX_API_USER and PREFIX_API_PASS instead of CONFIGCAT_API_*; migrate
// uses "CONFIGCAT_SOURCE" for its source account.
func WithEnvPrefix(prefix string) Option { return func(o *envOptions) { o.prefix = prefix } }

// WithLookupEnv reads the environment through lookup instead of os.LookupEnv.
func WithLookupEnv(lookup func(string) (string, bool)) Option {
	return func(o *envOptions) { o.lookupEnv = lookup }
}

// WithReadOnly makes the client refuse everything but GET.
func WithReadOnly() Option { return WithConfig(func(c *Config) { c.ReadOnly = true }) }

// WithConfig edits the Config after the environment was read, e.g. to set a Clock, limits or OnCall.
func WithConfig(edit func(*Config)) Option {
	return func(o *envOptions) { o.edits = append(o.edits, edit) }
}

// NewFromEnv builds a client from CONFIGCAT_API_HOST (optional), CONFIGCAT_API_USER and CONFIGCAT_API_PASS.
func NewFromEnv(opts ...Option) (*Client, error) {
	o := envOptions{prefix: "CONFIGCAT", lookupEnv: os.LookupEnv}
	for _, opt := range opts {
		opt(&o)
	}
	getenv := func(name string) string { v, _ := o.lookupEnv(name); return v }
	var cfg Config
	cfg.BaseURL = getenv(o.prefix + "_API_HOST")
	cfg.User = getenv(o.prefix + "_API_USER")
	cfg.Pass = getenv(o.prefix + "_API_PASS")
	var missing []string
	if cfg.User == "" {
		missing = append(missing, o.prefix+"_API_USER")
	}
	if cfg.Pass == "" {
		missing = append(missing, o.prefix+"_API_PASS")
	}
	if len(missing) > 0 {
		noun := "variable"
		if len(missing) > 1 {
			noun = "variables"
		}
		return nil, fmt.Errorf("missing environment %s %s (the ConfigCat Public API credentials)", noun, strings.Join(missing, " and "))
	}
	for _, edit := range o.edits {
		edit(&cfg)
	}
	return New(cfg)
}

// Client calls ConfigCat's Public Management API. It is safe for concurrent use.
type Client struct {
	base        *url.URL
	creds       *credentials // behind a pointer so that printing a Client shows an address, not them
	readOnly    bool
	maxAttempts int
	timeout     time.Duration
	concurrency int
	http        *http.Client
	clock       Clock
	log         *slog.Logger
	onCall      func(CallInfo)
	onCallMu    sync.Mutex
	limits      *limiter

	statsMu sync.Mutex
	stats   map[string]*EndpointStats
}

// New builds a client from explicit settings.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.User == "" || cfg.Pass == "" {
		return nil, errors.New("credentials are required (user and password of the Public Management API)")
	}
	c := &Client{
		base:        base,
		creds:       newCredentials(cfg.User, cfg.Pass),
		readOnly:    cfg.ReadOnly,
		maxAttempts: cmp.Or(cfg.MaxAttempts, DefaultMaxAttempts),
		timeout:     cmp.Or(cfg.Timeout, DefaultTimeout),
		concurrency: cmp.Or(cfg.Concurrency, DefaultConcurrency),
		http:        cmp.Or(cfg.HTTPClient, &http.Client{}),
		clock:       cmp.Or[Clock](cfg.Clock, SystemClock{}),
		log:         cmp.Or(cfg.Logger, slog.New(slog.DiscardHandler)),
		onCall:      cfg.OnCall,
		stats:       map[string]*EndpointStats{},
	}
	c.limits = newLimiter(c.clock, cmp.Or(cfg.PerSecond, DefaultPerSecond), cmp.Or(cfg.PerMinute, DefaultPerMinute))
	return c, nil
}

// String describes the client without its credentials.
func (c *Client) String() string {
	return fmt.Sprintf("configcat.Client{BaseURL: %q, ReadOnly: %t}", c.base.String(), c.readOnly)
}

// BaseURL returns the API's base URL the client sends to.
func (c *Client) BaseURL() string { return c.base.String() }

// ReadOnly reports whether the client refuses everything but GET.
func (c *Client) ReadOnly() bool { return c.readOnly }

// ParseBaseURL turns CONFIGCAT_API_HOST's forms into a base URL: "" is DefaultBaseURL, a bare host name (with
// an optional port) means https://HOST, and http:// or https:// URLs are taken as they are.
func ParseBaseURL(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = DefaultBaseURL
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("bad API host %q: %w", s, err)
	}
	if u.User != nil {
		return nil, errors.New("the API host must not carry credentials; use the user and password settings")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("bad API host %q: scheme must be http or https", s)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("bad API host %q: no host name", s)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}
