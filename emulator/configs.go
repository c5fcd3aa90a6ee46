package emulator

import (
	"net/http"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

func configOf(st *store, r *http.Request) (*config, error) {
	return byPath(r, pathUUID, "configId", st.Configs)
}

func (s *Server) configNameTaken(st *store, productID, name, except string) bool {
	return s.b.UniqueConfigNames && exists(st.Configs, func(c *config) bool {
		return c.ProductID == productID && c.ID != except && strings.EqualFold(c.Name, name)
	})
}

// productConfigs lists the configs of a product.
func (st *store) productConfigs(p *product) []*config {
	return collect(st.Configs, func(c *config) bool { return c.ProductID == p.ID })
}

func (s *Server) createConfig(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, productOf, func(st *store, p *product, req *wire.CreateConfigRequest) (*config, error) {
		if err := checkRequired("Name", req.Name, 1, 255); err != nil {
			return nil, err
		}
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return nil, err
		}
		version := s.b.DefaultEvaluationVersion
		if req.EvaluationVersion != nil {
			version = *req.EvaluationVersion
		}
		if version != "v1" && version != "v2" {
			return nil, badRequest("EvaluationVersion", "The value '"+version+"' is not valid.")
		}
		if s.configNameTaken(st, p.ID, req.Name, "") {
			return nil, badRequest("Name", s.b.DuplicateNameMessage)
		}
		c := &config{ID: newUUID(), ProductID: p.ID, Name: req.Name, Description: optionalText(req.Description),
			Version: version, Seq: st.nextSeq()}
		if req.Order != nil {
			c.Order = *req.Order
		} else {
			c.Order = nextOrder(s.b, st.Configs, func(o *config) bool { return o.ProductID == p.ID })
		}
		st.Configs[c.ID] = c
		for _, e := range st.Environments {
			if e.ProductID == p.ID {
				st.SDKKeys[sdkKeyKey(c.ID, e.ID)] = &sdkKeys{Primary: newSDKKey()}
			}
		}
		return c, nil
	}, s.configView)
}

func (s *Server) updateConfig(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, configOf, func(st *store, c *config, req *wire.UpdateConfigRequest) error {
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return err
		}
		name, err := s.rename(req.Name, 255, c.Name, func(n string) bool { return s.configNameTaken(st, c.ProductID, n, c.ID) })
		if err != nil {
			return err
		}
		c.Name = name
		updateText(req.Description, &c.Description)
		if req.Order != nil {
			c.Order = *req.Order
		}
		return nil
	}, s.configView)
}

func (s *Server) getSDKKeys(w http.ResponseWriter, r *http.Request) {
	var out wire.SDKKeys
	var err error
	s.read(func(st *store) {
		var c *config
		var e *environment
		if c, e, err = configEnvOf(st, r); err != nil {
			return
		}
		k := st.SDKKeys[sdkKeyKey(c.ID, e.ID)]
		if k == nil {
			err = errNotFound
			return
		}
		out = wire.SDKKeys{Primary: k.Primary, Secondary: k.Secondary}
	})
	answer(w, http.StatusOK, out, err)
}
