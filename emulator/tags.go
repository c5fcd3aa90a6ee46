package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"net/http"
	"strings"
)

func tagOf(st *store, r *http.Request) (*tag, error) {
	return byPath(r, pathInt64, "tagId", st.Tags)
}

func (s *Server) tagNameTaken(st *store, productID, name string, except int64) bool {
	return s.b.UniqueTagNames && exists(st.Tags, func(t *tag) bool {
		return t.ProductID == productID && t.ID != except && strings.EqualFold(t.Name, name)
	})
}

func (s *Server) checkTagColor(c *string) error {
	if err := checkOptional("Color", c, 255); err != nil {
		return err
	}
	if s.b.ValidateTagColor && c != nil && *c != "" && !tagColorNames[strings.ToLower(*c)] && !validColor(*c) {
		return badRequest("Color", s.b.InvalidColorMessage)
	}
	return nil
}

// productTags lists the tags of a product.
func (st *store) productTags(p *product) []*tag {
	return collect(st.Tags, func(t *tag) bool { return t.ProductID == p.ID })
}

func (s *Server) createTag(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, productOf, func(st *store, p *product, req *wire.TagRequest) (*tag, error) {
		name := deref(req.Name)
		if err := checkRequired("Name", name, 1, 255); err != nil {
			return nil, err
		}
		if err := s.checkTagColor(req.Color); err != nil {
			return nil, err
		}
		if s.tagNameTaken(st, p.ID, name, 0) {
			return nil, badRequest("Name", s.b.DuplicateNameMessage)
		}
		t := &tag{ID: st.NextTag, ProductID: p.ID, Name: name, Color: optionalText(req.Color), Seq: st.nextSeq()}
		st.NextTag++
		st.Tags[t.ID] = t
		return t, nil
	}, s.tagView)
}

func (s *Server) updateTag(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, tagOf, func(st *store, t *tag, req *wire.TagRequest) error {
		if err := s.checkTagColor(req.Color); err != nil {
			return err
		}
		name, err := s.rename(req.Name, 255, t.Name, func(n string) bool { return s.tagNameTaken(st, t.ProductID, n, t.ID) })
		if err != nil {
			return err
		}
		t.Name = name
		updateText(req.Color, &t.Color)
		return nil
	}, s.tagView)
}

func (s *Server) listSettingsByTag(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, tagOf, func(st *store, t *tag) []*setting {
		return collect(st.Settings, func(x *setting) bool {
			for _, l := range x.Tags {
				if l.TagID == t.ID {
					return true
				}
			}
			return false
		})
	}, s.settingView)
}
