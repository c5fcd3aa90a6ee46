package emulator

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
)

// Users: the emulator accepts Options.User/Pass, an organization admin with every permission and the /v1/me
// identity of Behaviour, and any number of further credentials (Options.Users or a state file's "users"),
// each with its own identity and permission group. The identity answers /v1/me, fills the creator and
// updater fields of what the caller writes, and names the caller in change requests and the audit log; the
// group decides whether the caller may approve a change request or bypass approval (choices.go).

// Credential is a further set of Basic-auth credentials the emulator accepts.
type Credential struct {
	User     string `json:"user"`
	Password string `json:"password"`
	Email    string `json:"email"`
	FullName string `json:"fullName"`
	// PermissionGroupID is the permission group whose approval permissions the user has; 0 makes the user an
	// organization admin with every permission.
	PermissionGroupID int64 `json:"permissionGroupId,omitempty"`
}

func (c *Credential) person() person { return person{Email: c.Email, FullName: c.FullName} }

// call is what a request's handlers know about its caller. ServeHTTP attaches it to the recorder.
type call struct {
	who    *Credential // never nil
	r      *http.Request
	method string
	route  string // the spec's path template
}

// callOf is the call of the request w answers; a ResponseWriter that is not the emulator's (a handler run
// directly) has the organization admin's.
func (s *Server) callOf(w http.ResponseWriter) *call {
	if rec, ok := w.(*recorder); ok && rec.call != nil {
		return rec.call
	}
	return &call{who: s.admin()}
}

// admin is the credential of Options.User and Pass.
func (s *Server) admin() *Credential {
	return &Credential{User: s.user, Email: s.b.MeEmail, FullName: s.b.MeFullName}
}

// credentialOf returns the credential a request's Basic authorization names, or nil.
func (s *Server) credentialOf(r *http.Request) *Credential {
	user, pass, ok := basicAuth(r)
	if !ok {
		return nil
	}
	if sameSecret(user, s.user) && sameSecret(pass, s.pass) {
		return s.admin()
	}
	var found *Credential
	for i := range s.users {
		if c := &s.users[i]; sameSecret(user, c.User) && sameSecret(pass, c.Password) {
			found = c
		}
	}
	s.read(func(st *store) {
		for _, c := range st.Users {
			if sameSecret(user, c.User) && sameSecret(pass, c.Password) {
				found = c
			}
		}
	})
	return found
}

func sameSecret(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// basicAuth reads Basic credentials leniently about the scheme's case, as ASP.NET does.
func basicAuth(r *http.Request) (user, pass string, ok bool) {
	h := r.Header.Get("Authorization")
	const prefix = "Basic "
	if len(h) < len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[len(prefix):]))
	if err != nil {
		return "", "", false
	}
	return strings.Cut(string(raw), ":")
}

// writeAs runs f holding the write lock on behalf of a caller, whom what f stores records as creator or
// updater; a write that reports success bumps the generations. values says that f changes nothing but
// st.Values, so that cached formula items of other settings stay valid.
func (s *Server) writeAs(c *call, values bool, f func(st *store) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.actor = c.who
	defer func() { s.actor = nil }()
	if f(s.st) {
		s.gen++
		if !values {
			s.meta++
		}
	}
}

// acting is the identity of the caller whose write holds the lock, or the /v1/me identity outside one.
func (s *Server) acting() person {
	if s.actor != nil {
		return s.actor.person()
	}
	return s.me()
}

// approvalPermission is what the caller may do about approvals in environment e: "cannotApprove",
// "canApproveOthers" or "canBypassApproval". An admin may bypass; a user whose group belongs to another
// product cannot approve.
func approvalPermission(st *store, who *Credential, e *environment) string {
	if who.PermissionGroupID == 0 {
		return "canBypassApproval"
	}
	g := st.Groups[who.PermissionGroupID]
	if g == nil || g.ProductID != e.ProductID {
		return "cannotApprove"
	}
	if g.ApprovalType != "custom" {
		return g.ApprovalType
	}
	if p, ok := g.EnvApproval[e.ID]; ok {
		return p
	}
	return g.NewEnvApproval
}

// mayBypassApproval reports whether the caller whose write holds the lock may write directly into an
// approval-required environment.
func (s *Server) mayBypassApproval(st *store, e *environment) bool {
	who := s.actor
	if who == nil {
		who = s.admin()
	}
	return approvalPermission(st, who, e) == "canBypassApproval"
}

// checkUsers refuses a state file's users without user name or password, with a user name used twice or
// with a permission group the file does not have.
func checkUsers(st *store) error {
	seen := map[string]bool{}
	for i, c := range st.Users {
		switch {
		case c == nil || c.User == "" || c.Password == "":
			return fmt.Errorf("users[%d]: give it a \"user\" and a \"password\"", i)
		case seen[c.User]:
			return fmt.Errorf("users[%d]: user %q is listed twice", i, c.User)
		case c.PermissionGroupID != 0 && st.Groups[c.PermissionGroupID] == nil:
			return fmt.Errorf("users[%d]: permissionGroupId %d is not a permission group of the file", i, c.PermissionGroupID)
		}
		seen[c.User] = true
		c.fillIdentity()
	}
	return nil
}

// fillIdentity names a user without email or full name after its user name.
func (c *Credential) fillIdentity() {
	if c.Email == "" {
		c.Email = c.User
	}
	if c.FullName == "" {
		c.FullName = c.User
	}
}

// withIdentities is a copy of users, each with an identity.
func withIdentities(users []Credential) []Credential {
	out := make([]Credential, len(users))
	for i, c := range users {
		c.fillIdentity()
		out[i] = c
	}
	return out
}

// forbidden is a 403 for a permission the caller's group lacks, with a model-level message.
func forbidden(msg string) *apiError {
	return &apiError{status: http.StatusForbidden, fields: map[string][]string{"": {msg}}}
}
