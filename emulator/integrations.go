package emulator

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Integrations: /v1/products/{productId}/integrations and /v1/integrations/{integrationId}, with the
// parameter checks and messages ConfigCat answers (behaviour doc, the Terraform provider's integration tests).

// integrationRule is what ConfigCat checks of one integration type's parameters.
type integrationRule struct {
	required []string            // keys that must be given, not empty
	allowed  map[string][]string // the values a key may take, when given
	noEmpty  bool                // every given key must have a value (PubNub, choices.go)
}

// integrationRules are each type's rules, as the spec's prose and docs/yaml.md describe the parameters.
var integrationRules = map[string]integrationRule{
	"dataDog": {required: []string{"apikey"}, allowed: map[string][]string{"site": {"Us", "Eu", "Us1Fed", "Us3", "Us5"}}},
	"slack": {required: []string{"incoming_webhook.url"},
		allowed: map[string][]string{"includeSensitiveData": {"true", "false"}}},
	"amplitude": {required: []string{"apiKey", "secretKey"}},
	"mixPanel": {required: []string{"serviceAccountUserName", "serviceAccountSecret", "projectId"},
		allowed: map[string][]string{"server": {"StandardServer", "EUResidencyServer"}}},
	"segment": {required: []string{"writeKey"}, allowed: map[string][]string{"server": {"Us", "Eu"}}},
	"pubNub":  {noEmpty: true},
}

// checkIntegrationParameters answers as ConfigCat does for missing or invalid parameters.
func checkIntegrationParameters(typ string, params map[string]string) error {
	rule := integrationRules[typ]
	if err := checkRequiredParameters(rule, params); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(rule.allowed)) {
		if v, ok := params[k]; ok && !slices.Contains(rule.allowed[k], v) {
			return badRequest("", "'"+k+"' is invalid")
		}
	}
	if typ == "slack" {
		return checkSlackWebhookURL(params["incoming_webhook.url"])
	}
	return nil
}

// checkRequiredParameters refuses a required parameter that is missing or empty, and with noEmpty any given
// parameter that is empty, in ConfigCat's words for a missing one.
func checkRequiredParameters(rule integrationRule, params map[string]string) error {
	keys := rule.required
	if rule.noEmpty {
		keys = slices.Sorted(maps.Keys(params))
	}
	for _, k := range keys {
		if params[k] == "" {
			return badRequest("", k+" parameter is required")
		}
	}
	return nil
}

// checkSlackWebhookURL refuses what is not an https URL on hooks.slack.com.
func checkSlackWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		return badRequest("", "'incoming_webhook.url' is not a valid URL.")
	case u.Scheme != "https" || !strings.EqualFold(u.Host, "hooks.slack.com"):
		return badRequest("", "'incoming_webhook.url' is not a valid Slack Incoming Webhook URL.")
	}
	return nil
}

// applyIntegration validates req and replaces the integration's name, parameters and scope with it.
func applyIntegration(st *store, in *integration, req *wire.IntegrationRequest) error {
	name := req.Name
	if err := checkRequired("Name", name, 1, 255); err != nil {
		return err
	}
	if req.Parameters == nil {
		return badRequest("Parameters", requiredMsg("Parameters"))
	}
	if err := checkIntegrationParameters(in.Type, req.Parameters); err != nil {
		return err
	}
	envs, err := ownIDs(req.EnvironmentIDs, in.ProductID, st.environmentProduct, "EnvironmentIds", "Environment not found.")
	if err != nil {
		return err
	}
	cfgs, err := ownIDs(req.ConfigIDs, in.ProductID, st.configProduct, "ConfigIds", "Config not found.")
	if err != nil {
		return err
	}
	in.Name, in.Parameters, in.EnvIDs, in.ConfigIDs = name, req.Parameters, envs, cfgs
	return nil
}

// ownIDs lower-cases ids and checks that each belongs to the product (productOf gives an id's product).
func ownIDs(ids []string, productID string, productOf func(string) string, field, msg string) ([]string, error) {
	out := []string{}
	for _, id := range ids {
		id = strings.ToLower(id)
		if productOf(id) != productID {
			return nil, badRequest(field, msg)
		}
		out = append(out, id)
	}
	return out, nil
}

func integrationOf(st *store, r *http.Request) (*integration, error) {
	return byPath(r, pathUUID, "integrationId", st.Integrations)
}

func (s *Server) integrationView(st *store, in *integration) wire.Integration {
	return wire.Integration{Product: s.productView(st.Products[in.ProductID]), IntegrationID: in.ID, Name: in.Name,
		IntegrationType: in.Type, Parameters: in.Parameters, EnvironmentIDs: in.EnvIDs, ConfigIDs: in.ConfigIDs}
}

func (s *Server) listIntegrations(w http.ResponseWriter, r *http.Request) {
	var out struct {
		Integrations []wire.Integration `json:"integrations"`
	}
	var err error
	s.read(func(st *store) {
		var p *product
		if p, err = productOf(st, r); err != nil {
			return
		}
		out.Integrations = []wire.Integration{}
		for _, in := range st.Integrations {
			if in.ProductID == p.ID {
				out.Integrations = append(out.Integrations, s.integrationView(st, in))
			}
		}
		slices.SortFunc(out.Integrations, func(a, b wire.Integration) int { return strings.Compare(a.IntegrationID, b.IntegrationID) })
	})
	answer(w, http.StatusOK, out, err)
}

func (s *Server) createIntegration(w http.ResponseWriter, r *http.Request) {
	serveCreate(s, w, r, productOf, func(st *store, p *product, req *wire.IntegrationRequest) (*integration, error) {
		typ := req.IntegrationType
		if _, ok := integrationRules[typ]; !ok {
			return nil, badRequest("IntegrationType", "The value '"+typ+"' is not valid.")
		}
		in := &integration{ID: newUUID(), ProductID: p.ID, Type: typ}
		if err := applyIntegration(st, in, req); err != nil {
			return nil, err
		}
		if st.Integrations == nil { // a state file written before integrations has none
			st.Integrations = map[string]*integration{}
		}
		st.Integrations[in.ID] = in
		return in, nil
	}, s.integrationView)
}

func (s *Server) updateIntegration(w http.ResponseWriter, r *http.Request) {
	serveUpdate(s, w, r, integrationOf, func(st *store, in *integration, req *wire.IntegrationRequest) error {
		next := *in
		if err := applyIntegration(st, &next, req); err != nil {
			return err
		}
		*in = next
		return nil
	}, s.integrationView)
}

// environmentProduct is the product of the environment id, or "" when there is none.
func (st *store) environmentProduct(id string) string {
	if e := st.Environments[id]; e != nil {
		return e.ProductID
	}
	return ""
}

// configProduct is the product of the config id, or "" when there is none.
func (st *store) configProduct(id string) string {
	if c := st.Configs[id]; c != nil {
		return c.ProductID
	}
	return ""
}

// dropFromIntegrations removes a deleted config's or environment's id from the integrations that list it.
func (st *store) dropFromIntegrations(id string) {
	for _, in := range st.Integrations {
		in.ConfigIDs = slices.DeleteFunc(in.ConfigIDs, func(x string) bool { return x == id })
		in.EnvIDs = slices.DeleteFunc(in.EnvIDs, func(x string) bool { return x == id })
	}
}

// removeIntegration deletes an integration.
func (st *store) removeIntegration(in *integration) { delete(st.Integrations, in.ID) }
