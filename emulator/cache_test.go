package emulator

import "testing"

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
