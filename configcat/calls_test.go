package configcat

import (
	"context"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

// TestNetworkErrorsSpeakTheUsersLanguage checks that a call that gets no answer says what was being done and why,
// without the URL, the endpoint template or Go's error chain.
func TestNetworkErrorsSpeakTheUsersLanguage(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"refused", refused, "reading the products: cannot reach ConfigCat at api.example.test: connection refused"},
		{"no such host", &net.DNSError{Err: "no such host", Name: "api.example.test", IsNotFound: true},
			"reading the products: cannot reach ConfigCat at api.example.test: no such host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := fakeClient(t, func(*http.Request) (*http.Response, error) { return nil, tt.err },
				func(cfg *Config) { cfg.MaxAttempts = 1 })
			_, err := c.Products(context.Background())
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
			for _, leak := range []string{"/v1/", "https://", "dial tcp", "user", "pass"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("the message shows %q: %v", leak, err)
				}
			}
		})
	}
}

func TestDescribeCall(t *testing.T) {
	tests := map[string]string{
		"GET " + tSettings:     "reading the flags",
		"POST " + tSettings:    "creating a flag",
		"PUT " + tSetting:      "updating a flag",
		"DELETE " + tSetting:   "deleting a flag",
		"POST " + tValuesV2:    "writing a config's values in an environment",
		"PUT " + tValuesV1:     "writing a config's values in an environment",
		"GET " + tValuesV1:     "reading a config's values in an environment",
		"PATCH " + tWebhook:    "updating a webhook",
		"GET /v1/unknown/{id}": "GET /v1/unknown/{id}",
		CallApplyChangeRequest: "applying a change request",
		CallListChangeRequests: "reading the change requests",
		CallCreateIntegration:  "creating an integration",
	}
	for call, want := range tests {
		method, template, _ := strings.Cut(call, " ")
		if got := describeCall(method, template); got != want {
			t.Errorf("describeCall(%s) = %q, want %q", call, got, want)
		}
	}
}
