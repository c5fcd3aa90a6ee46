package spec

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestConcurrentParsingKeepsOrder loads a directory whose files conflict with each other and checks that parsing
// them concurrently gives the state and the errors of parsing them one after the other, in lexical order.
func TestConcurrentParsingKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range 12 {
		name := filepath.Join(dir, fmt.Sprintf("f%02d.yaml", i))
		yaml := fmt.Sprintf("products:\n  - name: Shop\n    description: from file %d\n    configs:\n"+
			"      - name: Main\n        flags:\n          - {key: flag%d, type: boolean, value: true}\n", i, i)
		if i == 7 {
			yaml = "products:\n  - name: Shop\n    oops: 1\n" // an error in the middle
		}
		if err := os.WriteFile(name, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	one := newLoader()
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		one.add(parseFile(filepath.ToSlash(name), data))
	}
	wantState, wantWarnings, wantErr := one.finish()
	for range 5 {
		s, warnings, err := LoadWith(context.Background(), dir, LoadOptions{})
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(s, wantState) ||
			fmt.Sprint(warnings) != fmt.Sprint(wantWarnings) {
			t.Fatalf("concurrent load differs:\n%v\nwant\n%v", err, wantErr)
		}
	}
	if wantErr == nil {
		t.Fatal("the conflicting files loaded without error")
	}
}
