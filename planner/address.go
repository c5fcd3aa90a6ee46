package planner

import (
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// String returns the address as a path of its set parts, such as Web/Main/darkMode.
func (a Address) String() string {
	parts := make([]string, 0, 5)
	for _, s := range []string{a.Product, a.Config, a.Environment, a.Flag, a.Name} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "/")
}

// Describe names an object of kind k at a as people say it, with every container: `flag "darkMode" in config
// "Main" of product "Web"`. Messages use it instead of String's path, which readers cannot tell apart from a URL.
func (a Address) Describe(k Kind) string {
	self := a.Self(k)
	if in := a.Container(k); in != "" {
		return self + " " + in
	}
	return self
}

// Self names the object itself: `flag "darkMode"`, `values in "Production"`, `webhook POST https://h`.
func (a Address) Self(k Kind) string {
	if ki := kinds[k]; ki != nil && ki.self != nil {
		return ki.self(a)
	}
	return fmt.Sprintf("%s %q", k.Noun(), a.Name)
}

// Container names what holds the object, or "" for a product: `of product "Web"`, `in config "Main" of
// product "Web"`.
func (a Address) Container(k Kind) string {
	if ki := kinds[k]; ki != nil && ki.container != nil {
		return ki.container(a)
	}
	return fmt.Sprintf("of product %q", a.Product)
}

// AddressKey is an address with every part folded (spec.Key): addresses that name the same object have the
// same key. It is comparable, for maps.
type AddressKey [5]string

// Key returns the address's folded key.
func (a Address) Key() AddressKey {
	return AddressKey{spec.Key(a.Product), spec.Key(a.Config), spec.Key(a.Environment), spec.Key(a.Flag), spec.Key(a.Name)}
}

// compare orders addresses by their parts, case-insensitively, then exactly, so that the order is total.
func (a Address) compare(b Address) int {
	as := [5]string{a.Product, a.Config, a.Environment, a.Flag, a.Name}
	bs := [5]string{b.Product, b.Config, b.Environment, b.Flag, b.Name}
	for i := range as {
		if c := strings.Compare(spec.Key(as[i]), spec.Key(bs[i])); c != 0 {
			return c
		}
	}
	for i := range as {
		if c := strings.Compare(as[i], bs[i]); c != 0 {
			return c
		}
	}
	return 0
}
