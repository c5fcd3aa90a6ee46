// Package contract checks HTTP traffic against ConfigCat's OpenAPI spec (a copy of shared/configcat-openapi.yaml is embedded): every
// request and every response — operation, status, content type, body schema with nullability and formats.
// Tests wrap the emulator in Middleware and a client's transport in RoundTripper; any violation fails the test
// with the operation, the field and the problem.
package contract

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// EnvSpec names an environment variable that overrides where the spec is read from.
const EnvSpec = "FLAGSYNC_OPENAPI"

// ExpectInvalidHeader marks a request a test sends invalid on purpose, to check the server's refusal: its
// request is not validated, but its answer must be a 4xx. The header is removed before the request reaches
// the server. Set it with ExpectInvalid.
const ExpectInvalidHeader = "X-Flagsync-Contract-Expect-Invalid"

// undocumentedStatuses are answers the spec's responses maps do not list but ConfigCat documents elsewhere:
// 400 and 404 on the few operations that list only 200 and 429 (an unknown product id is still 404, behaviour
// doc Q3), 401 for bad credentials (Q3), 403 for a permission the caller lacks (Q3, ConfigCat's own API UIs
// handle it), 409 for a latestVersionId mismatch (spec prose), 429 on every rate-limited call (spec info),
// 415 for a non-JSON body (ASP.NET), and server errors, which any call may meet.
var undocumentedStatuses = map[int]bool{400: true, 401: true, 403: true, 404: true, 409: true, 415: true, 429: true,
	500: true, 502: true, 503: true}

// Validator checks requests and responses against the spec.
type Validator struct {
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options
}

var (
	loadOnce sync.Once
	loaded   *Validator
	loadErr  error
)

// Load reads and indexes the spec once per process: the file named by $FLAGSYNC_OPENAPI, else the copy of
// ConfigCat's spec embedded in this package (configcat-openapi.yaml, kept equal to shared/ by a test), so that
// the contract tests run on a fresh clone too.
func Load() (*Validator, error) {
	loadOnce.Do(func() {
		if p := os.Getenv(EnvSpec); p != "" {
			loaded, loadErr = New(p)
			return
		}
		loaded, loadErr = fromData("embedded configcat-openapi.yaml", embeddedSpec)
	})
	return loaded, loadErr
}

//go:embed configcat-openapi.yaml
var embeddedSpec []byte

// New reads the spec at path.
func New(path string) (*Validator, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("contract: %w", err)
	}
	return fromData(path, data)
}

func fromData(path string, data []byte) (*Validator, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("contract: loading %s: %w", path, err)
	}
	// Match paths wherever the server under test listens.
	doc.Servers = nil
	aliasStructuredJSON(doc)
	// The spec's generated examples are placeholders that do not match their schemas (gotcha 17).
	router, err := legacy.NewRouter(doc, openapi3.DisableExamplesValidation())
	if err != nil {
		return nil, fmt.Errorf("contract: indexing %s: %w", path, err)
	}
	opts := &openapi3filter.Options{
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    checkBasicAuth,
		SchemaValidationOptions: []openapi3.SchemaValidationOption{
			openapi3.WithStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC4122)),
		},
	}
	return &Validator{doc: doc, router: router, opts: opts}, nil
}

// MustLoad is Load for tests: it fails t when the spec cannot be read.
func MustLoad(t testing.TB) *Validator {
	t.Helper()
	v, err := Load()
	if err != nil {
		t.Fatalf("%v", err)
	}
	return v
}

// checkBasicAuth accepts any Basic credentials: whether they are right is the server's business, the contract
// only needs the scheme.
func checkBasicAuth(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if in.SecurityScheme != nil && in.SecurityScheme.Type == "http" && strings.EqualFold(in.SecurityScheme.Scheme, "basic") {
		if _, _, ok := in.RequestValidationInput.Request.BasicAuth(); ok {
			return nil
		}
		return errors.New("no Basic credentials")
	}
	return nil
}

// Exchange is one request and its answer, with both bodies read.
type Exchange struct {
	Request      *http.Request
	RequestBody  []byte
	Status       int
	Header       http.Header
	ResponseBody []byte
}

// Check validates an exchange and returns one message per violation (none when it conforms). A request
// marked with ExpectInvalidHeader skips request validation and must be answered with a 4xx.
func (v *Validator) Check(ex Exchange) []string {
	req := ex.Request
	op := req.Method + " " + req.URL.Path
	route, params, err := v.router.FindRoute(req)
	if err != nil {
		return []string{fmt.Sprintf("%s: no such operation in the spec (%v)", op, err)}
	}
	op = fmt.Sprintf("%s %s [%s]", req.Method, route.Path, route.Operation.OperationID)
	var problems []string
	in := &openapi3filter.RequestValidationInput{Request: cloneWithBody(req, ex.RequestBody), PathParams: params,
		Route: route, Options: v.opts}
	expectInvalid := req.Header.Get(ExpectInvalidHeader) != ""
	if expectInvalid {
		if ex.Status != 0 && (ex.Status < 400 || ex.Status > 499) {
			problems = append(problems, fmt.Sprintf("%s: request sent invalid on purpose was answered %d, want a 4xx", op, ex.Status))
		}
	} else if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		problems = append(problems, describe(op, "request", err)...)
	}
	if ex.Status == 0 {
		return problems // the connection was dropped: there is no answer to check
	}
	if route.Operation.Responses.Status(ex.Status) == nil && undocumentedStatuses[ex.Status] {
		return problems
	}
	if ex.Status >= 400 && ex.Status < 500 && len(ex.ResponseBody) > 0 && ex.Status != 429 {
		if ct := ex.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			problems = append(problems, fmt.Sprintf("%s: response %d: error body has content type %q, want application/json", op, ex.Status, ct))
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: ex.Status, Header: ex.Header,
		Options: v.opts}
	out.SetBodyBytes(ex.ResponseBody)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		problems = append(problems, describe(op, fmt.Sprintf("response %d", ex.Status), err)...)
	}
	for _, field := range undocumentedFields(responseSchema(route.Operation, ex.Status), ex.ResponseBody) {
		problems = append(problems, fmt.Sprintf("%s: response %d: field %s: not in the spec's model", op, ex.Status, field))
	}
	return problems
}

// responseSchema is the JSON schema of op's answer with status, or nil when the spec gives none.
func responseSchema(op *openapi3.Operation, status int) *openapi3.SchemaRef {
	resp := op.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return nil
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil {
		return nil
	}
	return mt.Schema
}

func cloneWithBody(r *http.Request, body []byte) *http.Request {
	c := r.Clone(context.Background())
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	c.Header.Del(ExpectInvalidHeader)
	return c
}

// describe flattens kin-openapi's errors into "operation: part: field: problem" lines. errors.As looks
// through the RequestError and ResponseError wrappers (they unwrap to their Err) down to the schema errors.
func describe(op, part string, err error) []string {
	var out []string
	var walk func(err error)
	walk = func(err error) {
		var multi openapi3.MultiError
		if errors.As(err, &multi) {
			for _, e := range multi {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			field := "/" + strings.Join(se.JSONPointer(), "/")
			out = append(out, fmt.Sprintf("%s: %s: field %s: %s", op, part, field, se.Reason))
			return
		}
		out = append(out, fmt.Sprintf("%s: %s: %s", op, part, strings.ReplaceAll(err.Error(), "\n", " ")))
	}
	walk(err)
	return out
}

// ExpectInvalid marks r as invalid on purpose (see ExpectInvalidHeader) and returns it.
func ExpectInvalid(r *http.Request) *http.Request {
	r.Header.Set(ExpectInvalidHeader, "1")
	return r
}

// aliasStructuredJSON lets "application/*+json" request bodies match application/json-patch+json, which
// kin-openapi's media-range lookup does not do on its own: the spec declares JSON Patch bodies only under
// application/json, text/json and application/*+json.
func aliasStructuredJSON(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			content := op.RequestBody.Value.Content
			if mt := content["application/*+json"]; mt != nil && content["application/json-patch+json"] == nil {
				content["application/json-patch+json"] = mt
			}
		}
	}
}
