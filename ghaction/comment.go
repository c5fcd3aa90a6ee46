package ghaction

import (
	"context"
	"fmt"
	"path"
	"strings"
)

// PlanMarker is the hidden first line of the plan comment for the YAML at p, so that each path keeps its own
// comment: "<!-- flagsync:plan path=flags -->". The path is cleaned (./flags/ and flags are one comment) and
// every character that could end an HTML comment or the marker is percent-encoded.
func PlanMarker(p string) string {
	p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '/', c == '.', c == '_':
			b.WriteByte(c)
		case c == '-' && i+1 < len(p) && p[i+1] != '-' && p[i+1] != '>':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return "<!-- flagsync:plan path=" + b.String() + " -->"
}

// CommentOutcome says what UpsertComment did.
type CommentOutcome string

// Outcomes of UpsertComment.
const (
	CommentCreated   CommentOutcome = "created"
	CommentUpdated   CommentOutcome = "updated"
	CommentUnchanged CommentOutcome = "unchanged" // the comment already said exactly this
	CommentSkipped   CommentOutcome = "skipped"   // no comment yet, and create was false
)

// UpsertComment keeps one comment on pull request number of repo: the comment whose body starts with marker.
// It edits that comment in place with marker and body, or creates it when there is none and create is true.
// When several comments carry the marker (two runs raced), the oldest is kept up to date.
func (c *Client) UpsertComment(ctx context.Context, repo string, number int, marker, body string, create bool) (CommentOutcome, *Comment, error) {
	comments, err := c.ListIssueComments(ctx, repo, number)
	if err != nil {
		return "", nil, err
	}
	full := marker + "\n" + body
	for i := range comments {
		existing := &comments[i]
		if !strings.HasPrefix(strings.TrimLeft(existing.Body, " \t\r\n"), marker) {
			continue
		}
		if existing.Body == full {
			return CommentUnchanged, existing, nil
		}
		updated, err := c.UpdateIssueComment(ctx, repo, existing.ID, full)
		if err != nil {
			return "", nil, err
		}
		return CommentUpdated, updated, nil
	}
	if !create {
		return CommentSkipped, nil, nil
	}
	created, err := c.CreateIssueComment(ctx, repo, number, full)
	if err != nil {
		return "", nil, err
	}
	return CommentCreated, created, nil
}
