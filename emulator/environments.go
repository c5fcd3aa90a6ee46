package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"net/http"
	"strings"
)

func environmentOf(st *store, r *http.Request) (*environment, error) {
	return byPath(r, pathUUID, "environmentId", st.Environments)
}

func (s *Server) environmentNameTaken(st *store, productID, name, except string) bool {
	return s.b.UniqueEnvironmentNames && exists(st.Environments, func(e *environment) bool {
		return e.ProductID == productID && e.ID != except && strings.EqualFold(e.Name, name)
	})
}

// checkEnvironmentFields validates the optional fields shared by create and update.
func (s *Server) checkEnvironmentFields(req *wire.EnvironmentRequest) error {
	if err := checkOptional("Color", req.Color, 255); err != nil {
		return err
	}
	if err := checkOptional("Description", req.Description, 1000); err != nil {
		return err
	}
	if req.Color != nil && *req.Color != "" && !validColor(*req.Color) {
		return badRequest("Color", s.b.InvalidColorMessage)
	}
	return nil
}

// productEnvironments lists the environments of a product.
func (st *store) productEnvironments(p *product) []*environment {
	return collect(st.Environments, func(e *environment) bool { return e.ProductID == p.ID })
}

func (s *Server) createEnvironment(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, productOf, func(st *store, p *product, req *wire.EnvironmentRequest) (*environment, error) {
		name := deref(req.Name)
		if err := checkRequired("Name", name, 1, 255); err != nil {
			return nil, err
		}
		if err := s.checkEnvironmentFields(req); err != nil {
			return nil, err
		}
		if s.environmentNameTaken(st, p.ID, name, "") {
			return nil, badRequest("Name", s.b.DuplicateNameMessage)
		}
		e := &environment{ID: newUUID(), ProductID: p.ID, Name: name, Color: optionalText(req.Color),
			Description: optionalText(req.Description), Seq: st.nextSeq()}
		if req.Order != nil {
			e.Order = *req.Order
		} else {
			e.Order = nextOrder(s.b, st.Environments, func(o *environment) bool { return o.ProductID == p.ID })
		}
		st.Environments[e.ID] = e
		st.grantNewEnvironment(e)
		for _, c := range st.Configs {
			if c.ProductID != p.ID {
				continue
			}
			st.SDKKeys[sdkKeyKey(c.ID, e.ID)] = &sdkKeys{Primary: newSDKKey()}
		}
		for _, x := range st.Settings {
			if c := st.Configs[x.ConfigID]; c != nil && c.ProductID == p.ID {
				st.Values[valueKey(x.ID, e.ID)] = defaultValue(c, x, nil)
			}
		}
		return e, nil
	}, s.environmentView)
}

func (s *Server) updateEnvironment(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, environmentOf, func(st *store, e *environment, req *wire.EnvironmentRequest) error {
		if err := s.checkEnvironmentFields(req); err != nil {
			return err
		}
		name, err := s.rename(req.Name, 255, e.Name, func(n string) bool { return s.environmentNameTaken(st, e.ProductID, n, e.ID) })
		if err != nil {
			return err
		}
		e.Name = name
		updateText(req.Color, &e.Color)
		updateText(req.Description, &e.Description)
		if req.Order != nil {
			e.Order = *req.Order
		}
		return nil
	}, s.environmentView)
}
