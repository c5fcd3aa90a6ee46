package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/configcat"
)

// The seeded example's SDK keys: Production has a legacy primary and a secondary key, Test a configcat-sdk-1 key.
const (
	seedProdKey      = "Y23YCCEnpk2MBlhFIdUWvA/k-nG8bhE10K41sa8C2rYOQ"
	seedProdKey2     = "Y23YCCEnpk2MBlhFIdUWvA/q7dBIG43LkuX8NJbCeAzdg"
	seedTestKey      = "configcat-sdk-1/PKDVCLf-Hq-h-kCzMp-L7Q/HhOWfwVtZ0mb30i9wi17GQ"
	seedSettingID    = "1521"
	configJSONPrefix = "/configuration-files/"
)

// sdkEnv is the seeded example with config JSON served (and its request log kept), and a server without the
// contract checker for the SDK side, which the Management API's spec does not describe.
func sdkEnv(t *testing.T) (*env, *httptest.Server, *bytes.Buffer) {
	t.Helper()
	var log bytes.Buffer
	e := loadedEnv(t, seedExample, func(o *Options) { o.ReadState = configcat.FetchHandler; o.RequestLog = &log })
	cdn := httptest.NewServer(e.srv)
	t.Cleanup(cdn.Close)
	return e, cdn, &log
}

// download is an SDK's GET of a config JSON, without credentials.
func download(t *testing.T, cdn *httptest.Server, method, key, query string, header ...string) reply {
	t.Helper()
	req, err := http.NewRequest(method, cdn.URL+configJSONPrefix+key+"/config_v6.json"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: body}
}

// defaultOf returns the default value of a bool flag in a config JSON document.
func defaultOf(t *testing.T, r reply, key string) any {
	t.Helper()
	var doc struct {
		F map[string]struct {
			V map[string]any `json:"v"`
		} `json:"f"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("config JSON %s: %v", r.body, err)
	}
	f, ok := doc.F[key]
	if !ok {
		t.Fatalf("config JSON has no flag %q: %s", key, r.body)
	}
	return f.V["b"]
}

func TestConfigJSONIsServedWithoutCredentialsAndAnETag(t *testing.T) {
	_, cdn, _ := sdkEnv(t)
	r := download(t, cdn, "GET", seedProdKey, "", "X-ConfigCat-UserAgent", "ConfigCat-Go/m-9.1.0")
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if got := r.header.Get("Content-Type"); !strings.HasPrefix(got, "application/json") {
		t.Errorf("Content-Type %q", got)
	}
	etag := r.header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
		t.Errorf("ETag %q is not a quoted entity tag", etag)
	}
	if got := defaultOf(t, r, "isAwesomeFeatureEnabled"); got != false {
		t.Errorf("default value %v, want false", got)
	}
	second := download(t, cdn, "GET", seedProdKey2, "")
	if second.status != http.StatusOK || !bytes.Equal(second.body, r.body) || second.header.Get("ETag") != etag {
		t.Errorf("the secondary SDK key serves %d %s (ETag %s), want the primary key's document", second.status, second.body, second.header.Get("ETag"))
	}
	head := download(t, cdn, "HEAD", seedProdKey, "")
	if head.status != http.StatusOK || len(head.body) != 0 || head.header.Get("ETag") != etag {
		t.Errorf("HEAD: %d, %d bytes, ETag %q", head.status, len(head.body), head.header.Get("ETag"))
	}
}

func TestConfigJSONAnswers304WhileUnchanged(t *testing.T) {
	_, cdn, _ := sdkEnv(t)
	etag := download(t, cdn, "GET", seedProdKey, "").header.Get("ETag")
	for name, r := range map[string]reply{
		"If-None-Match":          download(t, cdn, "GET", seedProdKey, "", "If-None-Match", etag),
		"a list with the tag":    download(t, cdn, "GET", seedProdKey, "", "If-None-Match", `"other", `+etag),
		"a weak tag":             download(t, cdn, "GET", seedProdKey, "", "If-None-Match", "W/"+etag),
		"browsers' ccetag query": download(t, cdn, "GET", seedProdKey, "?sdk=ConfigCat-JS&ccetag="+etag),
	} {
		if r.status != http.StatusNotModified || len(r.body) != 0 || r.header.Get("ETag") != etag {
			t.Errorf("%s: %d, body %q, ETag %q; want 304, no body, ETag %s", name, r.status, r.body, r.header.Get("ETag"), etag)
		}
	}
	if r := download(t, cdn, "GET", seedProdKey, "", "If-None-Match", `"stale"`); r.status != http.StatusOK {
		t.Errorf("a stale If-None-Match: %d, want 200", r.status)
	}
}

func TestConfigJSONReflectsEveryWriteAtOnce(t *testing.T) {
	e, cdn, _ := sdkEnv(t)
	before := download(t, cdn, "GET", seedProdKey, "")
	otherEnv := download(t, cdn, "GET", seedTestKey, "")
	e.must(200, "PUT", "/v2/environments/"+seedProd+"/settings/"+seedSettingID+"/value", map[string]any{"defaultValue": boolValue(true)})

	after := download(t, cdn, "GET", seedProdKey, "", "If-None-Match", before.header.Get("ETag"))
	if after.status != http.StatusOK {
		t.Fatalf("after a write, If-None-Match with the old ETag: %d, want 200 with the new document", after.status)
	}
	if after.header.Get("ETag") == before.header.Get("ETag") {
		t.Errorf("the ETag stayed %s after a write", after.header.Get("ETag"))
	}
	if got := defaultOf(t, after, "isAwesomeFeatureEnabled"); got != true {
		t.Errorf("default value after the write: %v, want true", got)
	}
	// the write changed Production only: the Test environment's document, and so its ETag, stay the same
	if r := download(t, cdn, "GET", seedTestKey, "", "If-None-Match", otherEnv.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("Test environment after a write to Production: %d, want 304", r.status)
	}

	e.setting(seedConfig, "newFlag", "string", nil)
	if r := download(t, cdn, "GET", seedTestKey, ""); !bytes.Contains(r.body, []byte(`"newFlag"`)) {
		t.Errorf("after a flag was created the document is %s", r.body)
	}
}

func TestConfigJSONAllowsBrowserSDKs(t *testing.T) {
	_, cdn, _ := sdkEnv(t)
	r := download(t, cdn, "GET", seedProdKey, "", "Origin", "http://localhost:3000")
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin %q, want *", got)
	}
	if got := r.header.Get("Access-Control-Expose-Headers"); !strings.Contains(got, "ETag") {
		t.Errorf("Access-Control-Expose-Headers %q: browsers could not read the ETag", got)
	}
	pre := download(t, cdn, "OPTIONS", seedProdKey, "", "Origin", "http://localhost:3000",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
	if pre.status != http.StatusNoContent {
		t.Fatalf("preflight: %d, want 204", pre.status)
	}
	if got := pre.header.Get("Access-Control-Allow-Headers"); !strings.Contains(got, "If-None-Match") {
		t.Errorf("preflight allows headers %q, want If-None-Match among them", got)
	}
	if got := pre.header.Get("Access-Control-Allow-Methods"); !strings.Contains(got, "GET") {
		t.Errorf("preflight allows methods %q", got)
	}
}

func TestConfigJSONRefusesUnknownKeysAndWrites(t *testing.T) {
	_, cdn, log := sdkEnv(t)
	if r := download(t, cdn, "GET", "configcat-sdk-1/AAAAAAAAAAAAAAAAAAAAAA/AAAAAAAAAAAAAAAAAAAAAA", ""); r.status != http.StatusNotFound {
		t.Errorf("unknown SDK key: %d, want 404", r.status)
	}
	if r := download(t, cdn, "POST", seedProdKey, ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", r.status)
	}
	if strings.Contains(log.String(), seedProdKey) {
		t.Errorf("the request log holds an SDK key:\n%s", log)
	}
	if !strings.Contains(log.String(), configJSONTemplate) {
		t.Errorf("the request log lacks the SDK downloads:\n%s", log)
	}
}

func TestConfigJSONWithoutAStateReaderSaysWhy(t *testing.T) {
	cdn := httptest.NewServer(seededEnv(t).srv)
	defer cdn.Close()
	r := download(t, cdn, "GET", seedProdKey, "")
	if r.status != http.StatusInternalServerError || !strings.Contains(string(r.body), "ReadState") {
		t.Errorf("%d %s", r.status, r.body)
	}
}

func TestSDKKeysListsEveryConfigAndEnvironment(t *testing.T) {
	e, _, _ := sdkEnv(t)
	var buf bytes.Buffer
	if err := WriteSDKKeys(&buf, e.srv.SDKKeys()); err != nil {
		t.Fatal(err)
	}
	want := "PRODUCT          CONFIG       ENVIRONMENT  SDK KEY\n" +
		"Fixture product  Main Config  Production   " + seedProdKey + "\n" +
		"Fixture product  Main Config  Test         " + seedTestKey + "\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
