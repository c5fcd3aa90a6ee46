package emulator

import (
	"strings"
	"testing"
)

// The caches hold what they cache at its length, not at the capacity of the buffer it was encoded in.
func TestCachesKeepAnswersAtTheirLength(t *testing.T) {
	encoded := make([]byte, 10, 4096)
	var answers responseCache
	answers.put("GET /v1/x", 1, encoded)
	if body, ok := answers.get("GET /v1/x", 1); !ok || len(body) != 10 || cap(body) >= 4096 {
		t.Fatalf("answer cached with length %d and capacity %d (found %v)", len(body), cap(body), ok)
	}
	var items itemCache
	items.put("e/1", 1, "v1", "", encoded)
	if body, ok := items.get("e/1", 1, "v1", ""); !ok || len(body) != 10 || cap(body) >= 4096 {
		t.Fatalf("item cached with length %d and capacity %d (found %v)", len(body), cap(body), ok)
	}
}

// The item cache holds at most its limit: it starts over when an item would not fit.
func TestItemCacheStartsOverWhenFull(t *testing.T) {
	items := itemCache{limit: 100}
	items.put("e/1", 1, "v1", "", make([]byte, 30))
	items.put("e/2", 1, "v1", "", make([]byte, 60))
	items.put("e/2", 1, "v2", "", make([]byte, 60)) // replaces an item of 60: the cache still holds 90
	if _, ok := items.get("e/1", 1, "v1", ""); !ok {
		t.Fatal("replacing an item started the cache over though it fits")
	}
	items.put("e/3", 1, "v1", "", make([]byte, 30)) // 120: over the limit
	if _, ok := items.get("e/1", 1, "v1", ""); ok {
		t.Fatal("the cache holds 120 bytes with a limit of 100")
	}
	if _, ok := items.get("e/3", 1, "v1", ""); !ok {
		t.Fatal("the item that started the cache over was not kept")
	}
}

// With Options.NoCache the caches keep nothing, and answers are encoded afresh: the same bytes.
func TestNoCacheKeepsNothing(t *testing.T) {
	var answers responseCache
	answers.off = true
	answers.put("GET /v1/x", 1, []byte("{}"))
	if _, ok := answers.get("GET /v1/x", 1); ok || answers.entries != nil {
		t.Fatal("an answer was cached with the cache off")
	}
	items := itemCache{off: true}
	items.put("e/1", 1, "v1", "", []byte("{}"))
	if _, ok := items.get("e/1", 1, "v1", ""); ok || items.entries != nil {
		t.Fatal("an item was cached with the cache off")
	}
}

// An emulator without caches answers batch reads afresh every time, the writes between them included, and
// keeps no encoded answer or item.
func TestServerWithoutCachesAnswersAfresh(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.NoCache = true })
	w := e.world()
	flag := e.setting(w.v2, "flag", "boolean", nil)
	path := "/v2/configs/" + w.v2 + "/environments/" + w.prod + "/values"
	first := string(e.must(200, "GET", path, nil).body)
	if again := string(e.must(200, "GET", path, nil).body); again != first {
		t.Fatalf("the same read answered\n%s\nthen\n%s", first, again)
	}
	e.must(200, "PUT", "/v2/environments/"+w.prod+"/settings/"+itoa(flag)+"/value", map[string]any{"defaultValue": boolValue(true)})
	if after := string(e.must(200, "GET", path, nil).body); after == first || !strings.Contains(after, `"boolValue":true`) {
		t.Fatalf("the read after a value write answered\n%s", after)
	}
	if e.srv.cache.entries != nil || e.srv.items.entries != nil {
		t.Fatal("the caches kept answers with NoCache set")
	}
}
