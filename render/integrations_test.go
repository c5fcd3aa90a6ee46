package render

import (
	"strings"
	"testing"

	"github.com/flagsync/flagsync/applier"
	"github.com/flagsync/flagsync/planner"
)

// TestIntegrationGolden shows an integration created, one renamed with a changed parameter and environments,
// and one deleted, in every format; secret parameters show only the variable they come from.
func TestIntegrationGolden(t *testing.T) {
	des := loadState(t, "integrations-desired.yaml")
	des.Products[0].Integrations[0].Parameters[0].Value = "dd-s3cr3t" // as apply would read it
	p, err := planner.Build(loadState(t, "integrations-current.yaml"), des, planner.Options{Force: true})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	budget := &applier.Budget{Calls: map[string]int{"POST /v1/products/{productId}/integrations": 1,
		"PUT /v1/integrations/{integrationId}": 1, "DELETE /v1/integrations/{integrationId}": 1}}
	for name, out := range goldenFormats(t, "integrations", p, budget) {
		if strings.Contains(out, "s3cr3t") {
			t.Errorf("%s shows a secret:\n%s", name, out)
		}
	}
}
