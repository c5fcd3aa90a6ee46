package configcat

import (
	"net/http"
	"testing"

	"github.com/flagsync/flagsync/internal/contract"
)

// contractHTTPClient returns an HTTP client that checks every request the client sends, and every answer,
// against ConfigCat's OpenAPI spec, failing the test on a violation.
func contractHTTPClient(t testing.TB) *http.Client {
	t.Helper()
	return &http.Client{Transport: contract.RoundTripper(t, nil)}
}
