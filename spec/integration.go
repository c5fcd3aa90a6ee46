package spec

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Integration connects a product to a third-party service: ConfigCat posts its changes there. Its identity is
// its type and name (IntegrationKey).
type Integration struct {
	// Type is one of IntegrationTypes: dataDog, slack, amplitude, mixPanel, segment or pubNub.
	Type string `yaml:"type" json:"type"`
	Name string `yaml:"name" json:"name"`
	// Parameters are the integration's settings by ConfigCat's parameter names (see IntegrationTypes). Secret
	// ones take their value from an environment variable (valueFromEnv); their values are never written in
	// files and never compared.
	Parameters []*IntegrationParameter `yaml:"parameters,omitempty" json:"parameters,omitempty"`
	// Configs and Environments name what the integration covers; empty means every one of the product.
	Configs      []string `yaml:"configs,omitempty" json:"configs,omitempty"`
	Environments []string `yaml:"environments,omitempty" json:"environments,omitempty"`
	// RenamedFrom is the integration's previous name (of the same type): it is renamed in place, keeping its id.
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// IntegrationParameter is one parameter of an integration: a plain Value, or for a secret, ValueFromEnv.
type IntegrationParameter struct {
	Key          string `yaml:"key" json:"key"`
	Value        string `yaml:"value,omitempty" json:"value,omitempty"`
	ValueFromEnv string `yaml:"valueFromEnv,omitempty" json:"valueFromEnv,omitempty"`
}

// IntegrationParam describes one parameter an integration type takes.
type IntegrationParam struct {
	Key      string
	Required bool
	// Secret parameters come from environment variables and are never compared.
	Secret bool
	// Values lists the allowed values; empty allows any.
	Values []string
}

// IntegrationTypes are the integration types of ConfigCat's Public Management API with their parameters, as
// its specification describes them. PubNub's are not described ("work in progress"): any parameter goes, none
// is secret.
var IntegrationTypes = map[string][]IntegrationParam{
	"dataDog": {{Key: "apikey", Required: true, Secret: true}, {Key: "site", Values: []string{"Us", "Eu", "Us1Fed", "Us3", "Us5"}}},
	"slack": {{Key: "incoming_webhook.url", Required: true, Secret: true},
		{Key: "includeSensitiveData", Values: []string{"true", "false"}}},
	"amplitude": {{Key: "apiKey", Required: true, Secret: true}, {Key: "secretKey", Required: true, Secret: true}},
	"mixPanel": {{Key: "serviceAccountUserName", Required: true}, {Key: "serviceAccountSecret", Required: true, Secret: true},
		{Key: "projectId", Required: true}, {Key: "server", Values: []string{"StandardServer", "EUResidencyServer"}}},
	"segment": {{Key: "writeKey", Required: true, Secret: true}, {Key: "server", Values: []string{"Us", "Eu"}}},
	"pubNub":  nil,
}

// IntegrationTypeNames lists IntegrationTypes' names in the specification's order.
var IntegrationTypeNames = []string{"dataDog", "slack", "amplitude", "mixPanel", "segment", "pubNub"}

// IntegrationName is how flagsync names an integration of a type: "dataDog/Alerts" (the plan's address, the
// executor's lookups).
func IntegrationName(integrationType, name string) string { return integrationType + "/" + name }

// IntegrationKey is an integration's identity: its IntegrationName, folded.
func IntegrationKey(i *Integration) string { return Key(IntegrationName(i.Type, i.Name)) }

// IntegrationParamOf returns what the integration type says about a parameter; ok is false for a parameter the
// type does not know.
func IntegrationParamOf(integrationType, key string) (p IntegrationParam, ok bool) {
	for _, p := range IntegrationTypes[integrationType] {
		if p.Key == key {
			return p, true
		}
	}
	return IntegrationParam{}, false
}

// IsSecretParameter reports whether the integration type's parameter is a secret.
func IsSecretParameter(integrationType, key string) bool {
	p, _ := IntegrationParamOf(integrationType, key)
	return p.Secret
}

func normalizeIntegration(i *Integration) {
	slices.SortFunc(i.Parameters, func(a, b *IntegrationParameter) int { return strings.Compare(a.Key, b.Key) })
	sortNames(i.Configs)
	sortNames(i.Environments)
}

func (v *validator) integrations(s *State, p *Product, envs []string) {
	seen := map[string]*Integration{}
	lists := ignoreLists(s, p, func(ig *Ignore) []string { return ig.Integrations })
	for _, in := range p.Integrations {
		if in == nil {
			v.errs.add(p.Pos, p.Name, "an integration is nil")
			continue
		}
		path := p.Name + "/integration " + in.Name
		what := fmt.Sprintf("integration %q", in.Name)
		v.name(in, "name", path, what, in.Name, 255)
		v.length(in, "renamedFrom", path, what, in.RenamedFrom, 0, 255)
		v.checkIgnored(in, "name", path, "integration", in.Name, lists)
		params, typeKnown := IntegrationTypes[in.Type]
		if !typeKnown {
			v.errorf(in, "type", path, "%s: type %q is not one of %s", what, in.Type, strings.Join(IntegrationTypeNames, ", "))
		}
		for _, c := range in.Configs {
			if p.Config(c) == nil {
				v.errorf(in, "configs", path, "%s: unknown config %q%s", what, c, known(names(p.Configs, cfgName)))
			}
		}
		for _, e := range in.Environments {
			if p.Environment(e) == nil {
				v.errorf(in, "environments", path, "%s: unknown environment %q%s", what, e, known(envs))
			}
		}
		given := map[string]bool{}
		for _, pr := range in.Parameters {
			v.integrationParameter(in, path, what, pr, given)
		}
		for _, want := range params {
			if want.Required && !given[want.Key] {
				v.errorf(in, "parameters", path, "%s: parameter %q is required for type %s", what, want.Key, in.Type)
			}
		}
		if first, dup := seen[IntegrationKey(in)]; dup {
			v.errorf(in, "name", path, "%s of type %s is declared twice%s", what, in.Type, where(first.Pos))
		}
		seen[IntegrationKey(in)] = in
	}
	v.integrationRenames(p)
}

// integrationRenames checks renamedFrom as for other named kinds, within an integration type: it must name
// another integration, and not one the files still declare (the rename would delete it).
func (v *validator) integrationRenames(p *Product) {
	for _, in := range p.Integrations {
		if in == nil || in.RenamedFrom == "" {
			continue
		}
		path := p.Name + "/integration " + in.Name
		old := &Integration{Type: in.Type, Name: in.RenamedFrom}
		switch other := p.integration(IntegrationKey(old)); {
		case Same(in.RenamedFrom, in.Name):
			v.errorf(in, "renamedFrom", path, "integration %q: renamedFrom names the integration itself; remove renamedFrom", in.Name)
		case other != nil:
			v.errorf(in, "renamedFrom", path, "integration %q: renamedFrom %q is also a declared %s integration%s; the "+
				"old name must not be declared, or the rename would delete it", in.Name, in.RenamedFrom, in.Type,
				where(v.pos.at(other, "name")))
		}
	}
}

// integration returns the product's integration with IntegrationKey key, or nil.
func (p *Product) integration(key string) *Integration {
	for _, in := range p.Integrations {
		if in != nil && IntegrationKey(in) == key {
			return in
		}
	}
	return nil
}

// integrationParameter checks one parameter: known to the type, given once, a secret from valueFromEnv only,
// a plain value from the type's allowed values.
func (v *validator) integrationParameter(in *Integration, path, what string, pr *IntegrationParameter, given map[string]bool) {
	if pr == nil {
		v.errorf(in, "parameters", path, "%s: a parameter is nil", what)
		return
	}
	what = fmt.Sprintf("%s: parameter %q", what, pr.Key)
	// a parameter has no position of its own; its key has when it came from YAML
	var obj any = in
	field := "parameters"
	if v.pos.has(pr, "key") {
		obj, field = pr, "key"
	}
	spec, ok := IntegrationParamOf(in.Type, pr.Key)
	switch {
	case pr.Key == "":
		v.errorf(obj, field, path, "%s: a parameter has no key", what)
	case given[pr.Key]:
		v.errorf(obj, field, path, "%s is given twice; keep one", what)
	case !ok && IntegrationTypes[in.Type] != nil: // an unknown type is reported once, by integrations
		v.errorf(obj, field, path, "%s is not a parameter of type %s; use one of %s", what, in.Type, paramKeys(in.Type))
	}
	given[pr.Key] = true
	switch {
	case spec.Secret && pr.Value != "":
		v.errorf(obj, field, path, "%s is a secret, so its value must not be in the files; put it in an "+
			"environment variable and name it with valueFromEnv", what)
	case spec.Secret && pr.ValueFromEnv == "":
		v.errorf(obj, field, path, "%s is a secret and needs valueFromEnv, the environment variable holding its value", what)
	case !spec.Secret && pr.ValueFromEnv != "":
		v.errorf(obj, field, path, "%s is not a secret: give its value with value, not valueFromEnv", what)
	case !spec.Secret && pr.Value == "":
		v.errorf(obj, field, path, "%s needs a value", what)
	case len(spec.Values) > 0 && !slices.Contains(spec.Values, pr.Value):
		v.errorf(obj, field, path, "%s: %q is not one of %s", what, pr.Value, strings.Join(spec.Values, ", "))
	}
	if pr.ValueFromEnv != "" && !envVarPattern.MatchString(pr.ValueFromEnv) {
		v.errorf(obj, field, path, "%s: valueFromEnv %q is not an environment variable name", what, pr.ValueFromEnv)
	}
}

func paramKeys(integrationType string) string {
	var keys []string
	for _, p := range IntegrationTypes[integrationType] {
		keys = append(keys, p.Key)
	}
	return strings.Join(keys, ", ")
}

// ValidSlackWebhookURL reports whether u is a Slack incoming webhook URL (https://hooks.slack.com/...), as
// ConfigCat requires of a Slack integration's incoming_webhook.url.
func ValidSlackWebhookURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "https" && strings.EqualFold(p.Host, "hooks.slack.com")
}
