package main

import (
	"context"
	"fmt"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/spec"
)

// useAccountValues gives eval, for each flag whose value in the evaluated environment the files leave to the
// dashboard (valueOwner: dashboard), the account's current value in place of the files' initial one, and returns
// the keys of the flags whose value came from the account. A flag not in the account yet keeps the files' value,
// which is what it will get when apply creates it. Without an account to read (no CONFIGCAT_API_* credentials,
// and no --local) it warns and keeps the files' values. local reads the embedded emulator account instead.
func useAccountValues(ctx context.Context, e *env, st *spec.State, t *evalTarget, local bool) (map[string]bool, error) {
	p, c, env := t.product, t.config, t.env
	owned := dashboardFlags(p, c, env)
	if len(owned) == 0 {
		return nil, nil
	}
	acct, err := openAccount(e, accountOptions{local: local, readOnly: true})
	if err != nil {
		fmt.Fprintf(e.stderr, "flagsync: warning: eval: the files leave the values of %s in %s to the dashboard "+
			"(valueOwner: dashboard), and no account can be read (%v): showing the files' initial values\n",
			plural(len(owned), "flag"), env, err)
		return nil, nil
	}
	defer acct.close(false)
	cur, _, err := acct.client.Fetch(ctx, configcat.FetchOptions{Products: []string{p.Name}, Organization: st.Organization})
	if err != nil {
		return nil, fmt.Errorf("eval: reading the values the files leave to the dashboard: %w", err)
	}
	var cc *spec.Config
	if cp := cur.Product(p.Name); cp != nil {
		cc = cp.Config(c.Name)
	}
	fromAccount := map[string]bool{}
	for _, f := range owned {
		if v := accountValue(cc, f, env); v != nil {
			setEnvValue(f, env, v)
			fromAccount[spec.Key(f.Key)] = true
		}
	}
	return fromAccount, nil
}

// dashboardFlags are the flags of config c whose value in env the dashboard owns.
func dashboardFlags(p *spec.Product, c *spec.Config, env string) []*spec.Flag {
	var out []*spec.Flag
	for _, f := range c.Flags {
		if spec.ValueOwner(p, c, f, env) == spec.ValueOwnerDashboard {
			out = append(out, f)
		}
	}
	return out
}

// accountValue is the value in env of the account's flag with f's key and type, or nil when there is none.
func accountValue(cc *spec.Config, f *spec.Flag, env string) *spec.EnvValue {
	if cc == nil {
		return nil
	}
	cf := cc.Flag(f.Key)
	if cf == nil || cf.Type != f.Type {
		return nil
	}
	for name, v := range cf.Values {
		if spec.Same(name, env) {
			return v
		}
	}
	return nil
}

// setEnvValue sets f's value in env, replacing the entry whose name matches case-insensitively.
func setEnvValue(f *spec.Flag, env string, v *spec.EnvValue) {
	for name := range f.Values {
		if spec.Same(name, env) {
			f.Values[name] = v
			return
		}
	}
	f.Values[env] = v
}
