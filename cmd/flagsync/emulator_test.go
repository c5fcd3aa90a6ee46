package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	configcat "github.com/configcat/go-sdk/v9"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/spec"
)

// syncBuffer is a bytes.Buffer that a running command writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// runningEmulator is `flagsync emulator` running in the background.
type runningEmulator struct {
	stdout, stderr *syncBuffer
	stop           func() int
}

func startEmulator(t *testing.T, args ...string) *runningEmulator {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &runningEmulator{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	e := &env{stdin: strings.NewReader(""), stdout: r.stdout, stderr: r.stderr, lookupEnv: os.LookupEnv}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, append([]string{"emulator", "--addr", "127.0.0.1:0", "--rate-limit", "off"}, args...))
	}()
	var once sync.Once
	code := 0
	r.stop = func() int {
		once.Do(func() { cancel(); code = <-done })
		return code
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// waitFor waits until the output matches re, and returns the match's groups.
func (r *runningEmulator) waitFor(t *testing.T, out *syncBuffer, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %q within 20s\nstdout:\n%s\nstderr:\n%s", re, r.stdout, r.stderr)
	return nil
}

var baseURLLine = regexp.MustCompile(`base URL (http://\S+), with one of these SDK keys`)

// printedKey waits for the SDK key the emulator prints for a (config, environment): the table of keys follows
// the base URL line, and may not be out yet when that line is.
func (r *runningEmulator) printedKey(t *testing.T, product, config, env string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(product) + `\s+` + regexp.QuoteMeta(config) + `\s+` + regexp.QuoteMeta(env) + `\s+(configcat-sdk-1/\S+)$`)
	return r.waitFor(t, r.stdout, re)[1]
}

// TestEmulatorServesTheAppliedFilesToTheSDK starts `flagsync emulator --apply DIR --watch` on a copy of the
// quickstart, points ConfigCat's Go SDK at the base URL and SDK keys it printed, and requires the SDK's values
// to be evaluate's on sdkconfig's document of the files; after an edit the SDK sees the new value, and a
// broken edit is reported with its position while the emulator keeps serving.
func TestEmulatorServesTheAppliedFilesToTheSDK(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "flags.yaml")
	copyFile(t, "../../examples/quickstart/flags.yaml", file)
	emu := startEmulator(t, "--apply", dir, "--watch")
	baseURL := emu.waitFor(t, emu.stdout, baseURLLine)[1]
	if !strings.Contains(emu.stdout.String(), "applied "+dir+": ") {
		t.Fatalf("no apply reported before the SDK keys:\n%s", emu.stdout)
	}
	st, _, err := spec.LoadWith(context.Background(), dir, spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	users := []evaluate.User{{}, {"Identifier": "7"}, {"Identifier": "42", "Email": "ann@acme.com"},
		{"Identifier": "1001", "Email": "kim@example.com"}}
	for _, env := range []string{"Production", "Staging"} {
		sdk := sdkAt(t, baseURL, emu.printedKey(t, "Webshop", "Main", env))
		want := documentEvaluator(t, st, "Webshop", "Main", env)
		for _, u := range users {
			for _, w := range want.Evaluate(u) {
				got := sdk.Snapshot(sdkUser(u)).GetValue(w.Key)
				if fmt.Sprint(got) != fmt.Sprint(w.Value) {
					t.Errorf("%s, %s, user %v: the SDK got %v from the emulator, evaluate %v from the files", env, w.Key, u, got, w.Value)
				}
			}
		}
	}

	sdk := sdkAt(t, baseURL, emu.printedKey(t, "Webshop", "Main", "Production"))
	edit(t, file, "value: support@acme.com", "value: help@acme.com")
	emu.waitFor(t, emu.stdout, regexp.MustCompile(`(?s)applied .*applied [^\n]*: \d+ changes?\n`))
	if err := sdk.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := sdk.GetStringValue("supportEmail", "", nil); got != "help@acme.com" {
		t.Errorf("after the edit the SDK gets %q, want help@acme.com", got)
	}

	edit(t, file, "type: string", "type: strnig")
	emu.waitFor(t, emu.stderr, regexp.MustCompile(`flags\.yaml:\d+:\d+: .*\n(?s:.*)not applied; still serving`))
	if err := sdk.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := sdk.GetStringValue("supportEmail", "", nil); got != "help@acme.com" {
		t.Errorf("after a broken edit the SDK gets %q, want the last good help@acme.com", got)
	}
	if code := emu.stop(); code != exitOK {
		t.Errorf("the emulator ended with %d:\n%s", code, emu.stderr)
	}
}

func TestEmulatorApplyRefusesBrokenFilesWithoutWatch(t *testing.T) {
	file := writeYAML(t, "products:\n  - name: Shop\n    environments: [Production]\n    configs:\n      - name: Main\n        flags:\n          - {key: a, type: bool, value: true}\n")
	r := runCLI(t, nil, "emulator", "--addr", "127.0.0.1:0", "--apply", file)
	if r.code != exitError || !strings.Contains(r.stderr, "flags.yaml:7:") {
		t.Errorf("%s", r)
	}
	r = runCLI(t, nil, "emulator", "--addr", "127.0.0.1:0", "--watch")
	if r.code != exitError || !strings.Contains(r.stderr, "--watch needs --apply PATH") {
		t.Errorf("%s", r)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces old by new in file, with a modification time that differs from the last one even on file
// systems with coarse times.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(2 * time.Second)
	if err := os.Chtimes(file, later, later); err != nil {
		t.Fatal(err)
	}
}

// sdkAt is ConfigCat's Go SDK downloading from the emulator at baseURL with key.
func sdkAt(t *testing.T, baseURL, key string) *configcat.Client {
	t.Helper()
	c := configcat.NewCustomClient(configcat.Config{SDKKey: key, BaseURL: baseURL, PollingMode: configcat.Manual, LogLevel: configcat.LogLevelNone})
	t.Cleanup(c.Close)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatalf("the SDK could not download its config JSON: %v", err)
	}
	return c
}

func sdkUser(u evaluate.User) *configcat.UserData {
	out := &configcat.UserData{}
	out.Identifier, _ = u["Identifier"].(string)
	out.Email, _ = u["Email"].(string)
	return out
}

func documentEvaluator(t *testing.T, st *spec.State, product, config, env string) *evaluate.Evaluator {
	t.Helper()
	ev, _, err := evaluate.ForState(st, product, config, env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ev.Close)
	return ev
}
