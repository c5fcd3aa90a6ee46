// Package planner compares the current state of a ConfigCat organization with the desired one and produces a Plan:
// an ordered list of typed changes that an applier turns into API calls and that the render package shows to
// people. It is pure: no network, no clock, no printing.
//
// A Plan is plain data. It marshals to JSON with a stable schema (see SchemaVersion and docs/plan-json.md), can be
// saved, reviewed and applied later, and records a fingerprint of every remote object its changes depend on, so
// that CheckFresh can tell whether the account moved since the plan was made.
package planner

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/flagsync/flagsync/spec"
)

// SchemaVersion is the version of the Plan JSON schema this package writes. Readers refuse plans with a newer
// version. It changes only when a field changes meaning or is removed; added fields keep the version.
const SchemaVersion = 1

// Plan is an ordered list of changes that turns the current state into the desired one.
type Plan struct {
	// Version is SchemaVersion at the time the plan was written.
	Version int `json:"version"`
	// Organization is the desired state's organization (name or id), so that a saved plan is applied to the
	// organization it was made for; empty means the only one the credentials see.
	Organization string `json:"organization,omitempty"`
	// Changes are in the order they must be applied.
	Changes []Change `json:"changes"`
	// Problems are desired changes the API cannot make (such as a config's evaluation version); Build returns
	// an error when there are any.
	Problems []Problem `json:"problems,omitempty"`
	// Warnings are things the reader should know that do not stop the plan, such as an ignore pattern that
	// matches nothing in the account.
	Warnings []Problem `json:"warnings,omitempty"`
	// FailedTests counts the expectations of the files' tests (flagsync test) that fail on the desired state:
	// apply refuses such a plan. The command that runs the tests sets it; Build leaves it zero.
	FailedTests int `json:"failedTests,omitempty"`
	// Unsafe lists the safety thresholds the plan exceeds; Build returns an *UnsafeError when there are any and
	// the plan was not forced.
	Unsafe []Violation `json:"unsafe,omitempty"`
	// Forced is true when the plan was built with Options.Force.
	Forced bool `json:"forced,omitempty"`
	// DashboardValues counts the flag values (one per flag and environment) the plan leaves alone because the
	// files leave them to the dashboard (valueOwner: dashboard): they exist in the account, so their values in
	// the files were only initial values. DashboardDiffering counts those whose value differs from the files.
	DashboardValues    int `json:"dashboardValues,omitempty"`
	DashboardDiffering int `json:"dashboardDiffering,omitempty"`
	// UncomparedSecrets counts the existing webhooks and integrations with secrets (secure header values,
	// secret parameters) that the plan leaves alone: ConfigCat never returns a secret, so a rotated one shows
	// no change. Options.ResendSecrets plans their updates instead.
	UncomparedSecrets int `json:"uncomparedSecrets,omitempty"`
	// ChangeRequests are the open change requests in the managed configs' approval-requiring environments and
	// those apply opens, with what apply does with each (AttachChangeRequests).
	ChangeRequests []ChangeRequest `json:"changeRequests,omitempty"`
	// Impact is who the value changes affect, filled in by the plan command; nil when not computed.
	Impact *Impact `json:"impact,omitempty"`
}

// Op is what a change does to its object.
type Op string

// Operations. Replace is never a change's Op: it is the Step of the delete half of a flag's type change, which
// must finish before the flag is created again (see Change.Step).
const (
	Create  Op = "create"
	Update  Op = "update"
	Delete  Op = "delete"
	Replace Op = "replace"
)

// Kind is the kind of object a change is about.
type Kind string

// Kinds of objects. KindValues is the formula of several flags in one (config, environment), written with one
// batch call; KindVariation is one predefined variation of a flag.
const (
	KindProduct         Kind = "product"
	KindPreferences     Kind = "preferences"
	KindEnvironment     Kind = "environment"
	KindConfig          Kind = "config"
	KindTag             Kind = "tag"
	KindSegment         Kind = "segment"
	KindPermissionGroup Kind = "permissionGroup"
	KindWebhook         Kind = "webhook"
	KindIntegration     Kind = "integration"
	KindFlag            Kind = "flag"
	KindVariation       Kind = "variation"
	KindValues          Kind = "values"
)

// Noun returns the kind as people write it: "permission group" for KindPermissionGroup.
func (k Kind) Noun() string {
	if ki := kinds[k]; ki != nil {
		return ki.noun
	}
	return string(k)
}

// Count spells a number of objects of the kind: "1 flag", "30 flags", "2 permission groups", and for values,
// whose noun is already plural, "1 set of values", "2 sets of values".
func (k Kind) Count(n int) string {
	noun := k.Noun()
	switch {
	case k == KindValues && n == 1:
		return "1 set of values"
	case k == KindValues:
		return fmt.Sprintf("%d sets of values", n)
	case n != 1:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}

// Reason explains why a change is there when its operation alone does not.
type Reason string

// Reasons.
const (
	// ReasonTypeChanged marks the delete and the create of a flag whose type changed: a flag's type is
	// immutable, so the flag is deleted and created again with the same key.
	ReasonTypeChanged Reason = "typeChanged"
	// ReasonRenamed marks the delete of a flag's old key after the new key was created from it.
	ReasonRenamed Reason = "renamed"
	// ReasonResendSecrets marks the update of a webhook or integration that changes nothing the API returns
	// and is planned only to send its secrets again (Options.ResendSecrets), after one was rotated.
	ReasonResendSecrets Reason = "resendSecrets"
)

// Address names the object a change is about by natural keys. Which fields are set depends on the kind:
//
//	product, preferences   Product
//	environment            Product, Environment
//	config                 Product, Config
//	tag, segment,
//	permissionGroup        Product, Name
//	webhook                Product, Config, Environment, Name (the method in upper case, a space, the URL)
//	integration            Product, Name (its type, a slash, its name)
//	flag                   Product, Config, Flag
//	variation              Product, Config, Flag, Name (the variation's value as spec.Value.String writes it)
//	values                 Product, Config, Environment
type Address struct {
	Product     string `json:"product"`
	Config      string `json:"config,omitempty"`
	Environment string `json:"environment,omitempty"`
	Flag        string `json:"flag,omitempty"`
	Name        string `json:"name,omitempty"`
}

// Change is one step of a plan.
type Change struct {
	Op      Op      `json:"op"`
	Kind    Kind    `json:"kind"`
	Address Address `json:"address"`
	// RenamedFrom is the object's current name when an update renames it in place.
	RenamedFrom string `json:"renamedFrom,omitempty"`
	// InitFrom is, on a flag create, the key of the flag in the same config whose values and tags the new flag
	// starts from (ConfigCat's settingIdToInitFrom).
	InitFrom string `json:"initFrom,omitempty"`
	// RenamedTo is, on the delete of a renamed flag's old key, the new key.
	RenamedTo string `json:"renamedTo,omitempty"`
	// Reason is one of the Reason constants, or empty.
	Reason Reason `json:"reason,omitempty"`
	// Type is the flag type of flag and variation changes.
	Type spec.FlagType `json:"type,omitempty"`
	// Fields lists, on an update, every field that changes.
	Fields []Field `json:"fields,omitempty"`
	// Before is the object as it is (update, delete); After as it will be (create, update).
	Before *Object `json:"before,omitempty"`
	After  *Object `json:"after,omitempty"`
	// Values lists, on a KindValues change, the flags whose formula in the environment changes.
	Values []FlagValue `json:"values,omitempty"`
	// ChangeRequest is true, on a KindValues change into an environment that requires approval, when apply
	// proposes the values in a change request (Plan.ChangeRequestAt) instead of writing them.
	ChangeRequest bool `json:"changeRequest,omitempty"`
	// Depends are the remote objects the change was planned against; see CheckFresh.
	Depends []Fingerprint `json:"depends,omitempty"`

	// Level orders flag deletes in one config among themselves: a flag that is a prerequisite of another
	// deleted flag has a higher level and goes after it. Deletes of the same level are independent.
	Level int `json:"level,omitempty"`
}

// Object is a snapshot of one object; the field matching the change's kind is set. Snapshots hold the
// object's own fields only: a product without its children, a config without its flags. A flag snapshot holds
// its values (Values) on a create, since the create sets plain defaults for every environment, and none otherwise.
type Object struct {
	Product         *spec.Product         `json:"product,omitempty"`
	Preferences     *spec.Preferences     `json:"preferences,omitempty"`
	Environment     *spec.Environment     `json:"environment,omitempty"`
	Config          *spec.Config          `json:"config,omitempty"`
	Tag             *spec.Tag             `json:"tag,omitempty"`
	Segment         *spec.Segment         `json:"segment,omitempty"`
	PermissionGroup *spec.PermissionGroup `json:"permissionGroup,omitempty"`
	Webhook         *spec.Webhook         `json:"webhook,omitempty"`
	Integration     *spec.Integration     `json:"integration,omitempty"`
	Flag            *spec.Flag            `json:"flag,omitempty"`
	Variation       *spec.Variation       `json:"variation,omitempty"`
	// Variations is, on a variation change, the flag's whole list of variations to send once the change is
	// applied (ConfigCat replaces the list as a whole). Creates and updates of one flag carry the same list,
	// which still holds the variations deleted later; deletes carry the final list.
	Variations []*spec.Variation `json:"variations,omitempty"`
}

// Field is one changed field of an update: its name in the YAML and JSON model and its value before and after
// as JSON (absent when unset or empty).
type Field struct {
	Name   string          `json:"name"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// FlagValue is one flag's formula in the environment of a KindValues change. Before is nil when the flag has no
// value there yet: it is new in this plan, or the environment is.
type FlagValue struct {
	Key    string         `json:"key"`
	Type   spec.FlagType  `json:"type"`
	Before *spec.EnvValue `json:"before,omitempty"`
	After  *spec.EnvValue `json:"after"`
}

// Problem is a desired change the API cannot make, or a write apply would have refused half way through.
type Problem struct {
	Kind    Kind    `json:"kind"`
	Address Address `json:"address"`
	// Pos is where the files declare the object or field that causes the problem; zero when unknown (a state
	// that did not come from YAML).
	Pos     spec.Pos `json:"pos,omitzero"`
	Message string   `json:"message"`
}

// String is the message with the position first: "flags/shop.yaml:12:7: ...".
func (p Problem) String() string {
	if p.Pos.IsZero() {
		return p.Message
	}
	return p.Pos.String() + ": " + p.Message
}

// Step is the change's operation as apply runs it: Replace for the delete half of a flag's type change, which
// runs as a step of its own before the create, else Op.
func (c *Change) Step() Op {
	if c.Op == Delete && c.Reason == ReasonTypeChanged {
		return Replace
	}
	return c.Op
}

// Counts returns how many changes create, update and delete objects. Every change counts once; a KindValues
// change (one batch write) counts as one update.
func (p *Plan) Counts() (create, update, del int) {
	for _, c := range p.Changes {
		switch c.Op {
		case Create:
			create++
		case Update:
			update++
		case Delete:
			del++
		}
	}
	return create, update, del
}

// IsEmpty reports whether the plan changes nothing.
func (p *Plan) IsEmpty() bool { return len(p.Changes) == 0 && !p.ClosesChangeRequests() }

// Applicable reports whether apply may go ahead with the plan: it has no problems, and it is safe or forced.
func (p *Plan) Applicable() bool {
	return len(p.Problems) == 0 && p.FailedTests == 0 && (len(p.Unsafe) == 0 || p.Forced)
}

// Refusal is the error that stops apply: a *ProblemError, an *UnsafeError when the plan is unsafe and not forced
// (both joined when both apply; use errors.As), or nil when the plan is applicable.
func (p *Plan) Refusal() error {
	var errs []error
	if len(p.Problems) > 0 {
		errs = append(errs, &ProblemError{Problems: p.Problems})
	}
	if len(p.Unsafe) > 0 && !p.Forced {
		errs = append(errs, &UnsafeError{Violations: p.Unsafe})
	}
	if len(errs) == 1 {
		return errs[0] // the typed error itself, for callers that switch on its type
	}
	return errors.Join(errs...)
}

// MarshalJSON writes the plan with "applicable" (see Applicable), so that programs reading the JSON need not
// work out apply's verdict themselves.
func (p Plan) MarshalJSON() ([]byte, error) {
	type plain Plan
	return json.Marshal(struct {
		plain
		Applicable bool `json:"applicable"`
	}{plain(p), p.Applicable()})
}

// UnmarshalJSON reads a plan written by this or an older version of flagsync. Flag values are converted back to
// their flag's type, since JSON does not tell an integral double from an int.
func (p *Plan) UnmarshalJSON(b []byte) error {
	type plain Plan
	var q plain
	if err := json.Unmarshal(b, &q); err != nil {
		return err
	}
	if q.Version < 1 || q.Version > SchemaVersion {
		return fmt.Errorf("plan schema version %d is not supported (this flagsync reads 1 to %d); run flagsync plan again", q.Version, SchemaVersion)
	}
	*p = Plan(q)
	for i := range p.Changes {
		p.Changes[i].fixTypes()
	}
	p.Impact.fixTypes()
	return nil
}

func (c *Change) fixTypes() {
	for _, o := range []*Object{c.Before, c.After} {
		if o == nil {
			continue
		}
		if f := o.Flag; f != nil {
			fixVariations(f.Type, f.Variations)
			for _, ev := range f.Values {
				fixEnvValue(f.Type, ev)
			}
		}
		if o.Variation != nil {
			fixVariations(c.Type, []*spec.Variation{o.Variation})
		}
		fixVariations(c.Type, o.Variations)
	}
	for _, v := range c.Values {
		fixEnvValue(v.Type, v.Before)
		fixEnvValue(v.Type, v.After)
	}
}

func fixVariations(t spec.FlagType, vs []*spec.Variation) {
	for _, v := range vs {
		v.Value = convertValue(v.Value, t)
	}
}

func fixEnvValue(t spec.FlagType, ev *spec.EnvValue) {
	if ev == nil {
		return
	}
	ev.Default = convertValue(ev.Default, t)
	for _, o := range ev.Percentages {
		o.Serve = convertValue(o.Serve, t)
	}
	for _, r := range ev.Rules {
		if r.Serve != nil {
			r.Serve = convertValue(*r.Serve, t).Ptr()
		}
		for _, o := range r.Percentages {
			o.Serve = convertValue(o.Serve, t)
		}
	}
}

func convertValue(v spec.Value, t spec.FlagType) spec.Value {
	if c, err := v.Convert(t); err == nil {
		return c
	}
	return v
}
