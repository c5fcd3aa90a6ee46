package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Fingerprint records a remote object a change was planned against: a hash of its canonical JSON in the current
// state, or an empty Hash when the object did not exist. A KindValues fingerprint is one flag's value in one
// environment (Address.Flag set); a KindFlag fingerprint covers the flag's metadata and variations, not its
// values; product and config fingerprints cover their own fields, not their children.
type Fingerprint struct {
	Kind    Kind    `json:"kind"`
	Address Address `json:"address"`
	Hash    string  `json:"hash,omitempty"`
}

// index finds objects of a state by address, building its maps on first use.
type index struct {
	products map[string]*spec.Product
	configs  map[*spec.Product]map[string]*spec.Config
	flags    map[*spec.Config]map[string]*spec.Flag
}

func newIndex(s *spec.State) *index {
	ix := &index{products: map[string]*spec.Product{}, configs: map[*spec.Product]map[string]*spec.Config{},
		flags: map[*spec.Config]map[string]*spec.Flag{}}
	if s != nil {
		for _, p := range s.Products {
			ix.products[spec.Key(p.Name)] = p
		}
	}
	return ix
}

func (ix *index) config(p *spec.Product, name string) *spec.Config {
	m, ok := ix.configs[p]
	if !ok {
		m = make(map[string]*spec.Config, len(p.Configs))
		for _, c := range p.Configs {
			m[spec.Key(c.Name)] = c
		}
		ix.configs[p] = m
	}
	return m[spec.Key(name)]
}

func (ix *index) flag(c *spec.Config, key string) *spec.Flag {
	m, ok := ix.flags[c]
	if !ok {
		m = make(map[string]*spec.Flag, len(c.Flags))
		for _, f := range c.Flags {
			m[spec.Key(f.Key)] = f
		}
		ix.flags[c] = m
	}
	return m[spec.Key(key)]
}

// lookup returns the canonical snapshot of the object at the address, or nil when there is none.
func (ix *index) lookup(kind Kind, a Address) any {
	p := ix.products[spec.Key(a.Product)]
	if p == nil {
		return nil
	}
	ki := kind.info()
	if ki.list != nil {
		return ki.list.lookup(p, a)
	}
	return ki.lookup(ix, p, a)
}

// flagAt returns the flag at the address (its config and flag key) in product p, or nil.
func (ix *index) flagAt(p *spec.Product, a Address) *spec.Flag {
	c := ix.config(p, a.Config)
	if c == nil {
		return nil
	}
	return ix.flag(c, a.Flag)
}

// fingerprint returns the fingerprint of the object at the address in the indexed state.
func (ix *index) fingerprint(kind Kind, a Address) Fingerprint {
	fp := Fingerprint{Kind: kind, Address: a}
	if obj := ix.lookup(kind, a); obj != nil {
		fp.Hash = hash(obj)
	}
	return fp
}

func hash(obj any) string {
	b, err := json.Marshal(obj)
	if err != nil {
		// the model always marshals; a failure here is a bug worth seeing rather than a silent match
		panic(fmt.Sprintf("planner: cannot marshal %T: %v", obj, err))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// StaleError says that the remote objects a plan depends on changed since the plan was made.
type StaleError struct {
	// Changed lists the fingerprints that no longer match, with Hash as recorded in the plan.
	Changed []Fingerprint
	// Now holds, for each of Changed, the object's hash in the current state ("" when it is gone).
	Now []string
}

func (e *StaleError) Error() string {
	const show = 5
	var parts []string
	for i, fp := range e.Changed {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Changed)-show))
			break
		}
		what := fp.Kind.Noun() + " " + fp.Address.String()
		if fp.Kind == KindValues {
			what = fmt.Sprintf("value of flag %s in %s", fp.Address.Config+"/"+fp.Address.Flag, fp.Address.Environment)
		}
		switch {
		case fp.Hash == "":
			parts = append(parts, what+" was created")
		case e.Now[i] == "":
			parts = append(parts, what+" was deleted")
		default:
			parts = append(parts, what+" was changed")
		}
	}
	return "plan is stale: since it was made, " + strings.Join(parts, ", ") + "; run flagsync plan again"
}

// seenFingerprint is a fingerprint as CheckFresh tells them apart.
type seenFingerprint struct {
	kind Kind
	hash string
	addr AddressKey
}

// CheckFresh reports whether every remote object the plan depends on is still as it was when the plan was made.
// It returns a *StaleError naming what changed, or nil.
func CheckFresh(p *Plan, current *spec.State) error {
	ix := newIndex(current)
	seen := map[seenFingerprint]bool{}
	stale := &StaleError{}
	for _, c := range p.Changes {
		for _, fp := range c.Depends {
			id := seenFingerprint{fp.Kind, fp.Hash, fp.Address.Key()}
			if seen[id] {
				continue
			}
			seen[id] = true
			now := ix.fingerprint(fp.Kind, fp.Address)
			if now.Hash != fp.Hash {
				stale.Changed = append(stale.Changed, fp)
				stale.Now = append(stale.Now, now.Hash)
			}
		}
	}
	if len(stale.Changed) > 0 {
		return stale
	}
	return nil
}
