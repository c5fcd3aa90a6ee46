package main

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func TestWarnLoggerWritesOneReadableLine(t *testing.T) {
	var out bytes.Buffer
	log := warnLogger(&env{stderr: &out})
	log.Debug("call failed", "call", "reading the products")
	log.Warn("retrying", "call", "reading the products", "error", errors.New("503 Service Unavailable"),
		"wait", 1730*time.Millisecond, "attempt", 2)
	want := "flagsync: retrying reading the products in 1.7s (attempt 2): 503 Service Unavailable\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
}
