package configcat

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"slices"

	"github.com/flagsync/flagsync/spec"
)

const (
	tIntegrations = "/v1/products/{productId}/integrations"
	tIntegration  = "/v1/integrations/{integrationId}"

	CallCreateIntegration = http.MethodPost + " " + tIntegrations  // create an integration
	CallUpdateIntegration = http.MethodPut + " " + tIntegration    // replace an integration
	CallDeleteIntegration = http.MethodDelete + " " + tIntegration // delete an integration
)

// Integrations lists a product's integrations.
func (c *Client) Integrations(ctx context.Context, productID string) ([]Integration, error) {
	var out struct {
		Integrations []Integration `json:"integrations"`
	}
	err := c.get(ctx, tIntegrations, &out, productID)
	return out.Integrations, err
}

// CreateIntegration creates an integration. A lost answer is recovered by looking its type and name up.
func (c *Client) CreateIntegration(ctx context.Context, productID string, req IntegrationRequest) (*Integration, error) {
	var out Integration
	return &out, c.create(ctx, tIntegrations, req, &out, func(ctx context.Context) (bool, error) {
		return findOne(ctx, c.Integrations, productID, func(x Integration) bool {
			return x.IntegrationType == req.IntegrationType && spec.Same(x.Name, req.Name)
		}, &out)
	}, productID)
}

// UpdateIntegration replaces an integration's name, parameters (secrets must be sent again) and scope.
func (c *Client) UpdateIntegration(ctx context.Context, integrationID string, req IntegrationRequest) (*Integration, error) {
	req.IntegrationType = ""
	var out Integration
	return &out, c.write(ctx, http.MethodPut, tIntegration, req, &out, integrationID)
}

// DeleteIntegration deletes an integration.
func (c *Client) DeleteIntegration(ctx context.Context, integrationID string) error {
	return c.write(ctx, http.MethodDelete, tIntegration, nil, nil, integrationID)
}

// IntegrationFromWire reads an integration; envNames and configNames map the product's ids to names. The
// values of secret parameters are dropped: they are never written in files nor compared.
func IntegrationFromWire(in *Integration, envNames, configNames map[string]string) *spec.Integration {
	out := &spec.Integration{Type: in.IntegrationType, Name: in.Name}
	for _, k := range slices.Sorted(maps.Keys(in.Parameters)) {
		p := &spec.IntegrationParameter{Key: k}
		if !spec.IsSecretParameter(in.IntegrationType, k) {
			p.Value = in.Parameters[k]
		}
		out.Parameters = append(out.Parameters, p)
	}
	for _, id := range in.EnvironmentIDs {
		out.Environments = append(out.Environments, nameOrID(envNames, id))
	}
	for _, id := range in.ConfigIDs {
		out.Configs = append(out.Configs, nameOrID(configNames, id))
	}
	return out
}

// IntegrationRequestFromSpec builds an integration's create or replace body. Secret parameters are read from
// their environment variables through lookupEnv; a missing one is an error that names the variable, never a
// value. envIDs and configIDs map folded names to ids.
func IntegrationRequestFromSpec(in *spec.Integration, envIDs, configIDs map[string]string, lookupEnv func(string) (string, bool)) (IntegrationRequest, error) {
	req := IntegrationRequest{IntegrationType: in.Type, Name: in.Name, Parameters: map[string]string{},
		EnvironmentIDs: []string{}, ConfigIDs: []string{}}
	for _, p := range in.Parameters {
		v := p.Value
		if p.ValueFromEnv != "" {
			var ok bool
			if lookupEnv != nil {
				v, ok = lookupEnv(p.ValueFromEnv)
			}
			if !ok || v == "" {
				return req, fmt.Errorf("integration %q: parameter %q: environment variable %s is not set", in.Name, p.Key, p.ValueFromEnv)
			}
		}
		req.Parameters[p.Key] = v
	}
	for _, name := range in.Environments {
		id, ok := envIDs[spec.Key(name)]
		if !ok {
			return req, fmt.Errorf("integration %q: unknown environment %q", in.Name, name)
		}
		req.EnvironmentIDs = append(req.EnvironmentIDs, id)
	}
	for _, name := range in.Configs {
		id, ok := configIDs[spec.Key(name)]
		if !ok {
			return req, fmt.Errorf("integration %q: unknown config %q", in.Name, name)
		}
		req.ConfigIDs = append(req.ConfigIDs, id)
	}
	return req, nil
}

// ConfigIDs returns the product's config ids by folded name.
func (p *RemoteProduct) ConfigIDs() map[string]string {
	out := make(map[string]string, len(p.Configs))
	for k, c := range p.Configs {
		out[k] = c.ID
	}
	return out
}
