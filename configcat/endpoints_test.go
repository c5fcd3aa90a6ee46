package configcat

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/flagsync/flagsync/spec"
	"github.com/google/go-cmp/cmp"
)

func TestValueWritesSendReason(t *testing.T) {
	var queries []string
	c, _ := fakeClient(t, func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
		return answer(200, `{}`), nil
	})
	ctx := context.Background()
	if _, err := c.PostValuesV2(ctx, "c1", "e1", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PostValuesV2With(ctx, "c1", "e1", ValueWriteOptions{Reason: "ticket #12", BypassApproval: true,
		LatestVersionID: "0b5d3c58-45d4-4c7e-a2a6-4d2cc4c4b6a1"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PostValuesV1(ctx, "c1", "e1", "sync", nil); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"POST /v2/configs/c1/environments/e1/values?reason=",
		"POST /v2/configs/c1/environments/e1/values?bypassApproval=true&latestVersionId=0b5d3c58-45d4-4c7e-a2a6-4d2cc4c4b6a1&reason=ticket+%2312",
		"POST /v1/configs/c1/environments/e1/values?reason=sync",
	}
	if d := cmp.Diff(want, queries); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestCRUDAgainstEmulator runs every update and delete the applier will use against the emulator (through
// the contract checker) and reads the result back.
func TestCRUDAgainstEmulator(t *testing.T) {
	emu, srv := newEmulator(t)
	c := emuClient(t, srv)
	ctx := context.Background()
	remote := seed(t, c, emu.OrganizationID(), richState(), map[string]string{"HOOK_TOKEN": "t"})
	shop := remote.Product("Shop")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	_, err := c.UpdateProduct(ctx, shop.ID, ProductRequest{Name: strPtr("Shop 2"), Order: order32(ip(5))})
	must(err)
	web := shop.Config("Web")
	_, err = c.UpdateConfig(ctx, web.ID, UpdateConfigRequest{Description: strPtr("new words")})
	must(err)
	staging, _ := shop.EnvironmentID("staging")
	_, err = c.UpdateEnvironment(ctx, staging, EnvironmentRequest{Color: strPtr("#00ff00")})
	must(err)
	beta, _ := shop.TagID("beta")
	_, err = c.UpdateTag(ctx, beta, TagRequest{Name: strPtr("beta"), Color: strPtr("whale")})
	must(err)
	segID, _ := shop.SegmentID("Hungarians")
	_, err = c.UpdateSegment(ctx, segID, SegmentRequestFromSpec(&spec.Segment{Name: "Hungarians", Attribute: "Country", Comparator: "isOneOf", Value: "HU,SK"}))
	must(err)

	plan := web.Flag("plan")
	vars, err := c.PredefinedVariations(ctx, plan.ID)
	must(err)
	if len(vars) != 2 {
		t.Fatalf("variations = %+v", vars)
	}
	vs := []*spec.Variation{{Value: spec.StringValue("free"), Name: "Free"}, {Value: spec.StringValue("pro"), Name: "Pro"},
		{Value: spec.StringValue("team"), Name: "Team"}}
	newVars, err := c.UpdatePredefinedVariations(ctx, plan.ID, UpdateVariationsFromSpec(vs, plan.Variations))
	must(err)
	if len(newVars) != 3 {
		t.Fatalf("variations after update = %+v", newVars)
	}
	for _, v := range newVars {
		val, _ := wireValue(v.Value, spec.TypeString)
		if id, ok := plan.Variations[ValueKey(val)]; ok && id != v.PredefinedVariationID {
			t.Errorf("variation %s changed id from %s to %s", val, id, v.PredefinedVariationID)
		}
	}

	dark := &spec.Flag{Key: "darkMode", Name: "Dark mode!", Hint: "", Order: ip(9), Tags: []string{"ops"}}
	req, err := ReplaceSettingRequestFromSpec(dark, shop.Tags)
	must(err)
	_, err = c.ReplaceSetting(ctx, web.Flag("darkMode").ID, req)
	must(err)

	hookKey := spec.WebhookKey(&spec.Webhook{Config: "Legacy", Environment: "Staging", URL: "https://hooks.example/legacy", Method: "get"})
	hookID, ok := shop.WebhookID(hookKey)
	if !ok {
		t.Fatalf("no webhook %q in %v", hookKey, shop.Webhooks)
	}
	_, err = c.ReplaceWebhook(ctx, hookID, WebhookRequest{URL: "https://hooks.example/legacy2", HTTPMethod: "post"})
	must(err)
	devs, _ := shop.PermissionGroupID("developers")
	greq, err := PermissionGroupRequestFromSpec(&spec.PermissionGroup{Name: "Developers", AccessType: "readOnly",
		NewEnvironmentAccessType: "none", ApprovalPermissionType: "cannotApprove", NewEnvironmentApprovalPermissionType: "cannotApprove"}, shop.Environments)
	must(err)
	_, err = c.UpdatePermissionGroup(ctx, devs, greq)
	must(err)
	keys, err := c.SDKKeys(ctx, web.ID, staging)
	must(err)
	if keys.Primary == "" {
		t.Error("no primary SDK key")
	}

	// a key rename: a new flag initialised from the old one's values and tags
	copied, err := c.CreateSetting(ctx, web.ID, CreateSettingRequest{Key: "darkTheme", Name: "Dark theme", SettingType: string(spec.TypeBoolean),
		SettingIDToInitFrom: &web.Flag("darkMode").ID})
	must(err)
	if len(copied.Tags) != 1 || copied.Tags[0].Name != "ops" {
		t.Errorf("copied tags = %+v", copied.Tags)
	}

	// single reads
	if g, err := c.PermissionGroup(ctx, devs); err != nil || g.AccessType != "readOnly" {
		t.Errorf("permission group = %+v, %v", g, err)
	}
	if w, err := c.Webhook(ctx, hookID); err != nil || w.URL != "https://hooks.example/legacy2" {
		t.Errorf("webhook = %+v, %v", w, err)
	}
	if tg, err := c.Tag(ctx, beta); err != nil || deref(tg.Color) != "whale" {
		t.Errorf("tag = %+v, %v", tg, err)
	}
	if e, err := c.Environment(ctx, staging); err != nil || deref(e.Color) != "#00ff00" {
		t.Errorf("environment = %+v, %v", e, err)
	}

	got, _, err := c.Fetch(ctx, FetchOptions{Products: []string{"Shop 2"}})
	must(err)
	p := got.Product("Shop 2")
	if p == nil {
		t.Fatal("renamed product not found")
	}
	checks := map[string][2]any{
		"product order":       {5, *p.Order},
		"config description":  {"new words", p.Config("Web").Description},
		"environment colour":  {"#00ff00", p.Environment("Staging").Color},
		"environment desc":    {"", p.Environment("Staging").Description},
		"tag colour":          {"whale", p.Tag("beta").Color},
		"segment value":       {"HU,SK", p.Segment("Hungarians").Value},
		"flag name":           {"Dark mode!", p.Config("Web").Flag("darkMode").Name},
		"flag hint":           {"", p.Config("Web").Flag("darkMode").Hint},
		"flag order":          {9, *p.Config("Web").Flag("darkMode").Order},
		"flag tags":           {"[ops]", spec.Key(fmt.Sprint(p.Config("Web").Flag("darkMode").Tags))},
		"variations":          {3, len(p.Config("Web").Flag("plan").Variations)},
		"permission access":   {"readOnly", p.PermissionGroup("Developers").AccessType},
		"webhook count":       {2, len(p.Webhooks)},
		"webhook replaced to": {"https://hooks.example/legacy2", p.Webhooks[0].URL},
	}
	if d := cmp.Diff(p.Config("Web").Flag("darkMode").Values, p.Config("Web").Flag("darkTheme").Values, ignorePos, cmpValues); d != "" {
		t.Errorf("values copied by settingIdToInitFrom differ (-old +new):\n%s", d)
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %v, want %v", name, c[1], c[0])
		}
	}

	// optimistic concurrency: a write naming a stale version fails with 409
	_, remote2, err := c.Fetch(ctx, FetchOptions{Products: []string{"Shop 2"}})
	must(err)
	limit := remote2.Product("Shop 2").Config("Web").Flag("limit")
	prodEnv, _ := shop.EnvironmentID("Production")
	formula, err := FormulaV2("limit", &spec.EnvValue{Default: spec.IntValue(11)}, nil)
	must(err)
	batch := []UpdateEvaluationFormulaWithID{{SettingID: limit.ID, UpdateEvaluationFormula: formula}}
	_, err = c.PostValuesV2With(ctx, web.ID, prodEnv, ValueWriteOptions{Reason: "r", LatestVersionID: limit.LastVersion("production")}, batch)
	must(err)
	_, err = c.PostValuesV2With(ctx, web.ID, prodEnv, ValueWriteOptions{Reason: "r", LatestVersionID: limit.LastVersion("production")}, batch)
	if !IsConflict(err) {
		t.Errorf("stale version: err = %v, want 409", err)
	}

	// deletes, bottom-up
	must(c.DeleteWebhook(ctx, hookID))
	must(c.DeletePermissionGroup(ctx, devs))
	must(c.DeleteSetting(ctx, web.Flag("theme").ID))
	must(c.DeleteTag(ctx, beta))
	must(c.DeleteConfig(ctx, shop.Config("Legacy").ID))
	if _, err := c.Setting(ctx, web.Flag("theme").ID); !IsNotFound(err) {
		t.Errorf("deleted setting: err = %v, want 404", err)
	}
	must(c.DeleteEnvironment(ctx, staging, true))
	must(c.DeleteProduct(ctx, remote.Product("Empty").ID))
	got, _, err = c.Fetch(ctx, FetchOptions{})
	must(err)
	if len(got.Products) != 1 || len(got.Products[0].Configs) != 1 || len(got.Products[0].Environments) != 1 ||
		len(got.Products[0].Webhooks) != 1 || len(got.Products[0].PermissionGroups) != 1 || len(got.Products[0].Tags) != 1 {
		t.Errorf("after deletes: %+v", got.Products[0])
	}
}
