package evaluate_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	configcat "github.com/configcat/go-sdk/v9"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// TestSDKAgainstTheEmulatorEvaluatesAsTheDocuments points ConfigCat's Go SDK — the real client, polling over
// HTTP — at the emulator with each SDK key the emulator lists, for the random accounts the other suites build
// (the command round trip's and the differential test's seeds), and requires every random user to get the
// value, from the same kind of rule or percentage option, that evaluate gives from sdkconfig's document of the
// YAML side.
func TestSDKAgainstTheEmulatorEvaluatesAsTheDocuments(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	served := map[evaluate.Kind]int{}
	for _, stream := range []uint64{7, 11} { // cmd/flagsync/roundtrip_test.go's and differential_test.go's
		for seed := range uint64(seeds) {
			desired := applicableState(spectest.RandomState(rand.New(rand.NewPCG(seed, stream)), spectest.Options{}))
			emu, baseURL, _ := applyToEmulator(t, desired)
			users := randomUsers(rand.New(rand.NewPCG(seed, 13)), desired, 100)
			keys := emu.SDKKeys()
			if want := countTargets(desired); len(keys) != want {
				t.Fatalf("stream %d seed %d: the emulator lists %d SDK keys, want one per (config, environment): %d", stream, seed, len(keys), want)
			}
			for _, k := range keys {
				where := fmt.Sprintf("stream %d, seed %d, %s / %s / %s", stream, seed, k.Product, k.Config, k.Environment)
				want := evaluator(t, desired, k.Product, k.Config, k.Environment)
				sdk := sdkClient(t, baseURL, k)
				for _, u := range users {
					compareWithSDK(t, where, u, want.Evaluate(u), sdk, served)
				}
			}
		}
	}
	t.Logf("values served: %v", served)
	if served[evaluate.ServedByRule] < 100 || served[evaluate.ServedByPercentageOption] < 100 {
		t.Fatalf("too few values served by rules or options to compare anything: %v", served)
	}
}

// sdkClient is ConfigCat's Go SDK downloading k's config JSON from the emulator at baseURL.
func sdkClient(t *testing.T, baseURL string, k emulator.SDKKey) *configcat.Client {
	t.Helper()
	c := configcat.NewCustomClient(configcat.Config{SDKKey: k.Key, BaseURL: baseURL, PollingMode: configcat.Manual,
		LogLevel: configcat.LogLevelNone})
	t.Cleanup(c.Close)
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatalf("%s / %s / %s: the SDK could not download its config JSON: %v", k.Product, k.Config, k.Environment, err)
	}
	return c
}

// compareWithSDK requires the SDK's value for u of each flag to be evaluate's, served by the same kind of place
// (a rule, a percentage option of the same share, or the default).
func compareWithSDK(t *testing.T, where string, u evaluate.User, want []evaluate.Result, sdk *configcat.Client, served map[evaluate.Kind]int) {
	t.Helper()
	snap := sdk.Snapshot(sdkUserData(u))
	for _, w := range want {
		d := snap.GetValueDetails(w.Key)
		if (w.Err != nil) != (d.Data.Error != nil) || fmt.Sprint(w.Value) != fmt.Sprint(d.Value) || kindOf(d.Data) != servedKind(w.Source) {
			t.Fatalf("%s, flag %q, user %v:\nevaluate on sdkconfig's document: %v by %v (%v)\nthe SDK from the emulator:        %v by %s (%v)",
				where, w.Key, u, w.Value, w.Source, w.Err, d.Value, kindOf(d.Data), d.Data.Error)
		}
		served[w.Source.Kind]++
	}
}

// servedKind and kindOf say what served a value in the same words for both sides.
func servedKind(s evaluate.Source) string {
	if s.Kind == evaluate.ServedByPercentageOption {
		return fmt.Sprintf("percentage option (%d%%)", s.Percent)
	}
	return string(s.Kind)
}

func kindOf(d configcat.EvaluationDetailsData) string {
	switch {
	case d.Error != nil:
		return string(evaluate.ServedByDefault)
	case d.MatchedPercentageOption != nil:
		return fmt.Sprintf("percentage option (%d%%)", d.MatchedPercentageOption.Percentage)
	case d.MatchedTargetingRule != nil:
		return string(evaluate.ServedByRule)
	}
	return string(evaluate.ServedByDefault)
}

// sdkUserData is u as an application passes it: the predefined attributes in their fields, the rest custom.
func sdkUserData(u evaluate.User) *configcat.UserData {
	out := &configcat.UserData{Custom: map[string]any{}}
	for name, v := range u {
		s, _ := v.(string)
		switch name {
		case "Identifier":
			out.Identifier = s
		case "Email":
			out.Email = s
		case "Country":
			out.Country = s
		default:
			out.Custom[name] = v
		}
	}
	return out
}

// countTargets is the number of (config, environment) pairs of st.
func countTargets(st *spec.State) int {
	n := 0
	for _, p := range st.Products {
		n += len(p.Configs) * len(p.Environments)
	}
	return n
}
