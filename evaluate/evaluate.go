// Package evaluate evaluates a config_v6.json document (see package sdkconfig) for users through ConfigCat's own
// Go SDK, offline: it never evaluates a flag itself, so that what it reports is what an application would get.
// It also says which targeting rule or percentage option served each value.
package evaluate

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	configcat "github.com/configcat/go-sdk/v9"
	"github.com/configcat/go-sdk/v9/configcatcache"

	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

// offlineSDKKey has the shape the SDK demands; it names nothing, since the SDK never goes online.
const offlineSDKKey = "configcat-sdk-1/flagsync-offline-eval0/flagsync-offline-eval0"

// User is a user's attributes by name, as an application passes them to the SDK: Identifier, Email, Country or
// any custom attribute. Values are strings, numbers (int, float64…), time.Time or []string, as the SDK takes.
type User map[string]any

// Kind says what served a value.
type Kind string

// What can serve a value.
const (
	ServedByRule             Kind = "rule"
	ServedByPercentageOption Kind = "percentage option"
	ServedByDefault          Kind = "default"
)

// Source is what served a value: a targeting rule, a percentage option (of a rule, or of the flag when Rule is
// 0), or the default.
type Source struct {
	Kind Kind `json:"kind"`
	// Rule is the 1-based targeting rule that matched, or 0.
	Rule int `json:"rule,omitempty"`
	// Option is the 1-based percentage option that served, or 0; Percent is its share.
	Option  int `json:"option,omitempty"`
	Percent int `json:"percent,omitempty"`
}

// String says what served as people read it: "rule 2", "rule 1, percentage option 2 (25%)",
// "percentage option 1 (30%)" or "default".
func (s Source) String() string {
	option := "percentage option " + strconv.Itoa(s.Option) + " (" + strconv.Itoa(s.Percent) + "%)"
	switch {
	case s.Kind == ServedByDefault:
		return "default"
	case s.Rule > 0 && s.Option > 0:
		return "rule " + strconv.Itoa(s.Rule) + ", " + option
	case s.Rule > 0:
		return "rule " + strconv.Itoa(s.Rule)
	}
	return option
}

// Result is one flag's value for one user. Value is a bool, string, int or float64 as the SDK returns it; Err
// is the SDK's evaluation error (a prerequisite cycle, an invalid comparison value), when Value is nil.
type Result struct {
	Key    string
	Value  any
	Source Source
	Err    error
}

// SpecValue is a value the SDK returned (Result.Value) as a spec.Value; ok is false for anything that is not a
// flag value.
func SpecValue(v any) (value spec.Value, ok bool) {
	switch x := v.(type) {
	case bool:
		return spec.BoolValue(x), true
	case string:
		return spec.StringValue(x), true
	case int:
		return spec.IntValue(int64(x)), true
	case int64:
		return spec.IntValue(x), true
	case float64:
		return spec.DoubleValue(x), true
	}
	return spec.Value{}, false
}

// Evaluator evaluates one document. It is safe for concurrent use.
type Evaluator struct {
	client *configcat.Client
	base   *configcat.Snapshot // the document without a user, which WithUser evaluates for one
	keys   []string
	// sources maps each flag's variation ids to the place in the flag that serves them.
	sources map[string]map[string]Source
}

// New parses a config_v6.json document and loads it into an offline SDK client.
func New(document []byte) (*Evaluator, error) {
	doc, err := sdkconfig.Parse(document)
	if err != nil {
		return nil, fmt.Errorf("config JSON: %w", err)
	}
	return load(doc, document)
}

// load loads document, of which doc is the parsed form, into an offline SDK client.
func load(doc *sdkconfig.Document, document []byte) (*Evaluator, error) {
	client := configcat.NewCustomClient(configcat.Config{
		SDKKey:      offlineSDKKey,
		Offline:     true,
		PollingMode: configcat.Manual,
		Cache:       memoryCache(configcatcache.CacheSegmentsToBytes(time.Now(), "flagsync", document)),
		Logger:      discardLogger{},
		LogLevel:    configcat.LogLevelNone,
	})
	if err := client.Refresh(context.Background()); err != nil {
		client.Close()
		return nil, fmt.Errorf("ConfigCat's SDK did not accept the config JSON: %w", err)
	}
	ev := &Evaluator{client: client, base: client.Snapshot(nil), sources: map[string]map[string]Source{}}
	for key, f := range doc.Flags {
		ev.keys = append(ev.keys, key)
		ev.sources[key] = sourcesOf(f)
	}
	sort.Strings(ev.keys)
	return ev, nil
}

// ForState builds the config JSON the SDK downloads for a config in an environment of st (names matched
// case-insensitively) and returns an evaluator of it, with the document it built. The caller closes it.
func ForState(st *spec.State, product, config, env string) (*Evaluator, *sdkconfig.Document, error) {
	doc, err := sdkconfig.Build(st, product, config, env)
	if err != nil {
		return nil, nil, err
	}
	data, err := doc.Marshal()
	if err != nil {
		return nil, nil, err
	}
	ev, err := load(doc, data) // doc is data parsed already
	if err != nil {
		return nil, nil, err
	}
	return ev, doc, nil
}

// Close releases the SDK client.
func (e *Evaluator) Close() { e.client.Close() }

// Keys returns the document's flag keys, sorted.
func (e *Evaluator) Keys() []string { return e.keys }

// Evaluate returns the values of the flags keys (every flag when keys is empty) for user, in the order asked.
func (e *Evaluator) Evaluate(user User, keys ...string) []Result {
	if len(keys) == 0 {
		keys = e.keys
	}
	snap := e.client.Snapshot(sdkUser(user))
	out := make([]Result, len(keys))
	for i, key := range keys {
		out[i] = e.result(snap.GetValueDetails(key))
		out[i].Key = key
	}
	return out
}

// PreparedUser is a user converted once into the SDK's form, to evaluate many flags of many documents for.
type PreparedUser struct{ data *configcat.UserData }

// Prepare converts u for Values; the result is read-only and may be shared between goroutines.
func Prepare(u User) PreparedUser { return PreparedUser{data: sdkUser(u)} }

// Values fills out[i] with the value of flag keys[i] for user, or with the SDK's error; it leaves out the
// sources, and is the cheaper way to evaluate many users. out must be as long as keys.
func (e *Evaluator) Values(user PreparedUser, keys []string, out []Result) {
	snap := e.base.WithUser(user.data)
	for i, key := range keys {
		if v := snap.GetValue(key); v != nil {
			out[i] = Result{Key: key, Value: v}
			continue
		}
		// nil is how the SDK's fast path says "error": ask again for the details that carry it.
		out[i] = e.result(snap.GetValueDetails(key))
		out[i].Key = key
	}
}

func (e *Evaluator) result(d configcat.EvaluationDetails) Result {
	if d.Data.Error != nil {
		return Result{Err: d.Data.Error}
	}
	src, ok := e.sources[d.Data.Key][d.Data.VariationID]
	if !ok {
		src = sourceFromDetails(d.Data)
	}
	return Result{Value: d.Value, Source: src}
}

// sourceFromDetails is what the SDK's details tell without the document's variation ids (a document from
// elsewhere whose ids repeat): whether a rule and a percentage option served, with the option's share.
func sourceFromDetails(d configcat.EvaluationDetailsData) Source {
	switch {
	case d.MatchedPercentageOption != nil:
		return Source{Kind: ServedByPercentageOption, Percent: int(d.MatchedPercentageOption.Percentage)}
	case d.MatchedTargetingRule != nil:
		return Source{Kind: ServedByRule}
	}
	return Source{Kind: ServedByDefault}
}

// sourcesOf maps a flag's variation ids to where they are served from; ids that repeat within the flag are left
// out, so that they are never reported as the wrong place.
func sourcesOf(f *sdkconfig.Flag) map[string]Source {
	m := map[string]Source{}
	seen := map[string]int{}
	add := func(id string, s Source) {
		seen[id]++
		m[id] = s
	}
	add(f.VariationID, Source{Kind: ServedByDefault})
	for i, r := range f.Rules {
		if r.Served != nil {
			add(r.Served.VariationID, Source{Kind: ServedByRule, Rule: i + 1})
		}
		for j, o := range r.Percentages {
			add(o.VariationID, Source{Kind: ServedByPercentageOption, Rule: i + 1, Option: j + 1, Percent: o.Percent})
		}
	}
	for j, o := range f.Percentages {
		add(o.VariationID, Source{Kind: ServedByPercentageOption, Option: j + 1, Percent: o.Percent})
	}
	for id, n := range seen {
		if n > 1 {
			delete(m, id)
		}
	}
	return m
}

// sdkUser turns attributes into the SDK's UserData, the predefined attributes in their fields (where an empty
// value counts as missing, as in applications) and the rest as custom attributes.
func sdkUser(u User) *configcat.UserData {
	out := &configcat.UserData{}
	for name, v := range u {
		s, isText := v.(string)
		switch {
		case name == "Identifier" && isText:
			out.Identifier = s
		case name == "Email" && isText:
			out.Email = s
		case name == "Country" && isText:
			out.Country = s
		default:
			if out.Custom == nil {
				out.Custom = map[string]any{}
			}
			out.Custom[name] = v
		}
	}
	return out
}

// memoryCache is an SDK cache holding one document, which is how an offline client is fed from memory.
type memoryCache []byte

func (c memoryCache) Get(context.Context, string) ([]byte, error) { return c, nil }
func (c memoryCache) Set(context.Context, string, []byte) error   { return nil }

type discardLogger struct{}

func (discardLogger) Debugf(string, ...any) {}
func (discardLogger) Infof(string, ...any)  {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Errorf(string, ...any) {}
