package wire

// Request bodies. Optional and nullable fields are pointers with omitempty: the client leaves nil unsent, which
// for an update means "leave unchanged". Required texts of the client's bodies are plain strings; where the
// emulator must tell a missing text from an empty one it reads the body into its own struct with a pointer.

// ProductRequest is CreateProductRequest (Name required) and UpdateProductRequest (nil fields unchanged).
type ProductRequest struct {
	Name        string  `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// CreateConfigRequest is CreateConfigRequest.
type CreateConfigRequest struct {
	Name              string  `json:"name"`
	Description       *string `json:"description,omitempty"`
	Order             *int32  `json:"order,omitempty"`
	EvaluationVersion string  `json:"evaluationVersion,omitempty"`
}

// UpdateConfigRequest is UpdateConfigRequest; nil fields are left unchanged.
type UpdateConfigRequest struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// EnvironmentRequest is CreateEnvironmentModel (Name required) and UpdateEnvironmentModel (nil fields
// unchanged).
type EnvironmentRequest struct {
	Name        string  `json:"name,omitempty"`
	Color       *string `json:"color,omitempty"`
	Description *string `json:"description,omitempty"`
	Order       *int32  `json:"order,omitempty"`
}

// TagRequest is CreateTagModel (Name required) and UpdateTagModel.
type TagRequest struct {
	Name  string  `json:"name,omitempty"`
	Color *string `json:"color,omitempty"`
}

// SegmentRequest is CreateSegmentModel (all but Description required) and UpdateSegmentModel.
type SegmentRequest struct {
	Name                string  `json:"name,omitempty"`
	Description         *string `json:"description,omitempty"`
	ComparisonAttribute string  `json:"comparisonAttribute,omitempty"`
	Comparator          string  `json:"comparator,omitempty"`
	ComparisonValue     string  `json:"comparisonValue,omitempty"`
}

// PreferencesRequest is UpdatePreferencesRequest; nil fields are left unchanged. The environments' items are
// UpdateReasonRequiredEnvironmentModel and UpdateApproveRequiredEnvironmentModel: EnvironmentName stays nil.
type PreferencesRequest struct {
	ReasonRequired              *bool                        `json:"reasonRequired,omitempty"`
	KeyGenerationMode           *string                      `json:"keyGenerationMode,omitempty"`
	ShowVariationID             *bool                        `json:"showVariationId,omitempty"`
	MandatorySettingHint        *bool                        `json:"mandatorySettingHint,omitempty"`
	ReasonRequiredEnvironments  []ReasonRequiredEnvironment  `json:"reasonRequiredEnvironments,omitempty"`
	ApproveRequired             *bool                        `json:"approveRequired,omitempty"`
	ApproveRequiredEnvironments []ApproveRequiredEnvironment `json:"approveRequiredEnvironments,omitempty"`
}

// WebhookRequest is WebHookRequestModel, a full replace. An unset HTTPMethod is the server's default.
type WebhookRequest struct {
	URL            string          `json:"url"`
	Content        *string         `json:"content,omitempty"`
	HTTPMethod     string          `json:"httpMethod,omitempty"`
	WebHookHeaders []WebhookHeader `json:"webHookHeaders"`
}

// IntegrationRequest is CreateIntegrationModel; without IntegrationType, ModifyIntegrationRequest (a full
// replace).
type IntegrationRequest struct {
	IntegrationType string            `json:"integrationType,omitempty"`
	Name            string            `json:"name"`
	Parameters      map[string]string `json:"parameters"`
	EnvironmentIDs  []string          `json:"environmentIds"`
	ConfigIDs       []string          `json:"configIds"`
}
