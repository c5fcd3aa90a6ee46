package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/flagsync/flagsync/spec"
)

// defaultPath is where flagsync looks for YAML when no PATH is given, as the GitHub Action does.
const defaultPath = "flags"

func init() {
	register("validate", "check YAML files without credentials or network", runValidate)
	register("schema", "print the JSON Schema of the YAML format", runSchema)
}

func runValidate(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "validate [PATH]", "Checks a YAML file or a directory of YAML files (default ./flags) and reports every problem at once.")
	path, err := parseWithPath(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	st, err := loadSpec(ctx, e, path)
	if err != nil {
		return exitError
	}
	fmt.Fprintf(e.stdout, "%s is valid: %s, %s\n", path, plural(len(st.Products), "product"), plural(countFlags(st), "flag"))
	return exitOK
}

func runSchema(_ context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "schema", "Prints the JSON Schema of flagsync's YAML format, for editors (yaml-language-server).")
	if err := fs.Parse(args); err != nil {
		return parseFailed(err)
	}
	if fs.NArg() > 0 {
		return usageError(e, fs, "schema takes no arguments")
	}
	_, _ = e.stdout.Write(spec.Schema())
	return exitOK
}

// loadSpec loads and validates the desired state, printing every warning and problem on stderr.
func loadSpec(ctx context.Context, e *env, path string) (*spec.State, error) {
	opts, err := loadOptions(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
		return nil, err
	}
	st, warnings, err := spec.LoadWith(ctx, path, opts)
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, w.Error())
	}
	if err != nil {
		var list spec.Errors
		if errors.As(err, &list) {
			for _, le := range list {
				fmt.Fprintln(e.stderr, le.Error())
			}
			fmt.Fprintf(e.stderr, "flagsync: %s: %s found; nothing was sent to ConfigCat\n", path, plural(len(list), "problem"))
		} else {
			fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
		}
		return nil, err
	}
	return st, nil
}

// newFlagSet returns a flag set that prints its usage on stderr and never exits the process.
func newFlagSet(e *env, use, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("flagsync", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: flagsync %s\n\n%s\n", use, about)
		if hasFlags(fs) {
			fmt.Fprintln(e.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseWithPath parses flags that may come before or after one optional PATH argument.
func parseWithPath(fs *flag.FlagSet, args []string) (string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch len(positional) {
	case 0:
		return defaultPath, nil
	case 1:
		return positional[0], nil
	}
	fmt.Fprintf(fs.Output(), "flagsync: one PATH at most, got %d: %v\n", len(positional), positional)
	return "", errors.New("usage")
}

// parseFailed is the exit code after a flag set refused its arguments (it printed why): 0 for -h.
func parseFailed(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitError
}

func usageError(e *env, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(e.stderr, "flagsync: %s\n", msg)
	fs.Usage()
	return exitError
}

// countFlags counts the flags of every config of every product.
func countFlags(s *spec.State) int {
	n := 0
	for _, p := range s.Products {
		for _, c := range p.Configs {
			n += len(c.Flags)
		}
	}
	return n
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
