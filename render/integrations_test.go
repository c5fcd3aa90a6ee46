package render

import (
	"bytes"
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
	for _, tt := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"integrations.txt", func(b *bytes.Buffer) error { return Text(b, p, Options{Budget: budget}) }},
		{"integrations.md", func(b *bytes.Buffer) error { return MarkdownWith(b, p, MarkdownOptions{Budget: budget}) }},
		{"integrations.json", func(b *bytes.Buffer) error { return JSON(b, p, budget) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(b.String(), "s3cr3t") {
				t.Fatalf("%s shows a secret:\n%s", tt.name, b.String())
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}
