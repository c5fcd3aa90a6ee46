package ghaction

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Context is what the workflow tells the step about itself.
type Context struct {
	Repository string // owner/name
	EventName  string // pull_request, push, schedule, workflow_dispatch...
	SHA        string
	Ref        string
	APIURL     string // GitHub's REST API, https://api.github.com unless on GitHub Enterprise Server
	ServerURL  string
	RunID      int64
	Workspace  string
	RunnerTemp string
	// Event is the parsed event payload; its fields are zero when GITHUB_EVENT_PATH is unset or missing.
	Event Event
}

// RunURL is the address of the workflow run, or "" when unknown.
func (c *Context) RunURL() string {
	if c.Repository == "" || c.RunID == 0 {
		return ""
	}
	return fmt.Sprintf("%s/%s/actions/runs/%d", strings.TrimSuffix(c.ServerURL, "/"), c.Repository, c.RunID)
}

// Context reads the workflow context from the environment and the event payload from GITHUB_EVENT_PATH.
func (r *Runner) Context() (*Context, error) {
	gc, err := r.act.Context()
	if err != nil {
		return nil, fmt.Errorf("reading the workflow context: %w", err)
	}
	c := &Context{
		Repository: gc.Repository, EventName: gc.EventName, SHA: gc.SHA, Ref: gc.Ref, APIURL: gc.APIURL,
		ServerURL: gc.ServerURL, RunID: gc.RunID, Workspace: gc.Workspace, RunnerTemp: r.getenv("RUNNER_TEMP"),
	}
	if gc.EventPath != "" {
		ev, err := ReadEvent(gc.EventName, gc.EventPath)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if ev != nil {
			c.Event = *ev
		}
	}
	return c, nil
}

// Event is the part of an event payload flagsync uses.
type Event struct {
	Name string
	// PullRequest is set for pull_request and pull_request_target events.
	PullRequest *PullRequest
	// HeadCommit is the newest commit of a push event; nil otherwise, or for a push that deleted a branch.
	HeadCommit *Commit
}

// PullRequest is the pull request an event is about.
type PullRequest struct {
	Number  int
	Title   string
	HeadSHA string
	// HeadRepo and BaseRepo are owner/name; HeadRepo is "" when the fork was deleted.
	HeadRepo string
	BaseRepo string
}

// Fork reports whether the pull request comes from another repository. Workflows run for such pull requests
// on the pull_request event get no secrets and a read-only token.
func (p *PullRequest) Fork() bool { return !strings.EqualFold(p.HeadRepo, p.BaseRepo) }

// Commit is a pushed commit.
type Commit struct {
	ID      string
	Message string
}

// Subject returns the first line of the commit message.
func (c *Commit) Subject() string {
	s, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return strings.TrimSpace(s)
}

// payload is the JSON shape of the events ReadEvent understands.
type payload struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int    `json:"number"`
		Title  string `json:"title"`
		Head   struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"head"`
		Base struct {
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
	HeadCommit *struct {
		ID      string `json:"id"`
		Message string `json:"message"`
	} `json:"head_commit"`
}

// ReadEvent parses the event payload at path for the event called name.
func ReadEvent(name, path string) (*Event, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("event payload: %w", err)
	}
	return ParseEvent(name, data)
}

// ParseEvent parses an event payload for the event called name.
func ParseEvent(name string, data []byte) (*Event, error) {
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("event payload of %s: %w", name, err)
	}
	ev := &Event{Name: name}
	if pr := p.PullRequest; pr != nil && strings.HasPrefix(name, "pull_request") {
		out := &PullRequest{Number: pr.Number, Title: pr.Title, HeadSHA: pr.Head.SHA}
		if out.Number == 0 {
			out.Number = p.Number
		}
		if pr.Head.Repo != nil {
			out.HeadRepo = pr.Head.Repo.FullName
		}
		if pr.Base.Repo != nil {
			out.BaseRepo = pr.Base.Repo.FullName
		}
		if out.Number <= 0 {
			return nil, fmt.Errorf("event payload of %s: no pull request number", name)
		}
		ev.PullRequest = out
	}
	if hc := p.HeadCommit; hc != nil && name == "push" {
		ev.HeadCommit = &Commit{ID: hc.ID, Message: hc.Message}
	}
	return ev, nil
}
