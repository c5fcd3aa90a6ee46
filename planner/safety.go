package planner

import (
	"fmt"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Default safety thresholds (octoDNS's): refuse a plan that deletes more than 30% of a kind's objects when at
// least 10 exist.
const (
	DefaultMaxDeletePercent = 30
	DefaultMinExisting      = 10
)

// Violation is one safety threshold a plan exceeds: either too large a share of a kind deleted (Existing, Percent
// and Limit set) or any deletion of a product, config or environment (Protected).
type Violation struct {
	Kind     Kind `json:"kind"`
	Deleted  int  `json:"deleted"`
	Existing int  `json:"existing,omitempty"`
	Percent  int  `json:"percent,omitempty"`
	Limit    int  `json:"limit,omitempty"`
	// Protected is true for kinds never deleted unless forced.
	Protected bool `json:"protected,omitempty"`
	// Addresses of the deleted objects of a protected kind.
	Addresses []Address `json:"addresses,omitempty"`
}

// UnsafeError refuses a plan that exceeds the safety thresholds; rerun with Options.Force to accept it.
type UnsafeError struct{ Violations []Violation }

func (e *UnsafeError) Error() string {
	parts := make([]string, len(e.Violations))
	for i, v := range e.Violations {
		parts[i] = v.String()
	}
	return "unsafe plan: " + strings.Join(parts, "; ") + "; rerun with --force"
}

// String describes the violation: "12 of 30 flags would be deleted (40%, limit 30%)".
func (v Violation) String() string {
	if v.Protected {
		names := make([]string, len(v.Addresses))
		for i, a := range v.Addresses {
			names[i] = a.String()
		}
		return fmt.Sprintf("%s would be deleted (%s)", plural(v.Deleted, v.Kind), strings.Join(names, ", "))
	}
	return fmt.Sprintf("%d of %s would be deleted (%d%%, limit %d%%)", v.Deleted, plural(v.Existing, v.Kind), v.Percent, v.Limit)
}

// plural spells a count of a kind: "1 flag", "30 flags", "2 permission groups".
func plural(n int, k Kind) string {
	name := k.Noun()
	if n != 1 {
		name += "s"
	}
	return fmt.Sprintf("%d %s", n, name)
}

type limits struct{ maxPercent, minExisting int }

func thresholds(s *spec.Safety, o Options) limits {
	l := limits{DefaultMaxDeletePercent, DefaultMinExisting}
	if s != nil && s.MaxDeletePercent != nil {
		l.maxPercent = *s.MaxDeletePercent
	}
	if s != nil && s.MinExisting != nil {
		l.minExisting = *s.MinExisting
	}
	if o.MaxDeletePercent != nil {
		l.maxPercent = *o.MaxDeletePercent
	}
	if o.MinExisting != nil {
		l.minExisting = *o.MinExisting
	}
	return l
}

// checkSafety returns the thresholds the changes exceed. The deletes of a renamed flag's old key and of a flag
// whose type changes do not count: the flag lives on.
func checkSafety(cs []Change, existing map[Kind]int, l limits) []Violation {
	deleted := map[Kind]int{}
	protected := map[Kind][]Address{}
	for _, c := range cs {
		if c.Op != Delete || c.Reason != "" {
			continue
		}
		switch c.Kind {
		case KindProduct, KindConfig, KindEnvironment:
			protected[c.Kind] = append(protected[c.Kind], c.Address)
		default:
			deleted[c.Kind]++
		}
	}
	var out []Violation
	for _, k := range []Kind{KindProduct, KindConfig, KindEnvironment} {
		if n := len(protected[k]); n > 0 {
			out = append(out, Violation{Kind: k, Deleted: n, Protected: true, Addresses: protected[k]})
		}
	}
	for _, k := range []Kind{KindFlag, KindVariation, KindTag, KindSegment, KindWebhook, KindPermissionGroup} {
		n, total := deleted[k], existing[k]
		if n == 0 || total < l.minExisting || total == 0 || n*100 <= l.maxPercent*total {
			continue
		}
		out = append(out, Violation{Kind: k, Deleted: n, Existing: total, Percent: n * 100 / total, Limit: l.maxPercent})
	}
	return out
}
