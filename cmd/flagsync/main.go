// Command flagsync keeps ConfigCat feature flags in Git: it validates a YAML description of an organization's
// flags, plans the API calls that make the account match it, applies them, exports an account as YAML and
// migrates products between accounts. Run `flagsync help` for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit codes shared by every command.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2 // plan --detailed-exitcode and drift: the account differs from the files
)

// env is the process environment and standard streams a command runs with; tests fill it by hand.
type env struct {
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	lookupEnv func(string) (string, bool)
	// stdinIsTerminal and stdoutIsTerminal decide prompts, colour and progress bars.
	stdinIsTerminal  bool
	stdoutIsTerminal bool
}

// getenv returns the value of an environment variable, or "".
func (e *env) getenv(name string) string {
	v, _ := e.lookupEnv(name)
	return v
}

// command is one subcommand: run returns the process exit code.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, e *env, args []string) int) {
	commands[name] = command{summary: summary, run: run}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{
		stdin:            os.Stdin,
		stdout:           os.Stdout,
		stderr:           os.Stderr,
		lookupEnv:        os.LookupEnv,
		stdinIsTerminal:  isTerminal(os.Stdin),
		stdoutIsTerminal: isTerminal(os.Stdout),
	}
	os.Exit(run(ctx, e, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		return exitOK
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "flagsync: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitError
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "flagsync keeps ConfigCat feature flags in Git.")
	fmt.Fprintln(w, "\nUsage: flagsync COMMAND [flags]\n\nCommands:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun `flagsync COMMAND -h` for a command's flags.")
}

// fail prints an error the way every command does and returns exitError.
func fail(e *env, err error) int {
	msg := err.Error()
	if !strings.HasPrefix(msg, "flagsync") {
		msg = "flagsync: " + msg
	}
	fmt.Fprintln(e.stderr, msg)
	return exitError
}

// isTerminal reports whether f is a character device (a terminal), without a dependency.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
