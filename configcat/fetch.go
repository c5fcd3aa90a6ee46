package configcat

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// FetchOptions select what Fetch reads.
type FetchOptions struct {
	// Products are the names of the products to read; empty means every product of the organization.
	// Names that match no product are left out of the state (they are new).
	Products []string
	// Organization is the organization's name or id; empty means the only one the credentials see.
	Organization string
}

// Fetch reads an organization's products into a normalized spec.State and their remote ids into a Remote,
// with the fewest GETs the API allows: GET /v1/products (+ GET /v1/organizations only when no product names
// the organization), then per product its environments, configs, tags, segments, preferences, webhooks,
// permission groups and integrations, one GET per segment (the list lacks the condition), one batch values GET per config and
// environment, and a config's settings list only where the values cannot tell everything (v1 configs, whose
// values lack predefined variations, and configs of a product with no environment). Independent GETs run
// concurrently within the client's limits.
func (c *Client) Fetch(ctx context.Context, opts FetchOptions) (*spec.State, *Remote, error) {
	all, err := c.Products(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the account: %w", err)
	}
	org, err := c.resolveOrganization(ctx, all, opts.Organization)
	if err != nil {
		return nil, nil, err
	}
	var products []Product
	unique := newUniqueNames("products")
	for _, p := range all {
		if p.Organization.OrganizationID != org.OrganizationID || !wanted(p.Name, opts.Products) {
			continue
		}
		if err := unique.add(p.Name); err != nil {
			return nil, nil, fmt.Errorf("organization %q: %w", org.Name, err)
		}
		products = append(products, p)
	}

	reads := make([]*productRead, len(products))
	g := newGroup(ctx, c.concurrency)
	for i := range products {
		reads[i] = &productRead{product: products[i]}
		reads[i].listAll(c, g)
	}
	if err := g.Wait(); err != nil {
		return nil, nil, fmt.Errorf("reading the account: %w", err)
	}
	g2 := newGroup(ctx, c.concurrency)
	for _, r := range reads {
		r.readDetails(c, g2)
	}
	if err := g2.Wait(); err != nil {
		return nil, nil, fmt.Errorf("reading the account: %w", err)
	}

	state := &spec.State{Organization: org.Name}
	remote := NewRemote(org.OrganizationID)
	remote.FlagLimits = flagLimits(reads)
	for _, r := range reads {
		sp, rp, err := r.build()
		if err != nil {
			return nil, nil, fmt.Errorf("reading product %q: %w", r.product.Name, err)
		}
		state.Products = append(state.Products, sp)
		remote.Products[spec.Key(sp.Name)] = rp
	}
	spec.Normalize(state)
	return state, remote, nil
}

// flagLimits are the limits the first v2 values answer reported, or nil.
func flagLimits(reads []*productRead) *FeatureFlagLimitations {
	for _, r := range reads {
		for _, cv := range r.values {
			for _, ev := range cv.envs {
				if ev != nil && ev.limits != nil {
					return ev.limits
				}
			}
		}
	}
	return nil
}

// OrganizationError is Fetch's error when the organization the files name (or leave out) cannot be told: it is
// unknown, ambiguous, or the credentials see several and none is named.
type OrganizationError struct{ msg string }

func (e *OrganizationError) Error() string { return e.msg }

func organizationErrorf(format string, args ...any) error {
	return &OrganizationError{msg: fmt.Sprintf(format, args...)}
}

func wanted(name string, names []string) bool {
	if len(names) == 0 {
		return true
	}
	for _, n := range names {
		if spec.Same(n, name) {
			return true
		}
	}
	return false
}

// resolveOrganization finds the organization by name or id among the products' organizations, asking for the
// organization list only when that is not enough.
func (c *Client) resolveOrganization(ctx context.Context, products []Product, want string) (Organization, error) {
	var orgs []Organization
	known := map[string]bool{}
	for _, p := range products {
		if !known[p.Organization.OrganizationID] {
			known[p.Organization.OrganizationID] = true
			orgs = append(orgs, p.Organization)
		}
	}
	if o, ok, err := pickOrganization(orgs, want); ok || err != nil {
		return o, err
	}
	// no product tells: the organization may have none yet
	list, err := c.Organizations(ctx)
	if err != nil {
		return Organization{}, fmt.Errorf("reading the account: %w", err)
	}
	o, ok, err := pickOrganization(list, want)
	if err == nil && !ok {
		if want == "" {
			err = organizationErrorf("the credentials see no organization")
		} else {
			err = organizationErrorf("unknown organization %q (known: %s)", want, orgNames(list))
		}
	}
	return o, err
}

// pickOrganization picks want (a name or an id) from orgs, or the only one when want is empty.
func pickOrganization(orgs []Organization, want string) (Organization, bool, error) {
	if want == "" {
		switch len(orgs) {
		case 0:
			return Organization{}, false, nil
		case 1:
			return orgs[0], true, nil
		}
		return Organization{}, false, organizationErrorf("the credentials see several organizations (%s); name one with organization:", orgNames(orgs))
	}
	var found []Organization
	for _, o := range orgs {
		if o.OrganizationID == want {
			return o, true, nil
		}
		if spec.Same(o.Name, want) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return Organization{}, false, nil
	case 1:
		return found[0], true, nil
	}
	return Organization{}, false, organizationErrorf("several organizations are named %q; give its id instead", want)
}

func orgNames(orgs []Organization) string {
	var names []string
	for _, o := range orgs {
		names = append(names, fmt.Sprintf("%q", o.Name))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// productRead collects the answers about one product.
type productRead struct {
	product      Product
	environments []Environment
	configs      []ConfigModel
	tags         []Tag
	segmentList  []SegmentListItem
	preferences  *Preferences
	webhooks     []Webhook
	groups       []PermissionGroup
	integrations []Integration

	segments []*Segment // by index of segmentList
	// by config index: the values answers read (fetch_values.go), and the settings list where read
	values   []*configValues
	settings [][]Setting
}

// listAll starts the product's list GETs.
func (r *productRead) listAll(c *Client, g *group) {
	id := r.product.ProductID
	g.Go(func(ctx context.Context) (err error) { r.environments, err = c.Environments(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.configs, err = c.Configs(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.tags, err = c.Tags(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.segmentList, err = c.Segments(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.preferences, err = c.Preferences(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.webhooks, err = c.Webhooks(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.groups, err = c.PermissionGroups(ctx, id); return })
	g.Go(func(ctx context.Context) (err error) { r.integrations, err = c.Integrations(ctx, id); return })
}

// readDetails starts the GETs that need the lists: segments, values, and settings where needed.
func (r *productRead) readDetails(c *Client, g *group) {
	r.segments = make([]*Segment, len(r.segmentList))
	for i := range r.segmentList {
		g.Go(func(ctx context.Context) (err error) {
			r.segments[i], err = c.Segment(ctx, r.segmentList[i].SegmentID)
			return
		})
	}
	segNames := segmentNames(r.segmentList)
	r.values = make([]*configValues, len(r.configs))
	r.settings = make([][]Setting, len(r.configs))
	for ci, cfg := range r.configs {
		v1 := evaluationVersion(cfg) == spec.EvaluationV1
		if v1 || len(r.environments) == 0 {
			g.Go(func(ctx context.Context) (err error) { r.settings[ci], err = c.Settings(ctx, cfg.ConfigID); return })
		}
		cv := newConfigValues(len(r.environments))
		r.values[ci] = cv
		for ei, env := range r.environments {
			g.Go(func(ctx context.Context) error {
				return readValues(ctx, c, cv, v1, cfg.ConfigID, ei, env, segNames)
			})
		}
	}
}

// readValues reads the values of a config in environment ei (v1 or v2, as the config evaluates) into cv.
func readValues(ctx context.Context, c *Client, cv *configValues, v1 bool, configID string, ei int, env Environment,
	segNames map[string]string) error {
	if v1 {
		vals, err := c.ValuesV1(ctx, configID, env.EnvironmentID)
		if err == nil {
			cv.addV1(ei, env.Name, vals, segNames)
		}
		return err
	}
	vals, err := c.ValuesV2(ctx, configID, env.EnvironmentID)
	if err == nil {
		cv.addV2(ei, env.Name, vals, segNames)
	}
	return err
}

// evaluationVersion is a config's evaluation version; an answer that names none means v1, the API's default.
func evaluationVersion(cfg ConfigModel) spec.EvaluationVersion {
	if cfg.EvaluationVersion == "" {
		return spec.EvaluationV1
	}
	return spec.EvaluationVersion(cfg.EvaluationVersion)
}
