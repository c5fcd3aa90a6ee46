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

// Violation is one safety threshold a plan exceeds: too large a share of a kind deleted (Existing, Percent and
// Limit set), any deletion of a product, config or environment (Protected), or every object of a kind deleted
// from one product or, for flags, from one config (All, with Scope naming the product or config), or the
// deletion of a flag that code still refers to (References).
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
	// All is true when the plan deletes every object of the kind in Scope, whatever their number: the
	// commonest cause is a file or a section missing from the YAML, not a wish to empty the product.
	All   bool     `json:"all,omitempty"`
	Scope *Address `json:"scope,omitempty"`
	// References are, for a deleted flag that code still refers to (AttachCodeReferences), where.
	References []CodeReference `json:"references,omitempty"`
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
	if len(v.References) > 0 {
		return v.referencedString()
	}
	if v.All {
		where := fmt.Sprintf("product %q", v.Scope.Product)
		if v.Scope.Config != "" {
			where = fmt.Sprintf("config %q in product %q", v.Scope.Config, v.Scope.Product)
		}
		if v.Deleted == 1 {
			return fmt.Sprintf("the only %s of %s would be deleted", v.Kind.Noun(), where)
		}
		return fmt.Sprintf("all %s of %s would be deleted", v.Kind.Count(v.Deleted), where)
	}
	if v.Protected {
		names := make([]string, len(v.Addresses))
		for i, a := range v.Addresses {
			names[i] = a.String()
		}
		return fmt.Sprintf("%s would be deleted (%s)", v.Kind.Count(v.Deleted), strings.Join(names, ", "))
	}
	return fmt.Sprintf("%d of %s would be deleted (%d%%, limit %d%%)", v.Deleted, v.Kind.Count(v.Existing), v.Percent, v.Limit)
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

// wholeKinds are the kinds whose deletion from a whole product is unsafe at any count; flags count per config.
// Variations are left out: deleting a flag's every variation turns it back into a flag with free values.
var wholeKinds = []Kind{KindTag, KindSegment, KindWebhook, KindPermissionGroup}

// checkWhole reports the kinds of wholeKinds that changes (one product's) delete every object of, given the
// product's current objects. Renamed and retyped objects live on and do not count.
func checkWhole(product string, cur *spec.Product, changes []Change) []Violation {
	deleted := map[Kind]int{}
	for _, c := range changes {
		if c.Op == Delete && c.Reason == "" {
			deleted[c.Kind]++
		}
	}
	var out []Violation
	for _, k := range wholeKinds {
		if n := k.info().count(cur); n > 0 && deleted[k] == n {
			out = append(out, Violation{Kind: k, Deleted: n, Existing: n, All: true, Scope: &Address{Product: product}})
		}
	}
	return out
}
