package sdkconfig

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// DefaultBaseURL is the CDN address ConfigCat puts in its documents' preferences.
const DefaultBaseURL = "https://cdn-global.configcat.com"

// Options adjust a document; the zero value gives ConfigCat's CDN and a salt derived from the product and config.
type Options struct {
	// BaseURL is the document's p.u; empty means DefaultBaseURL.
	BaseURL string
	// Salt hashes sensitive comparison values; empty means a salt derived from the product and config names,
	// so that the same state always gives the same document.
	Salt string
}

// Build returns the config JSON SDKs would download for a config in one environment of a product of st, which
// must be normalized and valid (as Load and Fetch return it). Names are matched case-insensitively.
func Build(st *spec.State, product, config, environment string) (*Document, error) {
	return BuildWith(st, product, config, environment, Options{})
}

// BuildWith is Build with options.
func BuildWith(st *spec.State, product, config, environment string, opts Options) (*Document, error) {
	p, c, env, err := Locate(st, product, config, environment)
	if err != nil {
		return nil, err
	}
	b := &builder{product: p, config: c, env: env.Name, salt: opts.Salt, segmentIndex: map[string]int{}}
	if b.salt == "" {
		b.salt = defaultSalt(p.Name, c.Name)
	}
	doc := &Document{Preferences: Preferences{BaseURL: opts.BaseURL, Salt: b.salt}, Flags: map[string]*Flag{}}
	if doc.Preferences.BaseURL == "" {
		doc.Preferences.BaseURL = DefaultBaseURL
	}
	for i, sg := range p.Segments {
		seg, err := b.segment(sg)
		if err != nil {
			return nil, err
		}
		doc.Segments = append(doc.Segments, seg)
		b.segmentIndex[spec.Key(sg.Name)] = i
	}
	for _, f := range c.Flags {
		flag, err := b.flag(f)
		if err != nil {
			return nil, fmt.Errorf("flag %q in config %q of product %q, environment %q: %w", f.Key, c.Name, p.Name, env.Name, err)
		}
		doc.Flags[f.Key] = flag
	}
	return doc, nil
}

// Locate finds a product, one of its configs and one of its environments by name, case-insensitively. Its
// errors name what is missing and list what there is.
func Locate(st *spec.State, product, config, environment string) (*spec.Product, *spec.Config, *spec.Environment, error) {
	p := st.Product(product)
	if p == nil {
		return nil, nil, nil, fmt.Errorf("no product %q%s", product, choices(st.Products, func(p *spec.Product) string { return p.Name }))
	}
	c := p.Config(config)
	if c == nil {
		return nil, nil, nil, fmt.Errorf("product %q has no config %q%s", p.Name, config, choices(p.Configs, func(c *spec.Config) string { return c.Name }))
	}
	env := p.Environment(environment)
	if env == nil {
		return nil, nil, nil, fmt.Errorf("product %q has no environment %q%s", p.Name, environment, choices(p.Environments, func(e *spec.Environment) string { return e.Name }))
	}
	return p, c, env, nil
}

// choices lists names for an error message: " (there are: a, b)" or " (there are none)".
func choices[T any](items []T, name func(T) string) string {
	if len(items) == 0 {
		return " (there are none)"
	}
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = fmt.Sprintf("%q", name(it))
	}
	return " (there are: " + strings.Join(names, ", ") + ")"
}

// defaultSalt derives a stable salt from the product and config names.
func defaultSalt(product, config string) string {
	sum := sha256.Sum256([]byte("flagsync\x00" + spec.Key(product) + "\x00" + spec.Key(config)))
	return base64.RawURLEncoding.EncodeToString(sum[:24])
}

type builder struct {
	product      *spec.Product
	config       *spec.Config
	env          string
	salt         string
	segmentIndex map[string]int // by spec.Key of the segment's name
}

func (b *builder) segment(sg *spec.Segment) (*Segment, error) {
	cond, err := legacyCondition(sg.Attribute, sg.Comparator, sg.Value, hasher{salt: b.salt, context: sg.Name})
	if err != nil {
		return nil, fmt.Errorf("segment %q of product %q: %w", sg.Name, b.product.Name, err)
	}
	return &Segment{Name: sg.Name, Conditions: []*UserCondition{cond}}, nil
}

func (b *builder) flag(f *spec.Flag) (*Flag, error) {
	typ, err := settingType(f.Type)
	if err != nil {
		return nil, err
	}
	ev := f.Values[b.env]
	if ev == nil {
		return nil, fmt.Errorf("no value for the environment")
	}
	ids := &variationIDs{key: f.Key, used: map[string]bool{}}
	out := &Flag{Type: typ, PercentageAttribute: ev.PercentageAttribute, VariationID: ids.of("default")}
	if out.Default, err = value(ev.Default, f.Type); err != nil {
		return nil, fmt.Errorf("default: %w", err)
	}
	for i, r := range ev.Rules {
		rule, err := b.rule(f, r, ids, i+1)
		if err != nil {
			return nil, fmt.Errorf("rule %d: %w", i+1, err)
		}
		out.Rules = append(out.Rules, rule)
	}
	if out.Percentages, err = percentages(ev.Percentages, f.Type, ids, "p"); err != nil {
		return nil, err
	}
	return out, nil
}

func (b *builder) rule(f *spec.Flag, r *spec.Rule, ids *variationIDs, n int) (*Rule, error) {
	out := &Rule{}
	for _, c := range r.If {
		cond, err := b.condition(f, c)
		if err != nil {
			return nil, err
		}
		out.Conditions = append(out.Conditions, cond)
	}
	place := fmt.Sprintf("r%d", n)
	if r.Serve != nil {
		v, err := value(*r.Serve, f.Type)
		if err != nil {
			return nil, err
		}
		out.Served = &ServedValue{Value: v, VariationID: ids.of(place)}
		return out, nil
	}
	var err error
	out.Percentages, err = percentages(r.Percentages, f.Type, ids, place+"p")
	return out, err
}

func (b *builder) condition(f *spec.Flag, c *spec.Condition) (*Condition, error) {
	h := hasher{salt: b.salt, context: f.Key}
	switch {
	case c.Segment != "":
		i, ok := b.segmentIndex[spec.Key(c.Segment)]
		if !ok {
			return nil, fmt.Errorf("segment %q is not in product %q", c.Segment, b.product.Name)
		}
		cmp := 0
		if c.Comparator == "isNotIn" {
			cmp = 1
		}
		return &Condition{Segment: &SegmentCondition{Index: i, Comparator: cmp}}, nil
	case c.Flag != "":
		return b.prerequisite(c)
	case b.config.EvaluationVersion == spec.EvaluationV1:
		u, err := legacyCondition(c.Attribute, c.Comparator, c.Value, h)
		return &Condition{User: u}, err
	}
	u, err := userCondition(c, h)
	return &Condition{User: u}, err
}

func (b *builder) prerequisite(c *spec.Condition) (*Condition, error) {
	pre := b.config.Flag(c.Flag)
	if pre == nil {
		return nil, fmt.Errorf("prerequisite flag %q is not in config %q", c.Flag, b.config.Name)
	}
	cmp, want := 0, c.Equals
	if want == nil {
		cmp, want = 1, c.DoesNotEqual
	}
	if want == nil {
		return nil, fmt.Errorf("prerequisite flag %q: equals or doesNotEqual is required", c.Flag)
	}
	v, err := value(*want, pre.Type)
	if err != nil {
		return nil, fmt.Errorf("prerequisite flag %q: %w", c.Flag, err)
	}
	return &Condition{Prerequisite: &PrerequisiteCondition{FlagKey: pre.Key, Comparator: cmp, Value: v}}, nil
}

func percentages(opts []*spec.PercentageOption, flagType spec.FlagType, ids *variationIDs, place string) ([]*PercentageOption, error) {
	var out []*PercentageOption
	for i, o := range opts {
		v, err := value(o.Serve, flagType)
		if err != nil {
			return nil, fmt.Errorf("percentage option %d: %w", i+1, err)
		}
		out = append(out, &PercentageOption{Percent: o.Percent, Value: v, VariationID: ids.of(fmt.Sprintf("%s%d", place, i+1))})
	}
	return out, nil
}

// variationIDs names every place a flag serves a value from with its own id, so that the variation id an SDK
// reports tells which rule or percentage option served (ConfigCat, too, gives each its own id).
type variationIDs struct {
	key  string
	used map[string]bool
}

// of returns the id of a place in the flag ("default", "r2", "r2p1", "p1"), unique within the flag.
func (v *variationIDs) of(place string) string {
	for salt := ""; ; salt += "+" {
		sum := sha1.Sum([]byte(v.key + "\x00" + place + salt))
		id := hex.EncodeToString(sum[:4])
		if !v.used[id] {
			v.used[id] = true
			return id
		}
	}
}

func settingType(t spec.FlagType) (int, error) {
	switch t {
	case spec.TypeBoolean:
		return TypeBool, nil
	case spec.TypeString:
		return TypeString, nil
	case spec.TypeInt:
		return TypeInt, nil
	case spec.TypeDouble:
		return TypeDouble, nil
	}
	return 0, fmt.Errorf("unknown flag type %q", t)
}

// value converts a flag value to the document's form for a flag of flagType.
func value(v spec.Value, flagType spec.FlagType) (Value, error) {
	c, err := v.Convert(flagType)
	if err != nil {
		return Value{}, err
	}
	switch x := c.Any().(type) {
	case bool:
		return Value{Bool: &x}, nil
	case string:
		return Value{String: &x}, nil
	case int64:
		return Value{Int: &x}, nil
	case float64:
		return Value{Double: &x}, nil
	}
	return Value{}, fmt.Errorf("value is unset")
}
