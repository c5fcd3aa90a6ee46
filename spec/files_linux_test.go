package spec_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/flagsync/flagsync/spec"
)

// TestFileGrowingUnderTheCap: the cap bounds the read itself, not the size the file claims. A /proc file says it
// is empty and then reads as more than the cap allows.
func TestFileGrowingUnderTheCap(t *testing.T) {
	_, _, err := loadSoon(t, "/proc/self/status", spec.LoadOptions{MaxFileBytes: 64})
	var errs spec.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "/proc/self/status: file is larger than 64 bytes") {
		t.Errorf("got %v", err)
	}
}
