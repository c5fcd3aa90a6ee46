package spec_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

// compiledSchema compiles spec.Schema with a draft 2020-12 validator.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(spec.Schema()))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(spec.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(spec.SchemaID)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return s
}

// yamlInstance reads a YAML file as the JSON value the schema validates.
func yamlInstance(t *testing.T, file string) any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestSchemaAcceptsGoodFixtures checks that every file the loader accepts is valid against the schema, so
// editors do not flag correct files.
func TestSchemaAcceptsGoodFixtures(t *testing.T) {
	s := compiledSchema(t)
	err := filepath.WalkDir("testdata/good", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, ".github") ||
			!(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return err
		}
		if err := s.Validate(yamlInstance(t, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSchemaRejectsStructuralMistakes checks that the schema catches what editors should underline: unknown
// fields, wrong enumerations and wrong shapes.
func TestSchemaRejectsStructuralMistakes(t *testing.T) {
	s := compiledSchema(t)
	for _, file := range []string{"unknown-field", "wrong-type", "flag-type", "flag-key", "v1", "safety", "conditions", "value-owner"} {
		if err := s.Validate(yamlInstance(t, filepath.Join("testdata/bad", file+".yaml"))); err == nil {
			t.Errorf("schema accepts testdata/bad/%s.yaml", file)
		}
	}
}

// TestSchemaFileIsCurrent keeps the committed flagsync.schema.json equal to Schema().
func TestSchemaFileIsCurrent(t *testing.T) {
	golden(t, "flagsync.schema.json", string(spec.Schema()))
}

// TestSchemaAcceptsWhatWriteWrites checks that exported files are valid against the schema, so that editors
// show no false problems in them.
func TestSchemaAcceptsWhatWriteWrites(t *testing.T) {
	s := compiledSchema(t)
	dir := t.TempDir()
	for seed := range uint64(30) {
		st := spectest.RandomState(rand.New(rand.NewPCG(seed, 6)), spectest.Options{})
		file := filepath.Join(dir, "state.yaml")
		var b bytes.Buffer
		if err := spec.Write(&b, st); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlInstance(t, file)); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, b.String())
		}
	}
}
