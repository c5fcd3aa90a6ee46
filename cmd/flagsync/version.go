package main

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
)

// version and commit are stamped by release builds (scripts/release.sh and the Dockerfile) with
// -ldflags "-X main.version=... -X main.commit=...". Builds that stamp nothing fall back to what the Go toolchain
// recorded in the binary: the module version of `go install ...@version`, the revision of a git checkout.
var (
	version = ""
	commit  = ""
)

func init() {
	register("version", "print the version and commit", func(_ context.Context, e *env, _ []string) int {
		info, _ := debug.ReadBuildInfo()
		fmt.Fprintln(e.stdout, describeBuild(version, commit, info))
		return exitOK
	})
}

// describeBuild is the line `flagsync version` prints: version, commit, Go release and platform.
func describeBuild(stampedVersion, stampedCommit string, info *debug.BuildInfo) string {
	return fmt.Sprintf("flagsync %s (commit %s, %s, %s/%s)",
		buildVersion(stampedVersion, info), buildCommit(stampedCommit, info), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// buildVersion is the stamped version, else the main module's version from the build information
// (v1.2.3 for `go install ...@v1.2.3`, a pseudo-version for a git checkout), else "dev".
func buildVersion(stamped string, info *debug.BuildInfo) string {
	if stamped != "" {
		return stamped
	}
	if info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// buildCommit is the stamped commit, else the VCS revision Go recorded from a git checkout (with "+dirty" when
// the checkout had uncommitted changes), else the revision a pseudo-version names, else "unknown".
func buildCommit(stamped string, info *debug.BuildInfo) string {
	if stamped != "" {
		return stamped
	}
	if info == nil {
		return "unknown"
	}
	if rev := buildSetting(info, "vcs.revision"); rev != "" {
		if buildSetting(info, "vcs.modified") == "true" {
			rev += "+dirty"
		}
		return rev
	}
	if m := pseudoVersionRevision.FindStringSubmatch(info.Main.Version); m != nil {
		return m[1]
	}
	return "unknown"
}

// pseudoVersionRevision matches the 12-digit revision prefix that ends a Go pseudo-version such as
// v0.0.0-20260105120000-0123456789ab (or v1.2.4-0.20260105120000-0123456789ab, optionally +dirty).
var pseudoVersionRevision = regexp.MustCompile(`[.-]\d{14}-([0-9a-f]{12})(\+dirty)?$`)

func buildSetting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}
