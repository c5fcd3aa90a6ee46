package emulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/flagsync/flagsync/configcat/wire"
)

// The audit log: every committed write through the API is recorded with who (the caller), when (the clock),
// what (the spec's AuditLogType, the object and, for values, the new values) and where (product, config,
// environment), and answered by the product and organization audit log endpoints with the spec's filters.
// Every guess is in choices.go.

// auditLogTypes is the spec's AuditLogType.
var auditLogTypes = setOf(strings.Fields(`
	productCreated productChanged productDeleted productsReordered productPreferencesUpdated teamMemberInvited
	teamMemberInvitationRevoked teamMemberJoined teamMemberPermissionGroupChanged teamMemberRemoved
	teamMemberLeft teamMemberInvitationChanged teamMemberInvitationResent teamMemberInvitationRejected
	teamMemberAddedToProduct configCreated configChanged configDeleted configsReordered environmentCreated
	environmentChanged environmentDeleted environmentsReordered settingCreated settingChanged settingDeleted
	settingsReordered predefinedVariationsChanged settingConvertedToPredefinedVariations
	settingConvertedToFreeFormValues settingValueChanged webHookCreated webHookChanged webHookDeleted
	permissionGroupCreated permissionGroupChanged permissionGroupDeleted permissionGroupDefault apiKeyAdded
	apiKeyRemoved integrationAdded integrationChanged integrationRemoved apiKeyConnected integrationLinkAdded
	integrationLinkRemoved organizationAdded organizationChanged organizationSubscriptionTypeChanged
	organizationAdminChanged organizationAdminLeft twoFactorDisabledForMember tagAdded tagChanged tagRemoved
	settingTagAdded settingTagRemoved publicApiAccessTokenAdded publicApiAccessTokenRemoved domainAdded
	domainVerified domainRemoved autoProvisioningConfigurationChanged samlIdpConfigurationAdded
	samlIdpConfigurationRemoved samlIdpConfigurationUpdated autoProvisioningEnabledChanged
	organizationMemberJoined organizationMemberProductJoinRequested
	organizationMemberProductJoinRequestRejected organizationMemberProductJoinRequestApproved
	organizationMemberRemoved codeReferencesUploaded codeReferenceDeleted codeReferenceStaleBranchDeleted
	segmentCreated segmentChanged segmentDeleted webhookSigningKeyDeleted webhookSigningKeyCreated
	userProvisioningConfigurationChanged syncGroupProvisioningRuleChanged syncGroupsReordered
	syncUserProvisioningEnabled syncUserProvisioningDisabled userEmailChanged userFullNameChanged userDisabled
	awsConnected awsDisconnected userEnabled syncUserDeleted syncGroupDeleted proxyConfigurationCreated
	proxyConfigurationChanged proxyConfigurationDeleted proxyConfigurationSecretRegenerated
	proxyNotificationSettingsUpdated proxyNotificationSettingsDeleted proxyNotificationSigningKeyAdded
	proxyNotificationSigningKeyDeleted changeRequestCreated changeRequestUpdated
	changeRequestSettingValuesUpdated changeRequestSettingValueRebased changeRequestApproved
	changeRequestApprovalDismissed changeRequestApplied changeRequestAppliedOnSchedule changeRequestClosed
	changeRequestNeedsAttention changeRequestCommentAdded changeRequestCommentEdited
	changeRequestCommentDeleted changeRequestSettingDeleted changeRequestNeedsAttentionFixed
	changeRequestOwnershipClaimed `)...)

// auditKinds maps the write endpoints to the AuditLogType of their entries.
var auditKinds = map[string]string{
	"POST /v1/organizations/{organizationId}/products":                                          "productCreated",
	"PUT /v1/products/{productId}":                                                              "productChanged",
	"DELETE /v1/products/{productId}":                                                           "productDeleted",
	"POST /v1/products/{productId}/preferences":                                                 "productPreferencesUpdated",
	"POST /v1/products/{productId}/configs":                                                     "configCreated",
	"PUT /v1/configs/{configId}":                                                                "configChanged",
	"DELETE /v1/configs/{configId}":                                                             "configDeleted",
	"POST /v1/products/{productId}/environments":                                                "environmentCreated",
	"PUT /v1/environments/{environmentId}":                                                      "environmentChanged",
	"DELETE /v1/environments/{environmentId}":                                                   "environmentDeleted",
	"POST /v1/products/{productId}/tags":                                                        "tagAdded",
	"PUT /v1/tags/{tagId}":                                                                      "tagChanged",
	"DELETE /v1/tags/{tagId}":                                                                   "tagRemoved",
	"POST /v1/products/{productId}/segments":                                                    "segmentCreated",
	"PUT /v1/segments/{segmentId}":                                                              "segmentChanged",
	"DELETE /v1/segments/{segmentId}":                                                           "segmentDeleted",
	"POST /v1/configs/{configId}/settings":                                                      "settingCreated",
	"PUT /v1/settings/{settingId}":                                                              "settingChanged",
	"PATCH /v1/settings/{settingId}":                                                            "settingChanged",
	"DELETE /v1/settings/{settingId}":                                                           "settingDeleted",
	"PUT /v1/settings/{settingId}/predefined-variations":                                        "predefinedVariationsChanged",
	"POST /v1/configs/{configId}/environments/{environmentId}/webhooks":                         "webHookCreated",
	"PUT /v1/webhooks/{webhookId}":                                                              "webHookChanged",
	"PATCH /v1/webhooks/{webhookId}":                                                            "webHookChanged",
	"DELETE /v1/webhooks/{webhookId}":                                                           "webHookDeleted",
	"POST /v1/products/{productId}/permissions":                                                 "permissionGroupCreated",
	"PUT /v1/permissions/{permissionGroupId}":                                                   "permissionGroupChanged",
	"DELETE /v1/permissions/{permissionGroupId}":                                                "permissionGroupDeleted",
	"POST /v1/products/{productId}/integrations":                                                "integrationAdded",
	"PUT /v1/integrations/{integrationId}":                                                      "integrationChanged",
	"DELETE /v1/integrations/{integrationId}":                                                   "integrationRemoved",
	"POST /v2/configs/{configId}/environments/{environmentId}/change-requests":                  "changeRequestCreated",
	"PUT /v2/change-requests/{changeRequestId}":                                                 "changeRequestUpdated",
	"PUT /v2/change-requests/{changeRequestId}/proposed-changes":                                "changeRequestSettingValuesUpdated",
	"DELETE /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}":                 "changeRequestSettingDeleted",
	"POST /v2/change-requests/{changeRequestId}/proposed-changes/{settingId}/resolve-conflicts": "changeRequestSettingValueRebased",
	"POST /v2/change-requests/{changeRequestId}/approve":                                        "changeRequestApproved",
	"POST /v2/change-requests/{changeRequestId}/remove-approval":                                "changeRequestApprovalDismissed",
	"POST /v2/change-requests/{changeRequestId}/apply":                                          "changeRequestApplied",
	"POST /v2/change-requests/{changeRequestId}/close":                                          "changeRequestClosed",
	"POST /v2/change-requests/{changeRequestId}/claim-ownership":                                "changeRequestOwnershipClaimed",
	"POST /v2/change-requests/{changeRequestId}/comments":                                       "changeRequestCommentAdded",
	"PUT /v2/change-request-comments/{commentId}":                                               "changeRequestCommentEdited",
	"DELETE /v2/change-request-comments/{commentId}":                                            "changeRequestCommentDeleted",
	"POST /v1/code-references":                                                                  "codeReferencesUploaded",
	"POST /v1/code-references/delete-reports":                                                   "codeReferenceDeleted",
}

// auditKind is the AuditLogType of a write through the endpoint c names: a value write is settingValueChanged.
func auditKind(c *call) string {
	if strings.HasSuffix(c.route, "/value") || strings.HasSuffix(c.route, "/values") {
		return "settingValueChanged"
	}
	return auditKinds[c.method+" "+c.route]
}

// valueChange is the subject of a value write: settings of a config whose values changed in an environment.
type valueChange struct {
	config   *config
	env      *environment
	settings []*setting
	reason   *string
}

// auditScope is where an entry belongs and what it names.
type auditScope struct {
	productID, configID, envID, target, details string
	why                                         *string
}

// audit records the caller's write of subject, an entity the write created, changed or (before it was
// removed) deleted.
func (s *Server) audit(st *store, c *call, subject any) {
	if sc, ok := s.scopeOf(st, c, subject); ok {
		s.recordAudit(st, c, auditKind(c), sc)
	}
}

// recordAudit appends an entry of kind to the audit log; an endpoint without a kind records none.
func (s *Server) recordAudit(st *store, c *call, kind string, sc auditScope) {
	if kind == "" || c == nil {
		return
	}
	st.AuditLog = append(st.AuditLog, &auditEntry{ID: st.nextSeq(), At: s.now(), Type: kind,
		ProductID: sc.productID, ConfigID: sc.configID, EnvID: sc.envID, By: c.who.person(),
		Where: where(st, sc), Why: sc.why, Target: sc.target, Details: sc.details})
}

// where names the product, config and environment of an entry, as the dashboard shows them.
func where(st *store, sc auditScope) string {
	var parts []string
	if p := st.Products[sc.productID]; p != nil {
		parts = append(parts, p.Name)
	}
	if c := st.Configs[sc.configID]; c != nil {
		parts = append(parts, c.Name)
	}
	if e := st.Environments[sc.envID]; e != nil {
		parts = append(parts, e.Name)
	}
	return strings.Join(parts, " / ")
}

// scopeOf places subject; ok is false when neither subject nor the request's productId say where.
func (s *Server) scopeOf(st *store, c *call, subject any) (auditScope, bool) {
	byConfig := func(configID, envID, target string) (auditScope, bool) {
		cfg := st.Configs[configID]
		if cfg == nil {
			return auditScope{}, false
		}
		return auditScope{productID: cfg.ProductID, configID: configID, envID: envID, target: target}, true
	}
	switch x := subject.(type) {
	case *product:
		return auditScope{productID: x.ID, target: x.Name}, true
	case *config:
		return auditScope{productID: x.ProductID, configID: x.ID, target: x.Name}, true
	case *environment:
		return auditScope{productID: x.ProductID, envID: x.ID, target: x.Name}, true
	case *tag:
		return auditScope{productID: x.ProductID, target: x.Name}, true
	case *segment:
		return auditScope{productID: x.ProductID, target: x.Name}, true
	case *permissionGroup:
		return auditScope{productID: x.ProductID, target: x.Name}, true
	case *setting:
		return byConfig(x.ConfigID, "", x.Key)
	case *webhook:
		return byConfig(x.ConfigID, x.EnvID, x.URL)
	case *changeRequest:
		return byConfig(x.ConfigID, x.EnvID, x.Title)
	case *codeReport:
		return byConfig(x.ConfigID, "", x.Repository+" ("+x.Branch+")")
	case valueChange:
		sc, ok := byConfig(x.config.ID, x.env.ID, settingKeys(x.settings))
		sc.why, sc.details = x.reason, valueDetails(st, x)
		return sc, ok
	}
	if c != nil && c.r != nil {
		if id, err := pathUUID(c.r, "productId"); err == nil && st.Products[id] != nil {
			return auditScope{productID: id, target: st.Products[id].Name}, true
		}
	}
	return auditScope{}, false
}

func settingKeys(xs []*setting) string {
	keys := make([]string, len(xs))
	for i, x := range xs {
		keys[i] = x.Key
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// valueDetails is the new values of a value write, as JSON keyed by setting key.
func valueDetails(st *store, vc valueChange) string {
	values := map[string]any{}
	for _, x := range vc.settings {
		v := st.Values[valueKey(x.ID, vc.env.ID)]
		if v.V2 != nil {
			values[x.Key] = v.V2
		} else {
			values[x.Key] = v.V1
		}
	}
	out, _ := json.Marshal(values)
	return string(out)
}

func auditLogView(a *auditEntry) wire.AuditLogItem {
	return wire.AuditLogItem{AuditLogID: a.ID, DateTime: timestamp(a.At), AuditLogTypeEnum: a.Type, ModelVersion: 1,
		AuditLogType: sentence(a.Type),
		UserEmail:    strPtr(a.By.Email), UserName: a.By.FullName, Where: a.Where, Why: a.Why, ActionTarget: a.Target,
		Details: a.Details}
}

// sentence turns an AuditLogType into words: settingValueChanged is "Setting value changed".
func sentence(kind string) string {
	var b strings.Builder
	for i, r := range kind {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// auditFilter is the filters of the audit log endpoints.
type auditFilter struct {
	productID, configID, envID, kind string
	from, to                         *time.Time
}

func (f auditFilter) keep(a *auditEntry) bool {
	return (f.productID == "" || a.ProductID == f.productID) && (f.configID == "" || a.ConfigID == f.configID) &&
		(f.envID == "" || a.EnvID == f.envID) && (f.kind == "" || a.Type == f.kind) &&
		(f.from == nil || !a.At.Before(*f.from)) && (f.to == nil || !a.At.After(*f.to))
}

// readAuditFilter reads configId, environmentId, auditLogType, fromUtcDateTime and toUtcDateTime, and
// productId where the endpoint has it as a query parameter.
func readAuditFilter(r *http.Request, productInQuery bool) (auditFilter, error) {
	var f auditFilter
	var err error
	if productInQuery {
		if f.productID, err = queryUUID(r, "productId"); err != nil {
			return f, err
		}
	}
	if f.configID, err = queryUUID(r, "configId"); err != nil {
		return f, err
	}
	if f.envID, err = queryUUID(r, "environmentId"); err != nil {
		return f, err
	}
	if f.kind, err = queryEnum(r, "auditLogType", auditLogTypes); err != nil {
		return f, err
	}
	if f.from, err = queryTime(r, "fromUtcDateTime"); err != nil {
		return f, err
	}
	f.to, err = queryTime(r, "toUtcDateTime")
	return f, err
}

// v1Window applies the deprecated v1 endpoints' rules: the last 7 days when neither end is given, and at
// most 30 days between the two.
func (s *Server) v1Window(f *auditFilter) error {
	if f.from == nil && f.to == nil {
		from := s.now().Add(-7 * 24 * time.Hour)
		f.from = &from
	}
	if f.from != nil && f.to != nil && f.to.Sub(*f.from) > 30*24*time.Hour {
		return badRequest("", s.b.AuditLogWindowMessage)
	}
	return nil
}

// auditLogItems are the entries f keeps, newest first.
func auditLogItems(st *store, f auditFilter) []wire.AuditLogItem {
	var kept []*auditEntry
	for _, a := range st.AuditLog {
		if f.keep(a) {
			kept = append(kept, a)
		}
	}
	slices.SortFunc(kept, func(a, b *auditEntry) int { return cmp.Compare(b.ID, a.ID) })
	out := make([]wire.AuditLogItem, len(kept))
	for i, a := range kept {
		out[i] = auditLogView(a)
	}
	return out
}

// serveAuditLog answers the entries of the scope the path names (a product, or the organization) that the
// query's filters keep, as list makes the answer of them.
func (s *Server) serveAuditLog(w http.ResponseWriter, r *http.Request, v1 bool, list func([]wire.AuditLogItem) any) {
	byProduct := r.PathValue("productId") != ""
	f, err := readAuditFilter(r, !byProduct)
	if err == nil && v1 {
		err = s.v1Window(&f)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	var out any
	s.read(func(st *store) {
		if byProduct {
			var p *product
			if p, err = productOf(st, r); err != nil {
				return
			}
			f.productID = p.ID
		} else if err = organizationOf(st, r); err != nil {
			return
		}
		out = list(auditLogItems(st, f))
	})
	answer(w, http.StatusOK, out, err)
}

// asPage is the v2 answer, AuditLogItemModelPagedList.
func asPage(r *http.Request) (func([]wire.AuditLogItem) any, error) {
	p, err := readPaging(r, 100)
	return func(items []wire.AuditLogItem) any { return pageOf(items, p) }, err
}

func (s *Server) listAuditLogsV2(w http.ResponseWriter, r *http.Request) {
	page, err := asPage(r)
	if err != nil {
		writeError(w, err)
		return
	}
	s.serveAuditLog(w, r, false, page)
}

func (s *Server) listAuditLogsV1(w http.ResponseWriter, r *http.Request) {
	s.serveAuditLog(w, r, true, func(items []wire.AuditLogItem) any { return items })
}

// optionalReason is a value write's reason, nil when it gave none.
func optionalReason(q writeQuery) *string {
	if q.reason == "" {
		return nil
	}
	return &q.reason
}

// changedSettings are the settings a batch write lists.
func changedSettings[T any](st *store, in map[int32]*T) []*setting {
	out := make([]*setting, 0, len(in))
	for id := range in {
		out = append(out, st.Settings[id])
	}
	return out
}
