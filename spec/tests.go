package spec

import (
	"fmt"
	"strings"
)

// Limits of flagsync test's generated users.
const (
	DefaultShareUsers = 1000
	MaxShareUsers     = 100_000
	// DefaultShareTolerance is a share's tolerance in percentage points when the test gives none.
	DefaultShareTolerance = 1
)

// Test is an expectation about what users get, written next to the flags and checked offline by `flagsync
// test` (and by plan) with ConfigCat's SDK.
type Test struct {
	Name string `yaml:"name" json:"name"`
	// Product is the product's name; optional when the files declare one product.
	Product string `yaml:"product,omitempty" json:"product,omitempty"`
	// Environment, or Environments, are where the expectations hold; neither means every environment.
	Environment  string   `yaml:"environment,omitempty" json:"environment,omitempty"`
	Environments []string `yaml:"environments,omitempty" json:"environments,omitempty"`
	// User holds the user's attributes: identifier, email and country (in any case) are ConfigCat's predefined
	// ones, other names are custom attributes. Values are text or numbers; a list for array comparators is
	// written as a JSON array in text, as applications pass it.
	User map[string]Value `yaml:"user,omitempty" json:"user,omitempty"`
	// Expect maps flag keys (or Config/key where the key is in several configs) to the value the user gets.
	Expect map[string]Value `yaml:"expect,omitempty" json:"expect,omitempty"`
	// Users is how many users with generated identifiers Shares are measured over (default 1000).
	Users int `yaml:"users,omitempty" json:"users,omitempty"`
	// Shares maps flag keys to the share of generated users that get a value.
	Shares map[string]*Share `yaml:"shares,omitempty" json:"shares,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Share is the percentage of users expected to get a value, give or take Tolerance percentage points.
type Share struct {
	Value   Value `yaml:"value" json:"value"`
	Percent int   `yaml:"percent" json:"percent"`
	// Tolerance is in percentage points; nil means DefaultShareTolerance.
	Tolerance *int `yaml:"tolerance,omitempty" json:"tolerance,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// ShareTolerance is the share's tolerance, or the default.
func (s *Share) ShareTolerance() int {
	if s.Tolerance == nil {
		return DefaultShareTolerance
	}
	return *s.Tolerance
}

// ShareUsers is how many generated users the test's shares are measured over.
func (t *Test) ShareUsers() int {
	if t.Users == 0 {
		return DefaultShareUsers
	}
	return t.Users
}

// TestTarget is where a test's expectation is checked: a product, one of its environments and a flag.
type TestTarget struct {
	Product     *Product
	Environment *Environment
	Config      *Config
	Flag        *Flag
}

// TestProduct is the product a test is about: the named one, or the only one.
func (s *State) TestProduct(t *Test) (*Product, error) {
	if t.Product != "" {
		if p := s.Product(t.Product); p != nil {
			return p, nil
		}
		return nil, fmt.Errorf("no product %q%s", t.Product, listNames(s.Products, productName))
	}
	if len(s.Products) == 1 {
		return s.Products[0], nil
	}
	return nil, fmt.Errorf("the files declare %d products: add product: NAME%s", len(s.Products),
		listNames(s.Products, productName))
}

// TestEnvironments are the environments a test runs in: those it names, or every one of its product.
func TestEnvironments(p *Product, t *Test) ([]*Environment, error) {
	names := t.Environments
	if t.Environment != "" {
		names = []string{t.Environment}
	}
	if len(names) == 0 {
		return p.Environments, nil
	}
	var out []*Environment
	for _, n := range names {
		e := p.Environment(n)
		if e == nil {
			return nil, fmt.Errorf("product %q has no environment %q%s", p.Name, n, listNames(p.Environments, envName))
		}
		out = append(out, e)
	}
	return out, nil
}

// TestFlag finds the flag a test names: a key found in exactly one config, or Config/key.
func TestFlag(p *Product, name string) (*Config, *Flag, error) {
	if cfg, key, ok := strings.Cut(name, "/"); ok {
		c := p.Config(cfg)
		if c == nil {
			return nil, nil, fmt.Errorf("product %q has no config %q%s", p.Name, cfg, listNames(p.Configs, cfgName))
		}
		if f := c.Flag(key); f != nil {
			return c, f, nil
		}
		return nil, nil, fmt.Errorf("config %q has no flag %q", c.Name, key)
	}
	var found []*Config
	var flag *Flag
	for _, c := range p.Configs {
		if f := c.Flag(name); f != nil {
			found, flag = append(found, c), f
		}
	}
	switch len(found) {
	case 0:
		return nil, nil, fmt.Errorf("product %q has no flag %q", p.Name, name)
	case 1:
		return found[0], flag, nil
	}
	return nil, nil, fmt.Errorf("flag %q is in configs %q and %q: write Config/%s", name, found[0].Name, found[1].Name, name)
}

// listNames is " (one of "a", "b")", or nothing when there are none.
func listNames[T any](items []T, name func(T) string) string {
	if len(items) == 0 {
		return ""
	}
	quoted := make([]string, len(items))
	for i, it := range items {
		quoted[i] = fmt.Sprintf("%q", name(it))
	}
	return " (one of " + strings.Join(quoted, ", ") + ")"
}

// tests checks the tests: names present and unique, the product, environments, flags and users resolved, values
// of the flags' types, shares between 0 and 100.
func (v *validator) tests(s *State) {
	var items []named
	for i, t := range s.Tests {
		if t == nil {
			continue
		}
		path := fmt.Sprintf("tests[%d]", i)
		if t.Name == "" {
			v.errorf(t, "name", path, "test %d has no name; add name:", i+1)
		}
		what := fmt.Sprintf("test %q", t.Name)
		items = append(items, named{t, t.Name, "", path})
		if len(t.Expect) == 0 && len(t.Shares) == 0 {
			v.errorf(t, "name", path, "%s expects nothing; add expect: {flagKey: value} or shares:", what)
		}
		if t.Environment != "" && len(t.Environments) > 0 {
			v.errorf(t, "environments", path, "%s has environment and environments; keep one", what)
		}
		v.testUser(t, path, what)
		v.testShares(t, path, what)
		p, err := s.TestProduct(t)
		if err != nil {
			v.errorf(t, "product", path, "%s: %v", what, err)
			continue
		}
		if _, err := TestEnvironments(p, t); err != nil {
			field := "environment"
			if t.Environment == "" {
				field = "environments"
			}
			v.errorf(t, field, path, "%s: %v", what, err)
		}
		for _, key := range sortedKeys(t.Expect) {
			v.testValue(t, p, "expect", key, t.Expect[key], path, what)
		}
		for _, key := range sortedKeys(t.Shares) {
			v.testValue(t, p, "shares", key, t.Shares[key].Value, path, what)
		}
	}
	v.unique("test", "name", items)
}

// testValue checks that a test's flag exists and that value fits its type.
func (v *validator) testValue(t *Test, p *Product, field, key string, value Value, path, what string) {
	at := field + ":" + Key(key)
	_, f, err := TestFlag(p, key)
	if err != nil {
		v.errorf(t, at, path, "%s: %v", what, err)
		return
	}
	if _, err := value.Convert(f.Type); err != nil {
		v.errorf(t, at, path, "%s: %s (a %s flag): %v", what, f.Key, f.Type, err)
	}
}

// testUser checks the attributes' names and types: the SDK takes text and numbers.
func (v *validator) testUser(t *Test, path, what string) {
	for _, name := range sortedKeys(t.User) {
		val := t.User[name]
		if strings.TrimSpace(name) == "" {
			v.errorf(t, "user", path, "%s: a user attribute has no name", what)
		}
		if val.Type() == TypeBoolean {
			v.errorf(t, "user:"+Key(name), path, "%s: user attribute %s is %s, but attributes are text or numbers; "+
				"write \"%s\" in quotes", what, name, val, val)
		}
		if len(t.Shares) > 0 && strings.EqualFold(name, "identifier") {
			v.errorf(t, "user:"+Key(name), path, "%s: shares are measured over generated identifiers; remove "+
				"identifier from user", what)
		}
	}
}

// testShares checks the generated user count and each share's percentages.
func (v *validator) testShares(t *Test, path, what string) {
	if t.Users != 0 && len(t.Shares) == 0 {
		v.errorf(t, "users", path, "%s: users counts the generated users of shares, and there are none; remove users or add shares:", what)
	}
	if t.Users < 0 || t.Users > MaxShareUsers {
		v.errorf(t, "users", path, "%s: users is %d; use 1 to %d", what, t.Users, MaxShareUsers)
	}
	for _, key := range sortedKeys(t.Shares) {
		sh := t.Shares[key]
		if !sh.Value.IsSet() {
			v.errorf(sh, "value", path, "%s: the share of %s has no value; add value:", what, key)
		}
		if sh.Percent < 0 || sh.Percent > 100 {
			v.errorf(sh, "percent", path, "%s: the share of %s is %v%%; use a percentage from 0 to 100", what, key, sh.Percent)
		}
		if tol := sh.ShareTolerance(); tol < 0 || tol > 100 {
			v.errorf(sh, "tolerance", path, "%s: the tolerance of %s is %v; use percentage points from 0 to 100", what, key, tol)
		}
	}
}
