package configcat

import (
	"net/http"
	"testing"
)

// contractHTTPClient returns the HTTP client tests send through.
func contractHTTPClient(t testing.TB) *http.Client {
	t.Helper()
	return &http.Client{}
}
