package planner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// Options tune Build. Nil thresholds take spec.State.Safety of the desired state, then the defaults.
type Options struct {
	// Force builds the plan without an *UnsafeError even when it exceeds the safety thresholds.
	Force bool
	// MaxDeletePercent overrides the share of a kind's existing objects a plan may delete (default 30).
	MaxDeletePercent *int
	// MinExisting overrides how many objects of a kind must exist before MaxDeletePercent applies (default 10).
	MinExisting *int
	// Writes are what apply sends and what the account allows. With them Build also reports, as problems, every
	// write ConfigCat would refuse half way through apply (see CheckWrites); nil leaves those checks out, for
	// plans that are only shown.
	Writes *WriteInputs
	// ResendSecrets plans an update of every existing webhook and integration that carries secrets, even when
	// nothing else of it changes, so that apply sends rotated secrets (which are never compared) again.
	ResendSecrets bool
}

// ProblemError lists the desired changes the API cannot make; the plan is still returned.
type ProblemError struct{ Problems []Problem }

func (e *ProblemError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.String()
	}
	return strings.Join(msgs, "; ")
}

// Build plans the changes that turn current into desired. Both states must be normalized (spec.Normalize);
// neither is modified. Only the products desired declares are looked at.
//
// Build returns the plan even when it also returns an error: a *ProblemError when some desired change cannot be
// made, an *UnsafeError when the plan exceeds the safety thresholds and opts.Force is false (both joined when
// both apply; use errors.As).
func Build(current, desired *spec.State, opts Options) (*Plan, error) {
	if current == nil {
		current = &spec.State{}
	}
	if desired == nil {
		desired = &spec.State{}
	}
	b := &builder{ix: newIndex(current), existing: map[Kind]int{}, resendSecrets: opts.ResendSecrets}
	hits := map[ignoreHit]bool{}
	for _, dp := range desired.Products {
		cp := current.Product(dp.Name)
		if cp == nil && dp.RenamedFrom != "" {
			cp = current.Product(dp.RenamedFrom)
		}
		b.product(cp, dp, ignorer{lists: []*spec.Ignore{desired.Ignore, dp.Ignore}, hits: hits})
	}
	sortChanges(b.changes)
	plan := &Plan{Version: SchemaVersion, Organization: desired.Organization, Changes: b.changes, Problems: b.problems,
		Warnings: unmatchedIgnores(desired, hits), Forced: opts.Force,
		DashboardValues: b.dashboard.values, DashboardDiffering: b.dashboard.differing, UncomparedSecrets: b.uncomparedSecrets}
	if plan.Changes == nil {
		plan.Changes = []Change{}
	}
	if opts.Writes != nil {
		plan.Problems = append(plan.Problems, CheckWrites(plan, current, desired, *opts.Writes)...)
	}
	sortProblems(plan.Problems)
	plan.Unsafe = append(checkSafety(plan.Changes, b.existing, thresholds(desired.Safety, opts)), b.whole...)
	return plan, plan.Refusal()
}

// sortProblems orders problems by address, then message.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if c := ps[i].Address.compare(ps[j].Address); c != 0 {
			return c < 0
		}
		return ps[i].Message < ps[j].Message
	})
}

// builder accumulates the changes of a plan.
type builder struct {
	ix        *index // of the current state as given, for fingerprints
	changes   []Change
	problems  []Problem
	existing  map[Kind]int   // remote objects per kind in the declared products, for the safety thresholds
	whole     []Violation    // kinds emptied in a product, or configs emptied of flags
	dashboard dashboardCount // values left to the dashboard (valueOwner: dashboard)
	// resendSecrets is Options.ResendSecrets; uncomparedSecrets counts the objects with secrets left alone.
	resendSecrets     bool
	uncomparedSecrets int
}

// pctx is the product being planned.
type pctx struct {
	name string   // desired name
	r    *renames // renames in effect
	cur  *spec.Product
	des  *spec.Product
	ix   *index
}

func (p *pctx) dep(kind Kind, a Address) Fingerprint {
	return p.ix.fingerprint(kind, p.r.old(kind, a))
}

func (b *builder) add(c Change) { b.changes = append(b.changes, c) }

// problem reports a desired change the API cannot make; pos is where the files declare its cause.
func (b *builder) problem(kind Kind, a Address, pos spec.Pos, format string, args ...any) {
	b.problems = append(b.problems, Problem{Kind: kind, Address: a, Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// product plans one declared product; cp is its remote counterpart or nil.
func (b *builder) product(cp, dp *spec.Product, ig ignorer) {
	addr := Address{Product: dp.Name}
	if cp == nil {
		b.add(Change{Op: Create, Kind: KindProduct, Address: addr, After: &Object{Product: productSnap(dp)},
			Depends: []Fingerprint{b.ix.fingerprint(KindProduct, addr)}})
		cp = &spec.Product{Name: dp.Name}
	} else {
		b.countExisting(cp)
		bs, as := productSnap(cp), productSnap(dp)
		if fields := diffFields(bs, as); len(fields) > 0 {
			c := Change{Op: Update, Kind: KindProduct, Address: addr, Fields: fields,
				Before: &Object{Product: bs}, After: &Object{Product: as},
				Depends: []Fingerprint{b.ix.fingerprint(KindProduct, Address{Product: cp.Name})}}
			if !spec.Same(cp.Name, dp.Name) {
				c.RenamedFrom = cp.Name
			}
			b.add(c)
		}
	}
	cur, r := translate(cp, dp)
	des, dash := leaveToDashboard(cur, dp, handsOff(cur, dp, ig))
	b.dashboard.add(dash)
	p := &pctx{name: dp.Name, r: r, cur: cur, des: des, ix: b.ix}
	start := len(b.changes)
	defer func() {
		b.checkReferences(p, b.changes[start:])
		b.whole = append(b.whole, checkWhole(p.name, p.cur, b.changes[start:])...)
	}()

	for _, k := range kindOrder {
		if l := kinds[k].list; l != nil {
			l.diff(b, p)
		}
	}
	b.preferences(p)
	b.configs(p)
}

func (b *builder) countExisting(p *spec.Product) {
	for k, ki := range kinds {
		if ki.count != nil {
			b.existing[k] += ki.count(p)
		}
	}
}
