package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/contract"
)

// testPass is a recognisable password: no output of any test may contain it.
const testPass = "s3cret-Pa55-do-not-print"

// account is an emulated ConfigCat account for command tests.
type testAccount struct {
	srv *emulator.Server
	url string
}

func newTestAccount(t *testing.T) *testAccount {
	t.Helper()
	return newTestAccountWith(t, nil)
}

// newTestAccountWith is newTestAccount with the emulator's behaviour b (nil: the defaults).
func newTestAccountWith(t *testing.T, b *emulator.Behaviour) *testAccount {
	t.Helper()
	srv := emulator.New(emulator.Options{User: "flagsync-test", Pass: testPass, RateLimit: emulator.RateLimit{Off: true}, Behaviour: b})
	// every request and answer of the command tests is checked against ConfigCat's OpenAPI spec
	hs := httptest.NewServer(contract.Middleware(t, srv))
	t.Cleanup(hs.Close)
	return &testAccount{srv: srv, url: hs.URL}
}

// use points CONFIGCAT_API_* (or, with prefix CONFIGCAT_SOURCE, the migration source) at the account.
func (a *testAccount) use(t *testing.T, prefix string) {
	t.Setenv(prefix+"_API_HOST", a.url)
	t.Setenv(prefix+"_API_USER", "flagsync-test")
	t.Setenv(prefix+"_API_PASS", testPass)
}

// writes counts the requests other than GET the account received.
func (a *testAccount) writes() int {
	n := 0
	for k, c := range a.srv.Counts() {
		if !strings.HasPrefix(k, "GET ") {
			n += c
		}
	}
	return n
}

// result is what one run of the command printed.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs flagsync with args; stdin, when not nil, is a terminal typing that text.
func runCLI(t testing.TB, stdin *string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, lookupEnv: os.LookupEnv}
	if stdin != nil {
		e.stdin = strings.NewReader(*stdin)
		e.stdinIsTerminal = true
	}
	code := run(context.Background(), e, args)
	r := result{code: code, stdout: out.String(), stderr: errb.String()}
	if strings.Contains(r.stdout+r.stderr, testPass) {
		t.Fatalf("flagsync %v printed the password:\n%s%s", args, r.stdout, r.stderr)
	}
	return r
}

func (r result) String() string {
	return "exit " + strconv.Itoa(r.code) + "\nstdout:\n" + r.stdout + "\nstderr:\n" + r.stderr
}

// applyConverges applies the YAML at path with apply's flags args, then checks that a plan of it finds nothing
// left to change.
func applyConverges(t *testing.T, path string, args ...string) {
	t.Helper()
	apply := append(append([]string{"apply", "--auto-approve"}, args...), path)
	if r := runCLI(t, nil, apply...); r.code != exitOK {
		t.Fatalf("apply: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", path); r.code != exitOK {
		t.Fatalf("plan after apply: %s", r)
	}
}

// seededAccount is a new account, in CONFIGCAT_*, with the YAML source applied.
func seededAccount(t *testing.T, source string) *testAccount {
	t.Helper()
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	if r := runCLI(t, nil, "apply", "--auto-approve", writeYAML(t, source)); r.code != exitOK {
		t.Fatal(r)
	}
	return acct
}

// migrationAccounts applies source to a new account and points migrate at it (CONFIGCAT_SOURCE_*) and at a new,
// empty target (CONFIGCAT_*).
func migrationAccounts(t *testing.T, source string) (src, dst *testAccount) {
	t.Helper()
	src, dst = seededAccount(t, source), newTestAccount(t)
	src.use(t, "CONFIGCAT_SOURCE")
	dst.use(t, "CONFIGCAT")
	return src, dst
}

// writeYAML writes a YAML file into a fresh directory and returns its path.
func writeYAML(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "flags.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// chdir moves the test into a fresh directory (for --local's .flagsync folder).
func chdir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func ptr(s string) *string { return &s }

func TestUnknownCommand(t *testing.T) {
	r := runCLI(t, nil, "frobnicate")
	if r.code != exitError || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Fatal(r)
	}
}

func TestVersion(t *testing.T) {
	r := runCLI(t, nil, "version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "flagsync dev (commit ") {
		t.Fatal(r)
	}
}

// TestEveryCommandsHelpExitsZero: -h prints the usage and succeeds, without an error line after it.
func TestEveryCommandsHelpExitsZero(t *testing.T) {
	for name := range commands {
		r := runCLI(t, nil, name, "-h")
		if r.code != exitOK || strings.Contains(r.stderr, "help requested") {
			t.Errorf("flagsync %s -h: exit %d\n%s", name, r.code, r.stderr)
		}
	}
}
