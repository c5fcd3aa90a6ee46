// Package ghtest is a fake of the part of GitHub's REST API that flagsync's Action uses (issue comments: list
// with pagination, create, edit), for tests. It checks the Bearer token, records every request and keeps the
// comments in memory.
package ghtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Request is one request the fake received.
type Request struct {
	Method string
	Path   string
	Query  string
	Auth   string // the Authorization header
	Body   string
}

// Comment is a stored comment.
type Comment struct {
	ID     int64
	Issue  int
	Repo   string
	Body   string
	Edited int // how many times it was edited
}

// Server is the fake; its URL is what GITHUB_API_URL points at.
type Server struct {
	*httptest.Server
	token string
	// PerPage caps the comments a list page holds (GitHub: per_page, at most 100); set before use.
	PerPage int
	// ReadOnly makes every write answer 403, as GitHub does for the read-only token of a fork's pull request.
	ReadOnly bool

	mu       sync.Mutex
	nextID   int64
	comments []*Comment
	requests []Request
}

// New starts a fake that accepts only token.
func New(token string) *Server {
	s := &Server{token: token, PerPage: 100, nextID: 1000}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues/{number}/comments", s.list)
	mux.HandleFunc("POST /repos/{owner}/{repo}/issues/{number}/comments", s.create)
	mux.HandleFunc("PATCH /repos/{owner}/{repo}/issues/comments/{id}", s.edit)
	s.Server = httptest.NewServer(s.record(mux))
	return s
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count returns how many requests used method.
func (s *Server) Count(method string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

// Comments returns copies of the comments on issue number of repo (owner/name), oldest first.
func (s *Server) Comments(repo string, number int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments {
		if c.Repo == repo && c.Issue == number {
			out = append(out, *c)
		}
	}
	return out
}

// AddComment stores a comment as if someone had written it, and returns its id.
func (s *Server) AddComment(repo string, number int, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments = append(s.comments, &Comment{ID: s.nextID, Issue: number, Repo: repo, Body: body})
	return s.nextID
}

func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"), Body: string(body)})
		s.mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer "+s.token {
			answer(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

type commentJSON struct {
	ID      int64  `json:"id"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
}

func (s *Server) toJSON(c *Comment) commentJSON {
	return commentJSON{ID: c.ID, Body: c.Body, HTMLURL: fmt.Sprintf("https://github.com/%s/pull/%d#issuecomment-%d", c.Repo, c.Issue, c.ID)}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	repo, number, ok := issue(w, r)
	if !ok {
		return
	}
	perPage := s.PerPage
	if v, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && v > 0 && v < perPage {
		perPage = v
	}
	page := 1
	if v, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && v > 0 {
		page = v
	}
	s.mu.Lock()
	var all []commentJSON
	for _, c := range s.comments {
		if c.Repo == repo && c.Issue == number {
			all = append(all, s.toJSON(c))
		}
	}
	s.mu.Unlock()
	from := min((page-1)*perPage, len(all))
	to := min(from+perPage, len(all))
	if to < len(all) {
		// GitHub's links are absolute URLs that keep the query.
		next := fmt.Sprintf("%s%s?per_page=%d&page=%d", s.URL, r.URL.Path, perPage, page+1)
		last := fmt.Sprintf("%s%s?per_page=%d&page=%d", s.URL, r.URL.Path, perPage, (len(all)+perPage-1)/perPage)
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next", <%s>; rel="last"`, next, last))
	}
	answer(w, http.StatusOK, append([]commentJSON{}, all[from:to]...))
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	repo, number, ok := issue(w, r)
	if !ok {
		return
	}
	body, ok := s.writeBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	s.nextID++
	c := &Comment{ID: s.nextID, Issue: number, Repo: repo, Body: body}
	s.comments = append(s.comments, c)
	out := s.toJSON(c)
	s.mu.Unlock()
	answer(w, http.StatusCreated, out)
}

func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	repo := r.PathValue("owner") + "/" + r.PathValue("repo")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	body, ok := s.writeBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.comments {
		if c.ID == id && c.Repo == repo {
			c.Body = body
			c.Edited++
			answer(w, http.StatusOK, s.toJSON(c))
			return
		}
	}
	answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
}

// writeBody checks a write is allowed and reads its {"body": ...}.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request) (string, bool) {
	if s.ReadOnly {
		answer(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration"})
		return "", false
	}
	var in struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == nil {
		answer(w, http.StatusUnprocessableEntity, map[string]string{"message": "Invalid request.\n\n\"body\" wasn't supplied."})
		return "", false
	}
	if utf8.RuneCountInString(*in.Body) > 65536 {
		answer(w, http.StatusUnprocessableEntity, map[string]string{"message": "Validation Failed: body is too long (maximum is 65536 characters)"})
		return "", false
	}
	return *in.Body, true
}

func issue(w http.ResponseWriter, r *http.Request) (string, int, bool) {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n <= 0 {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return "", 0, false
	}
	return r.PathValue("owner") + "/" + r.PathValue("repo"), n, true
}

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
