package emulator

import (
	"net/http"
	"strings"
)

type tagRequest struct {
	Name  *string `json:"name"`
	Color *string `json:"color"`
}

func tagOf(st *store, r *http.Request) (*tag, error) {
	id, err := pathInt64(r, "tagId")
	if err != nil {
		return nil, err
	}
	t := st.Tags[id]
	if t == nil {
		return nil, errNotFound
	}
	return t, nil
}

func (s *Server) tagNameTaken(st *store, productID, name string, except int64) bool {
	if !s.b.UniqueTagNames {
		return false
	}
	for _, t := range st.Tags {
		if t.ProductID == productID && t.ID != except && strings.EqualFold(t.Name, name) {
			return true
		}
	}
	return false
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

func (s *Server) listTags(w http.ResponseWriter, r *http.Request) {
	var out []tagModel
	var err error
	s.read(func(st *store) {
		var p *product
		if p, err = productOf(st, r); err != nil {
			return
		}
		ts := collect(st.Tags, func(t *tag) bool { return t.ProductID == p.ID })
		out = make([]tagModel, len(ts))
		for i, t := range ts {
			out[i] = s.tagView(st, t)
		}
	})
	answer(w, http.StatusOK, out, err)
}

func (s *Server) getTag(w http.ResponseWriter, r *http.Request) {
	var out tagModel
	var err error
	s.read(func(st *store) {
		var t *tag
		if t, err = tagOf(st, r); err == nil {
			out = s.tagView(st, t)
		}
	})
	answer(w, http.StatusOK, out, err)
}

func (s *Server) createTag(w http.ResponseWriter, r *http.Request) {
	var req tagRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	var out tagModel
	var err error
	s.write(func(st *store) bool {
		var p *product
		if p, err = productOf(st, r); err != nil {
			return false
		}
		name := ""
		if req.Name != nil {
			name = *req.Name
		}
		if err = checkRequired("Name", name, 1, 255); err != nil {
			return false
		}
		if err = s.checkTagColor(req.Color); err != nil {
			return false
		}
		if s.tagNameTaken(st, p.ID, name, 0) {
			err = badRequest("Name", s.b.DuplicateNameMessage)
			return false
		}
		t := &tag{ID: st.NextTag, ProductID: p.ID, Name: name, Color: textOrNil(req.Color), Seq: st.nextSeq()}
		st.NextTag++
		st.Tags[t.ID] = t
		out = s.tagView(st, t)
		return true
	})
	answer(w, http.StatusCreated, out, err)
}

func (s *Server) updateTag(w http.ResponseWriter, r *http.Request) {
	var req tagRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	var out tagModel
	var err error
	s.write(func(st *store) bool {
		var t *tag
		if t, err = tagOf(st, r); err != nil {
			return false
		}
		if err = s.checkTagColor(req.Color); err != nil {
			return false
		}
		name := t.Name
		if err = updateName("Name", req.Name, 255, &name); err != nil {
			return false
		}
		if s.tagNameTaken(st, t.ProductID, name, t.ID) {
			err = badRequest("Name", s.b.DuplicateNameMessage)
			return false
		}
		t.Name = name
		updateText(req.Color, &t.Color)
		out = s.tagView(st, t)
		return true
	})
	answer(w, http.StatusOK, out, err)
}

func (s *Server) deleteTag(w http.ResponseWriter, r *http.Request) {
	var err error
	s.write(func(st *store) bool {
		var t *tag
		if t, err = tagOf(st, r); err != nil {
			return false
		}
		st.deleteTag(t)
		return true
	})
	answer(w, http.StatusNoContent, nil, err)
}

func (s *Server) listSettingsByTag(w http.ResponseWriter, r *http.Request) {
	var out []settingModel
	var err error
	s.read(func(st *store) {
		var t *tag
		if t, err = tagOf(st, r); err != nil {
			return
		}
		xs := collect(st.Settings, func(x *setting) bool {
			for _, l := range x.Tags {
				if l.TagID == t.ID {
					return true
				}
			}
			return false
		})
		out = make([]settingModel, len(xs))
		for i, x := range xs {
			out[i] = s.settingView(st, x)
		}
	})
	answer(w, http.StatusOK, out, err)
}
