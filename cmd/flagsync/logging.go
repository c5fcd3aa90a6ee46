package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// warnLogger shows the client's retries and rate-limit waits on stderr, one line each, so that a slow run says
// why: "flagsync: retrying reading the products in 1.7s (attempt 3): cannot reach ConfigCat at …: connection refused".
func warnLogger(e *env) *slog.Logger { return slog.New(&lineHandler{w: e.stderr, mu: &sync.Mutex{}}) }

// lineHandler writes warnings and errors as one readable line; debug and info records are dropped.
type lineHandler struct {
	w     io.Writer
	mu    *sync.Mutex
	attrs []slog.Attr
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var call, wait, attempt, cause string
	var rest []string
	add := func(a slog.Attr) bool {
		switch v := a.Value.Any(); a.Key {
		case "call":
			call = " " + a.Value.String()
		case "wait":
			if d, ok := v.(time.Duration); ok {
				wait = " in " + d.Round(100*time.Millisecond).String()
			}
		case "attempt":
			attempt = " (attempt " + a.Value.String() + ")"
		case "error":
			cause = ": " + a.Value.String()
		default:
			rest = append(rest, a.Key+"="+a.Value.String())
		}
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	line := "flagsync: " + r.Message + call + wait + attempt + cause
	if len(rest) > 0 {
		line += " [" + strings.Join(rest, " ") + "]"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := fmt.Fprintln(h.w, line)
	return err
}

func (h *lineHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &lineHandler{w: h.w, mu: h.mu, attrs: append(append([]slog.Attr(nil), h.attrs...), attrs...)}
}

func (h *lineHandler) WithGroup(string) slog.Handler { return h }
