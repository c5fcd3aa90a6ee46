package officialclient_test

import (
	"net/http"
	"testing"

	cc "github.com/configcat/configcat-publicapi-go-client/v2"
)

// newSegment creates a segment and returns its id.
func (h *harness) newSegment(productID, name string) string {
	h.t.Helper()
	sg, resp, err := h.api.SegmentsAPI.CreateSegment(h.ctx, productID).CreateSegmentModel(cc.CreateSegmentModel{
		Name: name, ComparisonAttribute: "Email", Comparator: cc.ROLLOUTRULECOMPARATOR_CONTAINS,
		ComparisonValue: "@example.com"}).Execute()
	ok(h.t, resp, err, http.StatusCreated)
	return sg.GetSegmentId()
}

func TestSegmentLifecycle(t *testing.T) {
	cases := []struct {
		name   string
		req    cc.CreateSegmentModel
		update cc.UpdateSegmentModel
		want   cc.UpdateSegmentModel // expected name, attribute, comparator, value after the update
	}{
		{"list comparator, sensitive values stay plaintext",
			cc.CreateSegmentModel{Name: "Staff", Description: nstr("our people"), ComparisonAttribute: "Email",
				Comparator: cc.ROLLOUTRULECOMPARATOR_SENSITIVE_IS_ONE_OF, ComparisonValue: "a@b.com,c@d.com"},
			cc.UpdateSegmentModel{Name: nstr("Team")},
			cc.UpdateSegmentModel{Name: nstr("Team"), ComparisonAttribute: nstr("Email"),
				Comparator: cc.ROLLOUTRULECOMPARATOR_SENSITIVE_IS_ONE_OF.Ptr(), ComparisonValue: nstr("a@b.com,c@d.com")}},
		{"number comparator, condition replaced",
			cc.CreateSegmentModel{Name: "Adults", ComparisonAttribute: "Age",
				Comparator: cc.ROLLOUTRULECOMPARATOR_NUMBER_GREATER_OR_EQUALS, ComparisonValue: "18"},
			cc.UpdateSegmentModel{ComparisonAttribute: nstr("Country"), Comparator: cc.ROLLOUTRULECOMPARATOR_IS_ONE_OF.Ptr(),
				ComparisonValue: nstr("HU,DE")},
			cc.UpdateSegmentModel{Name: nstr("Adults"), ComparisonAttribute: nstr("Country"),
				Comparator: cc.ROLLOUTRULECOMPARATOR_IS_ONE_OF.Ptr(), ComparisonValue: nstr("HU,DE")}},
		{"semver comparator", cc.CreateSegmentModel{Name: "New apps", ComparisonAttribute: "AppVersion",
			Comparator: cc.ROLLOUTRULECOMPARATOR_SEM_VER_GREATER, ComparisonValue: "2.0.0"},
			cc.UpdateSegmentModel{Description: nstr("described")},
			cc.UpdateSegmentModel{Name: nstr("New apps"), ComparisonAttribute: nstr("AppVersion"),
				Comparator: cc.ROLLOUTRULECOMPARATOR_SEM_VER_GREATER.Ptr(), ComparisonValue: nstr("2.0.0")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			pid := h.newProduct("Shop")
			sg, resp, err := h.api.SegmentsAPI.CreateSegment(h.ctx, pid).CreateSegmentModel(c.req).Execute()
			ok(t, resp, err, http.StatusCreated)
			id := sg.GetSegmentId()
			if !isUUID(id) || sg.GetName() != c.req.Name || sg.GetComparisonAttribute() != c.req.ComparisonAttribute ||
				sg.GetComparator() != c.req.Comparator || sg.GetComparisonValue() != c.req.ComparisonValue ||
				str(sg.Description) != str(c.req.Description) || sg.Product.GetProductId() != pid {
				t.Fatalf("created %+v from %+v", sg, c.req)
			}
			if str(sg.CreatorEmail) == "" || sg.CreatedAt == nil {
				t.Errorf("creator fields missing: %+v", sg)
			}
			got, resp, err := h.api.SegmentsAPI.GetSegment(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusOK)
			if got.GetComparisonValue() != c.req.ComparisonValue || got.GetComparator() != c.req.Comparator {
				t.Errorf("read back %+v", got)
			}

			upd, resp, err := h.api.SegmentsAPI.UpdateSegment(h.ctx, id).UpdateSegmentModel(c.update).Execute()
			ok(t, resp, err, http.StatusOK)
			if upd.GetName() != str(c.want.Name) || upd.GetComparisonAttribute() != str(c.want.ComparisonAttribute) ||
				upd.GetComparator() != *c.want.Comparator || upd.GetComparisonValue() != str(c.want.ComparisonValue) {
				t.Errorf("updated = %+v, want %+v", upd, c.want)
			}
			if c.update.Description.IsSet() && str(upd.Description) != str(c.update.Description) {
				t.Errorf("description = %q", str(upd.Description))
			}

			list, resp, err := h.api.SegmentsAPI.GetSegments(h.ctx, pid).Execute()
			ok(t, resp, err, http.StatusOK)
			if len(list) != 1 || list[0].GetSegmentId() != id || list[0].GetName() != str(c.want.Name) || list[0].GetUsage() != 0 {
				t.Errorf("list = %+v", list)
			}

			resp, err = h.api.SegmentsAPI.DeleteSegment(h.ctx, id).Execute()
			ok(t, resp, err, http.StatusNoContent)
			_, resp, err = h.api.SegmentsAPI.GetSegment(h.ctx, id).Execute()
			fails(t, resp, err, http.StatusNotFound, "")
		})
	}
}

func TestSegmentErrors(t *testing.T) {
	h := newHarness(t)
	pid := h.newProduct("Shop")
	h.newSegment(pid, "Staff")
	_, resp, err := h.api.SegmentsAPI.CreateSegment(h.ctx, pid).CreateSegmentModel(cc.CreateSegmentModel{
		Name: "STAFF", ComparisonAttribute: "Email", Comparator: cc.ROLLOUTRULECOMPARATOR_CONTAINS,
		ComparisonValue: "x"}).Execute()
	fails(t, resp, err, http.StatusBadRequest, "This name is already in use")

	const unknown = "00000000-0000-4000-8000-000000000000"
	_, resp, err = h.api.SegmentsAPI.GetSegment(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.SegmentsAPI.UpdateSegment(h.ctx, unknown).
		UpdateSegmentModel(cc.UpdateSegmentModel{Name: nstr("x")}).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	resp, err = h.api.SegmentsAPI.DeleteSegment(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
	_, resp, err = h.api.SegmentsAPI.GetSegments(h.ctx, unknown).Execute()
	fails(t, resp, err, http.StatusNotFound, "")
}
