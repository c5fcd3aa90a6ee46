package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version and commit are set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = ""
)

func init() {
	register("version", "print the version and commit", func(_ context.Context, e *env, _ []string) int {
		fmt.Fprintf(e.stdout, "flagsync %s (commit %s, %s)\n", version, buildCommit(), runtime.Version())
		return exitOK
	})
}

// buildCommit is the commit given at build time, else the one Go recorded from the checkout, else "unknown".
func buildCommit() string {
	if commit != "" {
		return commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				return s.Value
			}
		}
	}
	return "unknown"
}
