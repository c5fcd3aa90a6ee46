package officialclient_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// TestNamesWithoutUniquenessRule creates duplicates where no uniqueness is documented: tags (ConfigCat's own
// importer tolerates them), configs and permission groups (behaviour doc Q1).
func TestNamesWithoutUniquenessRule(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	cases := []struct {
		name   string
		create func() (*http.Response, error)
	}{
		{"tag", func() (*http.Response, error) {
			_, r, e := h.api.TagsAPI.CreateTag(h.ctx, pid).CreateTagModel(cc.CreateTagModel{Name: "beta"}).Execute()
			return r, e
		}},
		{"config", func() (*http.Response, error) {
			_, r, e := h.api.ConfigsAPI.CreateConfig(h.ctx, pid).CreateConfigRequest(cc.CreateConfigRequest{Name: "Main"}).Execute()
			return r, e
		}},
		{"permission group", func() (*http.Response, error) {
			_, r, e := h.api.PermissionGroupsAPI.CreatePermissionGroup(h.ctx, pid).
				CreatePermissionGroupRequest(cc.CreatePermissionGroupRequest{Name: "Devs"}).Execute()
			return r, e
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for range 2 {
				resp, err := c.create()
				ok(t, resp, err, http.StatusCreated)
			}
		})
	}
}

// TestKeysStayVerbatim checks that keyGenerationMode does not touch keys sent through the API (behaviour doc
// Q2), and that the tag JSON Patch forms ConfigCat's own tools send work: ids as strings, removal by index.
func TestKeysStayVerbatim(t *testing.T) {
	h := newHarness(t)
	f := h.newFixture(cc.EVALUATIONVERSION_V2)
	_, resp, err := h.api.ProductsAPI.UpdateProductPreferences(h.ctx, f.product).UpdatePreferencesRequest(
		cc.UpdatePreferencesRequest{KeyGenerationMode: cc.KEYGENERATIONMODE_KEBAB_CASE.Ptr()}).Execute()
	ok(t, resp, err, http.StatusOK)
	id := h.newSetting(f, "PascalCase_Key-1", cc.SETTINGTYPE_BOOLEAN, true)
	one, two := h.newTag(f.product, "one", "canary"), h.newTag(f.product, "two", "lizard")

	steps := []struct {
		name string
		ops  []cc.JsonPatchOperation
		want []int64
	}{
		{"add ids given as strings", []cc.JsonPatchOperation{
			{Op: cc.OPERATIONTYPE_ADD, Path: "/tags/-", Value: strconv.FormatInt(one, 10)},
			{Op: cc.OPERATIONTYPE_ADD, Path: "/tags/-", Value: strconv.FormatInt(two, 10)}}, []int64{one, two}},
		{"remove by index", []cc.JsonPatchOperation{{Op: cc.OPERATIONTYPE_REMOVE, Path: "/tags/0"}}, []int64{two}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			got, resp, err := h.api.FeatureFlagsSettingsAPI.UpdateSetting(h.ctx, id).JsonPatchOperation(s.ops).Execute()
			ok(t, resp, err, http.StatusOK)
			if !slices.Equal(tagIDs(got.Tags), s.want) || got.GetKey() != "PascalCase_Key-1" {
				t.Errorf("after patch: key %q tags %v, want PascalCase_Key-1 %v", got.GetKey(), tagIDs(got.Tags), s.want)
			}
		})
	}
}
