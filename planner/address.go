package planner

import (
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
