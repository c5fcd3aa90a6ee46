package configcat

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/flagsync/flagsync/emulator"
	"github.com/flagsync/flagsync/spec"
)

const (
	emuUser = "flagsync-test"
	emuPass = "emu-Pa55word-1234"
)

// newEmulator starts an in-process emulator with its rate limits off.
func newEmulator(t testing.TB) (*emulator.Server, *httptest.Server) {
	t.Helper()
	emu := emulator.New(emulator.Options{User: emuUser, Pass: emuPass, RateLimit: emulator.RateLimit{Off: true}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv
}

// emuClient returns a client of the emulator; edit adjusts its Config.
func emuClient(t testing.TB, srv *httptest.Server, edit ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: srv.URL, User: emuUser, Pass: emuPass, HTTPClient: contractHTTPClient(t)}
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// seed creates a normalized state in an empty organization through the client's own write methods, in the
// order the API needs (environments and tags before flags, every flag of a config before its values), and
// returns the ids it made.
func seed(t testing.TB, c *Client, orgID string, st *spec.State, env map[string]string) *Remote {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	lookupEnv := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	remote := NewRemote(orgID)
	for _, p := range st.Products {
		wp, err := c.CreateProduct(ctx, orgID, ProductRequest{Name: strPtr(p.Name), Description: strPtr(p.Description), Order: order32(p.Order)})
		must(err)
		rp := NewRemoteProduct(wp.ProductID)
		remote.Products[spec.Key(p.Name)] = rp
		for _, e := range p.Environments {
			we, err := c.CreateEnvironment(ctx, rp.ID, EnvironmentRequest{Name: strPtr(e.Name), Color: strPtr(e.Color),
				Description: strPtr(e.Description), Order: order32(e.Order)})
			must(err)
			rp.Environments[spec.Key(e.Name)] = we.EnvironmentID
		}
		for _, tg := range p.Tags {
			wt, err := c.CreateTag(ctx, rp.ID, TagRequest{Name: strPtr(tg.Name), Color: strPtr(tg.Color)})
			must(err)
			rp.Tags[spec.Key(tg.Name)] = wt.TagID
		}
		for _, s := range p.Segments {
			ws, err := c.CreateSegment(ctx, rp.ID, SegmentRequestFromSpec(s))
			must(err)
			rp.Segments[spec.Key(s.Name)] = ws.SegmentID
		}
		if p.Preferences != nil {
			req, err := PreferencesRequestFromSpec(p.Preferences, rp.Environments)
			must(err)
			_, err = c.UpdatePreferences(ctx, rp.ID, req)
			must(err)
		}
		for _, cfg := range p.Configs {
			wc, err := c.CreateConfig(ctx, rp.ID, CreateConfigRequest{Name: cfg.Name, Description: strPtr(cfg.Description),
				Order: order32(cfg.Order), EvaluationVersion: strPtr(string(cfg.EvaluationVersion))})
			must(err)
			rc := NewRemoteConfig(wc.ConfigID, spec.EvaluationVersion(wc.EvaluationVersion))
			rp.Configs[spec.Key(cfg.Name)] = rc
			for _, f := range cfg.Flags {
				req, err := CreateSettingRequestFromSpec(f, rp.Environments, rp.Tags)
				must(err)
				ws, err := c.CreateSetting(ctx, rc.ID, req)
				must(err)
				rf := NewRemoteFlag(ws.SettingID, spec.FlagType(ws.SettingType))
				for _, v := range ws.PredefinedVariations {
					val, _ := wireValue(v.Value, spec.FlagType(ws.SettingType))
					rf.Variations[ValueKey(val)] = v.PredefinedVariationID
				}
				rc.Flags[spec.Key(f.Key)] = rf
			}
			refs := rp.Resolver(cfg.Name)
			for _, e := range p.Environments {
				envID := rp.Environments[spec.Key(e.Name)]
				if cfg.EvaluationVersion == spec.EvaluationV1 {
					var batch []UpdateSettingValueWithID
					for _, f := range cfg.Flags {
						v, err := FormulaV1(f.Key, f.Values[e.Name], refs)
						must(err)
						batch = append(batch, UpdateSettingValueWithID{SettingID: rc.Flag(f.Key).ID, UpdateSettingValue: v})
					}
					_, err := c.PostValuesV1(ctx, rc.ID, envID, "seeded by a test", batch)
					must(err)
					continue
				}
				var batch []UpdateEvaluationFormulaWithID
				for _, f := range cfg.Flags {
					v, err := FormulaV2(f.Key, f.Values[e.Name], refs)
					must(err)
					batch = append(batch, UpdateEvaluationFormulaWithID{SettingID: rc.Flag(f.Key).ID, UpdateEvaluationFormula: v})
				}
				_, err := c.PostValuesV2(ctx, rc.ID, envID, "seeded by a test", batch)
				must(err)
			}
		}
		for _, w := range p.Webhooks {
			req, err := WebhookRequestFromSpec(w, lookupEnv)
			must(err)
			ww, err := c.CreateWebhook(ctx, rp.Configs[spec.Key(w.Config)].ID, rp.Environments[spec.Key(w.Environment)], req)
			must(err)
			rp.Webhooks[spec.WebhookKey(w)] = ww.WebhookID
		}
		for _, g := range p.PermissionGroups {
			req, err := PermissionGroupRequestFromSpec(g, rp.Environments)
			must(err)
			wg, err := c.CreatePermissionGroup(ctx, rp.ID, req)
			must(err)
			rp.PermissionGroups[spec.Key(g.Name)] = wg.PermissionGroupID
		}
	}
	return remote
}
