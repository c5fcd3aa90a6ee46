package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
)

// localStatePath is where --local keeps the embedded account, relative to the working directory.
const localStatePath = ".flagsync/local.json"

// account is a connection to a ConfigCat account: the real one named by the environment, or with --local the
// embedded emulator whose state persists in .flagsync/local.json.
type account struct {
	client *configcat.Client
	// close releases the account; for the local one it saves the state when save is true.
	close func(save bool) error
}

// accountOptions say which account to open and how.
type accountOptions struct {
	local    bool
	readOnly bool
	// envPrefix is "CONFIGCAT" for the target account and "CONFIGCAT_SOURCE" for migrate's source.
	envPrefix string
}

// openAccount connects to the account the options name. The local account is announced on stderr every time,
// so that nobody mistakes it for their real one.
func openAccount(e *env, o accountOptions) (*account, error) {
	if o.local {
		return openLocal(e, o)
	}
	if o.envPrefix == "" {
		o.envPrefix = "CONFIGCAT"
	}
	logger := warnLogger(e)
	opts := []configcat.Option{configcat.WithEnvPrefix(o.envPrefix), configcat.WithLookupEnv(e.lookupEnv),
		configcat.WithConfig(func(c *configcat.Config) { c.Logger = logger })}
	if o.readOnly {
		opts = append(opts, configcat.WithReadOnly())
	}
	c, err := configcat.NewFromEnv(opts...)
	if err != nil {
		return nil, err
	}
	return &account{client: c, close: func(bool) error { return nil }}, nil
}

func openLocal(e *env, o accountOptions) (*account, error) {
	fmt.Fprintf(e.stderr, "flagsync: --local: using the embedded emulator account in %s, not a ConfigCat account\n", localStatePath)
	const user, pass = "local", "local"
	// the embedded account has no rate limits, and the client does not pace: a local run goes at machine speed.
	// Nor caches: one command reads each answer once, and the cached copies only added to its peak.
	srv := emulator.New(emulator.Options{User: user, Pass: pass, RateLimit: emulator.RateLimit{Off: true},
		NoCache: true})
	if err := loadLocalState(srv); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("--local: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	c, err := configcat.New(configcat.Config{
		BaseURL: "http://" + ln.Addr().String(), User: user, Pass: pass, ReadOnly: o.readOnly,
		PerSecond: -1, PerMinute: -1, Logger: warnLogger(e),
	})
	if err != nil {
		_ = hs.Close()
		return nil, err
	}
	return &account{client: c, close: func(save bool) error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
		if !save {
			return nil
		}
		// written to the file as it is encoded: a copy in memory first would add the state's size (close to
		// 100 MB for a large account) to the run's peak
		if err := writeAtomic(localStatePath, srv.SaveState); err != nil {
			return fmt.Errorf("--local: save state: %w", err)
		}
		return nil
	}}, nil
}

// loadLocalState loads the embedded account's state file into srv, when there is one.
func loadLocalState(srv *emulator.Server) error {
	f, err := os.Open(localStatePath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--local: %w", err)
	}
	defer f.Close()
	if err := srv.LoadState(f); err != nil {
		return fmt.Errorf("--local: %s: %w (delete the file to start afresh)", localStatePath, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same directory, so that a crash never
// leaves half a file.
func writeFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic is writeFileAtomic of what write writes.
func writeAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	buffered := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(buffered); err != nil {
		tmp.Close()
		return err
	}
	if err := buffered.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
