package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/render"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("migrate", "copy products from one ConfigCat account to another", runMigrate)
}

// migrateOptions are migrate's command-line options.
type migrateOptions struct {
	products                   stringList
	renames                    map[string]string // product names, old to new
	autoApprove, force, bypass bool
	reason                     string
	sourceOrg, targetOrg       string
	owner                      string
}

func runMigrate(ctx context.Context, e *env, args []string) int {
	o, code, ok := parseMigrate(e, args)
	if !ok {
		return code
	}
	src, err := openAccount(e, accountOptions{envPrefix: "CONFIGCAT_SOURCE", readOnly: true})
	if err != nil {
		return fail(e, fmt.Errorf("migrate: source account: %w", err))
	}
	defer src.close(false)
	desired, err := readSource(ctx, e, src, o)
	if err != nil {
		return fail(e, err)
	}
	dst, err := openAccount(e, accountOptions{})
	if err != nil {
		return fail(e, fmt.Errorf("migrate: target account: %w", err))
	}
	defer dst.close(true)
	return migrateTo(ctx, e, dst, desired, o)
}

// parseMigrate reads migrate's options; ok is false when the command must stop with code.
func parseMigrate(e *env, args []string) (o migrateOptions, code int, ok bool) {
	fs := newFlagSet(e, "migrate [--product NAME]... [--rename OLD=NEW]... [--value-owner git|dashboard] [--auto-approve]",
		"Copies products, with everything in them, from the source account (CONFIGCAT_SOURCE_API_HOST, _USER, _PASS)\n"+
			"to the target account (CONFIGCAT_API_HOST, _USER, _PASS). Objects are matched by names and keys, never ids.\n"+
			"Shows the plan first, and afterwards checks that the target equals the source. With --value-owner dashboard,\n"+
			"values already in the target are left as they are: only new flags and environments get the source's.\n\n"+
			"Exit status: 0 migrated and verified; 1 error, refused, failed, or the target differs from the source.")
	var renames stringList
	fs.Var(&o.products, "product", "migrate only this product (repeatable; default: every product of the source)")
	fs.Var(&renames, "rename", "give product OLD the name NEW in the target (repeatable)")
	fs.BoolVar(&o.autoApprove, "auto-approve", false, "apply without asking (required when stdin is not a terminal)")
	fs.BoolVar(&o.force, "force", false, "allow the plan to delete objects in the target beyond the safety thresholds")
	fs.BoolVar(&o.bypass, "bypass-approval", false, "write values directly into environments that require approval (needs that permission)")
	fs.StringVar(&o.reason, "reason", "", "audit-log reason sent with every value write (default: names the source)")
	fs.StringVar(&o.sourceOrg, "source-organization", "", "organization of the source (default: the only one its credentials see)")
	fs.StringVar(&o.targetOrg, "organization", "", "organization of the target (default: the only one its credentials see)")
	owner := valueOwnerFlag(fs)
	if err := fs.Parse(args); err != nil {
		return o, parseFailed(err), false
	}
	if fs.NArg() > 0 {
		return o, usageError(e, fs, "migrate takes no arguments"), false
	}
	if err := checkValueOwner(*owner); err != nil {
		return o, usageError(e, fs, err.Error()), false
	}
	var err error
	if o.renames, err = parseRenames(renames); err != nil {
		return o, usageError(e, fs, err.Error()), false
	}
	o.owner = *owner
	if o.reason == "" {
		o.reason = "flagsync migrate"
	}
	return o, exitOK, true
}

// readSource reads the products to migrate from the source account as the state the target should have, under
// their new names, without what cannot be copied (secure webhook headers, with a warning each).
func readSource(ctx context.Context, e *env, src *account, o migrateOptions) (*spec.State, error) {
	desired, _, err := src.client.Fetch(ctx, configcat.FetchOptions{Products: o.products, Organization: o.sourceOrg})
	if err != nil {
		return nil, fmt.Errorf("migrate: source account: %w", err)
	}
	if missing := missingProducts(desired, o.products); len(missing) > 0 {
		return nil, fmt.Errorf("migrate: no product named %s in the source account", strings.Join(quoteAll(missing), ", "))
	}
	if err := renameProducts(desired, o.renames); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	for _, w := range dropSecureHeaders(desired) {
		fmt.Fprintf(e.stderr, "flagsync: warning: %s; set it in the target by hand after the migration\n", w)
	}
	for _, w := range dropIntegrationsWithoutSecrets(desired, e.lookupEnv) {
		fmt.Fprintf(e.stderr, "flagsync: warning: %s\n", w)
	}
	desired.Organization = o.targetOrg
	setValueOwner(desired, o.owner)
	if errs := spec.Validate(desired); len(errs) > 0 {
		for _, le := range errs {
			fmt.Fprintf(e.stderr, "flagsync: source account: %s\n", le.Msg)
		}
		return nil, fmt.Errorf("migrate: the source account holds %s flagsync cannot copy; nothing was written", plural(len(errs), "problem"))
	}
	return desired, nil
}

// migrateTo plans desired against the target account, shows the plan, applies it once confirmed and verifies
// the target afterwards.
func migrateTo(ctx context.Context, e *env, dst *account, desired *spec.State, o migrateOptions) int {
	names := declaredProducts(desired)
	current, remote, err := dst.client.Fetch(ctx, configcat.FetchOptions{Products: names, Organization: o.targetOrg})
	if err != nil {
		return fail(e, fmt.Errorf("migrate: target account: %w", err))
	}
	writes := &planner.WriteInputs{Reason: o.reason, BypassApproval: o.bypass, LookupEnv: e.lookupEnv, Limits: fetchedLimits(remote)}
	plan, buildErr := planner.Build(current, desired, planner.Options{Force: o.force, Writes: writes})
	if planner.NeedsOrganizationLimits(plan, writes.Limits) {
		if writes.Limits, err = organizationLimits(ctx, dst.client, remote); err != nil {
			return fail(e, fmt.Errorf("migrate: target account: %w", err))
		}
		plan, buildErr = planner.Build(current, desired, planner.Options{Force: o.force, Writes: writes})
	}
	exec := executor.New(dst.client, remote, plan, executor.Options{Reason: o.reason, LookupEnv: e.lookupEnv, BypassApproval: o.bypass})
	budget := applier.EstimateBudget(plan, exec, applier.DefaultLimits)
	if err := render.Text(e.stdout, plan, render.Options{Color: useColor(e), Budget: budget}); err != nil {
		return fail(e, err)
	}
	if buildErr != nil {
		reportBuildError(e, buildErr)
		return exitError
	}
	if !plan.IsEmpty() {
		if !o.autoApprove {
			if code, ok := confirm(e); !ok {
				return code
			}
		}
		if res := executePlan(ctx, e, dst.client, exec, plan, useColor(e)); res.Err != nil {
			fmt.Fprintf(e.stderr, "flagsync: migrate stopped: %v\nflagsync: run migrate again to converge\n", res.Err)
			return exitError
		}
	}
	return verifyMigration(ctx, e, dst.client, desired, names, o.targetOrg)
}

// verifyMigration reads the target again and checks that planning the source against it finds nothing to do.
func verifyMigration(ctx context.Context, e *env, c *configcat.Client, desired *spec.State, names []string, org string) int {
	after, _, err := c.Fetch(ctx, configcat.FetchOptions{Products: names, Organization: org})
	if err != nil {
		return fail(e, fmt.Errorf("migrate: verify: %w", err))
	}
	left, _ := planner.Build(after, desired, planner.Options{Force: true})
	if !left.IsEmpty() {
		fmt.Fprintln(e.stderr, "flagsync: migrate: the target still differs from the source:")
		_ = render.Text(e.stderr, left, render.Options{})
		return exitError
	}
	fmt.Fprintf(e.stdout, "Migration verified: the target matches the source (%s, %s).\n", plural(len(desired.Products), "product"), plural(countFlags(desired), "flag"))
	switch n := left.DashboardDiffering; {
	case n == 1:
		fmt.Fprintln(e.stdout, "1 value of the target differs from the source and was kept as it is (--value-owner dashboard).")
	case n > 1:
		fmt.Fprintf(e.stdout, "%d values of the target differ from the source and were kept as they are (--value-owner dashboard).\n", n)
	}
	return exitOK
}

func parseRenames(list []string) (map[string]string, error) {
	m := map[string]string{}
	for _, r := range list {
		old, new, ok := strings.Cut(r, "=")
		if !ok || strings.TrimSpace(old) == "" || strings.TrimSpace(new) == "" {
			return nil, fmt.Errorf("--rename %q: want OLD=NEW, e.g. --rename \"Webshop=Webshop EU\"", r)
		}
		m[spec.Key(strings.TrimSpace(old))] = strings.TrimSpace(new)
	}
	return m, nil
}

// renameProducts gives source products their target names.
func renameProducts(s *spec.State, renames map[string]string) error {
	for key, to := range renames {
		p := s.Product(key)
		if p == nil {
			return fmt.Errorf("--rename: no product %q in the source account", key)
		}
		p.Name = to
	}
	return nil
}

// dropIntegrationsWithoutSecrets names the secret parameters of every integration as export does (their values
// are never read back) and keeps the integrations whose variables are all set here, to be copied with them;
// it removes the others and describes each one removed with the variables that would copy it.
func dropIntegrationsWithoutSecrets(s *spec.State, lookupEnv func(string) (string, bool)) []string {
	nameSecrets(integrationSecrets(s))
	var dropped []string
	for _, p := range s.Products {
		p.Integrations = slices.DeleteFunc(p.Integrations, func(in *spec.Integration) bool {
			var unset []string
			for _, pr := range in.Parameters {
				if _, ok := lookupEnv(pr.ValueFromEnv); pr.ValueFromEnv != "" && !ok {
					unset = append(unset, pr.ValueFromEnv)
				}
			}
			if len(unset) > 0 {
				dropped = append(dropped, fmt.Sprintf("product %q: %s integration %q is not copied: its secrets cannot be read "+
					"back; set %s and migrate again to copy it", p.Name, in.Type, in.Name, strings.Join(unset, ", ")))
			}
			return len(unset) > 0
		})
	}
	return dropped
}

// dropSecureHeaders removes secure webhook headers, whose values ConfigCat never returns and which therefore
// cannot be copied, and describes each one removed.
func dropSecureHeaders(s *spec.State) []string {
	var dropped []string
	for _, p := range s.Products {
		for _, w := range p.Webhooks {
			kept := w.Headers[:0]
			for _, h := range w.Headers {
				if h.Secure && h.ValueFromEnv == "" {
					dropped = append(dropped, fmt.Sprintf("product %q: webhook %s %s: secure header %q cannot be copied (ConfigCat never returns its value)", p.Name, strings.ToUpper(w.Method), w.URL, h.Key))
					continue
				}
				kept = append(kept, h)
			}
			w.Headers = kept
		}
	}
	return dropped
}
