package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/internal/contract"
)

// TestMain lets a test run this binary as flagsync itself (see runSubprocess).
func TestMain(m *testing.M) {
	if os.Getenv("FLAGSYNC_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// inflight counts the requests a handler is serving, so that a test can wait until a killed client's last
// requests are done before it looks at the account.
type inflight struct {
	h  http.Handler
	mu sync.Mutex
	wg sync.WaitGroup
}

func (f *inflight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.wg.Add(1)
	f.mu.Unlock()
	defer f.wg.Done()
	f.h.ServeHTTP(w, r)
}

func (f *inflight) wait() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wg.Wait()
}

// TestKill9HalfWayThenRerunConverges kills a real `flagsync apply` process with SIGKILL in the middle of its
// writes, then runs apply again: the account must end equal to the files, with nothing duplicated (Fetch
// refuses an account with two objects of the same name) and nothing left to do.
func TestKill9HalfWayThenRerunConverges(t *testing.T) {
	srv := emulator.New(emulator.Options{User: "flagsync-test", Pass: testPass}) // ConfigCat's limits: the apply takes seconds
	track := &inflight{h: contract.Middleware(t, srv)}
	hs := httptest.NewServer(track)
	t.Cleanup(hs.Close)
	acct := &testAccount{srv: srv, url: hs.URL}
	acct.use(t, "CONFIGCAT")

	var y strings.Builder
	y.WriteString("products:\n  - name: Shop\n    environments: [{name: Production}, {name: Staging}]\n    tags: [{name: a}, {name: b}]\n    configs:\n")
	for c := range 2 {
		fmt.Fprintf(&y, "      - name: Config%d\n        flags:\n", c)
		for f := range 40 {
			fmt.Fprintf(&y, "          - {key: flag%d, type: int, tags: [a], value: %d, environments: {Production: {rules: [{if: [{attribute: Plan, comparator: isOneOf, values: [pro]}], serve: 1}], default: 0}}}\n", f, f)
		}
	}
	path := writeYAML(t, y.String())

	cmd := exec.Command(os.Args[0], "apply", "--auto-approve", path)
	cmd.Env = append(os.Environ(), "FLAGSYNC_TEST_RUN_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const creates = "POST /v1/configs/{configId}/settings"
	deadline := time.Now().Add(60 * time.Second)
	for srv.Counts()[creates] < 25 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("apply made %d flag creates in a minute", srv.Counts()[creates])
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no clean-up of any kind
		t.Fatal(err)
	}
	_ = cmd.Wait()
	track.wait()
	if n := srv.Counts()[creates]; n >= 80 {
		t.Fatalf("the kill came too late: all %d flags were created", n)
	}

	if r := runCLI(t, nil, "apply", "--auto-approve", path); r.code != exitOK {
		t.Fatalf("apply after kill -9: %s", r)
	}
	if r := runCLI(t, nil, "plan", "--detailed-exitcode", path); r.code != exitOK {
		t.Fatalf("plan after the second apply: %s", r)
	}
}
