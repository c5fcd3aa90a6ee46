package spec

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Comparator kinds: what shape of comparison value a user condition's comparator takes.
const (
	compareList   = "list"   // values: [...]
	compareText   = "text"   // value: text
	compareSemVer = "semver" // value: one semantic version
	compareNumber = "number" // value: a number
	compareDate   = "date"   // value: Unix seconds or an RFC 3339 time
)

// UserComparators are the v2 comparators (ConfigCat's UserComparator), in the API's order.
var UserComparators = []string{
	"isOneOf", "isNotOneOf", "containsAnyOf", "doesNotContainAnyOf", "semVerIsOneOf", "semVerIsNotOneOf",
	"semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals", "numberEquals",
	"numberDoesNotEqual", "numberLess", "numberLessOrEquals", "numberGreater", "numberGreaterOrEquals",
	"sensitiveIsOneOf", "sensitiveIsNotOneOf", "dateTimeBefore", "dateTimeAfter", "sensitiveTextEquals",
	"sensitiveTextDoesNotEqual", "sensitiveTextStartsWithAnyOf", "sensitiveTextNotStartsWithAnyOf",
	"sensitiveTextEndsWithAnyOf", "sensitiveTextNotEndsWithAnyOf", "sensitiveArrayContainsAnyOf",
	"sensitiveArrayDoesNotContainAnyOf", "textEquals", "textDoesNotEqual", "textStartsWithAnyOf",
	"textNotStartsWithAnyOf", "textEndsWithAnyOf", "textNotEndsWithAnyOf", "arrayContainsAnyOf",
	"arrayDoesNotContainAnyOf",
}

// LegacyComparators are the v1 and segment comparators (ConfigCat's RolloutRuleComparator), in the API's order.
var LegacyComparators = []string{
	"isOneOf", "isNotOneOf", "contains", "doesNotContain", "semVerIsOneOf", "semVerIsNotOneOf", "semVerLess",
	"semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals", "numberEquals", "numberDoesNotEqual",
	"numberLess", "numberLessOrEquals", "numberGreater", "numberGreaterOrEquals", "sensitiveIsOneOf",
	"sensitiveIsNotOneOf",
}

// Enumerations of the format, shared by the validator and the JSON Schema.
var (
	FlagTypes                          = []string{string(TypeBoolean), string(TypeString), string(TypeInt), string(TypeDouble)}
	EvaluationVersions                 = []string{string(EvaluationV1), string(EvaluationV2)}
	SegmentComparators                 = []string{"isIn", "isNotIn"}
	KeyGenerationModes                 = []string{"camelCase", "lowerCase", "upperCase", "pascalCase", "kebabCase"}
	WebhookMethods                     = []string{"get", "post"}
	AccessTypes                        = []string{"readOnly", "full", "custom"}
	EnvironmentAccessTypes             = []string{"full", "readOnly", "none"}
	ApprovalPermissionTypes            = []string{"cannotApprove", "canApproveOthers", "canBypassApproval", "custom"}
	EnvironmentApprovalPermissionTypes = []string{"cannotApprove", "canApproveOthers", "canBypassApproval"}
)

// userComparatorKind says what a v2 comparator compares with.
func userComparatorKind(c string) string {
	switch c {
	case "semVerLess", "semVerLessOrEquals", "semVerGreater", "semVerGreaterOrEquals":
		return compareSemVer
	case "textEquals", "textDoesNotEqual", "sensitiveTextEquals", "sensitiveTextDoesNotEqual":
		return compareText
	case "dateTimeBefore", "dateTimeAfter":
		return compareDate
	}
	if IsNumberComparator(c) {
		return compareNumber
	}
	if slices.Contains(UserComparators, c) {
		return compareList
	}
	return ""
}

// legacyComparatorKind says what a v1 or segment comparator compares with; lists are comma-separated text.
func legacyComparatorKind(c string) string {
	switch {
	case !slices.Contains(LegacyComparators, c):
		return ""
	case c == "semVerIsOneOf" || c == "semVerIsNotOneOf":
		return compareList + "+" + compareSemVer
	case userComparatorKind(c) == compareSemVer || userComparatorKind(c) == compareNumber:
		return userComparatorKind(c)
	}
	return compareText
}

var (
	flagKeyPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	semVerPattern  = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
		`(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)
	hexColorPattern = regexp.MustCompile(`^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
	rgbColorPattern = regexp.MustCompile(`^rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*[0-9.]+\s*)?\)$`)
	envVarPattern   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// isSemVer reports whether s is a version ConfigCat's SDKs can compare: after trimming spaces, a SemVer 2.0
// version as the Go SDK's parser (github.com/blang/semver/v4 Parse) reads it, so 3.0., 2 and v1.2.3 are not.
func isSemVer(s string) bool {
	s = strings.TrimSpace(s)
	if !semVerPattern.MatchString(s) {
		return false
	}
	version, _, _ := strings.Cut(s, "+") // build metadata is free text
	core, pre, _ := strings.Cut(version, "-")
	for _, n := range strings.Split(core, ".") {
		if _, err := strconv.ParseUint(n, 10, 64); err != nil {
			return false
		}
	}
	if pre == "" {
		return true
	}
	for _, id := range strings.Split(pre, ".") {
		if !isDigits(id) {
			continue
		}
		if _, err := strconv.ParseUint(id, 10, 64); err != nil || len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// SDKNumber reads number text the way ConfigCat's SDKs do: surrounding spaces ignored and every comma taken
// as a decimal point (2,5 is 2.5; 1,000 is 1), then Go's float syntax. It reports false for text no SDK reads
// as a finite number.
func SDKNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}
