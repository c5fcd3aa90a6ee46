package ghaction

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadEventPullRequest(t *testing.T) {
	ev, err := ReadEvent("pull_request", filepath.Join("testdata", "pull_request.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := &PullRequest{
		Number: 42, Title: "Roll the new checkout out to 10% of Production",
		HeadSHA:  "a10867b14bb761a232cd80139fbd4c0d33264240",
		HeadRepo: "acme/webshop-flags", BaseRepo: "acme/webshop-flags",
	}
	if diff := cmp.Diff(want, ev.PullRequest); diff != "" {
		t.Errorf("pull request (-want +got):\n%s", diff)
	}
	if ev.PullRequest.Fork() {
		t.Error("a pull request from a branch of the same repository is reported as a fork")
	}
	if ev.HeadCommit != nil {
		t.Errorf("HeadCommit = %+v on a pull request", ev.HeadCommit)
	}
}

func TestReadEventFork(t *testing.T) {
	ev, err := ReadEvent("pull_request", filepath.Join("testdata", "pull_request_fork.json"))
	if err != nil {
		t.Fatal(err)
	}
	if pr := ev.PullRequest; pr == nil || pr.Number != 43 || !pr.Fork() || pr.HeadRepo != "outsider/webshop-flags" {
		t.Errorf("pull request = %+v, want #43 from the fork outsider/webshop-flags", pr)
	}
	deleted := []byte(`{"number": 7, "pull_request": {"head": {"sha": "abc", "repo": null}, "base": {"repo": {"full_name": "acme/x"}}}}`)
	ev, err = ParseEvent("pull_request_target", deleted)
	if err != nil {
		t.Fatal(err)
	}
	if pr := ev.PullRequest; pr == nil || pr.Number != 7 || !pr.Fork() {
		t.Errorf("pull request whose fork was deleted = %+v, want #7 and a fork", pr)
	}
}

func TestReadEventPush(t *testing.T) {
	ev, err := ReadEvent("push", filepath.Join("testdata", "push.json"))
	if err != nil {
		t.Fatal(err)
	}
	if ev.PullRequest != nil {
		t.Errorf("PullRequest = %+v on a push", ev.PullRequest)
	}
	if ev.HeadCommit == nil || ev.HeadCommit.ID != "e5bd3914e2e596debea16f433f57875b5b90bcd6" {
		t.Fatalf("HeadCommit = %+v", ev.HeadCommit)
	}
	if got, want := ev.HeadCommit.Subject(), "Merge pull request #42 from acme/rollout-checkout"; got != want {
		t.Errorf("Subject() = %q, want %q", got, want)
	}
}

func TestParseEventErrors(t *testing.T) {
	if _, err := ParseEvent("push", []byte("{")); err == nil {
		t.Error("a truncated payload parsed")
	}
	if _, err := ParseEvent("pull_request", []byte(`{"pull_request": {}}`)); err == nil {
		t.Error("a pull_request payload without a number parsed")
	}
}

func TestContext(t *testing.T) {
	r, _ := fakeRunner(t, map[string]string{
		"GITHUB_REPOSITORY": "acme/webshop-flags", "GITHUB_EVENT_NAME": "pull_request",
		"GITHUB_EVENT_PATH": filepath.Join("testdata", "pull_request.json"), "GITHUB_SHA": "ffff",
		"GITHUB_RUN_ID": "9001", "GITHUB_SERVER_URL": "https://github.com", "RUNNER_TEMP": "/tmp/runner",
	})
	c, err := r.Context()
	if err != nil {
		t.Fatal(err)
	}
	if c.Event.PullRequest == nil || c.Event.PullRequest.Number != 42 {
		t.Errorf("event = %+v", c.Event)
	}
	if c.APIURL != "https://api.github.com" || c.RunnerTemp != "/tmp/runner" {
		t.Errorf("APIURL %q, RunnerTemp %q", c.APIURL, c.RunnerTemp)
	}
	if got, want := c.RunURL(), "https://github.com/acme/webshop-flags/actions/runs/9001"; got != want {
		t.Errorf("RunURL() = %q, want %q", got, want)
	}

	r, _ = fakeRunner(t, map[string]string{"GITHUB_EVENT_NAME": "schedule", "GITHUB_EVENT_PATH": filepath.Join(t.TempDir(), "none.json")})
	if c, err := r.Context(); err != nil || c.Event.PullRequest != nil || c.RunURL() != "" {
		t.Errorf("schedule without a payload: %+v, %v", c, err)
	}
}
