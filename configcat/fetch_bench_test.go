package configcat

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/spec"
)

// benchState is 3 products x 2 configs x 3 environments x 500 flags, with 5 segments in all.
func benchState() *spec.State {
	st := &spec.State{}
	envs := []string{"Development", "Staging", "Production"}
	for p := range 3 {
		prod := &spec.Product{Name: fmt.Sprintf("Product %d", p), Order: ip(p)}
		for i, e := range envs {
			prod.Environments = append(prod.Environments, &spec.Environment{Name: e, Order: ip(i)})
		}
		for s := range 5 {
			if s%3 == p { // 2 + 2 + 1 segments
				prod.Segments = append(prod.Segments, &spec.Segment{Name: fmt.Sprintf("Segment %d", s), Attribute: "Email",
					Comparator: "contains", Value: fmt.Sprintf("@s%d.example", s)})
			}
		}
		for c := range 2 {
			cfg := &spec.Config{Name: fmt.Sprintf("Config %d", c), Order: ip(c), EvaluationVersion: spec.EvaluationV2}
			for f := range 500 {
				flag := &spec.Flag{Key: fmt.Sprintf("flag%03d", f), Type: spec.TypeBoolean, Order: ip(f), Values: map[string]*spec.EnvValue{}}
				for _, e := range envs {
					ev := &spec.EnvValue{Default: spec.BoolValue(f%2 == 0)}
					if f%10 == 0 {
						ev.Rules = []*spec.Rule{{If: []*spec.Condition{{Attribute: "Email", Comparator: "textEndsWithAnyOf",
							Values: []spec.ListItem{{Value: "@example.com"}}}}, Serve: spec.BoolValue(true).Ptr()}}
						if len(prod.Segments) > 0 {
							ev.Rules = append(ev.Rules, &spec.Rule{If: []*spec.Condition{{Segment: prod.Segments[0].Name}}, Serve: spec.BoolValue(false).Ptr()})
						}
					}
					flag.Values[e] = ev
				}
				cfg.Flags = append(cfg.Flags, flag)
			}
			prod.Configs = append(prod.Configs, cfg)
		}
		st.Products = append(st.Products, prod)
	}
	spec.Normalize(st)
	return st
}

// BenchmarkFetch reads a 3000-flag organization from the emulator with real limits (20/s and 500/min per
// endpoint on both sides), each iteration with a fresh client as a CLI run would have.
func BenchmarkFetch(b *testing.B) {
	emu := emulator.New(emulator.Options{User: emuUser, Pass: emuPass, RateLimit: emulator.RateLimit{Off: true}})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	seeder, err := New(Config{BaseURL: srv.URL, User: emuUser, Pass: emuPass, PerSecond: -1, PerMinute: -1})
	if err != nil {
		b.Fatal(err)
	}
	want := benchState()
	seed(b, seeder, emu.OrganizationID(), want, nil)
	emu.SetRateLimit(emulator.RateLimit{PerSecond: 20, PerMinute: 500})
	emu.ResetCounts()

	var rateLimited int
	b.ResetTimer()
	for i := range b.N {
		if i > 0 {
			// let the emulator's one-second window of the previous run pass, so that each run starts fresh
			b.StopTimer()
			time.Sleep(1100 * time.Millisecond)
			b.StartTimer()
		}
		c, err := New(Config{BaseURL: srv.URL, User: emuUser, Pass: emuPass, HTTPClient: &http.Client{},
			OnCall: func(i CallInfo) { rateLimited += i.RateLimited }})
		if err != nil {
			b.Fatal(err)
		}
		st, _, err := c.Fetch(context.Background(), FetchOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(st.Products) != 3 || len(st.Products[2].Configs[1].Flags) != 500 {
			b.Fatalf("fetched %d products", len(st.Products))
		}
	}
	b.StopTimer()
	counts := emu.Counts()
	total := 0
	keys := make([]string, 0, len(counts))
	for k, n := range counts {
		keys = append(keys, k)
		total += n
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.ReportMetric(float64(counts[k])/float64(b.N), metricName(k))
	}
	b.ReportMetric(float64(total)/float64(b.N), "GETs/op")
	b.ReportMetric(float64(rateLimited)/float64(b.N), "429s/op")
}

// metricName turns "GET /v1/products/{productId}/tags" into "GET_v1_products_productId_tags/op".
func metricName(endpoint string) string {
	r := strings.NewReplacer(" /", "_", "/", "_", "{", "", "}", "")
	return r.Replace(endpoint) + "/op"
}
