package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/executor"
	"github.com/flagsync/flagsync/planner"
)

func init() {
	register("emulator", "serve an emulated ConfigCat Management API, and config JSON to ConfigCat's SDKs", runEmulator)
}

// watchInterval is how often --watch looks at the files' modification times; a change is applied once the files
// stayed the same for one more interval, so that an editor's save of several files is applied once.
const watchInterval = 300 * time.Millisecond

// emulatorApplyReason is the reason --apply's writes carry, for products that require one.
const emulatorApplyReason = "flagsync emulator --apply"

func runEmulator(ctx context.Context, e *env, args []string) int {
	var path string
	var watch bool
	cmd := emulator.Command{
		ReadState: configcat.FetchHandler,
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&path, "apply", "", "YAML `PATH` (file or directory) applied at start, as `flagsync apply --force` would")
			fs.BoolVar(&watch, "watch", false, "with --apply, apply again whenever the files change (errors are reported, the emulator keeps serving)")
		},
		Started: func(ctx context.Context, l emulator.Listening) error {
			if path == "" {
				if watch {
					return errors.New("emulator: --watch needs --apply PATH")
				}
				return nil
			}
			client, err := configcat.New(configcat.Config{BaseURL: l.BaseURL, User: l.User, Pass: l.Pass, Logger: warnLogger(e)})
			if err != nil {
				return err
			}
			if err := applyToEmulator(ctx, e, client, path); err != nil {
				if !watch {
					return err
				}
				reportNotApplied(e, path, err)
			}
			if watch {
				go watchAndApply(ctx, e, l.Server, client, path)
			}
			return nil
		},
	}
	err := cmd.Run(ctx, args, e.stdout, e.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK // the usage is printed already
	case err != nil:
		return failUnlessPrinted(e, err)
	}
	return exitOK
}

// applyToEmulator makes the emulator's account match the YAML at path through flagsync's own plan and apply,
// deleting what the files' products no longer declare and bypassing approvals: the account is a scratch copy of
// the files. Load and plan errors are printed.
func applyToEmulator(ctx context.Context, e *env, client *configcat.Client, path string) error {
	desired, err := loadSpec(ctx, e, path)
	if err != nil {
		return errPrinted
	}
	current, remote, err := client.Fetch(ctx, configcat.FetchOptions{Products: declaredProducts(desired)})
	if err != nil {
		return fmt.Errorf("--apply %s: %w", path, err)
	}
	writes := &planner.WriteInputs{Reason: emulatorApplyReason, BypassApproval: true, LookupEnv: e.lookupEnv}
	plan, err := planner.Build(current, desired, planner.Options{Force: true, Writes: writes})
	if err != nil {
		reportBuildError(e, err)
		return errPrinted
	}
	exec := executor.New(client, remote, plan, executor.Options{Reason: emulatorApplyReason, LookupEnv: e.lookupEnv, BypassApproval: true})
	if res := applier.Apply(ctx, exec, plan, applier.Options{}); res.Err != nil {
		return fmt.Errorf("--apply %s: %w", path, res.Err)
	}
	fmt.Fprintf(e.stdout, "applied %s: %s\n", path, changeCount(len(plan.Changes)))
	return nil
}

func changeCount(n int) string {
	switch n {
	case 0:
		return "no changes"
	case 1:
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

// watchAndApply applies the files again after each change until ctx ends, and prints the SDK keys again when
// the change added or removed any. Errors are printed; the emulator keeps serving what it has.
func watchAndApply(ctx context.Context, e *env, srv *emulator.Server, client *configcat.Client, path string) {
	last := filesStamp(path)
	keys := srv.SDKKeys()
	tick := time.NewTicker(watchInterval)
	defer tick.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		stamp := filesStamp(path)
		if stamp != last {
			last, pending = stamp, true // still changing: wait for one quiet interval
			continue
		}
		if !pending {
			continue
		}
		pending = false
		if err := applyToEmulator(ctx, e, client, path); err != nil {
			reportNotApplied(e, path, err)
			continue
		}
		if now := srv.SDKKeys(); !slices.Equal(now, keys) {
			keys = now
			fmt.Fprintln(e.stdout, "SDK keys now:")
			_ = emulator.WriteSDKKeys(e.stdout, keys)
		}
	}
}

// filesStamp sums up the name, size and modification time of every file under path but hidden ones (those
// the loader skips), so that any edit, addition or removal changes it. An unreadable path gives its error.
func filesStamp(path string) string {
	var b strings.Builder
	err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return "error: " + err.Error()
	}
	return b.String()
}

// reportNotApplied says why the files were not applied and that --watch goes on.
func reportNotApplied(e *env, path string, err error) {
	if !errors.Is(err, errPrinted) {
		fmt.Fprintf(e.stderr, "flagsync: %v\n", err)
	}
	fmt.Fprintf(e.stderr, "flagsync: emulator: %s not applied; still serving the last good state, watching for changes\n", path)
}
