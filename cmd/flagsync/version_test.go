package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// readBuildInfo parses a fixture written from `go version -m BINARY` (first line turned into "go\tVERSION",
// leading tabs removed), the text debug.BuildInfo.String produces.
func readBuildInfo(t *testing.T, name string) *debug.BuildInfo {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "buildinfo", name))
	if err != nil {
		t.Fatal(err)
	}
	info, err := debug.ParseBuildInfo(string(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return info
}

func TestVersionFromBuildInfo(t *testing.T) {
	tests := []struct {
		fixture     string
		wantVersion string
		wantCommit  string
	}{
		// go install MODULE@v0.8.2: the module version, and no revision anywhere in the binary.
		{"go-install-at-version.txt", "v0.8.2", "unknown"},
		// go build in a clean git clone: Go's pseudo-version and the full revision.
		{"git-checkout.txt", "v0.0.0-20261205152448-8e739a1a00df", "8e739a1a00df6ab60eb729822e0332939e70a15b"},
		// the same checkout with an uncommitted edit.
		{"git-checkout-modified.txt", "v0.0.0-20261205152448-8e739a1a00df+dirty", "8e739a1a00df6ab60eb729822e0332939e70a15b+dirty"},
		// go build with -buildvcs=false (or outside a checkout, as in the Dockerfile) and nothing stamped.
		{"no-vcs.txt", "dev", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			info := readBuildInfo(t, tt.fixture)
			if got := buildVersion("", info); got != tt.wantVersion {
				t.Errorf("version = %q, want %q", got, tt.wantVersion)
			}
			if got := buildCommit("", info); got != tt.wantCommit {
				t.Errorf("commit = %q, want %q", got, tt.wantCommit)
			}
		})
	}
}

func TestVersionOfGoInstallAtCommit(t *testing.T) {
	// go install github.com/flagsync/flagsync/cmd/flagsync@8e739a1 records the pseudo-version but no vcs settings:
	// the revision is read back from the pseudo-version.
	for _, v := range []string{"v0.0.0-20261205152448-8e739a1a00df", "v1.2.4-0.20261205152448-8e739a1a00df"} {
		info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/flagsync/flagsync", Version: v}}
		if got := buildVersion("", info); got != v {
			t.Errorf("version = %q, want %q", got, v)
		}
		if got := buildCommit("", info); got != "8e739a1a00df" {
			t.Errorf("%s: commit = %q, want the pseudo-version's revision 8e739a1a00df", v, got)
		}
	}
}

func TestStampedVersionWins(t *testing.T) {
	// A release binary is built from the tagged checkout, so Go records the revision too; the stamp is what the
	// release says and is printed.
	info := readBuildInfo(t, "git-checkout.txt")
	got := describeBuild("v1.4.0", "0123456789abcdef0123456789abcdef01234567", info)
	want := "flagsync v1.4.0 (commit 0123456789abcdef0123456789abcdef01234567, " + runtime.Version() + ", " +
		runtime.GOOS + "/" + runtime.GOARCH + ")"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestVersionWithoutBuildInfo(t *testing.T) {
	if got := describeBuild("", "", nil); !strings.HasPrefix(got, "flagsync dev (commit unknown, go") {
		t.Errorf("got %q", got)
	}
}

func TestVersionCommandLine(t *testing.T) {
	r := runCLI(t, nil, "version")
	line := regexp.MustCompile(`^flagsync \S+ \(commit \S+, go\S+, [a-z0-9]+/[a-z0-9]+\)\n$`)
	if r.code != exitOK || !line.MatchString(r.stdout) || r.stderr != "" {
		t.Fatal(r)
	}
	if r2 := runCLI(t, nil, "--version"); r2.stdout != r.stdout {
		t.Errorf("--version printed %q, version printed %q", r2.stdout, r.stdout)
	}
}
