package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("eval", "show each flag's value for a user, as ConfigCat's SDK evaluates it", runEval)
}

// evalRequest is what eval was asked: where the flags are, which ones, for whom.
type evalRequest struct {
	path, product, config, env string
	keys                       []string
	user                       evaluate.User
	remote, local              bool
	pathGiven                  bool
}

func runEval(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "eval [PATH] --env ENV [--user ATTR=VALUE]... [FLAG]...",
		"Evaluates flags for one user with ConfigCat's own Go SDK, offline, and says which targeting rule or\n"+
			"percentage option served each value. Reads the YAML at PATH (default ./flags; no account needed), or\n"+
			"with --remote what the account holds. FLAG keys limit the output; PATH is the first argument when it\n"+
			"names an existing file or directory. Values the files leave to the dashboard (valueOwner: dashboard) are\n"+
			"the account's, read with the CONFIGCAT_API_* variables (or --local), and marked so.\n\n"+
			"Attribute values are text, as an application passes strings to the SDK: number comparators read\n"+
			"Age=30 as the number 30, semver comparators AppVersion=5.1.0 as a version, dateTime comparators Unix\n"+
			"seconds (SignedUp=1700000000), array comparators a JSON array (Roles=[\"admin\",\"dev\"]).")
	req := evalRequest{user: evaluate.User{}}
	fs.StringVar(&req.env, "env", "", "the `ENVIRONMENT` to evaluate in (required)")
	fs.StringVar(&req.product, "product", "", "the `PRODUCT`, when the files declare several")
	fs.StringVar(&req.config, "config", "", "the `CONFIG`, when the product has several and no FLAG says which")
	fs.Var(userFlag(req.user), "user", "a user attribute `ATTR=VALUE`, such as Identifier=42 or Email=kim@example.com (repeatable)")
	format := fs.String("format", "text", "output format: text or json")
	fs.BoolVar(&req.remote, "remote", false, "evaluate what the ConfigCat account holds (CONFIGCAT_API_* variables), not the files")
	fs.BoolVar(&req.local, "local", false, "read the account from the embedded emulator account in "+localStatePath)
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	req.path, req.keys, req.pathGiven = splitPath(positional)
	switch {
	case req.env == "":
		return usageError(e, fs, "eval needs --env ENVIRONMENT")
	case *format != "text" && *format != "json":
		return usageError(e, fs, fmt.Sprintf("unknown --format %q (want text or json)", *format))
	}
	st, err := evalState(ctx, e, req)
	if err != nil {
		return failUnlessPrinted(e, err)
	}
	t, err := resolveTarget(st, req)
	if err != nil {
		return fail(e, fmt.Errorf("eval: %w", err))
	}
	var fromAccount map[string]bool
	if !req.remote {
		if fromAccount, err = useAccountValues(ctx, e, st, t, req.local); err != nil {
			return fail(e, err)
		}
	}
	out, err := evaluateFlags(st, t, req.user)
	if err != nil {
		return fail(e, fmt.Errorf("eval: %w", err))
	}
	out.fromAccount = fromAccount
	if *format == "json" {
		err = writeEvalJSON(e.stdout, out)
	} else {
		err = writeEvalText(e.stdout, out)
	}
	if err != nil {
		return fail(e, err)
	}
	for _, r := range out.results {
		if r.Err != nil {
			return exitError
		}
	}
	return exitOK
}

// userFlag collects --user ATTR=VALUE pairs into a user.
type userFlag evaluate.User

func (u userFlag) String() string { return "" }

func (u userFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("want ATTR=VALUE, such as Email=kim@example.com")
	}
	u[strings.TrimSpace(name)] = value
	return nil
}

// parseInterleaved parses flags that may come before, between or after positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// splitPath takes the first argument as PATH when it names an existing file or directory; the rest are flag keys.
func splitPath(args []string) (path string, keys []string, given bool) {
	if len(args) > 0 {
		if _, err := os.Stat(args[0]); err == nil {
			return args[0], args[1:], true
		}
	}
	return defaultPath, args, false
}

// evalState is the state eval reads: the files, or with --remote the account's products (those the files
// declare when there are files, else all of them).
func evalState(ctx context.Context, e *env, req evalRequest) (*spec.State, error) {
	if !req.remote {
		if _, err := os.Stat(req.path); err != nil && !req.pathGiven {
			return nil, fmt.Errorf("eval: no PATH given and ./%s does not exist: pass the YAML file or directory first, or --remote", defaultPath)
		}
		st, err := loadSpec(ctx, e, req.path)
		if err != nil {
			return nil, errPrinted
		}
		return st, nil
	}
	opts := configcat.FetchOptions{}
	if _, err := os.Stat(req.path); err == nil || req.pathGiven {
		desired, err := loadSpec(ctx, e, req.path)
		if err != nil {
			return nil, errPrinted
		}
		opts = configcat.FetchOptions{Products: declaredProducts(desired), Organization: desired.Organization}
	} else if req.product != "" {
		opts.Products = []string{req.product}
	}
	acct, err := openAccount(e, accountOptions{local: req.local, readOnly: true})
	if err != nil {
		return nil, err
	}
	defer acct.close(false)
	st, _, err := acct.client.Fetch(ctx, opts)
	return st, err
}

// evalOutput is what eval shows.
type evalOutput struct {
	product, config, env string
	user                 evaluate.User
	results              []evaluate.Result
	// fromAccount holds the folded keys of flags whose value is the account's: the files leave it to the
	// dashboard.
	fromAccount map[string]bool
}

// accountNote marks a value that is the account's rather than the files'.
const accountNote = " (the account's value: valueOwner dashboard)"

// evalTarget is what an eval request names in a state: the product, the config, the environment (as the
// product spells it) and the keys of the flags to evaluate.
type evalTarget struct {
	product *spec.Product
	config  *spec.Config
	env     string
	keys    []string
}

// resolveTarget picks the product, config, environment and flags the request names.
func resolveTarget(st *spec.State, req evalRequest) (*evalTarget, error) {
	p, err := pickProduct(st, req.product)
	if err != nil {
		return nil, err
	}
	c, err := pickConfig(p, req.config, req.keys)
	if err != nil {
		return nil, err
	}
	env := p.Environment(req.env)
	if env == nil {
		return nil, unknown("environment", req.env, fmt.Sprintf("product %q", p.Name), nameList(p.Environments, func(e *spec.Environment) string { return e.Name }))
	}
	keys, err := flagKeys(c, req.keys)
	if err != nil {
		return nil, err
	}
	return &evalTarget{product: p, config: c, env: env.Name, keys: keys}, nil
}

// evaluateFlags evaluates the target's flags for user.
func evaluateFlags(st *spec.State, t *evalTarget, user evaluate.User) (*evalOutput, error) {
	p, c := t.product, t.config
	ev, _, err := evaluate.ForState(st, p.Name, c.Name, t.env)
	if err != nil {
		return nil, err
	}
	defer ev.Close()
	return &evalOutput{product: p.Name, config: c.Name, env: t.env, user: user, results: ev.Evaluate(user, t.keys...)}, nil
}

func pickProduct(st *spec.State, name string) (*spec.Product, error) {
	all := nameList(st.Products, func(p *spec.Product) string { return p.Name })
	switch {
	case name != "":
		if p := st.Product(name); p != nil {
			return p, nil
		}
		return nil, unknown("product", name, "", all)
	case len(st.Products) == 1:
		return st.Products[0], nil
	case len(st.Products) == 0:
		return nil, errors.New("there is no product to evaluate")
	}
	return nil, fmt.Errorf("there are %d products: pass --product (one of %s)", len(all), quotedList(all))
}

// pickConfig returns the named config, the only one, or the one holding every flag asked for.
func pickConfig(p *spec.Product, name string, keys []string) (*spec.Config, error) {
	all := nameList(p.Configs, func(c *spec.Config) string { return c.Name })
	if name != "" {
		if c := p.Config(name); c != nil {
			return c, nil
		}
		return nil, unknown("config", name, fmt.Sprintf("product %q", p.Name), all)
	}
	if len(p.Configs) == 1 {
		return p.Configs[0], nil
	}
	if len(keys) > 0 {
		var holding []*spec.Config
		for _, c := range p.Configs {
			if c.Flag(keys[0]) != nil {
				holding = append(holding, c)
			}
		}
		if len(holding) == 1 {
			return holding[0], nil
		}
		if len(holding) == 0 {
			var every []string
			for _, c := range p.Configs {
				every = append(every, nameList(c.Flags, func(f *spec.Flag) string { return f.Key })...)
			}
			return nil, unknown("flag", keys[0], fmt.Sprintf("product %q", p.Name), every)
		}
	}
	if len(p.Configs) == 0 {
		return nil, fmt.Errorf("product %q has no config", p.Name)
	}
	return nil, fmt.Errorf("product %q has %d configs: pass --config (one of %s)", p.Name, len(all), quotedList(all))
}

// flagKeys spells the keys asked for as the config does (keys match case-insensitively); none asked means all.
func flagKeys(c *spec.Config, asked []string) ([]string, error) {
	all := nameList(c.Flags, func(f *spec.Flag) string { return f.Key })
	if len(asked) == 0 {
		return all, nil
	}
	keys := make([]string, len(asked))
	for i, k := range asked {
		f := c.Flag(k)
		if f == nil {
			return nil, unknown("flag", k, fmt.Sprintf("config %q", c.Name), all)
		}
		keys[i] = f.Key
	}
	return keys, nil
}

// unknown says a name is not found, suggests the closest one and lists them all.
func unknown(kind, name, where string, all []string) error {
	msg := fmt.Sprintf("no %s %q", kind, name)
	if where != "" {
		msg += " in " + where
	}
	if s := closestName(name, all); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	if len(all) == 0 {
		return errors.New(msg + " (there are none)")
	}
	return fmt.Errorf("%s (%ss: %s)", msg, kind, quotedList(all))
}

// closestName returns the name that starts with name, or else the one nearest to it by edit distance when it is
// near enough to be a typo (at most a third of its letters differ); case is ignored.
func closestName(name string, all []string) string {
	for _, n := range all {
		if name != "" && strings.HasPrefix(strings.ToLower(n), strings.ToLower(name)) {
			return n
		}
	}
	best, bestDist := "", len(name)/3+1
	for _, n := range all {
		if d := nameDistance(strings.ToLower(name), strings.ToLower(n)); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// nameDistance is the Levenshtein distance between a and b, in runes.
func nameDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// nameList is the name of every item.
func nameList[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}

// quotedList is "a", "b", "c".
func quotedList(names []string) string { return strings.Join(quoteAll(names), ", ") }

// writeEvalText prints a table: flag, value (text quoted), and what served it.
func writeEvalText(w io.Writer, out *evalOutput) error {
	fmt.Fprintf(w, "%s / %s / %s\n\n", out.product, out.config, out.env)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLAG\tVALUE\tSERVED BY")
	for _, r := range out.results {
		if r.Err != nil {
			fmt.Fprintf(tw, "%s\t-\terror: %v\n", r.Key, r.Err)
			continue
		}
		source := r.Source.String()
		if out.fromAccount[spec.Key(r.Key)] {
			source += accountNote
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Key, formatValue(r.Value), source)
	}
	return tw.Flush()
}

func formatValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprint(v)
}

// evalJSON is eval's --format json output.
type evalJSON struct {
	Product     string         `json:"product"`
	Config      string         `json:"config"`
	Environment string         `json:"environment"`
	User        evaluate.User  `json:"user"`
	Flags       []evalFlagJSON `json:"flags"`
}

type evalFlagJSON struct {
	Key      string           `json:"key"`
	Value    any              `json:"value"`
	ServedBy string           `json:"servedBy,omitempty"`
	Source   *evaluate.Source `json:"source,omitempty"`
	// ValueFrom is "account" when the value is the account's because the files leave it to the dashboard.
	ValueFrom string `json:"valueFrom,omitempty"`
	Error     string `json:"error,omitempty"`
}

func writeEvalJSON(w io.Writer, out *evalOutput) error {
	doc := evalJSON{Product: out.product, Config: out.config, Environment: out.env, User: out.user, Flags: []evalFlagJSON{}}
	for _, r := range out.results {
		f := evalFlagJSON{Key: r.Key, Value: r.Value}
		if out.fromAccount[spec.Key(r.Key)] {
			f.ValueFrom = "account"
		}
		if r.Err != nil {
			f.Error = r.Err.Error()
		} else {
			src := r.Source
			f.ServedBy, f.Source = src.String(), &src
		}
		doc.Flags = append(doc.Flags, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
