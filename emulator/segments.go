package emulator

import (
	"net/http"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

func segmentOf(st *store, r *http.Request) (*segment, error) {
	return byPath(r, pathUUID, "segmentId", st.Segments)
}

func (s *Server) segmentNameTaken(st *store, productID, name, except string) bool {
	return s.b.UniqueSegmentNames && exists(st.Segments, func(sg *segment) bool {
		return sg.ProductID == productID && sg.ID != except && strings.EqualFold(sg.Name, name)
	})
}

// segmentUsage counts the settings whose values reference the segment, in any environment.
func segmentUsage(st *store, segmentID string) int32 {
	used := map[string]bool{}
	for key, v := range st.Values {
		if valueUsesSegment(v, segmentID) {
			_, settingID, _ := strings.Cut(key, "/")
			used[settingID] = true
		}
	}
	return int32(len(used))
}

func valueUsesSegment(v *settingValue, segmentID string) bool {
	for c := range formulaConditions(v.V2) {
		if c.SegmentCondition != nil && strings.EqualFold(c.SegmentCondition.SegmentID, segmentID) {
			return true
		}
	}
	if v.V1 != nil {
		for _, r := range v.V1.RolloutRules {
			if r.SegmentID != nil && strings.EqualFold(*r.SegmentID, segmentID) {
				return true
			}
		}
	}
	return false
}

func (s *Server) segmentView(st *store, sg *segment) wire.Segment {
	return wire.Segment{SegmentHead: s.segmentHead(st, sg), ComparisonAttribute: sg.Attribute, Comparator: sg.Comparator,
		ComparisonValue: sg.Value}
}

// segmentHead is what a segment's answer and its list item share.
func (s *Server) segmentHead(st *store, sg *segment) wire.SegmentHead {
	return wire.SegmentHead{
		Product:             s.productView(st.Products[sg.ProductID]),
		SegmentID:           sg.ID,
		Name:                sg.Name,
		Description:         sg.Description,
		CreatorEmail:        strPtr(sg.Creator.Email),
		CreatorFullName:     strPtr(sg.Creator.FullName),
		CreatedAt:           timestamp(sg.CreatedAt),
		LastUpdaterEmail:    strPtr(sg.Updater.Email),
		LastUpdaterFullName: strPtr(sg.Updater.FullName),
		UpdatedAt:           timestamp(sg.UpdatedAt),
	}
}

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, productOf, func(st *store, p *product) []*segment {
		return collect(st.Segments, func(sg *segment) bool { return sg.ProductID == p.ID })
	}, func(st *store, sg *segment) wire.SegmentListItem {
		return wire.SegmentListItem{SegmentHead: s.segmentHead(st, sg), Usage: segmentUsage(st, sg.ID)}
	})
}

func checkRolloutComparator(field string, c string) error {
	if !rolloutComparators[c] {
		return badRequest(field, "The value '"+c+"' is not valid.")
	}
	return nil
}

func (s *Server) createSegment(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, productOf, func(st *store, p *product, req *wire.SegmentRequest) (*segment, error) {
		name, attr, cmp, cv := deref(req.Name), deref(req.ComparisonAttribute), deref(req.Comparator), deref(req.ComparisonValue)
		if err := checkRequired("Name", name, 1, 255); err != nil {
			return nil, err
		}
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return nil, err
		}
		if err := checkRequired("ComparisonAttribute", attr, 1, 1000); err != nil {
			return nil, err
		}
		if cmp == "" {
			return nil, badRequest("Comparator", requiredMsg("Comparator"))
		}
		if err := checkRolloutComparator("Comparator", cmp); err != nil {
			return nil, err
		}
		if err := checkRequired("ComparisonValue", cv, 1, 0); err != nil {
			return nil, err
		}
		if s.segmentNameTaken(st, p.ID, name, "") {
			return nil, badRequest("Name", s.b.DuplicateNameMessage)
		}
		now := s.now()
		me := s.acting()
		sg := &segment{ID: newUUID(), ProductID: p.ID, Name: name, Description: optionalText(req.Description),
			Attribute: attr, Comparator: cmp, Value: cv, CreatedAt: now, UpdatedAt: now, Creator: me, Updater: me,
			Seq: st.nextSeq()}
		st.Segments[sg.ID] = sg
		return sg, nil
	}, s.segmentView)
}

func (s *Server) updateSegment(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, segmentOf, func(st *store, sg *segment, req *wire.SegmentRequest) error {
		name, attr, cv := sg.Name, sg.Attribute, sg.Value
		if err := updateName("Name", req.Name, 255, &name); err != nil {
			return err
		}
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return err
		}
		if err := updateName("ComparisonAttribute", req.ComparisonAttribute, 1000, &attr); err != nil {
			return err
		}
		if err := updateName("ComparisonValue", req.ComparisonValue, 0, &cv); err != nil {
			return err
		}
		if req.Comparator != nil {
			if err := checkRolloutComparator("Comparator", *req.Comparator); err != nil {
				return err
			}
		}
		if s.segmentNameTaken(st, sg.ProductID, name, sg.ID) {
			return badRequest("Name", s.b.DuplicateNameMessage)
		}
		sg.Name, sg.Attribute, sg.Value = name, attr, cv
		if req.Comparator != nil {
			sg.Comparator = *req.Comparator
		}
		updateText(req.Description, &sg.Description)
		sg.UpdatedAt = s.now()
		sg.Updater = s.acting()
		return nil
	}, s.segmentView)
}

func (s *Server) deleteSegment(w http.ResponseWriter, r *http.Request) {
	serveDelete(s, w, r, segmentOf, func(st *store, sg *segment) error {
		if s.b.RefuseSegmentDeleteInUse && segmentUsage(st, sg.ID) > 0 {
			return badRequest("", s.b.SegmentInUseMessage)
		}
		delete(st.Segments, sg.ID)
		return nil
	})
}
