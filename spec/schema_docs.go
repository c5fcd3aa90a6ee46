package spec

import "slices"

// The tables below feed the JSON Schema; the validator uses the same enumerations and limits.

var fieldEnums = map[string][]string{
	"Flag.type":                                            FlagTypes,
	"Product.valueOwner":                                   ValueOwners,
	"Environment.valueOwner":                               ValueOwners,
	"Config.valueOwner":                                    ValueOwners,
	"Flag.valueOwner":                                      ValueOwners,
	"Config.evaluationVersion":                             EvaluationVersions,
	"Segment.comparator":                                   LegacyComparators,
	"Condition.comparator":                                 union(UserComparators, LegacyComparators, SegmentComparators),
	"Webhook.method":                                       WebhookMethods,
	"Preferences.keyGenerationMode":                        KeyGenerationModes,
	"PermissionGroup.accessType":                           AccessTypes,
	"PermissionGroup.newEnvironmentAccessType":             EnvironmentAccessTypes,
	"PermissionGroup.environmentAccess[]":                  EnvironmentAccessTypes,
	"PermissionGroup.approvalPermissionType":               ApprovalPermissionTypes,
	"PermissionGroup.newEnvironmentApprovalPermissionType": EnvironmentApprovalPermissionTypes,
	"PermissionGroup.environmentApprovalPermissions[]":     EnvironmentApprovalPermissionTypes,
}

var fieldPatterns = map[string]string{
	"Flag.key":                   flagKeyPattern.String(),
	"WebhookHeader.valueFromEnv": envVarPattern.String(),
	"WebhookHeader.key":          headerNamePattern.String(),
	"WebhookHeader.value":        headerValuePattern.String(),
}

// fieldRanges are minimum and maximum lengths of text fields, or values of number fields.
var fieldRanges = map[string][2]int{
	"State.organization":           {0, MaxNameLength},
	"Product.name":                 {1, MaxProductNameLength},
	"Product.description":          {0, MaxDescriptionLength},
	"Environment.name":             {1, MaxNameLength},
	"Environment.description":      {0, MaxDescriptionLength},
	"Environment.color":            {0, MaxColorLength},
	"Tag.name":                     {1, MaxNameLength},
	"Tag.color":                    {0, MaxColorLength},
	"Segment.name":                 {1, MaxNameLength},
	"Segment.description":          {0, MaxDescriptionLength},
	"Segment.attribute":            {1, MaxAttributeLength},
	"Segment.value":                {1, MaxComparisonValueLength},
	"Config.name":                  {1, MaxNameLength},
	"Config.description":           {0, MaxDescriptionLength},
	"Flag.key":                     {1, MaxNameLength},
	"Flag.name":                    {1, MaxNameLength},
	"Flag.hint":                    {0, MaxDescriptionLength},
	"Variation.name":               {0, MaxNameLength},
	"Variation.hint":               {0, MaxDescriptionLength},
	"EnvValue.percentageAttribute": {0, MaxAttributeLength},
	"Condition.attribute":          {1, MaxAttributeLength},
	"Condition.value":              {1, MaxComparisonValueLength},
	"ListItem.hint":                {0, MaxListItemHintLength},
	"PercentageOption.percent":     {0, 100},
	"Webhook.url":                  {7, 1000},
	"Webhook.content":              {0, MaxWebhookContentLength},
	"WebhookHeader.key":            {1, MaxNameLength},
	"WebhookHeader.value":          {0, MaxHeaderValueLength},
	"PermissionGroup.name":         {1, MaxNameLength},
	"Safety.maxDeletePercent":      {0, 100},
	"Safety.minExisting":           {0, 1 << 30},
}

func union(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

var typeDocs = map[string]string{
	"State":            "An organization's products as flagsync keeps them. Files of a directory merge into one state.",
	"Product":          "A ConfigCat product. The same product name in several files is one product.",
	"Preferences":      "The product's preferences. Environment references are names.",
	"Environment":      "A product-wide environment. A plain string is an environment with just a name.",
	"Tag":              "A product's tag. A plain string is a tag with just a name.",
	"Segment":          "A named user condition that rules refer to with {segment: name}.",
	"Config":           "A config: flags served together. The same config name in several files is one config.",
	"Flag":             "A feature flag or setting and its value in every environment.",
	"Variation":        "A predefined variation; with variations, every value the flag serves must be one of them.",
	"EnvValue":         "A flag's value in one environment: rules in order, then percentages, then the default. A plain value is just a default.",
	"Rule":             "A targeting rule: when all conditions hold, it serves a value or splits by percentages.",
	"Condition":        "One of: a user condition {attribute, comparator, value | values}, a segment condition {segment, comparator: isIn | isNotIn}, a prerequisite {flag, equals | doesNotEqual}.",
	"ListItem":         "An item of a list comparison value. A plain string is an item without hint.",
	"PercentageOption": "Serves a value to a share of users; the options of a list add up to 100.",
	"Webhook":          "A webhook called when a config's values change in an environment.",
	"WebhookHeader":    "An HTTP header a webhook sends. Secure headers take their value from an environment variable.",
	"PermissionGroup":  "A product's permission group. Environment references are names.",
	"Permissions":      "A permission group's product-level rights.",
	"Ignore":           "Glob patterns (* ? [a-z], case-insensitive) of names and keys flagsync leaves alone.",
	"Safety":           "The planner's deletion thresholds.",
}

var fieldDocs = map[string]string{
	"State.organization":                "The ConfigCat organization new products are created in; optional when the credentials see one.",
	"State.products":                    "Products declared; products not listed are never touched.",
	"State.ignore":                      "Names and keys flagsync leaves alone in every product.",
	"State.safety":                      "Overrides of the planner's deletion thresholds.",
	"Product.name":                      "The product's name, unique case-insensitively.",
	"Product.order":                     "Position in the dashboard.",
	"Product.renamedFrom":               "The product's previous name: it is renamed in place, keeping everything under it.",
	"Product.prune":                     "Whether objects in this product that the files do not declare are deleted (default true).",
	"Product.ignore":                    "Names and keys in this product that flagsync leaves alone.",
	"Product.valueOwner":                "Who owns the values of the product's flags: git (default: the files decide) or dashboard (the files give initial values only). Configs, environments and flags may say otherwise.",
	"Environment.valueOwner":            "Who owns flag values in this environment: git or dashboard. Overrides the product's; a config's or flag's valueOwner overrides it.",
	"Config.valueOwner":                 "Who owns the values of this config's flags: git or dashboard. Overrides the environment's and the product's.",
	"Flag.valueOwner":                   "Who owns this flag's values in every environment: git or dashboard. Overrides every other valueOwner.",
	"Environment.color":                 "An HTML colour name, hex (#rrggbb, the # optional) or rgb(r, g, b).",
	"Environment.renamedFrom":           "The environment's previous name, to rename it in place.",
	"Tag.color":                         "panther, whale, salmon, lizard, canary, koala, or an HTML colour (others: a warning).",
	"Tag.renamedFrom":                   "The tag's previous name, to rename it in place.",
	"Segment.attribute":                 "The user attribute compared, such as Email.",
	"Segment.comparator":                "A legacy comparator (segments use ConfigCat's RolloutRuleComparator).",
	"Segment.value":                     "The comparison value as ConfigCat stores it; lists are comma-separated.",
	"Segment.renamedFrom":               "The segment's previous name, to rename it in place.",
	"Config.evaluationVersion":          "v2 (default) or v1 (legacy: one condition per rule, legacy comparators, percentages only per environment). Fixed at creation.",
	"Config.renamedFrom":                "The config's previous name, to rename it in place.",
	"Flag.key":                          "The key SDKs use: a letter, then letters, digits, _ and -. Unique per config, case-insensitively.",
	"Flag.name":                         "The name shown in the dashboard (default: the key).",
	"Flag.hint":                         "A description shown in the dashboard.",
	"Flag.type":                         "boolean, string, int (32-bit) or double. Fixed at creation.",
	"Flag.isJson":                       "String values are JSON (string flags only).",
	"Flag.tags":                         "Names of the product's tags.",
	"Flag.variations":                   "Predefined variations.",
	"Flag.renamedFrom":                  "The flag's previous key: the flag is recreated under the new key from the old one's values.",
	"Flag.value":                        "The value in every environment not listed under environments.",
	"Flag.environments":                 "The value per environment name: a plain value, or {rules, percentages, percentageAttribute, default}.",
	"EnvValue.rules":                    "Targeting rules, evaluated in order.",
	"EnvValue.percentages":              "Percentage options for users no rule matched.",
	"EnvValue.percentageAttribute":      "The user attribute percentages are computed from (default Identifier; v2 only).",
	"EnvValue.default":                  "The value served when no rule or percentage applies.",
	"Rule.if":                           "Conditions, all of which must hold (v1: exactly one).",
	"Rule.serve":                        "The value served when the conditions hold.",
	"Rule.percentages":                  "Percentage options served when the conditions hold (v2 only).",
	"Condition.attribute":               "User condition: the user attribute compared.",
	"Condition.comparator":              "User condition: ConfigCat's comparator; segment condition: isIn (default) or isNotIn.",
	"Condition.value":                   "User condition: the comparison value for text, semver, number and dateTime comparators (dateTime: Unix seconds or RFC 3339). v1: the raw value, lists comma-separated.",
	"Condition.values":                  "User condition: the list for list comparators (isOneOf, textEndsWithAnyOf, ...).",
	"Condition.segment":                 "Segment condition: the segment's name.",
	"Condition.flag":                    "Prerequisite condition: the key of a flag in the same config.",
	"Condition.equals":                  "Prerequisite condition: holds when the prerequisite serves this value.",
	"Condition.doesNotEqual":            "Prerequisite condition: holds when the prerequisite does not serve this value.",
	"PercentageOption.percent":          "Share of users, 0 to 100.",
	"Webhook.config":                    "The config's name.",
	"Webhook.environment":               "The environment's name.",
	"Webhook.method":                    "get (default) or post.",
	"Webhook.content":                   "The request body (post).",
	"WebhookHeader.secure":              "A secret header: its value is never written in files; give valueFromEnv.",
	"WebhookHeader.valueFromEnv":        "The environment variable holding the header's value at apply time.",
	"PermissionGroup.environmentAccess": "Environment name to full, readOnly or none (accessType: custom).",
	"PermissionGroup.environmentApprovalPermissions": "Environment name to an approval permission (approvalPermissionType: custom).",
	"Ignore.webhooks":         "Patterns of webhook URLs.",
	"Safety.maxDeletePercent": "Refuse a plan deleting more than this share of a kind's existing objects (default 30).",
	"Safety.minExisting":      "How many objects of a kind must exist before maxDeletePercent applies (default 10).",
}
