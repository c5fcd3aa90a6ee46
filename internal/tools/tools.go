//go:build tools

// Package tools pins the modules flagsync's packages are about to use, so that go.mod and go.sum hold them
// while the packages are written. It is removed once every module is imported for real.
package tools

import (
	_ "github.com/configcat/configcat-publicapi-go-client/v2"
	_ "github.com/getkin/kin-openapi/openapi3filter"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "github.com/sethvargo/go-githubactions"
	_ "golang.org/x/time/rate"
	_ "gopkg.in/yaml.v3"
)
