package emulator

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startCommand runs RunCommand with args and hands its stdout to the test line by line; stop cancels it and
// returns its error.
func startCommand(t *testing.T, args ...string) (lines *bufio.Scanner, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := RunCommand(ctx, args, pw, io.Discard)
		pw.Close()
		done <- err
	}()
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("RunCommand did not return after cancellation")
			return nil
		}
	}
	t.Cleanup(func() { cancel() })
	return bufio.NewScanner(pr), stop
}

func TestRunCommandServesAndSavesState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	lines, stop := startCommand(t, "--addr", "127.0.0.1:0", "--state", state, "--user", "u", "--pass", "p", "--rate-limit", "off")
	if !lines.Scan() {
		t.Fatal("no output")
	}
	line := lines.Text()
	url, ok := strings.CutPrefix(line, "listening on ")
	if !ok || strings.HasSuffix(url, ":0") {
		t.Fatalf("first line %q", line)
	}
	go drain(lines)
	req, _ := http.NewRequest("POST", url+"/v1/organizations/"+DefaultBehaviour().OrganizationID+"/products", strings.NewReader(`{"name":"Saved"}`))
	req.SetBasicAuth("u", "p")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("create product: %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatalf("RunCommand: %v", err)
	}
	raw, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), `"Saved"`) {
		t.Fatalf("state file lacks the product:\n%s", raw)
	}

	// A second run loads the file.
	lines, stop = startCommand(t, "--addr", "127.0.0.1:0", "--state", state, "--user", "u", "--pass", "p")
	if !lines.Scan() {
		t.Fatal("no output")
	}
	url = strings.TrimPrefix(lines.Text(), "listening on ")
	go drain(lines)
	req, _ = http.NewRequest("GET", url+"/v1/products", nil)
	req.SetBasicAuth("u", "p")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"Saved"`) {
		t.Fatalf("products after reload: %s", body)
	}
	if resp.Header.Get("X-Rate-Limit-Remaining") == "" {
		t.Fatalf("default rate limits not applied")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestRunCommandBadFlags(t *testing.T) {
	t.Setenv("CONFIGCAT_API_USER", "secret-user")
	t.Setenv("CONFIGCAT_API_PASS", "secret-password")
	for _, args := range [][]string{{"--rate-limit", "fast"}, {"--fault-rate", "2"}, {"--nope"}, {"extra"}, {"--addr", "nohost:port:x"}} {
		var stderr strings.Builder
		err := RunCommand(context.Background(), args, io.Discard, &stderr)
		if err == nil {
			t.Fatalf("RunCommand(%v) accepted", args)
		}
		if out := stderr.String() + err.Error(); strings.Contains(out, "secret-") {
			t.Fatalf("RunCommand(%v) printed a credential: %s", args, out)
		}
	}
}

func TestRunCommandDefaultCredentialsFromEnvironment(t *testing.T) {
	t.Setenv("CONFIGCAT_API_USER", "envuser")
	t.Setenv("CONFIGCAT_API_PASS", "envpass")
	lines, stop := startCommand(t, "--addr", "127.0.0.1:0")
	if !lines.Scan() {
		t.Fatal("no output")
	}
	url := strings.TrimPrefix(lines.Text(), "listening on ")
	go drain(lines)
	for _, c := range []struct {
		user, pass string
		want       int
	}{{"envuser", "envpass", 200}, {"flagsync", "flagsync", 401}} {
		req, _ := http.NewRequest("GET", url+"/v1/me", nil)
		req.SetBasicAuth(c.user, c.pass)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Fatalf("%s: %d, want %d", c.user, resp.StatusCode, c.want)
		}
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// drain consumes the rest of the command's output.
func drain(sc *bufio.Scanner) {
	for sc.Scan() {
	}
}
