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
	log.Debug("configcat: call failed", "call", "GET /v1/products")
	log.Warn("configcat: retrying", "call", "GET /v1/products", "error", errors.New("503 Service Unavailable"),
		"wait", 1730*time.Millisecond, "attempt", 2)
	want := "flagsync: configcat: retrying GET /v1/products in 1.7s (attempt 2): 503 Service Unavailable\n"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
}
