package configcat

import "testing"

// TestVersionsKeepEveryID checks that a last version id reads back exactly as it was set, whether it is kept
// as a UUID's 16 bytes or as text, that exactly the canonical UUIDs are kept in 16 bytes, and that setting an
// environment again replaces its id.
func TestVersionsKeepEveryID(t *testing.T) {
	ids := map[string]string{
		"production": "4c3935c1-f143-40ea-961f-2749c91bfcb3",
		"staging":    "4C3935C1-F143-40EA-961F-2749C91BFCB3", // upper case: kept as text, so written back as read
		"test":       "00000000-0000-0000-0000-000000000000",
		"dev":        "not-a-uuid",
		"qa":         "4c3935c1f143-40ea-961f-2749c91bfcb3-",
		"empty":      "",
		"braces":     "{4c3935c1-f143-40ea-961f-2749c91bfcb}",
		"nonhex":     "4c3935c1-f143-40ea-961f-2749c91bfcbg",
	}
	v := makeVersions(len(ids))
	for env, id := range ids {
		v.set(env, id)
	}
	for env, id := range ids {
		if got := v.Get(env); got != id {
			t.Errorf("Get(%q) = %q, want %q", env, got, id)
		}
	}
	if got := v.Get("unknown"); got != "" {
		t.Errorf("an environment without an id: %q", got)
	}
	c := v.clone()
	v.set("production", "f7f1333e-6e3b-4306-93a5-da48f630fbd7")
	if got := v.Get("production"); got != "f7f1333e-6e3b-4306-93a5-da48f630fbd7" {
		t.Errorf("after setting production again: %q", got)
	}
	if got := c.Get("production"); got != ids["production"] {
		t.Errorf("the clone changed with the original: %q", got)
	}
	if len(v.entries) != len(ids) {
		t.Errorf("%d entries for %d environments", len(v.entries), len(ids))
	}
	if _, ok := parseUUID(ids["production"]); !ok {
		t.Fatal("parseUUID refuses a canonical UUID")
	}
	for _, e := range c.entries {
		_, canonical := parseUUID(ids[e.env])
		inBytes := e.uuid != [16]byte{} && e.text == ""
		if canonical != inBytes {
			t.Errorf("%s: %q kept in 16 bytes: %v, want %v", e.env, ids[e.env], inBytes, canonical)
		}
	}
}
