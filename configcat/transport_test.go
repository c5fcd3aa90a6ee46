package configcat

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestBasicAuthAndPath(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		fmt.Fprint(w, `{"email":"a@b.c","fullName":"A B"}`)
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL + "/", User: "alice", Pass: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	me, err := c.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if me.Email != "a@b.c" || me.FullName != "A B" {
		t.Errorf("me = %+v", me)
	}
	user, pass, ok := got.BasicAuth()
	if !ok || user != "alice" || pass != "s3cret" {
		t.Errorf("basic auth = %q %q %t", user, pass, ok)
	}
	if got.URL.Path != "/v1/me" {
		t.Errorf("path = %q, want /v1/me", got.URL.Path)
	}
}

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "https://api.configcat.com",
		"api.configcat.com":          "https://api.configcat.com",
		"test-api.configcat.com":     "https://test-api.configcat.com",
		"localhost:8080":             "https://localhost:8080",
		"http://127.0.0.1:8080/":     "http://127.0.0.1:8080",
		"https://proxy.example/api/": "https://proxy.example/api",
	} {
		u, err := ParseBaseURL(in)
		if err != nil {
			t.Errorf("ParseBaseURL(%q): %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %q, want %q", in, u, want)
		}
	}
	for _, bad := range []string{"ftp://x.example", "https://user:hunter2@x.example", "https://"} {
		_, err := ParseBaseURL(bad)
		if err == nil {
			t.Errorf("ParseBaseURL(%q) accepted", bad)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

func TestNewFromEnv(t *testing.T) {
	t.Setenv("CONFIGCAT_API_HOST", "")
	t.Setenv("CONFIGCAT_API_USER", "")
	t.Setenv("CONFIGCAT_API_PASS", "")
	_, err := NewFromEnv()
	if err == nil || !strings.Contains(err.Error(), "CONFIGCAT_API_USER") || !strings.Contains(err.Error(), "CONFIGCAT_API_PASS") {
		t.Errorf("no credentials: err = %v, want both variables named", err)
	}
	t.Setenv("CONFIGCAT_API_USER", "u")
	_, err = NewFromEnv()
	if err == nil || strings.Contains(err.Error(), "CONFIGCAT_API_USER") || !strings.Contains(err.Error(), "CONFIGCAT_API_PASS") {
		t.Errorf("no password: err = %v, want only CONFIGCAT_API_PASS named", err)
	}
	t.Setenv("CONFIGCAT_API_PASS", "p")
	t.Setenv("CONFIGCAT_API_HOST", "test-api.configcat.com")
	c, err := NewFromEnv(WithReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://test-api.configcat.com" || !c.ReadOnly() {
		t.Errorf("client = %v", c)
	}

	t.Setenv("CONFIGCAT_SOURCE_API_USER", "src")
	t.Setenv("CONFIGCAT_SOURCE_API_PASS", "")
	_, err = NewFromEnv(WithEnvPrefix("CONFIGCAT_SOURCE"))
	if err == nil || !strings.Contains(err.Error(), "CONFIGCAT_SOURCE_API_PASS") {
		t.Errorf("prefix: err = %v, want CONFIGCAT_SOURCE_API_PASS named", err)
	}
	t.Setenv("CONFIGCAT_SOURCE_API_PASS", "srcpass")
	t.Setenv("CONFIGCAT_SOURCE_API_HOST", "http://localhost:9999")
	c, err = NewFromEnv(WithEnvPrefix("CONFIGCAT_SOURCE"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "http://localhost:9999" {
		t.Errorf("base = %q", c.BaseURL())
	}
}

func TestReadOnlyRefusesBeforeSending(t *testing.T) {
	var sent atomic.Int32
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return answer(200, `[]`), nil
	}, func(c *Config) { c.ReadOnly = true })
	ctx := context.Background()
	_, err := c.CreateTag(ctx, "p1", TagRequest{Name: strPtr("beta")})
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("CreateTag: err = %v, want ErrReadOnly", err)
	}
	if want := "creating a tag: refused: the client is read-only"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if _, err := c.UpdatePreferences(ctx, "p1", PreferencesRequest{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("UpdatePreferences: err = %v", err)
	}
	if err := c.DeleteSetting(ctx, 3); !errors.Is(err, ErrReadOnly) {
		t.Errorf("DeleteSetting: err = %v", err)
	}
	if _, err := c.PostValuesV2(ctx, "c", "e", "why", nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("PostValuesV2: err = %v", err)
	}
	if sent.Load() != 0 {
		t.Fatalf("%d requests were sent by a read-only client", sent.Load())
	}
	if _, err := c.Tags(ctx, "p1"); err != nil {
		t.Errorf("GET refused: %v", err)
	}
	if sent.Load() != 1 {
		t.Errorf("GET sent %d requests, want 1", sent.Load())
	}
}

func TestErrorBodies(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   string
		check  func(error) bool
	}{
		{"model state", 400, `{"Key":["This key is already in use. Please, choose another"]}`,
			"ConfigCat refused creating a flag (400 Bad Request): Key: This key is already in use. Please, choose another",
			IsBadRequest},
		{"model-level and fields", 400, `{"":["Reason required."],"Name":["Too long","Bad"]}`,
			"ConfigCat refused creating a flag (400 Bad Request): Reason required.; Name: Too long; Name: Bad",
			IsBadRequest},
		{"errors objects", 400, `{"Name":{"Errors":[{"ErrorMessage":"Invalid color."}]}}`,
			"ConfigCat refused creating a flag (400 Bad Request): Name: Invalid color.", IsBadRequest},
		{"top-level errors", 400, `{"Errors":[{"ErrorMessage":"Setting not found."}]}`,
			"ConfigCat refused creating a flag (400 Bad Request): Setting not found.", IsBadRequest},
		{"raw text", 402, `You have reached the limits of your plan.`,
			"ConfigCat refused creating a flag (402 Payment Required): You have reached the limits of your plan.",
			func(err error) bool { return StatusCode(err) == 402 }},
		{"json of another shape", 409, `{"title":"Conflict","status":409}`,
			`ConfigCat refused creating a flag (409 Conflict): {"title":"Conflict","status":409}`, IsConflict},
		{"empty 404", 404, ``, "ConfigCat refused creating a flag (404 Not Found)", IsNotFound},
		{"401", 401, ``, "ConfigCat did not accept the credentials when creating a flag (401 Unauthorized); check the API user name and password", IsUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
				return answer(tt.status, tt.body), nil
			})
			_, err := c.CreateSetting(context.Background(), "cfg-1", CreateSettingRequest{Key: "k", Name: "k", SettingType: "boolean"})
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("err =\n%q\nwant\n%q", err, tt.want)
			}
			if !tt.check(err) {
				t.Errorf("the helper does not recognise %v", err)
			}
			var ae *APIError
			if !errors.As(err, &ae) || ae.Path != "/v1/configs/cfg-1/settings" {
				t.Errorf("APIError = %+v", ae)
			}
		})
	}
}

// TestCredentialsNeverShown drives every kind of failure with a recognisable password and checks that
// neither it nor the user nor their Basic encoding appears in an error, a log line or a String.
func TestCredentialsNeverShown(t *testing.T) {
	const user, pass = "user-IDENT-7731", "PASSWORD-hunter2-5519"
	secrets := []string{user, pass, base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))}
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	n := 0
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		n++
		switch n % 4 {
		case 0:
			return nil, io.ErrUnexpectedEOF
		case 1:
			return answer(503, `upstream said `+r.Header.Get("Authorization")), nil
		case 2:
			return answer(429, ``, "Retry-After", "1"), nil
		}
		return answer(400, `{"":["nope"]}`), nil
	}, func(c *Config) {
		c.User, c.Pass, c.Logger, c.MaxAttempts = user, pass, logger, 3
	})
	ctx := context.Background()
	var errs []error
	for range 4 {
		_, err := c.Products(ctx)
		errs = append(errs, err)
		_, err = c.CreateTag(ctx, "p", TagRequest{Name: strPtr("x")})
		errs = append(errs, err)
		errs = append(errs, c.DeleteTag(ctx, 1))
	}
	texts := []string{logs.String(), c.String(), Config{BaseURL: "https://" + user + ":" + pass + "@h.example"}.String(), fmt.Sprintf("%v %+v %#v %#v", c, c, c, Config{User: user, Pass: pass}),
		Config{User: user, Pass: pass}.String()}
	for _, err := range errs {
		if err != nil {
			texts = append(texts, err.Error(), fmt.Sprintf("%+v", err))
		}
	}
	if logs.Len() == 0 {
		t.Fatal("nothing was logged; the test would prove nothing")
	}
	for _, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("credential %q shown in: %s", s, text)
			}
		}
	}
}

func TestMaxAttemptsBounded(t *testing.T) {
	var sent int
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		sent++
		return answer(503, `down`), nil
	}, func(c *Config) { c.MaxAttempts = 4 })
	_, err := c.Products(context.Background())
	if StatusCode(err) != 503 || sent != 4 {
		t.Errorf("err = %v after %d requests, want 503 after 4", err, sent)
	}
}

func TestContextCancelledWhileWaiting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls int
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		return answer(429, ``, "Retry-After", "30"), nil
	}, func(cfg *Config) {
		cfg.Clock = cancelOnSleep{cfg.Clock, cancel}
		cfg.OnCall = func(CallInfo) { calls++ }
	})
	_, err := c.Products(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if calls != 1 {
		t.Errorf("OnCall ran %d times, want 1", calls)
	}
}

// cancelOnSleep cancels the context at the first sleep.
type cancelOnSleep struct {
	Clock
	cancel context.CancelFunc
}

func (c cancelOnSleep) Sleep(ctx context.Context, _ time.Duration) error {
	c.cancel()
	return ctx.Err()
}

// readAnswer reads the whole body whatever length the server announced, and into one buffer of that length
// when it announced the right one.
func TestReadAnswer(t *testing.T) {
	body := strings.Repeat("x", 3000)
	for _, tc := range []struct {
		name      string
		announced int64
		oneBuffer bool
	}{
		{"announced", 3000, true},
		{"not announced", -1, false},
		{"announced too short", 100, false},
		{"announced too long", 5000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{ContentLength: tc.announced, Body: io.NopCloser(strings.NewReader(body))}
			data, err := readAnswer(resp)
			if err != nil || string(data) != body {
				t.Fatalf("read %d bytes, %v; want the %d of the body", len(data), err, len(body))
			}
			if tc.oneBuffer && cap(data) != len(body)+bytes.MinRead {
				t.Fatalf("buffer of %d bytes for an answer of %d", cap(data), len(body))
			}
		})
	}
}
