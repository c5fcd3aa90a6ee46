package emulator

import (
	"net/http"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	who := s.callOf(w).who
	writeJSON(w, http.StatusOK, wire.Me{Email: who.Email, FullName: who.FullName})
}

// me is the organization admin's /v1/me identity, the creator of what a state file leaves without one.
func (s *Server) me() person {
	return person{Email: s.b.MeEmail, FullName: s.b.MeFullName}
}

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) {
	var out []wire.Organization
	s.read(func(*store) { out = []wire.Organization{s.orgView()} })
	writeJSON(w, http.StatusOK, out)
}

// organizationOf checks the organizationId path parameter against the emulator's organization.
func organizationOf(st *store, r *http.Request) error {
	if id, err := pathUUID(r, "organizationId"); err != nil || id != strings.ToLower(st.Organization.ID) {
		return errNotFound
	}
	return nil
}

func (s *Server) getLimitations(w http.ResponseWriter, r *http.Request) {
	var err error
	s.read(func(st *store) { err = organizationOf(st, r) })
	if err != nil {
		writeError(w, errNotFound)
		return
	}
	writeJSON(w, http.StatusOK, wire.OrganizationLimitations{FeatureFlagLimitations: s.limitations(),
		MaxPredefinedVariations: s.b.Limits.MaxPredefinedVariations})
}

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	var out []wire.Product
	s.read(func(st *store) {
		ps := collect(st.Products, func(*product) bool { return true })
		out = make([]wire.Product, len(ps))
		for i, p := range ps {
			out[i] = s.productView(p)
		}
	})
	writeJSON(w, http.StatusOK, out)
}

// productOf finds the product named by the productId path parameter.
func productOf(st *store, r *http.Request) (*product, error) {
	return byPath(r, pathUUID, "productId", st.Products)
}

// productEntry is productView in the shape the handler skeletons take.
func (s *Server) productEntry(_ *store, p *product) wire.Product { return s.productView(p) }

func (s *Server) productNameTaken(st *store, name, except string) bool {
	return s.b.UniqueProductNames && exists(st.Products, func(p *product) bool {
		return p.ID != except && strings.EqualFold(p.Name, name)
	})
}

func (s *Server) createProduct(w http.ResponseWriter, r *http.Request) {
	serveChange(s, w, r, http.StatusCreated, func(st *store, req *wire.ProductRequest) (*product, error) {
		if err := organizationOf(st, r); err != nil {
			return nil, err
		}
		name := deref(req.Name)
		if err := checkRequired("Name", name, 1, 1000); err != nil {
			return nil, err
		}
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return nil, err
		}
		if s.productNameTaken(st, name, "") {
			return nil, badRequest("Name", s.b.DuplicateNameMessage)
		}
		p := &product{ID: newUUID(), Name: name, Description: optionalText(req.Description), Seq: st.nextSeq(),
			Prefs: prefs{KeyGenerationMode: "camelCase", ReasonEnvs: map[string]bool{}, ApproveEnvs: map[string]bool{}}}
		if req.Order != nil {
			p.Order = *req.Order
		} else {
			p.Order = nextOrder(s.b, st.Products, func(*product) bool { return true })
		}
		st.Products[p.ID] = p
		return p, nil
	}, s.productEntry)
}

func (s *Server) updateProduct(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, productOf, func(st *store, p *product, req *wire.ProductRequest) error {
		if err := checkOptional("Description", req.Description, 1000); err != nil {
			return err
		}
		name, err := s.rename(req.Name, 1000, p.Name, func(n string) bool { return s.productNameTaken(st, n, p.ID) })
		if err != nil {
			return err
		}
		p.Name = name
		updateText(req.Description, &p.Description)
		if req.Order != nil {
			p.Order = *req.Order
		}
		return nil
	}, s.productEntry)
}

// preferencesView lists every environment of the product, as the real API does (behaviour doc Q6).
func preferencesView(st *store, p *product) wire.Preferences {
	envs := collect(st.Environments, func(e *environment) bool { return e.ProductID == p.ID })
	out := wire.Preferences{
		ReasonRequired:              p.Prefs.ReasonRequired,
		KeyGenerationMode:           p.Prefs.KeyGenerationMode,
		ShowVariationID:             p.Prefs.ShowVariationID,
		MandatorySettingHint:        p.Prefs.MandatorySettingHint,
		ApproveRequired:             p.Prefs.ApproveRequired,
		ReasonRequiredEnvironments:  make([]wire.ReasonRequiredEnvironment, len(envs)),
		ApproveRequiredEnvironments: make([]wire.ApproveRequiredEnvironment, len(envs)),
	}
	for i, e := range envs {
		out.ReasonRequiredEnvironments[i] = wire.ReasonRequiredEnvironment{EnvironmentID: e.ID,
			ReasonRequired: p.Prefs.ReasonEnvs[e.ID], EnvironmentName: strPtr(e.Name)}
		out.ApproveRequiredEnvironments[i] = wire.ApproveRequiredEnvironment{EnvironmentID: e.ID,
			ApproveRequired: p.Prefs.ApproveEnvs[e.ID], EnvironmentName: strPtr(e.Name)}
	}
	return out
}

var keyGenerationModes = map[string]bool{"camelCase": true, "lowerCase": true, "upperCase": true, "pascalCase": true, "kebabCase": true}

func (s *Server) updatePreferences(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, productOf, func(st *store, p *product, req *wire.PreferencesRequest) error {
		if req.KeyGenerationMode != nil && !keyGenerationModes[*req.KeyGenerationMode] {
			return badRequest("KeyGenerationMode", "The value '"+*req.KeyGenerationMode+"' is not valid.")
		}
		ownEnv := func(id string) bool {
			e := st.Environments[strings.ToLower(id)]
			return e != nil && e.ProductID == p.ID
		}
		for _, e := range req.ReasonRequiredEnvironments {
			if !ownEnv(e.EnvironmentID) {
				return badRequest("ReasonRequiredEnvironments", "Environment not found.")
			}
		}
		for _, e := range req.ApproveRequiredEnvironments {
			if !ownEnv(e.EnvironmentID) {
				return badRequest("ApproveRequiredEnvironments", "Environment not found.")
			}
		}
		setBool(req.ReasonRequired, &p.Prefs.ReasonRequired)
		setBool(req.ShowVariationID, &p.Prefs.ShowVariationID)
		setBool(req.MandatorySettingHint, &p.Prefs.MandatorySettingHint)
		setBool(req.ApproveRequired, &p.Prefs.ApproveRequired)
		if req.KeyGenerationMode != nil {
			p.Prefs.KeyGenerationMode = *req.KeyGenerationMode
		}
		for _, e := range req.ReasonRequiredEnvironments {
			p.Prefs.ReasonEnvs[strings.ToLower(e.EnvironmentID)] = e.ReasonRequired
		}
		for _, e := range req.ApproveRequiredEnvironments {
			p.Prefs.ApproveEnvs[strings.ToLower(e.EnvironmentID)] = e.ApproveRequired
		}
		return nil
	}, preferencesView)
}

func setBool(v *bool, dst *bool) {
	if v != nil {
		*dst = *v
	}
}
