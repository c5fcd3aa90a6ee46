package emulator

// Fixed choices, too small for a switch, documented here so that all guesses live in one file:
//   - An unknown or malformed id in the path (not a uuid, not an integer) is 404 with an empty body (Q3).
//   - Requests without valid Basic credentials get 401 before anything else, and are not rate limited.
//   - A body with a non-JSON content type is 415, as ASP.NET answers; an empty or undecodable body is 400.
//   - Existing flags get the zero value (false, "", 0, 0.0) or their first predefined variation, with no rules,
//     in a new environment, and so do environments missing from initialValues (Q6).
//   - An approval-required environment is checked before a reason-required one (Q10).
//   - X-CONFIGCAT-SDKKEY missing is 400, an unknown SDK key 404; a numeric {settingKeyOrId} is an id (keys
//     cannot start with a digit).
//   - A value write equal to the stored value keeps lastVersionId and the audit fields; PUT still answers 200,
//     PATCH 204 (Q16).
//   - Lists are sorted by (order, case-insensitive name, creation); tags, segments and permission groups have
//     no order and sort by name; webhooks by id (Q13).
//   - On a setting with predefined variations a served value is stored by variation and answered with both its
//     predefinedVariationId and its typed value slot; a write may name the variation or give an equal literal.
//   - Slow-answer faults sleep between 0.2 s and 2 s through Options.Sleep.
//
// Behaviour with evidence, graded as shared/docs/configcat-api-behaviour.md grades it. "TF" is the ConfigCat
// Terraform provider acceptance tests (configcat/terraform-provider-configcat, internal/configcat), which
// run against the real API, so what they assert is CONFIRMED:
//   - An optional text given as "" reads back as "", one never given as null (CONFIRMED: TF
//     environment_resource_test.go creates an environment without description and colour, its config sends
//     "", and checks both read back ""; environments_data_source_test.go sees null for fixture environments
//     that never had one). Every optional text (product, config, environment and segment description,
//     environment and tag colour, webhook content, setting and variation hint and name) is stored as given.
//     An update with "" stores "" too (INFERRED from the create answer; behaviour doc Q4 guessed null).
//   - A permission group's environmentAccesses lists only environments given access explicitly, and only
//     while accessType is custom: a full or readOnly group, or a custom one created with no accesses, has no
//     entry but none (CONFIRMED: TF permission_group_resource_test.go reads environment_accesses.% = 0 for
//     an accessType full group, and the provider drops only "none" entries). An environment created later
//     gets the group's newEnvironmentAccessType as an explicit entry (INFERRED from the field's name).
//     Approval permissions still list every environment, unlisted ones with the new-environment value
//     (UNKNOWN).
//   - A prerequisite cycle is refused with "Circular dependency detected. " and the path from the new
//     prerequisite back to the flag being written, joined by " ➔ " (CONFIRMED: TF
//     setting_value_v2_resource_prerequisite_test.go, circular_error.tf, "MainSettingV2 ➔
//     BoolDependencySettingV2" when BoolDependencySettingV2 is given MainSettingV2). Longer cycles follow the
//     same rule (INFERRED); a flag made its own prerequisite answers "X ➔ X" (UNKNOWN).
//   - Webhook signing keys are "configcat_whsk_" and 32 bytes in padded standard base64, and key2 is null
//     until a second key exists (CONFIRMED: TF webhook_signing_keys_data_source_test.go). The API has no
//     endpoint that adds a key, so only a seeded state (docs/emulator-state.md) has a key2.
//   - SDK keys are "configcat-sdk-1/" + 22 + "/" + 22 URL-safe base64 characters, the shape ConfigCat's SDKs
//     accept (DOCS: Go SDK isValidSdkKey, shared/docs/configcat-sdk.md); every (config, environment) gets a
//     primary key and a null secondary (CONFIRMED: TF sdkkeys_data_source_test.go). A seeded state may also
//     give legacy 22 + "/" + 22 keys and a secondary, as ConfigCat's older accounts have.
//   - Every answer carries exactly the fields of the spec's model: each required one, nullable ones as an
//     explicit null, and none the model does not name (SPEC: every property of the served models is
//     required; internal/contract reports a missing, mistyped or undocumented field on every test exchange).
//   - A comparison list item sent without hint answers hint null, and rules, conditions, percentage options
//     and list items keep the order sent (CONFIRMED: TF setting_value_v2_resource_bool_test.go:193 and the
//     v2 round trips, behaviour doc Q13).
//   - order is stored verbatim, never renumbered (CONFIRMED: TF product_resource_test.go:43,
//     config_resource_test.go:43); lists sort by it as above (INFERRED, Q13).
//   - Integration parameters (integrations.go): the missing-parameter, 'site'/'server' and Slack URL messages are
//     CONFIRMED (behaviour doc, TF integration_resource_test.go). Slack's includeSensitiveData must be "true" or
//     "false" (DOCS: the spec's prose, docs/yaml.md), refused as "'includeSensitiveData' is invalid" (UNKNOWN,
//     the style of 'site'). PubNub's parameters are not described ("work in progress"), so any key goes, but
//     an empty value is refused as "<key> parameter is required", ConfigCat's words for a missing one (UNKNOWN:
//     ConfigCat's PubNub page asks for a publish key, a subscribe key and a channel, none of which may be
//     empty). Checks run in that order: required, allowed values, the Slack URL.
//
// Users, change requests, code references and the audit log (users.go, changerequests*.go, codereferences.go,
// auditlog.go). The spec gives the paths, models and enums; all behaviour below is UNKNOWN unless graded:
//   - Options.User/Pass is an organization admin with every permission; further users (Options.Users, a
//     state file's "users") have an identity and one permission group. /v1/me answers the caller, and
//     values, settings and segments name the caller who wrote them. Only approval permissions are enforced
//     (the group's approvalPermissionType, or its per-environment one when custom): approving needs
//     canApproveOthers or canBypassApproval in the environment, bypassApproval=true needs
//     canBypassApproval; a missing permission is 403 (status after behaviour doc Q3). Other group
//     permissions (canCreateOrUpdateSetting, ...) are not enforced.
//   - Change requests are for v2 configs only (their models hold v2 formulas, INFERRED) and may be opened in
//     any environment. A proposed value is validated as a value write is, and remembers the lastVersionId
//     of the value it was proposed against; the change has a conflict (hasConflict, a settingConflict issue,
//     needsAttention) once that value changes, and a stale latestVersionId is 409 unless forced, as on the
//     value endpoints. A proposal given with latestVersionId, forced, or through resolve-conflicts is rebased
//     onto the current value, which fixes the issue.
//   - PUT proposed-changes upserts the listed settings (as the batch value POST does, Q8); a change of the
//     proposal dismisses every approval (dismissedAt), which is why approvals have one. remove-approval
//     deletes the caller's approval. The creator cannot approve (INFERRED from canApproveOthers).
//   - Apply refuses a change request with a conflict, and one in an approval-required environment without
//     an approval unless it bypasses approval and the caller may bypass. It writes through commitFormulas,
//     the value endpoints' code: the environment's reason rule applies to the change request's reason, and
//     a failure is recorded as an applyFailed activity. A scheduled change request (applyAt) is listed as
//     scheduled but never applied on its own.
//   - PUT of a change request replaces title, reason and applyAt (null clears them; title is required, so
//     the model is INFERRED to be a replace), a null bypassApproval leaves it. Lists are newest first. Ids of
//     change requests, comments, approvals, activities, issues and audit entries come from one counter.
//     creatorUserId and the other user ids are null: the emulator has no user ids.
//   - Only a comment's author may edit or delete it (403). A change request whose config or environment was
//     deleted is gone (404), and proposed changes of deleted settings are no longer shown.
//   - Code references: an upload replaces the report of its (config, repository, branch); with
//     activeBranches, reports of the repository's branches not listed are deleted (SPEC prose); references to
//     a setting outside the config are 400. A flag's references list one item per report, by repository and
//     branch.
//   - Audit log: every committed write through the API is an entry (a value write that changes nothing, or a
//     refused write, is not), newest first, with the caller, the clock, the spec's AuditLogType for the endpoint,
//     "Product / Config / Environment" as where, a value write's reason as why, the object's name (a
//     setting's key) as actionTarget, and for value writes the new values as JSON in details; auditLogType is
//     the type in words and modelVersion 1. An applied change request adds a settingValueChanged entry by
//     the user who applied it. The v1 endpoints default to the last 7 days and refuse more than 30 days
//     (SPEC prose); the v2 ones page by 100 (SPEC).

// Behaviour gathers every decision the emulator makes where ConfigCat's published spec is silent. Each field
// names what it decides, the evidence grade from shared/docs/configcat-api-behaviour.md (CONFIRMED, DOCS,
// INFERRED, UNKNOWN) and its default. Code elsewhere reads these fields instead of hard-coding a guess.
type Behaviour struct {
	// OrganizationID and OrganizationName describe the single organization the emulator starts with; a
	// loaded state file sets its own (docs/emulator-state.md). Emulator-only; default
	// "6a4b2f1e-0c3d-4e5f-8a9b-0123456789ab" and "flagsync".
	OrganizationID, OrganizationName string
	// MeEmail and MeFullName are the identity GET /v1/me returns; they also fill creator and last-updater
	// fields (Q17, UNKNOWN). Default "emulator@flagsync.invalid" and "flagsync emulator".
	MeEmail, MeFullName string

	// UniqueProductNames, UniqueEnvironmentNames and UniqueSegmentNames refuse a case-insensitive duplicate
	// name within the parent (Q1, DOCS). Default true.
	UniqueProductNames, UniqueEnvironmentNames, UniqueSegmentNames bool
	// UniqueConfigNames, UniqueTagNames and UniquePermissionGroupNames do the same for entities whose rule is
	// unknown (Q1, UNKNOWN; tag duplicates are tolerated by ConfigCat's importer). Default false.
	UniqueConfigNames, UniqueTagNames, UniquePermissionGroupNames bool
	// DuplicateNameMessage is the 400 message under "Name" for a duplicate name (Q1, wording UNKNOWN).
	// Default "This name is already in use. Please, choose another".
	DuplicateNameMessage string
	// DuplicateKeyMessage is the 400 message under "Key" for a duplicate setting key (Q1, CONFIRMED).
	DuplicateKeyMessage string
	// KeyPattern is the regular expression a setting key must match (Q2, INFERRED). Default
	// `^[A-Za-z][A-Za-z0-9_-]*$`.
	KeyPattern string
	// InvalidKeyMessage is the 400 message under "Key" for a key not matching KeyPattern (Q2, UNKNOWN).
	// Default "Invalid key.".
	InvalidKeyMessage string
	// KeyLookupCaseInsensitive lets {settingKeyOrId} fall back to a case-insensitive key match after an exact
	// one fails (Q2, UNKNOWN). Default true.
	KeyLookupCaseInsensitive bool

	// DefaultEvaluationVersion is used when a config is created without evaluationVersion (Q6, INFERRED).
	// Default "v1".
	DefaultEvaluationVersion string
	// OrderAppends gives an entity created without order the siblings' maximum order plus one; when false it
	// gets 0 (Q6, UNKNOWN). Default true.
	OrderAppends bool
	// RequireInitialValueEnvironment refuses an initialValues item without environmentId with 400 (Q6,
	// UNKNOWN; strict to surface client bugs). Default true.
	RequireInitialValueEnvironment bool

	// RefuseSegmentDeleteInUse refuses deleting a segment some value references (Q5, UNKNOWN). Default true.
	RefuseSegmentDeleteInUse bool
	// SegmentInUseMessage is the "" message for that refusal. Default "The segment is in use.".
	SegmentInUseMessage string
	// RefusePrerequisiteDelete refuses deleting a setting another setting uses as a prerequisite (Q5,
	// UNKNOWN). Default true.
	RefusePrerequisiteDelete bool
	// PrerequisiteInUseMessage is the "" message for that refusal. Default
	// "The setting is used as a prerequisite.".
	PrerequisiteInUseMessage string

	// CrossVersionV1Message and CrossVersionV2Message are the 400 messages when a v1 value endpoint is used on
	// a v2 config, and a v2 one on a v1 config (Q7, status INFERRED, wording UNKNOWN).
	CrossVersionV1Message, CrossVersionV2Message string

	// BatchResponseAllSettings makes a batch value POST answer with every setting of the config rather than
	// only the posted ones (Q8, UNKNOWN). Default true.
	BatchResponseAllSettings bool
	// BatchSettingNotFoundMessage is the 400 message for a batch item naming a setting outside the config, or
	// no setting (Q8, UNKNOWN). Default "Setting not found.".
	BatchSettingNotFoundMessage string
	// BatchDuplicateSettingMessage is the 400 message for a setting listed twice in one batch (Q8, UNKNOWN).
	BatchDuplicateSettingMessage string

	// EnforcePercentageSum refuses percentage options that do not add up to 100 (Q9, DOCS). Default true.
	EnforcePercentageSum bool
	// PercentageSumMessage is its message (wording UNKNOWN). Default "Sum of percentages must be 100.".
	PercentageSumMessage string
	// EnforceBooleanTwoOptions refuses percentage options on a boolean flag that are not exactly two distinct
	// values (Q9, DOCS). Default true.
	EnforceBooleanTwoOptions bool
	// BooleanOptionsMessage is its message (wording UNKNOWN).
	BooleanOptionsMessage string
	// InvalidDefaultValueMessage is the message for a default value in the wrong slot (Q9, UNKNOWN).
	InvalidDefaultValueMessage string
	// InvalidRuleMessage is the message for a structurally wrong rule or condition: both or neither of value
	// and percentageOptions, a condition with zero or several slots, a condition-less rule that is not the
	// last percentage rule (Q9, INFERRED structure, wording UNKNOWN).
	InvalidRuleMessage string
	// ValidateIsJSON checks that string values of an isJson setting parse as JSON (Q9, UNKNOWN). Default true.
	ValidateIsJSON bool
	// InvalidJSONValueMessage is its message.
	InvalidJSONValueMessage string
	// InvalidSegmentMessage is the message for a segment condition naming a segment outside the product
	// (Q9, DOCS rule, wording UNKNOWN).
	InvalidSegmentMessage string

	// ReasonRequiredMessage is the message for a value write without reason into a reason-required
	// environment (Q10, CONFIRMED "Reason required"). Default "Reason required.".
	ReasonRequiredMessage string
	// ApprovalRequiredMessage is the message for a direct write into an approval-required environment without
	// bypassApproval=true; v1 writes cannot bypass (Q10, UNKNOWN). Default "Approval required.".
	ApprovalRequiredMessage string
	// MandatoryHint refuses creating or replacing a setting without hint when the product preference
	// mandatorySettingHint is on (Q11, UNKNOWN). Default true.
	MandatoryHint bool
	// MandatoryHintMessage is its message under "Hint". Default "Hint is required.".
	MandatoryHintMessage string

	// ValidateTagColor refuses tag colours that are neither ConfigCat's named tag colours nor HTML colours
	// (Q9: not documented as validated, UNKNOWN). Default false.
	ValidateTagColor bool
	// InvalidColorMessage is the message for a bad environment colour (CONFIRMED "Invalid color.").
	InvalidColorMessage string
	// InvalidURLMessage is the message under "Url" for a bad webhook URL (CONFIRMED "Url is invalid").
	InvalidURLMessage string

	// VariationConversionMessage refuses a predefined-variations PUT on a setting created without variations:
	// converting between free-form values and variations is Dashboard-only (Q14, DOCS; wording UNKNOWN).
	VariationConversionMessage string
	// VariationInUseMessage is the message when a predefined-variation PUT drops or changes a variation that
	// values use (Q14, DOCS rule, wording UNKNOWN).
	VariationInUseMessage string
	// VariationDuplicateMessage is the message for two variations with the same value (Q14, DOCS).
	VariationDuplicateMessage string

	// StrictInitFrom refuses settingIdToInitFrom when the source setting has another type, a config of another
	// evaluation version, or predefined variations on either side, where copied values could not be valid
	// (UNKNOWN). Default true.
	StrictInitFrom bool
	// DefaultWebhookMethod is the httpMethod of a webhook created or replaced without one (UNKNOWN).
	// Default "get".
	DefaultWebhookMethod string

	// SecureHeaderMask replaces the value of a secure webhook header in every response (Q15, CONFIRMED that the
	// value is hidden, representation UNKNOWN). Default "".
	SecureHeaderMask string

	// VersionConflictMessage is the "" message of the 409 for a latestVersionId mismatch (Q16, status from the
	// spec prose, wording UNKNOWN).
	VersionConflictMessage string

	// BypassPermissionMessage is the 403 message for bypassApproval=true from a user whose permission group
	// cannot bypass approval in the environment (status after behaviour doc Q3's 403, wording UNKNOWN).
	BypassPermissionMessage string
	// ApprovalPermissionMessage is the 403 message for approving a change request without the permission to
	// approve in its environment (UNKNOWN).
	ApprovalPermissionMessage string
	// OwnApprovalMessage is the 400 message for approving one's own change request: approval comes from a user
	// other than the creator (INFERRED from the approval type "canApproveOthers", wording UNKNOWN).
	OwnApprovalMessage string
	// AlreadyApprovedMessage and NoApprovalMessage are the 400 messages for approving twice and for removing
	// an approval one did not give (UNKNOWN).
	AlreadyApprovedMessage, NoApprovalMessage string
	// ChangeRequestNotOpenMessage is the 400 message for changing, approving, applying or closing a change
	// request that was applied or closed (UNKNOWN).
	ChangeRequestNotOpenMessage string
	// ChangeRequestConflictMessage is the 400 message for applying a change request with a conflict: a
	// proposed value whose setting changed after it was proposed (issue type settingConflict in the spec;
	// refusal and wording UNKNOWN).
	ChangeRequestConflictMessage string
	// ChangeRequestNotApprovedMessage is the 400 message for applying a change request in an
	// approval-required environment without approval (UNKNOWN).
	ChangeRequestNotApprovedMessage string
	// CommentAuthorMessage is the 403 message for editing or deleting another user's comment (UNKNOWN).
	CommentAuthorMessage string
	// AuditLogWindowMessage is the 400 message of the v1 audit log endpoints for more than 30 days between
	// fromUtcDateTime and toUtcDateTime (SPEC prose: "cannot exceed 30 days"; wording UNKNOWN).
	AuditLogWindowMessage string

	// GroupDefaults are what a permission group created without access settings gets (UNKNOWN).
	// Default custom / none / cannotApprove / cannotApprove.
	GroupDefaults GroupDefaults

	// Limits are the plan limits reported in organization-limitations and featureFlagLimitations and enforced
	// on value writes (UNKNOWN per plan; defaults are generous, after ConfigCat's documented maxima).
	Limits Limits
}

// GroupDefaults are the access settings of a new permission group.
type GroupDefaults struct {
	AccessType, NewEnvironmentAccessType, ApprovalPermissionType, NewEnvironmentApprovalPermissionType string
}

// Limits are ConfigCat's plan limits as the API reports them.
type Limits struct {
	MaxPercentageOptionCount          int32
	MaxTargetingRuleCount             int32
	MaxComparisonValueLength          int32
	MaxComparisonValueListLength      int32
	MaxComparisonValueListItemLength  int32
	MaxStringFlagValueLength          int32
	MaxConditionPerTargetingRuleCount int32
	MaxPredefinedVariations           int32
}

// DefaultBehaviour returns the emulator's defaults, each following the behaviour doc's recommendation.
func DefaultBehaviour() *Behaviour {
	return &Behaviour{
		OrganizationID:   "6a4b2f1e-0c3d-4e5f-8a9b-0123456789ab",
		OrganizationName: "flagsync",
		MeEmail:          "emulator@flagsync.invalid",
		MeFullName:       "flagsync emulator",

		UniqueProductNames:     true,
		UniqueEnvironmentNames: true,
		UniqueSegmentNames:     true,
		DuplicateNameMessage:   "This name is already in use. Please, choose another",
		DuplicateKeyMessage:    "This key is already in use. Please, choose another",
		KeyPattern:             `^[A-Za-z][A-Za-z0-9_-]*$`,
		InvalidKeyMessage:      "Invalid key.",

		KeyLookupCaseInsensitive:       true,
		DefaultEvaluationVersion:       "v1",
		OrderAppends:                   true,
		RequireInitialValueEnvironment: true,

		RefuseSegmentDeleteInUse: true,
		SegmentInUseMessage:      "The segment is in use.",
		RefusePrerequisiteDelete: true,
		PrerequisiteInUseMessage: "The setting is used as a prerequisite.",

		CrossVersionV1Message: "This endpoint is not available for Config V2.",
		CrossVersionV2Message: "This endpoint is only available for Config V2.",

		BatchResponseAllSettings:     true,
		BatchSettingNotFoundMessage:  "Setting not found.",
		BatchDuplicateSettingMessage: "A setting is listed more than once.",

		EnforcePercentageSum:       true,
		PercentageSumMessage:       "Sum of percentages must be 100.",
		EnforceBooleanTwoOptions:   true,
		BooleanOptionsMessage:      "Boolean percentage options must be exactly two different values.",
		InvalidDefaultValueMessage: "Invalid default value.",
		InvalidRuleMessage:         "Invalid targeting rule.",
		ValidateIsJSON:             true,
		InvalidJSONValueMessage:    "Invalid JSON value.",
		InvalidSegmentMessage:      "Segment not found.",

		ReasonRequiredMessage:   "Reason required.",
		ApprovalRequiredMessage: "Approval required.",
		MandatoryHint:           true,
		MandatoryHintMessage:    "Hint is required.",

		InvalidColorMessage: "Invalid color.",
		InvalidURLMessage:   "Url is invalid",

		VariationConversionMessage: "Converting a setting to predefined variations is not available through this API.",
		VariationInUseMessage:      "A predefined variation in use cannot be removed or changed.",
		VariationDuplicateMessage:  "Predefined variations require unique values.",

		StrictInitFrom:       true,
		DefaultWebhookMethod: "get",

		SecureHeaderMask:       "",
		VersionConflictMessage: "The setting has been modified since the given latestVersionId.",

		BypassPermissionMessage:         "You do not have permission to bypass the approval in this environment.",
		ApprovalPermissionMessage:       "You do not have permission to approve changes in this environment.",
		OwnApprovalMessage:              "You cannot approve your own Change Request.",
		AlreadyApprovedMessage:          "You have already approved this Change Request.",
		NoApprovalMessage:               "You have not approved this Change Request.",
		ChangeRequestNotOpenMessage:     "The Change Request is not open.",
		ChangeRequestConflictMessage:    "The Change Request has conflicts. Resolve them before applying it.",
		ChangeRequestNotApprovedMessage: "The Change Request must be approved before it can be applied.",
		CommentAuthorMessage:            "Only the author can change or delete a comment.",
		AuditLogWindowMessage:           "The distance between fromUtcDateTime and toUtcDateTime cannot exceed 30 days.",

		GroupDefaults: GroupDefaults{AccessType: "custom", NewEnvironmentAccessType: "none",
			ApprovalPermissionType: "cannotApprove", NewEnvironmentApprovalPermissionType: "cannotApprove"},

		Limits: Limits{
			MaxPercentageOptionCount:          100,
			MaxTargetingRuleCount:             1000,
			MaxComparisonValueLength:          65535,
			MaxComparisonValueListLength:      1000,
			MaxComparisonValueListItemLength:  255,
			MaxStringFlagValueLength:          100000,
			MaxConditionPerTargetingRuleCount: 100,
			MaxPredefinedVariations:           100,
		},
	}
}
