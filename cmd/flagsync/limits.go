package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/spec"
)

// byteUnits are the suffixes a size may carry: binary (KiB, MiB, GiB) and decimal (KB, MB, GB), any case.
var byteUnits = []struct {
	suffix string
	size   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"b", 1},
}

// loadOptions reads the caps of a load from FLAGSYNC_MAX_FILE_BYTES and FLAGSYNC_MAX_TOTAL_BYTES; unset, they
// keep spec's defaults.
func loadOptions(e *env) (spec.LoadOptions, error) {
	var opts spec.LoadOptions
	for _, v := range []struct {
		name string
		dst  *int64
	}{{"FLAGSYNC_MAX_FILE_BYTES", &opts.MaxFileBytes}, {"FLAGSYNC_MAX_TOTAL_BYTES", &opts.MaxTotalBytes}} {
		s, ok := e.lookupEnv(v.name)
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		n, err := parseBytes(s)
		if err != nil {
			return spec.LoadOptions{}, fmt.Errorf("%s=%q: %v", v.name, s, err)
		}
		*v.dst = n
	}
	return opts, nil
}

// parseBytes reads a positive size: a number of bytes (33554432) or a whole number with a unit (32MiB, 64 MB).
func parseBytes(s string) (int64, error) {
	text := strings.ToLower(strings.TrimSpace(s))
	unit := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(text, u.suffix) {
			text, unit = strings.TrimSpace(strings.TrimSuffix(text, u.suffix)), u.size
			break
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	switch {
	case err != nil || n <= 0:
		return 0, fmt.Errorf("want a size above zero: a number of bytes such as 33554432, or a whole number with KiB, MiB, GiB (or KB, MB, GB) such as 32MiB")
	case n > math.MaxInt64/unit:
		return 0, fmt.Errorf("too large: the most is %dGiB", math.MaxInt64/(1<<30))
	}
	return n * unit, nil
}
