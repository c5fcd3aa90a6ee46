package spec_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

func TestImpactOptions(t *testing.T) {
	st, err := spec.LoadBytes(filepath.Join("flags", "shop.yaml"), []byte("impact: {population: users.csv, users: 500}\nproducts: []\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Impact.PopulationPath(); got != filepath.Join("flags", "users.csv") {
		t.Errorf("population path %q, want it next to the YAML that names it", got)
	}
	if st.Impact.GeneratedUsers() != 500 {
		t.Errorf("generated users %d, want 500", st.Impact.GeneratedUsers())
	}
	var none *spec.ImpactOptions
	if none.GeneratedUsers() != spec.DefaultImpactUsers || none.PopulationPath() != "" {
		t.Error("no impact block: want the defaults")
	}
	_, err = spec.LoadBytes("shop.yaml", []byte("products: []\nimpact:\n  users: 200000\n"))
	if err == nil || !strings.Contains(err.Error(), "shop.yaml:3:") || !strings.Contains(err.Error(), "use 1 to 100000") {
		t.Errorf("users beyond the limit: %v", err)
	}
}
