package configcat

import (
	"context"
	"github.com/flagsync/flagsync/configcat/configcattest"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flagsync/flagsync/emulator"
	"github.com/google/go-cmp/cmp"
)

// TestWritesAndFetchSurviveFaults seeds the rich account and reads it back while the emulator answers a
// quarter of the requests with 429s, 500s, 503s, slow answers and connections dropped before or after the
// request was carried out. The result must be exactly the desired state: nothing lost, nothing created twice.
func TestWritesAndFetchSurviveFaults(t *testing.T) {
	for _, seedNo := range []int64{1, 2, 3} {
		emu := emulator.New(emulator.Options{User: emuUser, Pass: emuPass, RateLimit: emulator.RateLimit{Off: true},
			FaultRate: 0.25, FaultSeed: seedNo, Sleep: func(time.Duration) {}})
		srv := httptest.NewServer(emu)
		c, err := New(Config{BaseURL: srv.URL, User: emuUser, Pass: emuPass, Clock: configcattest.NewClock(), MaxAttempts: 12,
			HTTPClient: contractHTTPClient(t)})
		if err != nil {
			t.Fatal(err)
		}
		var retried, recovered int
		c.onCall = func(i CallInfo) {
			if i.Attempts > 1 {
				retried++
			}
			if i.Recovered {
				recovered++
			}
		}
		want := richState()
		seed(t, c, emu.OrganizationID(), want, map[string]string{"HOOK_TOKEN": "t"})
		got, _, err := c.Fetch(context.Background(), FetchOptions{})
		if err != nil {
			t.Fatalf("seed %d: %v", seedNo, err)
		}
		for _, w := range want.Products[0].Webhooks {
			for _, h := range w.Headers {
				h.ValueFromEnv = ""
			}
		}
		want.Organization = "flagsync"
		if d := cmp.Diff(want, got, ignorePos, cmpValues); d != "" {
			t.Errorf("seed %d: state after faults (-want +got):\n%s", seedNo, d)
		}
		if retried == 0 {
			t.Errorf("seed %d: no call was retried; the faults were not exercised", seedNo)
		}
		t.Logf("seed %d: %d calls retried, %d lost creates recovered", seedNo, retried, recovered)
		srv.Close()
	}
}
