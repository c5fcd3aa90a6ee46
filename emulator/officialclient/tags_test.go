package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// newTag creates a tag and returns its id.
func (h *harness) newTag(productID, name, color string) int64 {
	h.t.Helper()
	tg, resp, err := h.api.TagsAPI.CreateTag(h.ctx, productID).
		CreateTagModel(cc.CreateTagModel{Name: name, Color: nstr(color)}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return tg.GetTagId()
}

func TestTagLifecycle(t *testing.T) {
	cases := []struct {
		name   string
		req    cc.CreateTagModel
		update cc.UpdateTagModel
		want   [2]string
	}{
		{"named colour", cc.CreateTagModel{Name: "beta", Color: nstr("panther")},
			cc.UpdateTagModel{Name: nstr("gamma")}, [2]string{"gamma", "panther"}},
		{"html colour", cc.CreateTagModel{Name: "ops", Color: nstr("#ff0000")},
			cc.UpdateTagModel{Color: nstr("whale")}, [2]string{"ops", "whale"}},
		{"no colour reads back null", cc.CreateTagModel{Name: "plain"},
			cc.UpdateTagModel{Name: nstr("plainer")}, [2]string{"plainer", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			pid := h.newProduct("Shop")
			tg, resp, err := h.api.TagsAPI.CreateTag(h.ctx, pid).CreateTagModel(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := tg.GetTagId()
			if id <= 0 || tg.GetName() != c.req.Name || str(tg.Color) != str(c.req.Color) || tg.Product.GetProductId() != pid {
				t.Fatalf("created %+v from %+v", tg, c.req)
			}
			if !c.req.Color.IsSet() && tg.Color.Get() != nil {
				t.Errorf("colour never set = %q, want null (behaviour doc Q6)", *tg.Color.Get())
			}
			got, resp, err := h.api.TagsAPI.GetTag(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetTagId() != id || got.GetName() != c.req.Name {
				t.Errorf("read back %+v", got)
			}
			upd, resp, err := h.api.TagsAPI.UpdateTag(h.ctx, id).UpdateTagModel(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if upd.GetName() != c.want[0] || str(upd.Color) != c.want[1] {
				t.Errorf("updated = %q %q, want %q", upd.GetName(), str(upd.Color), c.want)
			}
			list, resp, err := h.api.TagsAPI.GetTags(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetTagId() != id || list[0].GetName() != c.want[0] {
				t.Errorf("list = %+v", list)
			}
			resp, err = h.api.TagsAPI.DeleteTag(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.TagsAPI.GetTag(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func TestTagSettingsAndDetachOnDelete(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	cid := h.newConfig(pid, "Main", cc.EVALUATIONVERSION_V2)
	keep := h.newTag(pid, "keep", "koala")
	gone := h.newTag(pid, "gone", "salmon")
	s, resp, err := h.api.FeatureFlagsSettingsAPI.CreateSetting(h.ctx, cid).CreateSettingInitialValues(
		cc.CreateSettingInitialValues{Key: "tagged", Name: "Tagged", SettingType: cc.SETTINGTYPE_BOOLEAN,
			Tags: []int64{keep, gone}}).Execute()
	ok(t, resp, err, http.StatusCreated)

	byTag, resp, err := h.api.TagsAPI.GetSettingsByTag(h.ctx, gone).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(byTag) != 1 || byTag[0].GetSettingId() != s.GetSettingId() {
		t.Fatalf("settings by tag = %+v", byTag)
	}
	resp, err = h.api.TagsAPI.DeleteTag(h.ctx, gone).Execute()
	ok(t, resp, err, http.StatusNoContent)
	got, resp, err := h.api.FeatureFlagsSettingsAPI.GetSetting(h.ctx, s.GetSettingId()).Execute()
	ok(t, resp, err, http.StatusOK)
	if len(got.Tags) != 1 || got.Tags[0].GetTagId() != keep {
		t.Errorf("tags after deleting one = %+v, want only %d (behaviour doc Q5: detach)", got.Tags, keep)
	}
	_, resp, err = h.api.TagsAPI.GetSettingsByTag(h.ctx, gone).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.TagsAPI.UpdateTag(h.ctx, gone).UpdateTagModel(cc.UpdateTagModel{Name: nstr("x")}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
