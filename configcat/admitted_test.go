package configcat

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/flagsync/flagsync/configcat/configcattest"
)

// TestAdmittedReportedWhenPacingLetsTheRequestGo: the function WithAdmitted sets is called once per request,
// after the pacing wait and before the send (on the fake clock, at the instant of the send), and once more
// for a retry after a 429.
func TestAdmittedReportedWhenPacingLetsTheRequestGo(t *testing.T) {
	var admitted, sent []time.Time
	var admittedBefore []int // admissions reported before each send
	n := 0
	var clock *configcattest.Clock
	c, clock := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		admittedBefore = append(admittedBefore, len(admitted))
		sent = append(sent, clock.Now())
		n++
		if n == 1 {
			return answer(429, ``, "Retry-After", "1"), nil
		}
		return answer(200, `[]`), nil
	})
	ctx := WithAdmitted(context.Background(), func() { admitted = append(admitted, clock.Now()) })
	for range DefaultPerSecond + 1 {
		if _, err := c.Tags(ctx, "p1"); err != nil {
			t.Fatal(err)
		}
	}
	// one 429 and its retry, then 20 more: the last of them waits for the pacer
	if len(sent) != DefaultPerSecond+2 || len(admitted) != len(sent) {
		t.Fatalf("%d sends, %d admissions; want %d of each", len(sent), len(admitted), DefaultPerSecond+2)
	}
	for i := range sent {
		if admittedBefore[i] != i+1 {
			t.Errorf("request %d sent after %d admissions", i+1, admittedBefore[i])
		}
		if !admitted[i].Equal(sent[i]) {
			t.Errorf("request %d admitted at %s, sent at %s", i+1, admitted[i].Sub(admitted[0]), sent[i].Sub(admitted[0]))
		}
	}
	if last := sent[len(sent)-1].Sub(sent[1]); last < time.Second {
		t.Errorf("the request over the quota went %s after the first admitted one; the pacer did not hold it", last)
	}
	if _, err := c.Tags(context.Background(), "p1"); err != nil {
		t.Fatal(err)
	}
	if len(admitted) != DefaultPerSecond+2 {
		t.Errorf("a request without WithAdmitted was reported")
	}
}
