package sdkconfig_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// configSchema compiles ConfigCat's published JSON Schema of config_v6.json.
func configSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/configcat-config-v6.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config_v6.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("config_v6.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func load(t *testing.T, path string) *spec.State {
	t.Helper()
	st, _, err := spec.LoadWith(context.Background(), path, spec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// documents builds the document of every (config, environment) of st, keyed by "product/config/environment".
func documents(t *testing.T, st *spec.State) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, p := range st.Products {
		for _, c := range p.Configs {
			for _, e := range p.Environments {
				doc, err := sdkconfig.Build(st, p.Name, c.Name, e.Name)
				if err != nil {
					t.Fatal(err)
				}
				data, err := doc.Marshal()
				if err != nil {
					t.Fatal(err)
				}
				out[p.Name+"/"+c.Name+"/"+e.Name] = data
			}
		}
	}
	return out
}

func TestDocumentsMatchConfigCatsSchema(t *testing.T) {
	schema := configSchema(t)
	states := map[string]*spec.State{
		"examples/targeting":      load(t, "../examples/targeting"),
		"testdata/sensitive.yaml": load(t, "testdata/sensitive.yaml"),
	}
	for seed := range uint64(40) {
		states["random state "+string(rune('A'+seed%26))+string(rune('0'+seed/26))] =
			spectest.RandomState(rand.New(rand.NewPCG(seed, 21)), spectest.Options{})
	}
	n := 0
	for name, st := range states {
		for where, data := range documents(t, st) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s, %s: not JSON: %v", name, where, err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("%s, %s: %v\n%s", name, where, err, data)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d documents checked", n)
	}
}

// TestSensitiveValuesAreHashedAsTheSDKExpects evaluates every sensitive comparator through ConfigCat's SDK, in
// flags, segments and a v1 config, and checks that no clear-text comparison value is left in the document.
func TestSensitiveValuesAreHashedAsTheSDKExpects(t *testing.T) {
	st := load(t, "testdata/sensitive.yaml")
	tests := []struct {
		config, flag string
		user         evaluate.User
		want         any
		servedBy     string
	}{
		{"Main", "oneOf", evaluate.User{"Email": "a@x.example"}, "one of", "rule 1"},
		{"Main", "oneOf", evaluate.User{"Email": "Ünïcode@x.example"}, "one of", "rule 1"},
		{"Main", "oneOf", evaluate.User{"Email": "b@x.example"}, "none", "default"},
		{"Main", "oneOf", evaluate.User{"Email": "c@x.example"}, "not one of", "rule 2"},
		{"Main", "textEquals", evaluate.User{"Plan": "gold"}, "equals", "rule 1"},
		{"Main", "textEquals", evaluate.User{"Plan": "silver"}, "none", "default"},
		{"Main", "textEquals", evaluate.User{"Plan": "bronze"}, "does not equal", "rule 2"},
		{"Main", "startsEnds", evaluate.User{"Email": "admin@x.example"}, "starts", "rule 1"},
		{"Main", "startsEnds", evaluate.User{"Email": "über@x.example"}, "starts", "rule 1"},
		{"Main", "startsEnds", evaluate.User{"Email": "guest@corp.example"}, "ends", "rule 2"},
		{"Main", "startsEnds", evaluate.User{"Email": "joe@x.example"}, "not starts", "rule 3"},
		{"Main", "startsEnds", evaluate.User{"Email": "guest@x.example"}, "none", "default"},
		{"Main", "notEnds", evaluate.User{"Email": "joe@spam.example"}, false, "default"},
		{"Main", "notEnds", evaluate.User{"Email": "joe@x.example"}, true, "rule 1"},
		{"Main", "arrays", evaluate.User{"Roles": []string{"user", "owner"}}, 1, "rule 1"},
		{"Main", "arrays", evaluate.User{"Roles": `["user"]`}, 2, "rule 2"},
		{"Main", "arrays", evaluate.User{"Roles": []string{"banned"}}, 0, "default"},
		{"Main", "segments", evaluate.User{"Email": "boss@shop.example"}, 1.5, "rule 1"},
		{"Main", "segments", evaluate.User{"Email": "x@y.example", "Roles": []string{"user"}}, 2.5, "rule 2"},
		{"Old", "legacy", evaluate.User{"Email": "a@x.example"}, "sensitive", "rule 1"},
		{"Old", "legacy", evaluate.User{"Email": "c@x.example"}, "sensitive", "rule 1"},
		{"Old", "legacy", evaluate.User{"Email": "d@x.example"}, "none", "default"},
		{"Old", "legacy", evaluate.User{"Email": "e@x.example"}, "not sensitive", "rule 2"},
	}
	docs := documents(t, st)
	for where, data := range docs {
		for _, clear := range []string{"x.example", "gold", "silver", "admin", "corp", "spam", "owner", "banned", "shop.example"} {
			if bytes.Contains(data, []byte(clear)) {
				t.Errorf("%s: the document contains the clear text %q:\n%s", where, clear, data)
			}
		}
	}
	for _, tc := range tests {
		ev, err := evaluate.New(docs["Shop/"+tc.config+"/Production"])
		if err != nil {
			t.Fatal(err)
		}
		got := ev.Evaluate(tc.user, tc.flag)[0]
		ev.Close()
		if got.Err != nil || got.Value != tc.want || got.Source.String() != tc.servedBy {
			t.Errorf("%s for %v: got %v (%T) by %v, err %v; want %v by %s", tc.flag, tc.user, got.Value, got.Value,
				got.Source, got.Err, tc.want, tc.servedBy)
		}
	}
}

func TestSameStateGivesTheSameDocument(t *testing.T) {
	st := load(t, "testdata/sensitive.yaml")
	a := documents(t, st)
	b := documents(t, load(t, "testdata/sensitive.yaml"))
	for where := range a {
		if !bytes.Equal(a[where], b[where]) {
			t.Fatalf("%s: two builds differ:\n%s\n%s", where, a[where], b[where])
		}
	}
	other, err := sdkconfig.BuildWith(st, "Shop", "Main", "Production", sdkconfig.Options{Salt: "another salt"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := other.Marshal()
	if bytes.Equal(data, a["Shop/Main/Production"]) || !strings.Contains(string(data), `"s":"another salt"`) {
		t.Fatalf("the salt option changed nothing:\n%s", data)
	}
}

func TestLocateSaysWhatThereIs(t *testing.T) {
	st := load(t, "testdata/sensitive.yaml")
	tests := []struct{ product, config, env, want string }{
		{"Shpo", "Main", "Production", `no product "Shpo" (there are: "Shop")`},
		{"shop", "Mian", "Production", `product "Shop" has no config "Mian" (there are: "Main", "Old")`},
		{"SHOP", "main", "Prod", `product "Shop" has no environment "Prod" (there are: "Production", "Test")`},
	}
	for _, tc := range tests {
		_, err := sdkconfig.Build(st, tc.product, tc.config, tc.env)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Build(%q, %q, %q) = %v, want %s", tc.product, tc.config, tc.env, err, tc.want)
		}
	}
	if _, err := sdkconfig.Build(st, "shop", "MAIN", "production"); err != nil {
		t.Errorf("names are matched case-insensitively: %v", err)
	}
}
