package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// recorder buffers a handler's answer, so that the server can still drop the connection after a write was
// committed, and so that the request log knows the status.
type recorder struct {
	header http.Header
	status int
	body   []byte
	call   *call // the caller, for handlers (users.go)
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, p...)
	return len(p), nil
}

// keep takes body as the whole answer without copying it; body must never change afterwards. Its capacity is
// cut to its length, so that a later Write appends to a copy, never into body's array.
func (r *recorder) keep(body []byte) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = body[:len(body):len(body)]
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) flush(w http.ResponseWriter) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	for k, v := range r.header {
		w.Header()[k] = v
	}
	if len(r.body) > 0 {
		w.Header().Set("Content-Length", strconv.Itoa(len(r.body)))
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

// writeJSON answers status with v encoded as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding the answer failed", http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, buf)
}

// writeRaw answers status with an encoded JSON body, which must never change afterwards.
func writeRaw(w http.ResponseWriter, status int, buf []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if rec, ok := w.(*recorder); ok {
		rec.keep(buf)
		return
	}
	_, _ = w.Write(buf)
}

// apiError is an error answer: a status and, for 400 and 409, an ASP.NET ModelState body
// {"Field":["message"]}.
type apiError struct {
	status int
	fields map[string][]string
}

func (e *apiError) Error() string {
	var parts []string
	for k, v := range e.fields {
		parts = append(parts, k+": "+strings.Join(v, "; "))
	}
	return fmt.Sprintf("%d %s", e.status, strings.Join(parts, ", "))
}

// badRequest is a 400 with one message under field ("" for model-level errors).
func badRequest(field, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, fields: map[string][]string{field: {msg}}}
}

func conflict(msg string) *apiError {
	return &apiError{status: http.StatusConflict, fields: map[string][]string{"": {msg}}}
}

var errNotFound = &apiError{status: http.StatusNotFound}

// writeError answers err; a 404 has an empty body.
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = badRequest("", err.Error())
	}
	if ae.fields == nil {
		w.WriteHeader(ae.status)
		return
	}
	writeJSON(w, ae.status, ae.fields)
}

// answer writes v with status, or err when it is not nil.
func answer(w http.ResponseWriter, status int, v any, err error) {
	if err != nil {
		writeError(w, err)
		return
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, v)
}

// decodeBody decodes a JSON request body into v. Content types other than JSON are refused, as ASP.NET does
// with 415.
func decodeBody(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || !isJSONMediaType(mt) {
			return &apiError{status: http.StatusUnsupportedMediaType}
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	if err != nil {
		return badRequest("", "reading the request body failed")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("", "A non-empty request body is required.")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return badRequest(jsonErrorField(err), "The JSON value could not be converted: "+err.Error())
	}
	return nil
}

func isJSONMediaType(mt string) bool {
	return mt == "application/json" || mt == "text/json" ||
		(strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

func jsonErrorField(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return "$." + te.Field
	}
	return "$"
}

// pathUUID reads a uuid path parameter; anything else is not found.
func pathUUID(r *http.Request, name string) (string, error) {
	v := r.PathValue(name)
	if !isUUID(v) {
		return "", errNotFound
	}
	return strings.ToLower(v), nil
}

func pathInt32(r *http.Request, name string) (int32, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 32)
	if err != nil {
		return 0, errNotFound
	}
	return int32(n), nil
}

func pathInt64(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		return 0, errNotFound
	}
	return n, nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func itoa32(n int32) string { return strconv.FormatInt(int64(n), 10) }
