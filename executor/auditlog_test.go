package executor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
)

// TestReadBlameNamesWhoChangedAValue: a value changed out of band is drift, and ReadBlame names who changed it
// and when from the product's audit log, in one read of it.
func TestReadBlameNamesWhoChangedAValue(t *testing.T) {
	e := newTestEnv(t)
	desired := loadStep(t, "testdata/scenario/00-initial.yaml")
	e.converge(desired)
	_, remote := e.fetch()
	rp := remote.Product("Webshop")
	rc := rp.Config("Main")
	staging, _ := rp.EnvironmentID("Staging")
	on := true
	ctx := context.Background()
	if _, err := e.client.PostValuesV2(ctx, rc.ID, staging, "hotfix", []configcat.UpdateEvaluationFormulaWithID{{
		SettingID: rc.Flag("killSwitch").ID, UpdateEvaluationFormula: configcat.UpdateEvaluationFormula{
			DefaultValue: configcat.ValueModel{VariationValue: configcat.VariationValue{BoolValue: &on}}, TargetingRules: []configcat.TargetingRule{}}}}); err != nil {
		t.Fatal(err)
	}
	p, _, remote := e.plan(desired)
	e.emu.ResetCounts()
	blames, err := ReadBlame(ctx, e.client, p, remote, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := "killSwitch in Staging (config Main, product Webshop) changed by flagsync emulator (emulator@flagsync.invalid) on " +
		time.Now().UTC().Format("2006-01-02")
	if len(blames) != 1 || !strings.HasPrefix(blames[0].String(), want) {
		t.Fatalf("blames = %v, want %q…", blames, want)
	}
	if n := e.emu.Counts()[configcat.CallProductAuditLogs]; n != 1 {
		t.Errorf("read the audit log %d times, want once", n)
	}

	// a window that starts after the change holds no entry of it, and says so
	blames, err = ReadBlame(ctx, e.client, p, remote, time.Now().Add(time.Hour))
	if err != nil || len(blames) != 1 || !strings.HasSuffix(blames[0].String(), "no audit log entry in the time window") {
		t.Fatalf("blames outside the window = %v, %v", blames, err)
	}
	// a plan without drift reads nothing
	e.emu.ResetCounts()
	if blames, err := ReadBlame(ctx, e.client, &planner.Plan{}, remote, time.Now().Add(-time.Hour)); err != nil || len(blames) != 0 ||
		e.emu.Counts()[configcat.CallProductAuditLogs] != 0 {
		t.Fatalf("blame of an empty plan: %v, %v, %v", blames, err, e.emu.Counts())
	}
}
