package ghaction

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultAPIURL is GitHub's REST API on github.com.
const DefaultAPIURL = "https://api.github.com"

// maxPages bounds how many pages of comments ListIssueComments reads (100 comments a page).
const maxPages = 100

// Client is a small client of GitHub's REST API: the issue-comment calls a plan comment needs. The token is
// sent as a Bearer token and appears in no error.
type Client struct {
	base  *url.URL
	token string
	http  *http.Client
	// sleep waits between attempts; tests replace it so that they never sleep.
	sleep func(ctx context.Context, d time.Duration) error
}

// NewClient returns a client of the REST API at apiURL (GITHUB_API_URL; "" means DefaultAPIURL) that sends
// token. hc nil means a client with a 30-second timeout.
func NewClient(apiURL, token string, hc *http.Client) (*Client, error) {
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	u, err := url.Parse(strings.TrimSuffix(apiURL, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("github: API URL %q is not an http(s) URL", apiURL)
	}
	if token == "" {
		return nil, errors.New("github: no token (input github-token)")
	}
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	return &Client{base: u, token: token, http: hc, sleep: sleepCtx}, nil
}

// Comment is an issue or pull-request comment.
type Comment struct {
	ID      int64  `json:"id"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
}

// APIError is a GitHub answer other than 2xx.
type APIError struct {
	Method     string
	Path       string // without the query
	StatusCode int
	Message    string // GitHub's message, if any

	retryAfter time.Duration // a rate-limit answer's Retry-After
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("github: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// ListIssueComments returns every comment of issue or pull request number in repo (owner/name), oldest first,
// following the pagination links GitHub sends.
func (c *Client) ListIssueComments(ctx context.Context, repo string, number int) ([]Comment, error) {
	p, err := repoPath(repo)
	if err != nil {
		return nil, err
	}
	next := c.url(p + "/issues/" + strconv.Itoa(number) + "/comments")
	next.RawQuery = "per_page=100"
	var all []Comment
	for page := 0; next != nil; page++ {
		if page == maxPages {
			return nil, fmt.Errorf("github: more than %d pages of comments on #%d", maxPages, number)
		}
		var batch []Comment
		resp, err := c.do(ctx, http.MethodGet, next, nil, &batch)
		if err != nil {
			return nil, err
		}
		all = append(all, batch...)
		if next, err = c.nextPage(resp.Header.Get("Link")); err != nil {
			return nil, err
		}
	}
	return all, nil
}

// CreateIssueComment adds a comment to issue or pull request number in repo.
func (c *Client) CreateIssueComment(ctx context.Context, repo string, number int, body string) (*Comment, error) {
	p, err := repoPath(repo)
	if err != nil {
		return nil, err
	}
	var out Comment
	_, err = c.do(ctx, http.MethodPost, c.url(p+"/issues/"+strconv.Itoa(number)+"/comments"), map[string]string{"body": body}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateIssueComment replaces the body of comment id in repo.
func (c *Client) UpdateIssueComment(ctx context.Context, repo string, id int64, body string) (*Comment, error) {
	p, err := repoPath(repo)
	if err != nil {
		return nil, err
	}
	var out Comment
	_, err = c.do(ctx, http.MethodPatch, c.url(p+"/issues/comments/"+strconv.FormatInt(id, 10)), map[string]string{"body": body}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func repoPath(repo string) (string, error) {
	owner, name, ok := strings.Cut(repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return "", fmt.Errorf("github: repository %q is not owner/name", repo)
	}
	return "/repos/" + url.PathEscape(owner) + "/" + url.PathEscape(name), nil
}

func (c *Client) url(path string) *url.URL {
	u := *c.base
	u.Path = strings.TrimSuffix(u.Path, "/") + path
	u.RawPath = ""
	return &u
}

// nextPage returns the rel="next" link of a Link header, or nil. A link to another host is refused, since the
// token would go with it.
func (c *Client) nextPage(link string) (*url.URL, error) {
	for part := range strings.SplitSeq(link, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok || !isNextRel(params) {
			continue
		}
		target = strings.TrimSpace(target)
		if !strings.HasPrefix(target, "<") || !strings.HasSuffix(target, ">") {
			return nil, fmt.Errorf("github: malformed Link header")
		}
		u, err := url.Parse(target[1 : len(target)-1])
		if err != nil {
			return nil, fmt.Errorf("github: malformed Link header: %w", err)
		}
		u = c.base.ResolveReference(u)
		if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
			return nil, fmt.Errorf("github: refusing to follow a pagination link to %s", u.Host)
		}
		return u, nil
	}
	return nil, nil
}

func isNextRel(params string) bool {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.TrimSpace(k) == "rel" && strings.Contains(" "+strings.Trim(v, `" `)+" ", " next ") {
			return true
		}
	}
	return false
}

// attempts bounds the tries of one call.
const attempts = 3

// do sends one call and decodes a 2xx JSON answer into out, retrying what GitHub did not carry out: rate-limit
// answers (403 or 429 with Retry-After, after that wait, at most a minute) for any call, and server errors or a
// failed connection for GET and PATCH, which are safe to repeat (a POST that may have created its comment is not
// sent again).
func (c *Client) do(ctx context.Context, method string, u *url.URL, in, out any) (*http.Response, error) {
	for try := 1; ; try++ {
		resp, err := c.doOnce(ctx, method, u, in, out)
		if err == nil || try == attempts {
			return resp, err
		}
		wait := time.Duration(try) * time.Second
		var ae *APIError
		switch {
		case errors.As(err, &ae) && ae.retryAfter > 0 && ae.retryAfter <= time.Minute:
			wait = ae.retryAfter
		case method == http.MethodPost:
			return resp, err
		case errors.As(err, &ae) && ae.StatusCode < 500:
			return resp, err
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			return resp, err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) doOnce(ctx context.Context, method string, u *url.URL, in, out any) (*http.Response, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("github: %s %s: %w", method, u.Path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", "flagsync")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		// Keep the cause, not url.Error's quoted URL: the path says enough and the query is noise.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("github: %s %s: %w", method, u.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, fmt.Errorf("github: %s %s: reading the answer: %w", method, u.Path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var msg struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(data, &msg)
		m := msg.Message
		if len(m) > 300 {
			m = m[:300] + "..."
		}
		ae := &APIError{Method: method, Path: u.Path, StatusCode: resp.StatusCode, Message: m}
		if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests {
			if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
				ae.retryAfter = time.Duration(secs) * time.Second
			}
		}
		return nil, ae
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, fmt.Errorf("github: %s %s: decoding the answer: %w", method, u.Path, err)
		}
	}
	return resp, nil
}
