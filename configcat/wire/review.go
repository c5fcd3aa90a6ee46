package wire

// ChangeRequestHead is what ChangeRequestModel and ChangeRequestSummaryModel share.
type ChangeRequestHead struct {
	ChangeRequestID       int64   `json:"changeRequestId"`
	Status                string  `json:"changeRequestStatus"`
	NeedsAttention        bool    `json:"needsAttention"`
	Title                 string  `json:"title"`
	Reason                *string `json:"reason"`
	ApplyAt               *string `json:"applyAt"`
	CreatedAt             string  `json:"createdAt"`
	CreatorUserEmail      string  `json:"creatorUserEmail"`
	CreatorUserFullName   string  `json:"creatorUserFullName"`
	CreatorUserID         *string `json:"creatorUserId"`
	Approved              bool    `json:"approved"`
	BypassApproval        bool    `json:"bypassApproval"`
	AppliedAt             *string `json:"appliedAt"`
	AppliedByUserID       *string `json:"appliedByUserId"`
	AppliedByUserEmail    *string `json:"appliedByUserEmail"`
	AppliedByUserFullName *string `json:"appliedByUserFullName"`
	ClosedAt              *string `json:"closedAt"`
	ClosedByUserID        *string `json:"closedByUserId"`
	ClosedByUserEmail     *string `json:"closedByUserEmail"`
	ClosedByUserFullName  *string `json:"closedByUserFullName"`
}

// ChangeRequestSummary is ChangeRequestSummaryModel: one change request as the list answers it.
type ChangeRequestSummary struct {
	ChangeRequestHead
	AffectedSettingKeys []string `json:"affectedSettingKeys"`
	CommentCount        int32    `json:"commentCount"`
	ConflictCount       int32    `json:"conflictCount"`
}

// CodeReference is CodeReferenceModel: where one scan of a repository branch found a flag.
type CodeReference struct {
	Branch          *string          `json:"branch"`
	References      []ReferenceLines `json:"references"`
	CommitURL       *string          `json:"commitUrl"`
	CommitHash      *string          `json:"commitHash"`
	SyncedAt        string           `json:"syncedAt"`
	Repository      *string          `json:"repository"`
	CodeReferenceID string           `json:"codeReferenceId"`
	Uploader        *string          `json:"uploader"`
}

// ReferenceLines is ReferenceLinesModel in answers and ReferenceLinesRequest in uploads: one place in a file.
type ReferenceLines struct {
	File          string          `json:"file"`
	FileURL       *string         `json:"fileUrl"`
	PreLines      []ReferenceLine `json:"preLines"`
	PostLines     []ReferenceLine `json:"postLines"`
	ReferenceLine *ReferenceLine  `json:"referenceLine"`
}

// ReferenceLine is ReferenceLineModel (ReferenceLineRequest in uploads).
type ReferenceLine struct {
	LineText   *string `json:"lineText"`
	LineNumber int32   `json:"lineNumber"`
}

// AuditLogItem is AuditLogItemModel.
type AuditLogItem struct {
	AuditLogID       int64   `json:"auditLogId"`
	DateTime         string  `json:"auditLogDateTime"`
	AuditLogTypeEnum string  `json:"auditLogTypeEnum"`
	Truncated        bool    `json:"truncated"`
	ModelVersion     int32   `json:"modelVersion"`
	AuditLogType     string  `json:"auditLogType"`
	UserEmail        *string `json:"userEmail"`
	UserName         string  `json:"userName"`
	Where            string  `json:"where"`
	Why              *string `json:"why"`
	ActionTarget     string  `json:"actionTarget"`
	Details          string  `json:"details"`
}
