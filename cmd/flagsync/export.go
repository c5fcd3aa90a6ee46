package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("export", "write an existing account as flagsync YAML", runExport)
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runExport(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "export [--product NAME]... [--out FILE|DIR] [--value-owner git|dashboard] [--local]",
		"Writes the account's products as flagsync YAML: to stdout, to a file, or to a directory (one file per product).\n"+
			"With --value-owner dashboard the values are written as initial values only (valueOwner: dashboard on each\n"+
			"product): apply creates flags and environments with them, and leaves existing values to the dashboard.\n"+
			"Reads only (GET requests); read-only credentials suffice.")
	var products stringList
	fs.Var(&products, "product", "export only this product (repeatable; default: every product)")
	out := fs.String("out", "", "write to this file, or to this directory when it exists or ends with /")
	org := fs.String("organization", "", "organization name or id (default: the only one the credentials see)")
	local := fs.Bool("local", false, "use the embedded emulator account in "+localStatePath)
	owner := valueOwnerFlag(fs)
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	if fs.NArg() > 0 {
		return usageError(e, fs, "export takes no arguments")
	}
	if err := checkValueOwner(*owner); err != nil {
		return usageError(e, fs, err.Error())
	}
	acct, err := openAccount(e, accountOptions{local: *local, readOnly: true})
	if err != nil {
		return fail(e, err)
	}
	defer acct.close(false)
	st, _, err := acct.client.Fetch(ctx, configcat.FetchOptions{Products: products, Organization: *org})
	if err != nil {
		return fail(e, err)
	}
	if missing := missingProducts(st, products); len(missing) > 0 {
		return fail(e, fmt.Errorf("export: no product named %s in the account", strings.Join(quoteAll(missing), ", ")))
	}
	for _, note := range nameSecrets(append(webhookSecrets(st), integrationSecrets(st)...)) {
		fmt.Fprintf(e.stderr, "flagsync: note: %s\n", note)
	}
	setValueOwner(st, *owner)
	if err := writeState(e, st, *out); err != nil {
		return fail(e, fmt.Errorf("export: %w", err))
	}
	return exitOK
}

// writeState writes st as YAML to stdout, a file, or a directory.
func writeState(e *env, st *spec.State, out string) error {
	if out == "" {
		return spec.Write(e.stdout, st)
	}
	if info, err := os.Stat(out); (err == nil && info.IsDir()) || strings.HasSuffix(out, "/") {
		written, err := spec.WriteDir(out, st)
		if err != nil {
			return err
		}
		warnStaleFiles(e, out, written)
		return nil
	}
	var buf bytes.Buffer
	if err := spec.Write(&buf, st); err != nil {
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

// valueOwnerFlag adds --value-owner, which export and migrate share.
func valueOwnerFlag(fs *flag.FlagSet) *string {
	return fs.String("value-owner", spec.ValueOwnerGit, "who owns the flag values from now on: git (the YAML decides) or "+
		"dashboard (the YAML's values are initial values only, see valueOwner in docs/yaml.md)")
}

// checkValueOwner refuses a --value-owner that is neither git nor dashboard.
func checkValueOwner(owner string) error {
	if !slices.Contains(spec.ValueOwners, owner) {
		return fmt.Errorf("--value-owner %q: want git or dashboard", owner)
	}
	return nil
}

// setValueOwner makes every product's values owned by owner; git, the default, is left unwritten.
func setValueOwner(st *spec.State, owner string) {
	if owner == spec.ValueOwnerGit {
		return
	}
	for _, p := range st.Products {
		p.ValueOwner = owner
	}
}

func missingProducts(st *spec.State, names []string) []string {
	var missing []string
	for _, n := range names {
		if st.Product(n) == nil {
			missing = append(missing, n)
		}
	}
	return missing
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// secretSlot is a write-only value the account never returns (a secure webhook header, a secret integration
// parameter): where its valueFromEnv goes, the variable export names for it, and what it is, for the note.
type secretSlot struct {
	fromEnv        *string
	variable, what string
}

// webhookSecrets are the secure webhook headers, each read from FLAGSYNC_WEBHOOK_<HEADER>.
func webhookSecrets(st *spec.State) []secretSlot {
	var out []secretSlot
	for _, p := range st.Products {
		for _, w := range p.Webhooks {
			for _, h := range w.Headers {
				if h.Secure {
					out = append(out, secretSlot{&h.ValueFromEnv, "FLAGSYNC_WEBHOOK_" + envName(h.Key),
						fmt.Sprintf("product %q: webhook %s %s: secure header %q", p.Name, strings.ToUpper(w.Method), w.URL, h.Key)})
				}
			}
		}
	}
	return out
}

// integrationSecrets are the secret integration parameters, each read from
// FLAGSYNC_INTEGRATION_<TYPE>_<NAME>_<KEY>: integrations of one type hold different secrets.
func integrationSecrets(st *spec.State) []secretSlot {
	var out []secretSlot
	for _, p := range st.Products {
		for _, in := range p.Integrations {
			for _, pr := range in.Parameters {
				if spec.IsSecretParameter(in.Type, pr.Key) {
					out = append(out, secretSlot{&pr.ValueFromEnv, "FLAGSYNC_INTEGRATION_" + envName(in.Type+"_"+in.Name+"_"+pr.Key),
						fmt.Sprintf("product %q: %s integration %q: secret parameter %q", p.Name, in.Type, in.Name, pr.Key)})
				}
			}
		}
	}
	return out
}

// nameSecrets gives every secret without one an environment variable to read it from at apply time, so that
// the exported YAML loads, and says which variables to set.
func nameSecrets(slots []secretSlot) []string {
	var notes []string
	for _, s := range slots {
		if *s.fromEnv != "" {
			continue
		}
		*s.fromEnv = s.variable
		notes = append(notes, fmt.Sprintf("%s is exported as valueFromEnv: %s; set that variable before apply", s.what, s.variable))
	}
	return notes
}

// envName turns a header name into an environment variable name: X-Api-Key → X_API_KEY.
func envName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// warnStaleFiles names the YAML files in dir that this export did not write: plan and apply read them too, so
// one that describes a product the account no longer has would bring it back.
func warnStaleFiles(e *env, dir string, written []string) {
	files, err := spec.YAMLFiles(dir)
	if err != nil {
		// the same rule as plan's: what it refuses in dir, it refuses after the export too
		fmt.Fprintf(e.stderr, "flagsync: warning: plan and apply will refuse %s until this is fixed:\n%v\n", dir, err)
		return
	}
	fresh := map[string]bool{}
	for _, w := range written {
		fresh[filepath.Clean(w)] = true
	}
	for _, f := range files {
		if !fresh[filepath.Clean(f)] {
			fmt.Fprintf(e.stderr, "flagsync: warning: %s was not written by this export, but plan and apply read it too; delete it if it describes what the account no longer has\n", f)
		}
	}
}
