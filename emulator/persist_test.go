package emulator

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestStateRoundTrip(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	tag := e.tag(w.product, "t")
	seg := e.segment(w.product, "s")
	flag := e.setting(w.v2, "flag", "boolean", map[string]any{"tags": []any{tag}})
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{"defaultValue": boolValue(true),
		"targetingRules": []any{map[string]any{"conditions": []any{map[string]any{"segmentCondition": map[string]any{"segmentId": seg, "comparator": "isIn"}}}, "value": boolValue(false)}}})
	e.setting(w.v1, "old", "double", map[string]any{"initialValues": []any{map[string]any{"environmentId": w.prod, "value": 1.5}}})
	e.must(201, "POST", "/v1/configs/"+w.v2+"/environments/"+w.prod+"/webhooks", map[string]any{"url": "https://example.com/h",
		"webHookHeaders": []any{map[string]any{"key": "k", "value": "secret", "isSecure": true}}})
	e.must(201, "POST", "/v1/products/"+w.product+"/permissions", map[string]any{"name": "G", "canTagSetting": true})

	paths := []string{
		"/v1/products", "/v1/products/" + w.product + "/environments", "/v1/products/" + w.product + "/configs",
		"/v1/products/" + w.product + "/tags", "/v1/products/" + w.product + "/segments", "/v1/segments/" + seg,
		"/v1/configs/" + w.v2 + "/settings", "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values",
		"/v1/configs/" + w.v1 + "/environments/" + w.prod + "/values", "/v1/products/" + w.product + "/webhooks",
		"/v1/products/" + w.product + "/permissions", "/v1/products/" + w.product + "/preferences",
		"/v1/configs/" + w.v2 + "/environments/" + w.prod,
	}
	before := map[string]string{}
	for _, p := range paths {
		before[p] = string(e.must(200, "GET", p, nil).body)
	}
	e2, saved := e.reloaded()
	if !strings.Contains(saved, `"format": "flagsync-emulator-state"`) || !strings.Contains(saved, `"version": 2`) {
		t.Fatalf("state file lacks its format and version:\n%.300s", saved)
	}
	for _, p := range paths {
		if got := string(e2.must(200, "GET", p, nil).body); got != before[p] {
			t.Fatalf("GET %s after load:\n%s\nwant\n%s", p, got, before[p])
		}
	}
	// Ids keep counting after a load.
	next := e2.setting(w.v2, "next", "boolean", nil)
	if next <= flag {
		t.Fatalf("setting id %d reused after load (had %d)", next, flag)
	}
}

func TestLoadStateRefusesOtherFormats(t *testing.T) {
	s := New(Options{})
	const head = `{"format":"flagsync-emulator-state","version":2,"organization":{"id":"00000000-0000-4000-8000-000000000001","name":"o"}`
	cases := []struct{ in, want string }{
		{`{}`, `"format" is ""`},
		{`{"format":"flagsync-emulator-state","version":99}`, `"version" 99 is not supported`},
		{`not json`, "1:2: invalid character 'o'"},
		{"{\n \"format\": \"flagsync-emulator-state\",\n \"versoin\": 2}", `3:15: json: unknown field "versoin"`},
		{"{\n \"format\": \"flagsync-emulator-state\",\n \"version\": \"2\"}", `3:15: "version" must be int, not a JSON string`},
		{``, "the file is empty"},
		{`{"format":"flagsync-emulator-state","version":2,"organization":{"id":"nope","name":"o"}}`, `organization.id "nope" is not a uuid`},
		{head + `,"products":{"08d86d63-2721-4da6-8c06-584521d516bc":{"id":"08d86d63-2721-4da6-8c06-584521d516bd","name":"p"}}}`, "differs from its key"},
		{head + `,"configs":{"08d86d63-2731-4b8b-823a-56ddda9da038":{"productId":"08d86d63-2721-4da6-8c06-584521d516bc","name":"c"}}}`, "is not a product of the file"},
	}
	for _, c := range cases {
		err := s.LoadState(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadState(%s) = %v, want an error containing %q", c.in, err, c.want)
		}
		// a file is decoded as it is read: the same errors, at the same positions
		if err := s.LoadState(openStateFile(t, c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadState(file of %s) = %v, want an error containing %q", c.in, err, c.want)
		}
	}
}

// openStateFile is a file holding text, open for reading.
func openStateFile(t *testing.T, text string) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// A version 1 file, which kept only the organization's id, still loads, with that id and the emulator's
// organization name.
func TestLoadStateVersion1(t *testing.T) {
	s := New(Options{})
	in := `{"format":"flagsync-emulator-state","version":1,"organizationId":"00000000-0000-4000-8000-000000000000",
		"webhooks":{},"products":{}}`
	if err := s.LoadState(strings.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	if got := s.OrganizationID(); got != "00000000-0000-4000-8000-000000000000" {
		t.Fatalf("organization after loading version 1 = %q", got)
	}
}

func TestLoadStateChecksUsers(t *testing.T) {
	base := `{"format": "flagsync-emulator-state", "version": 2,
 "organization": {"id": "5b2f1c1e-7d51-4c59-9d49-0a6c1f1e2a10", "name": "Acme"}, "users": %s}`
	for users, want := range map[string]string{
		`[{"user": "ann"}]`: `users[0]: give it a "user" and a "password"`,
		`[{"user": "ann", "password": "p"}, {"user": "ann", "password": "q"}]`: `users[1]: user "ann" is listed twice`,
		`[{"user": "ann", "password": "p", "permissionGroupId": 9}]`:           "users[0]: permissionGroupId 9 is not a permission group of the file",
	} {
		err := New(Options{}).LoadState(strings.NewReader(strings.Replace(base, "%s", users, 1)))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("users %s: error %v, want %q", users, err, want)
		}
	}
}

// TestDecodeMembersAsWholeDecode holds the member-by-member decoding of a state file to what decoding it whole
// gives: the saved round trip state, and the forms of the two members decoded item by item that it lacks.
func TestDecodeMembersAsWholeDecode(t *testing.T) {
	e := newEnv(t)
	w := e.world()
	flag := e.setting(w.v2, "flag", "boolean", nil)
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{"defaultValue": boolValue(true)})
	var buf bytes.Buffer
	if err := e.srv.SaveState(&buf); err != nil {
		t.Fatal(err)
	}
	saved := buf.String()
	head := `{"format":"flagsync-emulator-state","version":2,"Organization":{"id":"00000000-0000-4000-8000-000000000001","name":"o"}`
	for name, in := range map[string]string{
		"saved":           saved,
		"values null":     head + `,"values":null,"auditLog":null}`,
		"values empty":    head + `,"VALUES":{},"auditLog":[]}`,
		"null value":      head + `,"values":{"x/1":null}}`,
		"trailing object": saved + `{"format":"other"}`,
	} {
		whole := stateFile{store: newStore(organization{})}
		dec := json.NewDecoder(strings.NewReader(in))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&whole); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		members := stateFile{store: newStore(organization{})}
		if err := decodeMembers(json.NewDecoder(strings.NewReader(in)), &members); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(members, whole) {
			t.Errorf("%s: decoded member by member\n%+v\nwant\n%+v", name, members.store, whole.store)
		}
	}
}
