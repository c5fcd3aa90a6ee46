package spec_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flagsync/flagsync/spec"
	"github.com/flagsync/flagsync/spec/spectest"
)

func TestWriteDirRoundTrips(t *testing.T) {
	for seed := range uint64(20) {
		s := spectest.RandomState(rand.New(rand.NewPCG(seed, 4)), spectest.Options{Products: 3})
		dir := t.TempDir()
		if _, err := spec.WriteDir(dir, s); err != nil {
			t.Fatal(err)
		}
		back, err := spec.Load(dir)
		if err != nil {
			t.Fatalf("seed %d: load the directory WriteDir wrote: %v", seed, err)
		}
		if d := cmp.Diff(s, back, ignorePos); d != "" {
			t.Fatalf("seed %d: directory round trip changed the state (-want +got):\n%s", seed, d)
		}
	}
}

func TestWriteDirFileNames(t *testing.T) {
	s := &spec.State{Organization: "Acme", Products: []*spec.Product{
		{Name: "Web Shop!"}, {Name: "web-shop"}, {Name: "../../etc/passwd"}, {Name: "Ünïcode"}, {Name: "Organization"},
	}}
	spec.Normalize(s)
	dir := t.TempDir()
	if _, err := spec.WriteDir(dir, s); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	sort.Strings(got)
	want := []string{"etc-passwd.yaml", "n-code.yaml", "organization-2.yaml", "organization.yaml", "web-shop-2.yaml",
		"web-shop.yaml"}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("file names (-want +got):\n%s", d)
	}
	top, err := os.ReadFile(filepath.Join(dir, "organization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(top) != "organization: Acme\n" {
		t.Errorf("organization.yaml = %q", top)
	}
}

// TestWriteShorthands pins the shapes Write chooses for the common cases.
func TestWriteShorthands(t *testing.T) {
	s, err := spec.LoadBytes("in.yaml", []byte(`
products:
  - name: P
    environments: [{name: A, order: 1}, {name: B, order: 2}, {name: C, order: 3}]
    configs:
      - name: Main
        flags:
          - {key: same, name: same, type: boolean, value: true}
          - {key: mostly, type: int, environments: {A: 1, B: 2, C: 2}}
          - {key: allDifferent, type: string, environments: {A: a, B: b, C: c}}
          - {key: doubles, type: double, value: 2}
`))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := spec.Write(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"- key: same\n            type: boolean\n            value: true\n",
		"- key: mostly\n            type: int\n            value: 2\n            environments:\n              A: 1\n",
		"environments:\n              A: a\n              B: b\n              C: c\n",
		"value: 2.0\n",
		"environments:\n      - name: A\n        order: 1\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := spec.Load("testdata/does-not-exist.yaml"); err == nil {
		t.Error("loading a missing file succeeded")
	}
	if _, err := spec.Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.yaml or *.yml files") {
		t.Errorf("loading an empty directory: %v", err)
	}
}

func benchState() *spec.State {
	return spectest.RandomState(rand.New(rand.NewPCG(1, 1)),
		spectest.Options{Products: 1, Environments: 3, Configs: 3, Flags: 1000, Rules: 2})
}

// BenchmarkLoad measures loading a large single file: benchState draws (with spectest.RandomState as it is now)
// 293 flags with rules in 1 config and 2 environments, 215 KB of YAML.
func BenchmarkLoad(b *testing.B) {
	s := benchState()
	var buf bytes.Buffer
	if err := spec.Write(&buf, s); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := spec.LoadBytes("big.yaml", buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite measures writing the same state.
func BenchmarkWrite(b *testing.B) {
	s := benchState()
	for b.Loop() {
		if err := spec.Write(&bytes.Buffer{}, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate measures validation alone.
func BenchmarkValidate(b *testing.B) {
	s := benchState()
	for b.Loop() {
		if errs := spec.Validate(s); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
