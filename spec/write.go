package spec

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Write writes a normalized state as YAML, deterministically: products, environments and configs by order then
// name, flags by order then key, and the shorthands where they apply (value: when every environment serves the
// same plain default, a plain default as a scalar, a flag's name left out when it equals its key, defaults such
// as evaluationVersion v2 left out). Loading what Write wrote gives the same state.
func Write(w io.Writer, s *State) error {
	if err := writeYAML(w, newWriter().node(reflect.ValueOf(s))); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	return nil
}

// WriteDir writes a normalized state into dir, one file per product named after it (lower-case, with anything
// but letters and digits turned into dashes), plus organization.yaml for the organization, ignore and safety
// settings. It creates dir if needed, overwrites those files, leaves other files alone, and returns the paths
// it wrote.
func WriteDir(dir string, s *State) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	write := func(name string, st *State) error {
		path := filepath.Join(dir, name)
		if err := writeFile(path, st); err != nil {
			return err
		}
		written = append(written, path)
		return nil
	}
	used := map[string]bool{"organization": true}
	if s.Organization != "" || s.Ignore != nil || s.Safety != nil {
		if err := write("organization.yaml", &State{Organization: s.Organization, Ignore: s.Ignore, Safety: s.Safety}); err != nil {
			return written, err
		}
	}
	for _, p := range s.Products {
		name := slug(p.Name)
		for i := 2; used[name]; i++ {
			name = slug(p.Name) + "-" + strconv.Itoa(i)
		}
		used[name] = true
		if err := write(name+".yaml", &State{Products: []*Product{p}}); err != nil {
			return written, err
		}
	}
	return written, nil
}

func writeFile(name string, s *State) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := Write(f, s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// slug turns a product name into a safe file name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 100 {
		out = strings.TrimSuffix(out[:100], "-")
	}
	if out == "" {
		return "product"
	}
	return out
}

// writer builds YAML nodes from the model; product is the product being written, for environment order.
type writer struct{ product *Product }

func newWriter() *writer { return &writer{} }

func (w *writer) node(v reflect.Value) *yaml.Node {
	t := v.Type()
	if t == valueType {
		return valueNode(v.Interface().(Value))
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		return w.node(v.Elem())
	case reflect.Struct:
		return w.object(v)
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for i := 0; i < v.Len(); i++ {
			n.Content = append(n.Content, w.node(v.Index(i)))
		}
		return n
	case reflect.Map:
		n := &yaml.Node{Kind: yaml.MappingNode}
		keys := v.MapKeys()
		names := make(map[string]reflect.Value, len(keys))
		for _, k := range keys {
			names[k.String()] = k
		}
		for _, k := range sortedKeys(names) {
			n.Content = append(n.Content, strNode(k), w.node(v.MapIndex(names[k])))
		}
		return n
	case reflect.String:
		return strNode(v.String())
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	}
	panic("spec: cannot write " + t.String())
}

// plainDecimal is a number every YAML reader takes for that number.
var plainDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// comparisonNode is the scalar of a comparison value: a number comparator's plain decimal number is written as
// a number (value: 18), which means that number to every YAML reader; anything else is written as text.
func comparisonNode(comparator, s string) *yaml.Node {
	if IsNumberComparator(comparator) && plainDecimal.MatchString(s) {
		return &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	}
	return strNode(s)
}

// strNode is text, quoted when some YAML reader would otherwise read it as something else (see needsQuotes).
func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if needsQuotes(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// valueNode is a flag value: doubles keep a fraction so that they read back as doubles.
func valueNode(v Value) *yaml.Node {
	switch x := v.Any().(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case string:
		return strNode(x)
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(x, 10)}
	case float64:
		text := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(text, ".eEnN") {
			text += ".0"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: text}
	}
	return nil
}

func (w *writer) object(v reflect.Value) *yaml.Node {
	t := v.Type()
	obj := v.Addr().Interface()
	if p, ok := obj.(*Product); ok {
		w.product = p
	}
	fields := yamlFields(t)
	if short, ok := shorthands[t]; ok && onlyField(v, fields, short) {
		f, _ := findField(fields, short)
		return w.node(v.Field(f.index))
	}
	n := &yaml.Node{Kind: yaml.MappingNode}
	switch obj.(type) {
	case *Condition, *PercentageOption, *Variation, *WebhookHeader, *IntegrationParameter:
		n.Style = yaml.FlowStyle
	}
	for _, f := range fields {
		fv := v.Field(f.index)
		if custom, ok := obj.(*Flag); ok && (f.name == "value" || f.name == "environments") {
			if f.name == "value" {
				n.Content = append(n.Content, w.flagValues(custom)...)
			}
			continue
		}
		if (!f.required && fv.IsZero()) || isDefault(obj, f.name) {
			continue
		}
		if comparator, ok := comparisonValueOf(obj, f.name); ok {
			n.Content = append(n.Content, strNode(f.name), comparisonNode(comparator, fv.String()))
			continue
		}
		n.Content = append(n.Content, strNode(f.name), w.node(fv))
	}
	return n
}

// comparisonValueOf reports whether a field is a single comparison value, and the comparator it goes with.
func comparisonValueOf(obj any, field string) (comparator string, ok bool) {
	switch o := obj.(type) {
	case *Condition:
		return o.Comparator, field == "value"
	case *Segment:
		return o.Comparator, field == "value"
	}
	return "", false
}

// onlyField reports whether name is the only field of struct v that is set.
func onlyField(v reflect.Value, fields []yamlField, name string) bool {
	for _, f := range fields {
		if f.name != name && !v.Field(f.index).IsZero() {
			return false
		}
	}
	return true
}

// isDefault reports whether a field holds the value loading would fill in anyway, so it need not be written.
func isDefault(obj any, field string) bool {
	switch o := obj.(type) {
	case *Flag:
		return field == "name" && (o.Name == o.Key || o.Name == "")
	case *Config:
		return field == "evaluationVersion" && o.EvaluationVersion == EvaluationV2
	case *Condition:
		return field == "comparator" && o.Segment != "" && o.Comparator == "isIn"
	case *Webhook:
		return field == "method" && strings.EqualFold(o.Method, "get")
	case *Preferences:
		return field == "keyGenerationMode" && o.KeyGenerationMode == "camelCase"
	case *EnvValue:
		return field == "percentageAttribute" && o.PercentageAttribute == DefaultPercentageAttribute
	case *PermissionGroup:
		switch field {
		case "accessType":
			return o.AccessType == DefaultAccessType
		case "newEnvironmentAccessType":
			return o.NewEnvironmentAccessType == DefaultNewEnvironmentAccessType
		case "approvalPermissionType":
			return o.ApprovalPermissionType == DefaultApprovalPermissionType
		case "newEnvironmentApprovalPermissionType":
			return o.NewEnvironmentApprovalPermissionType == DefaultNewEnvironmentApprovalPermissionType
		}
	}
	return false
}

// plainDefault returns the default of an environment value that is nothing but a default.
func plainDefault(ev *EnvValue) (Value, bool) {
	if ev == nil || len(ev.Rules) > 0 || len(ev.Percentages) > 0 || ev.PercentageAttribute != "" ||
		!ev.Default.IsSet() {
		return Value{}, false
	}
	return ev.Default, true
}

// flagValues writes a flag's values: value: when every environment has the same plain default, otherwise an
// environments mapping in the product's environment order.
func (w *writer) flagValues(f *Flag) []*yaml.Node {
	var out []*yaml.Node
	if f.Value != nil {
		out = append(out, strNode("value"), valueNode(*f.Value))
	}
	if len(f.Values) == 0 {
		return out
	}
	var order []string
	if w.product != nil {
		for _, e := range w.product.Environments {
			if e != nil {
				order = append(order, e.Name)
			}
		}
	}
	for _, name := range sortedKeys(f.Values) {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	shared, ok := commonDefault(f.Values, order)
	if ok && f.Value == nil {
		out = append(out, strNode("value"), valueNode(shared))
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, name := range order {
		ev, found := f.Values[name]
		if !found {
			continue
		}
		if d, plain := plainDefault(ev); ok && plain && d.Equal(shared) {
			continue
		}
		m.Content = append(m.Content, strNode(name), w.node(reflect.ValueOf(ev)))
	}
	if len(m.Content) > 0 {
		out = append(out, strNode("environments"), m)
	}
	return out
}

// commonDefault returns the plain default most environments share, when it is worth a value: line: every
// environment has it, or at least two do. Ties go to the one met first in order.
func commonDefault(values map[string]*EnvValue, order []string) (Value, bool) {
	count := map[Value]int{}
	var best Value
	for _, name := range order {
		d, ok := plainDefault(values[name])
		if !ok {
			continue
		}
		count[d]++
		if count[d] > count[best] {
			best = d
		}
	}
	n := count[best]
	return best, best.IsSet() && (n >= 2 || n == len(values))
}
