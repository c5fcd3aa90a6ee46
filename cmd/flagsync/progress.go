package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// progress shows apply's progress: a bar with counts and ETA redrawn in place on a terminal, one line per stage
// elsewhere (CI logs).
type progress struct {
	e   *env
	tty bool
}

func newProgress(e *env) *progress { return &progress{e: e, tty: e.stdoutIsTerminal} }

func (p *progress) event(ev applier.Event) {
	switch ev.Kind {
	case applier.StageStarted:
		if !p.tty {
			fmt.Fprintf(p.e.stdout, "[%d/%d] %s %s...\n", ev.Stage+1, ev.Stages, verb(ev.Op), ev.ChangeKind.Count(ev.Size))
		}
	case applier.ChangeDone:
		if p.tty {
			fmt.Fprintf(p.e.stdout, "\r%s", bar(ev))
		}
	case applier.StageDone:
		if !p.tty {
			fmt.Fprintf(p.e.stdout, "      %d of %d changes, %d of %d calls, %s elapsed\n", ev.Done, ev.Total, ev.CallsDone, ev.CallsTotal, ev.Elapsed.Round(time.Second/10))
		}
	case applier.Finished:
		if p.tty {
			fmt.Fprintln(p.e.stdout)
		}
	}
}

func verb(op planner.Op) string {
	switch op {
	case planner.Create:
		return "creating"
	case planner.Delete:
		return "deleting"
	}
	return "updating"
}

// bar draws "[=========>          ] 45/100 changes, 120/260 calls, ETA 12s".
func bar(ev applier.Event) string {
	const width = 30
	filled := 0
	if ev.Total > 0 {
		filled = ev.Done * width / ev.Total
	}
	eta := "ETA --"
	if ev.ETA > 0 {
		eta = "ETA " + ev.ETA.Round(time.Second).String()
	}
	return fmt.Sprintf("[%s%s] %d/%d changes, %d/%d calls, %s ", strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
		ev.Done, ev.Total, ev.CallsDone, ev.CallsTotal, eta)
}

// callSummary reads "API calls: 14 (GET 5, POST 9), 0 answered 429 (rate limited)" from the client's
// counters of the run.
func callSummary(stats map[string]configcat.EndpointStats) string {
	total, limited := 0, 0
	byMethod := map[string]int{}
	for k, st := range stats {
		total += st.Calls
		limited += st.RateLimited
		byMethod[strings.SplitN(k, " ", 2)[0]] += st.Calls
	}
	var parts []string
	for m, n := range byMethod {
		parts = append(parts, fmt.Sprintf("%s %d", m, n))
	}
	sort.Strings(parts)
	return fmt.Sprintf("API calls: %d (%s), %d answered 429 (rate limited)", total, strings.Join(parts, ", "), limited)
}
