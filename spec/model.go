// Package spec is flagsync's model of a ConfigCat organization: the desired state loaded from YAML and the
// current state fetched from the API share these types, so that the planner can compare them.
//
// Identity is by natural keys (product, config, environment, tag, segment and permission-group names, flag
// keys), compared case-insensitively as ConfigCat does, never by remote ids. A State as returned by Load or by
// the API client is normalized (see Normalize): every flag has an entry in Values for every environment of its
// product, lists of unordered things are sorted, and defaults are filled in.
package spec

import (
	"slices"
	"strconv"
)

// State is the whole of what flagsync manages: an organization's products.
type State struct {
	// Organization is the name of the ConfigCat organization new products are created in. It may be empty when
	// the credentials see exactly one organization.
	Organization string `yaml:"organization,omitempty" json:"organization,omitempty"`
	// Products declared; products not listed are never touched.
	Products []*Product `yaml:"products,omitempty" json:"products,omitempty"`
	// Ignore lists names and keys flagsync leaves alone in every product.
	Ignore *Ignore `yaml:"ignore,omitempty" json:"ignore,omitempty"`
	// Safety overrides the planner's deletion thresholds.
	Safety *Safety `yaml:"safety,omitempty" json:"safety,omitempty"`
	// Impact tunes whom a plan's impact counts (impact.go).
	Impact *ImpactOptions `yaml:"impact,omitempty" json:"impact,omitempty"`
	// Tests are expectations about what users get (tests.go); they change nothing in the account.
	Tests []*Test `yaml:"tests,omitempty" json:"tests,omitempty"`

	// Pos is where the state was declared (the first file), for error messages.
	Pos Pos `yaml:"-" json:"-"`
	// OrganizationPos is where Organization was set, or Pos when it was not.
	OrganizationPos Pos `yaml:"-" json:"-"`
}

// Product is a ConfigCat product and everything under it.
type Product struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Order is the product's position in the dashboard; nil leaves it to ConfigCat.
	Order *int `yaml:"order,omitempty" json:"order,omitempty"`
	// RenamedFrom names the product's previous name, so that it is renamed in place rather than replaced.
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`
	// Prune says whether objects inside this product that the files do not declare are deleted (nil means true).
	Prune *bool `yaml:"prune,omitempty" json:"prune,omitempty"`
	// Ignore lists names and keys in this product that flagsync leaves alone, in addition to State.Ignore.
	Ignore *Ignore `yaml:"ignore,omitempty" json:"ignore,omitempty"`
	// ValueOwner says who owns the values of the product's flags (ValueOwnerGit or ValueOwnerDashboard); empty
	// means git. Configs, environments and flags may say otherwise (see ValueOwner).
	ValueOwner string `yaml:"valueOwner,omitempty" json:"-"`

	Preferences      *Preferences       `yaml:"preferences,omitempty" json:"preferences,omitempty"`
	Environments     []*Environment     `yaml:"environments,omitempty" json:"environments,omitempty"`
	Tags             []*Tag             `yaml:"tags,omitempty" json:"tags,omitempty"`
	Segments         []*Segment         `yaml:"segments,omitempty" json:"segments,omitempty"`
	Configs          []*Config          `yaml:"configs,omitempty" json:"configs,omitempty"`
	Webhooks         []*Webhook         `yaml:"webhooks,omitempty" json:"webhooks,omitempty"`
	PermissionGroups []*PermissionGroup `yaml:"permissionGroups,omitempty" json:"permissionGroups,omitempty"`
	Integrations     []*Integration     `yaml:"integrations,omitempty" json:"integrations,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Preferences are a product's settings (ConfigCat's product preferences). Environment references are names.
type Preferences struct {
	ReasonRequired             bool     `yaml:"reasonRequired,omitempty" json:"reasonRequired,omitempty"`
	ReasonRequiredEnvironments []string `yaml:"reasonRequiredEnvironments,omitempty" json:"reasonRequiredEnvironments,omitempty"`
	// KeyGenerationMode is one of camelCase (ConfigCat's default), lowerCase, upperCase, pascalCase, kebabCase.
	KeyGenerationMode           string   `yaml:"keyGenerationMode,omitempty" json:"keyGenerationMode,omitempty"`
	ShowVariationID             bool     `yaml:"showVariationId,omitempty" json:"showVariationId,omitempty"`
	MandatorySettingHint        bool     `yaml:"mandatorySettingHint,omitempty" json:"mandatorySettingHint,omitempty"`
	ApproveRequired             bool     `yaml:"approveRequired,omitempty" json:"approveRequired,omitempty"`
	ApproveRequiredEnvironments []string `yaml:"approveRequiredEnvironments,omitempty" json:"approveRequiredEnvironments,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Environment is a product-wide environment such as Production.
type Environment struct {
	Name        string `yaml:"name" json:"name"`
	Color       string `yaml:"color,omitempty" json:"color,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Order       *int   `yaml:"order,omitempty" json:"order,omitempty"`
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`
	// ValueOwner says who owns the flags' values in this environment; empty inherits (see ValueOwner). Not a
	// ConfigCat property: it only steers the planner.
	ValueOwner string `yaml:"valueOwner,omitempty" json:"-"`

	Pos Pos `yaml:"-" json:"-"`
}

// Tag is a product's tag, attached to flags by name.
type Tag struct {
	Name string `yaml:"name" json:"name"`
	// Color is one of ConfigCat's tag colours (panther, whale, salmon, lizard, canary, koala) or an HTML colour.
	Color       string `yaml:"color,omitempty" json:"color,omitempty"`
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Segment is a named user condition that targeting rules refer to by name.
type Segment struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Attribute   string `yaml:"attribute" json:"attribute"`
	// Comparator is one of ConfigCat's legacy (RolloutRuleComparator) comparators, such as isOneOf or semVerLess.
	Comparator string `yaml:"comparator" json:"comparator"`
	// Value is the comparison value as ConfigCat stores it; lists are comma-separated.
	Value       string `yaml:"value" json:"value"`
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Config is a config (a set of flags served together) in a product.
type Config struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Order       *int   `yaml:"order,omitempty" json:"order,omitempty"`
	// EvaluationVersion is v1 or v2 (the default). It cannot change after the config is created.
	EvaluationVersion EvaluationVersion `yaml:"evaluationVersion,omitempty" json:"evaluationVersion,omitempty"`
	RenamedFrom       string            `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`
	// ValueOwner says who owns the values of the config's flags; empty inherits (see ValueOwner).
	ValueOwner string  `yaml:"valueOwner,omitempty" json:"-"`
	Flags      []*Flag `yaml:"flags,omitempty" json:"flags,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// FlagType is a flag's value type, ConfigCat's SettingType.
type FlagType string

// Flag types.
const (
	TypeBoolean FlagType = "boolean"
	TypeString  FlagType = "string"
	TypeInt     FlagType = "int"
	TypeDouble  FlagType = "double"
)

// Known says whether t is one of FlagTypes.
func (t FlagType) Known() bool { return slices.Contains(FlagTypes, string(t)) }

// EvaluationVersion is the evaluation (targeting) model of a config: v1 for the legacy rules, v2 for conditions.
type EvaluationVersion string

// Evaluation versions of a config.
const (
	EvaluationV1 EvaluationVersion = "v1"
	EvaluationV2 EvaluationVersion = "v2"
)

// Flag is a feature flag or setting and its value in every environment.
type Flag struct {
	Key  string `yaml:"key" json:"key"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	Hint string `yaml:"hint,omitempty" json:"hint,omitempty"`
	// Type is boolean, string, int or double; it cannot change after the flag is created.
	Type   FlagType `yaml:"type" json:"type"`
	Order  *int     `yaml:"order,omitempty" json:"order,omitempty"`
	IsJSON bool     `yaml:"isJson,omitempty" json:"isJson,omitempty"`
	// Tags are tag names of the flag's product, sorted case-insensitively after normalization.
	Tags []string `yaml:"tags,omitempty" json:"tags,omitempty"`
	// Variations are the flag's predefined variations; when present, every value must be one of them.
	Variations []*Variation `yaml:"variations,omitempty" json:"variations,omitempty"`
	// RenamedFrom is the flag's previous key: the new flag is created from the old one's values and tags, and
	// the old one deleted.
	RenamedFrom string `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`
	// ValueOwner says who owns the flag's values in every environment; empty inherits (see ValueOwner).
	ValueOwner string `yaml:"valueOwner,omitempty" json:"-"`

	// Value is the YAML shorthand for "this value in every environment not listed in Environments". Load folds
	// it into Values and leaves it nil.
	Value *Value `yaml:"value,omitempty" json:"-"`
	// Values is the flag's value in each environment, keyed by environment name. After normalization every
	// environment of the product has an entry.
	Values map[string]*EnvValue `yaml:"environments,omitempty" json:"environments,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Variation is one predefined variation of a flag.
type Variation struct {
	Value Value  `yaml:"value" json:"value"`
	Name  string `yaml:"name,omitempty" json:"name,omitempty"`
	Hint  string `yaml:"hint,omitempty" json:"hint,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// EnvValue is a flag's evaluation formula in one environment: targeting rules evaluated in order, then
// percentage options, then the default.
//
// In a v1 config each rule has exactly one condition (a user attribute with a legacy comparator, or a segment)
// and serves a value; percentage options live only at flag level.
type EnvValue struct {
	Rules []*Rule `yaml:"rules,omitempty" json:"rules,omitempty"`
	// Percentages apply to users no rule matched; they sum to 100.
	Percentages []*PercentageOption `yaml:"percentages,omitempty" json:"percentages,omitempty"`
	// PercentageAttribute is the user attribute percentages are computed from; empty means Identifier.
	PercentageAttribute string `yaml:"percentageAttribute,omitempty" json:"percentageAttribute,omitempty"`
	Default             Value  `yaml:"default" json:"default"`

	Pos Pos `yaml:"-" json:"-"`
}

// Rule is a targeting rule: when all its conditions hold, it serves Serve or splits users by Percentages.
type Rule struct {
	If          []*Condition        `yaml:"if" json:"if"`
	Serve       *Value              `yaml:"serve,omitempty" json:"serve,omitempty"`
	Percentages []*PercentageOption `yaml:"percentages,omitempty" json:"percentages,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Condition is one of three kinds, told apart by which field is set: a user condition (Attribute), a segment
// condition (Segment) or a prerequisite-flag condition (Flag).
type Condition struct {
	// Attribute is the user attribute a user condition compares, such as Email.
	Attribute string `yaml:"attribute,omitempty" json:"attribute,omitempty"`
	// Comparator is ConfigCat's comparator name: a UserComparator (v2) or RolloutRuleComparator (v1) for user
	// conditions, isIn or isNotIn for segment conditions (normalized to isIn when omitted).
	Comparator string `yaml:"comparator,omitempty" json:"comparator,omitempty"`
	// Value is the single comparison value of a user condition: text, a semantic version, or a number
	// (dateTime comparators: Unix seconds) in its shortest decimal form. In v1 configs it is ConfigCat's raw
	// comparison value for every comparator.
	Value string `yaml:"value,omitempty" json:"value,omitempty"`
	// Values is the list comparison value of a user condition with a list comparator (isOneOf,
	// textEndsWithAnyOf and so on).
	Values []ListItem `yaml:"values,omitempty" json:"values,omitempty"`

	// Segment is the name of a segment of the same product.
	Segment string `yaml:"segment,omitempty" json:"segment,omitempty"`

	// Flag is the key of a prerequisite flag in the same config, compared with Equals or DoesNotEqual.
	Flag         string `yaml:"flag,omitempty" json:"flag,omitempty"`
	Equals       *Value `yaml:"equals,omitempty" json:"equals,omitempty"`
	DoesNotEqual *Value `yaml:"doesNotEqual,omitempty" json:"doesNotEqual,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// ListItem is one item of a list comparison value, with an optional hint.
type ListItem struct {
	Value string `yaml:"value" json:"value"`
	Hint  string `yaml:"hint,omitempty" json:"hint,omitempty"`
}

// PercentageOption serves Serve to Percent percent of users.
type PercentageOption struct {
	Percent int   `yaml:"percent" json:"percent"`
	Serve   Value `yaml:"serve" json:"serve"`

	Pos Pos `yaml:"-" json:"-"`
}

// Webhook is a webhook of a product, called when a config's values change in an environment. It has no name:
// its identity is (config, environment, url, method).
type Webhook struct {
	Config      string `yaml:"config" json:"config"`
	Environment string `yaml:"environment" json:"environment"`
	URL         string `yaml:"url" json:"url"`
	// Method is get (the default) or post.
	Method  string           `yaml:"method,omitempty" json:"method,omitempty"`
	Content string           `yaml:"content,omitempty" json:"content,omitempty"`
	Headers []*WebhookHeader `yaml:"headers,omitempty" json:"headers,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// WebhookHeader is one HTTP header a webhook sends. A secure header's value is write-only: ConfigCat never
// returns it, so it is read from the environment variable ValueFromEnv at apply time and never compared.
type WebhookHeader struct {
	Key          string `yaml:"key" json:"key"`
	Value        string `yaml:"value,omitempty" json:"value,omitempty"`
	Secure       bool   `yaml:"secure,omitempty" json:"secure,omitempty"`
	ValueFromEnv string `yaml:"valueFromEnv,omitempty" json:"valueFromEnv,omitempty"`
}

// PermissionGroup is a product's permission group. Environment references are names.
type PermissionGroup struct {
	Name        string      `yaml:"name" json:"name"`
	RenamedFrom string      `yaml:"renamedFrom,omitempty" json:"renamedFrom,omitempty"`
	Permissions Permissions `yaml:"permissions,omitempty" json:"permissions,omitempty"`
	// AccessType is readOnly, full or custom (per-environment access in EnvironmentAccess).
	AccessType string `yaml:"accessType,omitempty" json:"accessType,omitempty"`
	// NewEnvironmentAccessType (full, readOnly, none) applies to environments created later.
	NewEnvironmentAccessType string `yaml:"newEnvironmentAccessType,omitempty" json:"newEnvironmentAccessType,omitempty"`
	// EnvironmentAccess maps environment names to full, readOnly or none.
	EnvironmentAccess map[string]string `yaml:"environmentAccess,omitempty" json:"environmentAccess,omitempty"`
	// ApprovalPermissionType is cannotApprove, canApproveOthers, canBypassApproval or custom.
	ApprovalPermissionType               string            `yaml:"approvalPermissionType,omitempty" json:"approvalPermissionType,omitempty"`
	NewEnvironmentApprovalPermissionType string            `yaml:"newEnvironmentApprovalPermissionType,omitempty" json:"newEnvironmentApprovalPermissionType,omitempty"`
	EnvironmentApprovalPermissions       map[string]string `yaml:"environmentApprovalPermissions,omitempty" json:"environmentApprovalPermissions,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Permissions are a permission group's product-level rights, ConfigCat's can* flags.
type Permissions struct {
	ManageMembers             bool `yaml:"manageMembers,omitempty" json:"manageMembers,omitempty"`
	CreateOrUpdateConfig      bool `yaml:"createOrUpdateConfig,omitempty" json:"createOrUpdateConfig,omitempty"`
	DeleteConfig              bool `yaml:"deleteConfig,omitempty" json:"deleteConfig,omitempty"`
	CreateOrUpdateEnvironment bool `yaml:"createOrUpdateEnvironment,omitempty" json:"createOrUpdateEnvironment,omitempty"`
	DeleteEnvironment         bool `yaml:"deleteEnvironment,omitempty" json:"deleteEnvironment,omitempty"`
	CreateOrUpdateSetting     bool `yaml:"createOrUpdateSetting,omitempty" json:"createOrUpdateSetting,omitempty"`
	TagSetting                bool `yaml:"tagSetting,omitempty" json:"tagSetting,omitempty"`
	DeleteSetting             bool `yaml:"deleteSetting,omitempty" json:"deleteSetting,omitempty"`
	CreateOrUpdateTag         bool `yaml:"createOrUpdateTag,omitempty" json:"createOrUpdateTag,omitempty"`
	DeleteTag                 bool `yaml:"deleteTag,omitempty" json:"deleteTag,omitempty"`
	ManageWebhook             bool `yaml:"manageWebhook,omitempty" json:"manageWebhook,omitempty"`
	UseExportImport           bool `yaml:"useExportImport,omitempty" json:"useExportImport,omitempty"`
	ManageProductPreferences  bool `yaml:"manageProductPreferences,omitempty" json:"manageProductPreferences,omitempty"`
	ManageIntegrations        bool `yaml:"manageIntegrations,omitempty" json:"manageIntegrations,omitempty"`
	ViewSdkKey                bool `yaml:"viewSdkKey,omitempty" json:"viewSdkKey,omitempty"`
	RotateSdkKey              bool `yaml:"rotateSdkKey,omitempty" json:"rotateSdkKey,omitempty"`
	CreateOrUpdateSegments    bool `yaml:"createOrUpdateSegments,omitempty" json:"createOrUpdateSegments,omitempty"`
	DeleteSegments            bool `yaml:"deleteSegments,omitempty" json:"deleteSegments,omitempty"`
	ViewProductAuditLog       bool `yaml:"viewProductAuditLog,omitempty" json:"viewProductAuditLog,omitempty"`
	ViewProductStatistics     bool `yaml:"viewProductStatistics,omitempty" json:"viewProductStatistics,omitempty"`
	Disable2FA                bool `yaml:"disable2FA,omitempty" json:"disable2FA,omitempty"`
}

// Ignore lists glob patterns (path.Match syntax, case-insensitive) of names and keys that flagsync neither
// changes nor deletes: matching remote objects are kept as they are, and matching declarations are an error.
type Ignore struct {
	Flags            []string `yaml:"flags,omitempty" json:"flags,omitempty"`
	Configs          []string `yaml:"configs,omitempty" json:"configs,omitempty"`
	Environments     []string `yaml:"environments,omitempty" json:"environments,omitempty"`
	Tags             []string `yaml:"tags,omitempty" json:"tags,omitempty"`
	Segments         []string `yaml:"segments,omitempty" json:"segments,omitempty"`
	PermissionGroups []string `yaml:"permissionGroups,omitempty" json:"permissionGroups,omitempty"`
	// Webhooks match a webhook's URL.
	Webhooks []string `yaml:"webhooks,omitempty" json:"webhooks,omitempty"`
	// Integrations match an integration's name.
	Integrations []string `yaml:"integrations,omitempty" json:"integrations,omitempty"`

	Pos Pos `yaml:"-" json:"-"`
}

// Safety holds the planner's deletion thresholds; nil fields take the defaults.
type Safety struct {
	// MaxDeletePercent refuses a plan that deletes more than this share of a kind's existing objects (default 30).
	MaxDeletePercent *int `yaml:"maxDeletePercent,omitempty" json:"maxDeletePercent,omitempty"`
	// MinExisting is how many objects of a kind must exist before MaxDeletePercent applies (default 10).
	MinExisting *int `yaml:"minExisting,omitempty" json:"minExisting,omitempty"`
}

// Pos is a position in a YAML file.
type Pos struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// IsZero reports whether the position is unknown.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 }

// String formats the position as file:line:column, leaving out what is unknown.
func (p Pos) String() string {
	switch {
	case p.IsZero():
		return ""
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return p.File + ":" + strconv.Itoa(p.Line)
	default:
		return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	}
}
