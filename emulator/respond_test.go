package emulator

import "testing"

// A cached answer the recorder keeps must never change, even when more is written after it.
func TestRecorderNeverWritesIntoAKeptBody(t *testing.T) {
	cached := make([]byte, 2, 16)
	copy(cached, "{}")
	rec := newRecorder()
	rec.keep(cached)
	_, _ = rec.Write([]byte("xx"))
	if string(cached[:cap(cached)][2:4]) == "xx" || string(rec.body) != "{}xx" {
		t.Fatalf("kept body's array changed: %q; answer %q", cached[:4], rec.body)
	}
}
