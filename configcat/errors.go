package configcat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"
)

// ErrReadOnly is what every non-GET call of a read-only client returns (wrapped), before anything is sent.
var ErrReadOnly = errors.New("refused: the client is read-only")

// APIError is an answer of the API with an error status.
type APIError struct {
	Method string
	// Template is the endpoint's path template, e.g. /v1/configs/{configId}/settings.
	Template string
	// Path is the path actually requested.
	Path       string
	StatusCode int
	// Messages are the validation messages of a 400 body by field ("" for the model as a whole, or when the
	// body was not a ModelState dictionary and its raw text is kept).
	Messages map[string][]string
}

// Error reads like "ConfigCat refused creating a flag (400 Bad Request): Key: This key is already in use.
// Please, choose another": what was being done in the user's words, never the endpoint's template.
func (e *APIError) Error() string {
	var b strings.Builder
	call, status := describeCall(e.Method, e.Template), e.statusLine()
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		fmt.Fprintf(&b, "ConfigCat did not accept the credentials when %s (%s); check the API user name and password", call, status)
	case e.StatusCode == http.StatusForbidden:
		fmt.Fprintf(&b, "ConfigCat refused %s (%s): the credentials lack the permission; grant it to their permission group", call, status)
	case e.StatusCode >= 500:
		fmt.Fprintf(&b, "ConfigCat failed while %s (%s)", call, status)
	default:
		fmt.Fprintf(&b, "ConfigCat refused %s (%s)", call, status)
	}
	if m := e.Message(); m != "" {
		b.WriteString(": ")
		b.WriteString(m)
	}
	return b.String()
}

// statusLine is the answer's status code and text: "503 Service Unavailable".
func (e *APIError) statusLine() string {
	return fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// status is the answer's status and messages without the call: "503 Service Unavailable: try later".
func (e *APIError) status() string {
	s := e.statusLine()
	if m := e.Message(); m != "" {
		s += ": " + m
	}
	return s
}

// Message joins the messages, "Field: message" per entry, sorted by field.
func (e *APIError) Message() string {
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(e.Messages)) {
		for _, m := range e.Messages[f] {
			if f == "" {
				parts = append(parts, m)
			} else {
				parts = append(parts, f+": "+m)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// RateLimitError is returned when the API still answered 429 Too Many Requests after the last attempt.
type RateLimitError struct {
	Method, Template string
	Attempts         int
	// RetryAfter is the wait the last answer asked for (zero when it named none).
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	msg := fmt.Sprintf("ConfigCat's rate limit still refused %s after %d attempts (429 Too Many Requests)",
		describeCall(e.Method, e.Template), e.Attempts)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf("; it last asked to wait %s", e.RetryAfter)
	}
	return msg
}

// NetworkError is a call that got no answer: the connection failed, was cut or timed out.
type NetworkError struct {
	// Host is the API host that did not answer.
	Host string
	// Err is the transport's error, with credentials redacted.
	Err error
}

// Error reads like "cannot reach ConfigCat at api.configcat.com: connection refused", without the URL, the
// method and the Go error chain the transport adds.
func (e *NetworkError) Error() string {
	return "cannot reach ConfigCat at " + e.Host + ": " + networkCause(e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// networkCause is the innermost reason of a transport error in a few words: "connection refused", "no such
// host", "timed out".
func networkCause(err error) string {
	var dns *net.DNSError
	var errno syscall.Errno
	var ne net.Error
	switch {
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "no such host"
		}
		return "the host name could not be looked up: " + dns.Err
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &ne) && ne.Timeout():
		return "no answer in time"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "the connection closed before the answer was complete"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// StatusCode returns the status of err if it is (or wraps) an *APIError or *RateLimitError, else 0.
func StatusCode(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode
	}
	var re *RateLimitError
	if errors.As(err, &re) {
		return http.StatusTooManyRequests
	}
	return 0
}

// IsNotFound reports whether err is a 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// IsBadRequest reports whether err is a 400 answer (a validation error).
func IsBadRequest(err error) bool { return StatusCode(err) == http.StatusBadRequest }

// IsConflict reports whether err is a 409 answer (a stale latestVersionId).
func IsConflict(err error) bool { return StatusCode(err) == http.StatusConflict }

// IsUnauthorized reports whether err is a 401 answer (bad credentials).
func IsUnauthorized(err error) bool { return StatusCode(err) == http.StatusUnauthorized }

// IsForbidden reports whether err is a 403 answer (missing permission).
func IsForbidden(err error) bool { return StatusCode(err) == http.StatusForbidden }

// IsRateLimited reports whether err is a 429 that outlasted the retries.
func IsRateLimited(err error) bool { return StatusCode(err) == http.StatusTooManyRequests }

// maxErrorBody caps how much of an error body is kept as raw text.
const maxErrorBody = 2000

// parseErrorBody reads an error body leniently: a ModelState dictionary of string arrays ({"Key":["msg"]}),
// the older {"Key":{"Errors":[{"ErrorMessage":"msg"}]}} form, a top-level {"Errors":[...]} or a plain string;
// anything else is kept as raw text under "".
func parseErrorBody(body []byte) map[string][]string {
	text := strings.TrimSpace(string(body))
	if text == "" {
		return nil
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(body, &raw) == nil && len(raw) > 0 {
		out := map[string][]string{}
		ok := true
		for k, v := range raw {
			msgs, good := parseMessages(v)
			if !good {
				ok = false
				break
			}
			if strings.EqualFold(k, "Errors") {
				k = ""
			}
			out[k] = append(out[k], msgs...)
		}
		if ok {
			return out
		}
	}
	var s string
	if json.Unmarshal(body, &s) == nil {
		text = s
	}
	if len(text) > maxErrorBody {
		text = text[:maxErrorBody] + "..."
	}
	return map[string][]string{"": {text}}
}

func parseMessages(v json.RawMessage) ([]string, bool) {
	var list []string
	if json.Unmarshal(v, &list) == nil {
		return list, true
	}
	var one string
	if json.Unmarshal(v, &one) == nil {
		return []string{one}, true
	}
	var items []errItem
	if json.Unmarshal(v, &items) == nil {
		return errorMessages(items), true
	}
	var holder struct {
		Errors []errItem `json:"Errors"`
	}
	if json.Unmarshal(v, &holder) == nil && holder.Errors != nil {
		return errorMessages(holder.Errors), true
	}
	return nil, false
}

type errItem struct {
	ErrorMessage string `json:"ErrorMessage"`
}

func errorMessages(items []errItem) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.ErrorMessage)
	}
	return out
}
