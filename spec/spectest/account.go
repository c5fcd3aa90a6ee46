package spectest

import (
	"fmt"
	"strconv"

	"github.com/flagsync/flagsync/spec"
)

// Account is a large regular state for benchmarks: products × configs × environments × flags, every flag a
// boolean; every third flag has a targeting rule (a user condition, or for every fifth flag a segment) in
// every environment, the others a plain default that differs from one environment to the next. 1 × 10 × 10 ×
// 1,000 is issue 14's account: 100,000 values, 9.5 MB of YAML.
func Account(products, configs, envs, flags int) *spec.State {
	return AccountOf(products, configs, envs, flags, accountFlag)
}

// AccountOf is Account with other flags: flag(f, envs) is the f-th flag of each config, with a value for each
// of the product's environments envs.
func AccountOf(products, configs, envs, flags int, flag func(f int, envs []*spec.Environment) *spec.Flag) *spec.State {
	s := &spec.State{}
	for p := range products {
		prod := &spec.Product{Name: fmt.Sprintf("Product %d", p),
			Segments: []*spec.Segment{{Name: "Staff", Attribute: "Email", Comparator: "contains", Value: "@acme.com"}}}
		for e := range envs {
			prod.Environments = append(prod.Environments, &spec.Environment{Name: fmt.Sprintf("Env %d", e)})
		}
		for c := range configs {
			cfg := &spec.Config{Name: fmt.Sprintf("Config %d", c), EvaluationVersion: spec.EvaluationV2}
			for f := range flags {
				cfg.Flags = append(cfg.Flags, flag(f, prod.Environments))
			}
			prod.Configs = append(prod.Configs, cfg)
		}
		s.Products = append(s.Products, prod)
	}
	spec.Normalize(s)
	return s
}

// accountFlag is the f-th flag of an Account config.
func accountFlag(f int, envs []*spec.Environment) *spec.Flag {
	flag := &spec.Flag{Key: fmt.Sprintf("flag%04d", f), Type: spec.TypeBoolean, Hint: "bench",
		Values: map[string]*spec.EnvValue{}}
	for e, env := range envs {
		v := &spec.EnvValue{Default: spec.BoolValue((f+e)%2 == 0)}
		if f%3 == 0 {
			v.Rules = []*spec.Rule{{If: []*spec.Condition{AccountCondition(f)}, Serve: spec.BoolValue(false).Ptr()}}
		}
		flag.Values[env.Name] = v
	}
	return flag
}

// AccountCondition is the condition of the f-th flag's targeting rules: on the product's segment Staff for every
// fifth flag, else on the user's email.
func AccountCondition(f int) *spec.Condition {
	if f%5 == 0 {
		return &spec.Condition{Segment: "Staff"}
	}
	return &spec.Condition{Attribute: "Email", Comparator: "textEndsWithAnyOf",
		Values: []spec.ListItem{{Value: "@" + strconv.Itoa(f) + ".example.com"}}}
}
