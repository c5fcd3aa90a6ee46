package executor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Who changed what drift finds, from the product audit log.

// Blame is the newest audit log entry of one drifted object: who changed it and when.
type Blame struct {
	// Object names it as people do: "newCheckout in Production (config Main, product Shop)".
	Object string
	// Who is "Ann (ann@acme.com)"; empty when the window holds no entry of the object.
	Who string
	At  time.Time
}

// String is "newCheckout in Production (config Main, product Shop) changed by Ann (ann@acme.com) on
// 2026-12-01 10:22 UTC", or says that the window holds no entry.
func (b Blame) String() string {
	if b.Who == "" {
		return b.Object + ": no audit log entry in the time window"
	}
	return fmt.Sprintf("%s changed by %s on %s", b.Object, b.Who, b.At.UTC().Format("2006-01-02 15:04 UTC"))
}

// blameTarget is what identifies an object's entries: "Product / Config / Environment" as where (a prefix for
// objects outside an environment) and its name or key among the entry's targets.
type blameTarget struct {
	object, where, target string
	found                 *Blame
}

// ReadBlame finds who last changed each object that p changes back (changes waiting in a change request are not
// drift), reading each product's audit log back to since, newest first, and stopping as soon as every
// object of the product has its entry: usually one call per product with drift, one more per 100 newer entries.
func ReadBlame(ctx context.Context, client *configcat.Client, p *planner.Plan, remote *configcat.Remote, since time.Time) ([]Blame, error) {
	byProduct := map[string][]*blameTarget{}
	var products []string // in the plan's order
	var order []*blameTarget
	for i := range p.Changes {
		c := &p.Changes[i]
		if p.Waiting(c) {
			continue
		}
		for _, t := range blameTargets(c) {
			k := spec.Key(c.Address.Product)
			if byProduct[k] == nil {
				products = append(products, c.Address.Product)
			}
			byProduct[k] = append(byProduct[k], t)
			order = append(order, t)
		}
	}
	for _, name := range products {
		rp := remote.Product(name)
		if rp == nil {
			continue // created by the plan: nothing to blame in the account
		}
		targets := byProduct[spec.Key(name)]
		if err := client.AuditLogs(ctx, rp.ID, since, func(items []configcat.AuditLogItem) bool {
			return matchEntries(items, targets)
		}); err != nil {
			return nil, fmt.Errorf("reading the audit log of product %q: %w", name, err)
		}
	}
	out := make([]Blame, len(order))
	for i, t := range order {
		out[i] = Blame{Object: t.object}
		if t.found != nil {
			out[i] = *t.found
		}
	}
	return out, nil
}

// blameTargets are the objects a change puts back: each flag of a values change, or the changed object.
func blameTargets(c *planner.Change) []*blameTarget {
	a := c.Address
	if c.Kind == planner.KindValues {
		var out []*blameTarget
		for _, v := range c.Values {
			out = append(out, &blameTarget{object: fmt.Sprintf("%s in %s (config %s, product %s)", v.Key, a.Environment, a.Config, a.Product),
				where: a.Product + " / " + a.Config + " / " + a.Environment, target: v.Key})
		}
		return out
	}
	name := a.Name
	switch {
	case a.Flag != "":
		name = a.Flag
	case name == "" && a.Environment != "":
		name = a.Environment
	case name == "" && a.Config != "":
		name = a.Config
	case name == "":
		name = a.Product
	}
	where := a.Product
	if a.Config != "" && c.Kind != planner.KindConfig {
		where += " / " + a.Config
	}
	return []*blameTarget{{object: c.Kind.Noun() + " " + a.String(), where: where, target: name}}
}

// matchEntries records, for each target not yet found, the first (newest) entry of items about it; it reports
// whether some target is still missing.
func matchEntries(items []configcat.AuditLogItem, targets []*blameTarget) bool {
	missing := false
	for _, t := range targets {
		for _, it := range items {
			if t.found == nil && entryIsAbout(it, t) {
				t.found = &Blame{Object: t.object, Who: who(it), At: parseTime(it.DateTime)}
			}
		}
		missing = missing || t.found == nil
	}
	return missing
}

// entryIsAbout reports whether an entry was written at the target's place and names it among its targets (a
// value write lists every key it changed: "banner, newCheckout").
func entryIsAbout(it configcat.AuditLogItem, t *blameTarget) bool {
	where, target := it.Where, it.ActionTarget
	if !strings.HasPrefix(spec.Key(where), spec.Key(t.where)) {
		return false
	}
	for _, name := range strings.Split(target, ",") {
		if spec.Same(strings.TrimSpace(name), t.target) {
			return true
		}
	}
	return false
}

func who(it configcat.AuditLogItem) string {
	name, email := it.UserName, deref(it.UserEmail)
	switch {
	case name != "" && email != "":
		return name + " (" + email + ")"
	case email != "":
		return email
	}
	return name
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
