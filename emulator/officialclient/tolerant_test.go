package officialclient_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/flagsync/flagsync/internal/contract"
)

// tolerantTransport works around one known defect of the official client v2.1.2 (api doc §12): its decoder
// rejects unknown fields inside the value objects of percentage options and prerequisite-flag conditions,
// while the current spec requires (and the real API sends) predefinedVariationId there. On answers of the v2
// value endpoints it removes exactly that key in exactly those two places and nothing else, so any other
// unexpected field still fails the decode. What it removed is recorded for the tests to inspect. It also
// marks requests made with an invalid(ctx) context for the contract checker.
type tolerantTransport struct {
	next http.RoundTripper

	mu       sync.Mutex
	stripped []any // the removed predefinedVariationId values, in order
}

func (t *tolerantTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Context().Value(invalidKey{}) != nil {
		r = contract.ExpectInvalid(r.Clone(r.Context()))
	}
	resp, err := t.next.RoundTrip(r)
	if err != nil || !strings.HasPrefix(r.URL.Path, "/v2/") || resp.StatusCode/100 != 2 ||
		!strings.Contains(resp.Header.Get("Content-Type"), "json") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	out, removed, err := stripVariationIDs(body)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	t.stripped = append(t.stripped, removed...)
	t.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(out))
	resp.ContentLength = int64(len(out))
	resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
	return resp, nil
}

// invalidKey marks a context whose requests are invalid on purpose: the transport flags them for the
// contract checker, which then only demands a 4xx answer.
type invalidKey struct{}

// invalid returns ctx marked as sending requests that break the spec on purpose.
func invalid(ctx context.Context) context.Context { return context.WithValue(ctx, invalidKey{}, true) }

// removed returns what the transport stripped so far.
func (t *tolerantTransport) removed() []any {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]any(nil), t.stripped...)
}

// stripVariationIDs removes predefinedVariationId from every percentageOptions[].value and every
// prerequisiteFlagCondition.prerequisiteComparisonValue in a JSON document. A document without either is
// returned unchanged, byte for byte.
func stripVariationIDs(body []byte) ([]byte, []any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return body, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, err
	}
	var removed []any
	walkJSON(doc, func(obj map[string]any) {
		if opts, ok := obj["percentageOptions"].([]any); ok {
			for _, o := range opts {
				if om, ok := o.(map[string]any); ok {
					removed = dropKey(om["value"], removed)
				}
			}
		}
		if pc, ok := obj["prerequisiteFlagCondition"].(map[string]any); ok {
			removed = dropKey(pc["prerequisiteComparisonValue"], removed)
		}
	})
	if removed == nil {
		return body, nil, nil
	}
	out, err := json.Marshal(doc)
	return out, removed, err
}

func dropKey(v any, removed []any) []any {
	m, ok := v.(map[string]any)
	if !ok {
		return removed
	}
	if id, ok := m["predefinedVariationId"]; ok {
		delete(m, "predefinedVariationId")
		removed = append(removed, id)
	}
	return removed
}

// walkJSON calls f on every object of a decoded JSON document, parents before children.
func walkJSON(v any, f func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		f(x)
		for _, c := range x {
			walkJSON(c, f)
		}
	case []any:
		for _, c := range x {
			walkJSON(c, f)
		}
	}
}
