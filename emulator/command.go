package emulator

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// RunCommand implements `flagsync emulator`: it serves the emulator until ctx is cancelled, then saves the
// state when --state is given and returns nil. args are the arguments after "emulator".
func RunCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return Command{}.Run(ctx, args, stdout, stderr)
}

// Command is `flagsync emulator` with what this package cannot do itself: read its own account the way
// flagsync's Fetch does (to serve SDKs) and apply YAML to it (the --apply flag of package main).
type Command struct {
	// ReadState builds the config JSON SDKs download (Options.ReadState).
	ReadState StateReader
	// Flags adds the caller's flags to the command's.
	Flags func(*flag.FlagSet)
	// Started runs once the emulator listens, before the SDK keys are printed; an error stops the command.
	Started func(ctx context.Context, l Listening) error
}

// Listening is a started emulator: its base URL and the credentials its Management API accepts.
type Listening struct {
	Server     *Server
	BaseURL    string
	User, Pass string
}

// Run serves the emulator until ctx is cancelled, then saves the state when --state is given and returns nil.
// At start it prints the address and the SDK key of every (config, environment).
func (c Command) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := c.parseFlags(args, stderr)
	if err != nil {
		return err
	}
	opts, err := f.options(c.ReadState)
	if err != nil {
		return err
	}
	if f.logPath != "" {
		log, err := os.OpenFile(f.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("emulator: request log: %w", err)
		}
		defer log.Close()
		opts.RequestLog = log
	}
	srv, err := f.newServer(opts)
	if err != nil {
		return err
	}
	return c.serve(ctx, f, srv, stdout)
}

// commandFlags are the command's parsed flags, with the credentials' defaults resolved.
type commandFlags struct {
	addr, statePath, logPath string
	user, pass               string
	rateLimit                RateLimit
	faultRate                float64
	faultSeed                int64
	orgID, orgName           string
}

// parseFlags reads and checks the command's flags and the caller's.
func (c Command) parseFlags(args []string, stderr io.Writer) (*commandFlags, error) {
	fl := flag.NewFlagSet("flagsync emulator", flag.ContinueOnError)
	fl.SetOutput(stderr)
	f := &commandFlags{}
	fl.StringVar(&f.addr, "addr", "127.0.0.1:8099", "`address` to listen on; port 0 picks a free port")
	fl.StringVar(&f.statePath, "state", "", "state `file`: loaded at start when it exists, saved on exit")
	// Credential defaults are resolved after parsing, so that usage text never prints them.
	fl.StringVar(&f.user, "user", "", "Basic-auth `user` accepted (default $CONFIGCAT_API_USER, else flagsync)")
	fl.StringVar(&f.pass, "pass", "", "Basic-auth `password` accepted (default $CONFIGCAT_API_PASS, else flagsync)")
	rateLimit := fl.String("rate-limit", "20/s,500/m", "rate `limits` per credential and endpoint, or off (answers then carry "+NoRateLimitHeader+": off, and flagsync does not pace itself)")
	fl.Float64Var(&f.faultRate, "fault-rate", 0, "share of requests, 0 to 1, that get an injected fault")
	fl.Int64Var(&f.faultSeed, "fault-seed", 1, "seed of the fault sequence")
	fl.StringVar(&f.logPath, "request-log", "", "`file` to append a JSON line per request to")
	fl.StringVar(&f.orgID, "organization-id", "", "`uuid` of the organization (default "+DefaultBehaviour().OrganizationID+"; a state file sets its own)")
	fl.StringVar(&f.orgName, "organization-name", "", "`name` of the organization (default "+DefaultBehaviour().OrganizationName+"; a state file sets its own)")
	if c.Flags != nil {
		c.Flags(fl)
	}
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: flagsync emulator [flags]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, fmt.Errorf("emulator: unexpected argument %q", fl.Arg(0))
	}
	var err error
	if f.rateLimit, err = ParseRateLimit(*rateLimit); err != nil {
		return nil, fmt.Errorf("emulator: --rate-limit: %w", err)
	}
	if f.faultRate < 0 || f.faultRate > 1 {
		return nil, fmt.Errorf("emulator: --fault-rate %v is not between 0 and 1", f.faultRate)
	}
	f.user = cmp.Or(f.user, envOr("CONFIGCAT_API_USER", "flagsync"))
	f.pass = cmp.Or(f.pass, envOr("CONFIGCAT_API_PASS", "flagsync"))
	return f, nil
}

// options are the server's options the flags give (the request log aside: Run opens and closes it).
func (f *commandFlags) options(readState StateReader) (Options, error) {
	b, err := behaviourWithOrganization(f.orgID, f.orgName)
	if err != nil {
		return Options{}, err
	}
	return Options{User: f.user, Pass: f.pass, RateLimit: f.rateLimit, FaultRate: f.faultRate, FaultSeed: f.faultSeed,
		Behaviour: b, ReadState: readState}, nil
}

// newServer makes the server and loads the state file, when there is one.
func (f *commandFlags) newServer(opts Options) (*Server, error) {
	srv := New(opts)
	if f.statePath == "" {
		return srv, nil
	}
	if err := loadStateFile(srv, f.statePath); err != nil {
		return nil, err
	}
	return srv, sameOrganization(srv, f.statePath, f.orgID, f.orgName)
}

// serve listens, announces the emulator, waits for ctx and then shuts down and saves the state.
func (c Command) serve(ctx context.Context, f *commandFlags, srv *Server, stdout io.Writer) error {
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	baseURL := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "listening on %s\n", baseURL)
	if c.Started != nil {
		if err := c.Started(ctx, Listening{Server: srv, BaseURL: baseURL, User: f.user, Pass: f.pass}); err != nil {
			_ = hs.Close()
			return err
		}
	}
	fmt.Fprintf(stdout, "SDKs: base URL %s, with one of these SDK keys:\n", baseURL)
	_ = WriteSDKKeys(stdout, srv.SDKKeys())

	select {
	case err := <-done:
		return fmt.Errorf("emulator: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	if f.statePath != "" {
		return saveStateFile(srv, f.statePath)
	}
	return nil
}

// behaviourWithOrganization is DefaultBehaviour with the organization the flags give, where they give one.
func behaviourWithOrganization(id, name string) (*Behaviour, error) {
	b := DefaultBehaviour()
	if id != "" {
		if !isUUID(id) {
			return nil, fmt.Errorf("emulator: --organization-id %q is not a uuid", id)
		}
		b.OrganizationID = strings.ToLower(id)
	}
	if name != "" {
		b.OrganizationName = name
	}
	return b, nil
}

// sameOrganization refuses organization flags that contradict the organization a loaded state file set.
func sameOrganization(srv *Server, path, id, name string) error {
	org := srv.organization()
	if id != "" && !strings.EqualFold(id, org.ID) {
		return fmt.Errorf("emulator: --organization-id %s differs from %s's organization %s: drop the flag or edit the file", id, path, org.ID)
	}
	if name != "" && name != org.Name {
		return fmt.Errorf("emulator: --organization-name %q differs from %s's organization %q: drop the flag or edit the file", name, path, org.Name)
	}
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func loadStateFile(srv *Server, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	defer f.Close()
	if err := srv.LoadState(f); err != nil {
		return fmt.Errorf("emulator: %s: %w", path, err)
	}
	return nil
}

// saveStateFile writes through a temporary file and a rename, so that a crash never leaves half a state.
func saveStateFile(srv *Server, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := srv.SaveState(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("emulator: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("emulator: saving state: %w", err)
	}
	return nil
}
