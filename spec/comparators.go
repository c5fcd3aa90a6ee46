package spec

import (
	"regexp"
	"slices"
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
	FlagTypes                          = []string{TypeBoolean, TypeString, TypeInt, TypeDouble}
	EvaluationVersions                 = []string{EvaluationV1, EvaluationV2}
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
	hexColorPattern = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
	envVarPattern   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)
