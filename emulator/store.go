package emulator

import (
	"cmp"
	"github.com/flagsync/flagsync/configcat/wire"
	"slices"
	"strings"
	"time"
)

// stateVersion is the version of the state file format written by SaveState (docs/emulator-state.md).
const stateVersion = 2

// store is the whole in-memory state. Its exported fields are what SaveState writes.
type store struct {
	Version      int                        `json:"version"`
	Organization organization               `json:"organization"`
	Seq          int64                      `json:"seq"`
	NextSetting  int32                      `json:"nextSettingId"`
	NextTag      int64                      `json:"nextTagId"`
	NextLink     int64                      `json:"nextSettingTagId"`
	NextWebhook  int32                      `json:"nextWebhookId"`
	NextGroup    int64                      `json:"nextPermissionGroupId"`
	Products     map[string]*product        `json:"products"`
	Configs      map[string]*config         `json:"configs"`
	Environments map[string]*environment    `json:"environments"`
	Tags         map[int64]*tag             `json:"tags"`
	Segments     map[string]*segment        `json:"segments"`
	Settings     map[int32]*setting         `json:"settings"`
	Deleted      map[string][]deletedEntry  `json:"deletedSettings"`
	Values       map[string]*settingValue   `json:"values"`
	Webhooks     map[int32]*webhook         `json:"webhooks"`
	Groups       map[int64]*permissionGroup `json:"permissionGroups"`
	SDKKeys      map[string]*sdkKeys        `json:"sdkKeys"`
	Integrations map[string]*integration    `json:"integrations,omitempty"`
	// Further users, and the review features (users.go, changerequests.go, auditlog.go, codereferences.go).
	Users          []*Credential            `json:"users,omitempty"`
	ChangeRequests map[int64]*changeRequest `json:"changeRequests,omitempty"`
	AuditLog       []*auditEntry            `json:"auditLog,omitempty"`
	CodeReferences []*codeReport            `json:"codeReferences,omitempty"`
}

func newStore(org organization) *store {
	return &store{
		Version:      stateVersion,
		Organization: org,
		NextSetting:  1,
		NextTag:      1,
		NextLink:     1,
		NextWebhook:  1,
		NextGroup:    1,
		Products:     map[string]*product{},
		Configs:      map[string]*config{},
		Environments: map[string]*environment{},
		Tags:         map[int64]*tag{},
		Segments:     map[string]*segment{},
		Settings:     map[int32]*setting{},
		Deleted:      map[string][]deletedEntry{},
		Values:       map[string]*settingValue{},
		Webhooks:     map[int32]*webhook{},
		Groups:       map[int64]*permissionGroup{},
		SDKKeys:      map[string]*sdkKeys{},
		Integrations: map[string]*integration{},

		ChangeRequests: map[int64]*changeRequest{},
	}
}

func (st *store) nextSeq() int64 { st.Seq++; return st.Seq }

// organization is the emulator's single organization.
type organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type product struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Order       int32   `json:"order"`
	Seq         int64   `json:"seq"`
	Prefs       prefs   `json:"preferences"`
}

type prefs struct {
	ReasonRequired       bool            `json:"reasonRequired"`
	KeyGenerationMode    string          `json:"keyGenerationMode"`
	ShowVariationID      bool            `json:"showVariationId"`
	MandatorySettingHint bool            `json:"mandatorySettingHint"`
	ApproveRequired      bool            `json:"approveRequired"`
	ReasonEnvs           map[string]bool `json:"reasonRequiredEnvironments"`
	ApproveEnvs          map[string]bool `json:"approveRequiredEnvironments"`
}

type config struct {
	ID          string  `json:"id"`
	ProductID   string  `json:"productId"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	Order       int32   `json:"order"`
	Version     string  `json:"evaluationVersion"`
	Seq         int64   `json:"seq"`
}

type environment struct {
	ID          string  `json:"id"`
	ProductID   string  `json:"productId"`
	Name        string  `json:"name"`
	Color       *string `json:"color"`
	Description *string `json:"description"`
	Order       int32   `json:"order"`
	Seq         int64   `json:"seq"`
}

type tag struct {
	ID        int64   `json:"id"`
	ProductID string  `json:"productId"`
	Name      string  `json:"name"`
	Color     *string `json:"color"`
	Seq       int64   `json:"seq"`
}

type segment struct {
	ID          string    `json:"id"`
	ProductID   string    `json:"productId"`
	Name        string    `json:"name"`
	Description *string   `json:"description"`
	Attribute   string    `json:"comparisonAttribute"`
	Comparator  string    `json:"comparator"`
	Value       string    `json:"comparisonValue"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Creator     person    `json:"creator"`
	Updater     person    `json:"updater"`
	Seq         int64     `json:"seq"`
}

type person struct {
	Email    string `json:"email"`
	FullName string `json:"fullName"`
}

type setting struct {
	ID         int32        `json:"id"`
	ConfigID   string       `json:"configId"`
	Key        string       `json:"key"`
	Name       string       `json:"name"`
	Hint       *string      `json:"hint"`
	Order      int32        `json:"order"`
	Type       string       `json:"settingType"`
	IsJSON     bool         `json:"isJson"`
	CreatedAt  time.Time    `json:"createdAt"`
	Creator    person       `json:"creator"`
	Tags       []settingTag `json:"tags"`
	Variations []variation  `json:"predefinedVariations"`
	Seq        int64        `json:"seq"`
}

type settingTag struct {
	LinkID int64 `json:"settingTagId"`
	TagID  int64 `json:"tagId"`
}

type variation struct {
	ID    string      `json:"id"`
	Value scalarValue `json:"value"`
	Name  *string     `json:"name"`
	Hint  *string     `json:"hint"`
}

// scalarValue is a typed flag value, PredefinedVariationValueModel's slots: exactly one is set for a valid value
// of a known setting type.
type scalarValue wire.VariationValue

type deletedEntry struct {
	Key  string  `json:"key"`
	Name string  `json:"name"`
	Hint *string `json:"hint"`
	Type string  `json:"settingType"`
}

// settingValue is the served value of one setting in one environment. V2 holds it for v2 configs, V1 for v1
// configs; exactly one is set.
type settingValue struct {
	VersionID string                        `json:"lastVersionId"`
	UpdatedAt *time.Time                    `json:"updatedAt"`
	Updater   *person                       `json:"updater"`
	V2        *wire.EvaluationFormula       `json:"v2,omitempty"`
	V1        *wire.UpdateSettingValue[any] `json:"v1,omitempty"`
}

type webhook struct {
	ID       int32           `json:"id"`
	ConfigID string          `json:"configId"`
	EnvID    string          `json:"environmentId"`
	URL      string          `json:"url"`
	Method   string          `json:"httpMethod"`
	Content  *string         `json:"content"`
	Headers  []webhookHeader `json:"headers"`
	Key1     string          `json:"key1"`
	Key2     *string         `json:"key2"` // null until a second key exists (Dashboard only)
}

type webhookHeader struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	IsSecure bool   `json:"isSecure"`
}

type permissionGroup struct {
	ID             int64             `json:"id"`
	ProductID      string            `json:"productId"`
	Name           string            `json:"name"`
	Flags          map[string]bool   `json:"permissions"`
	AccessType     string            `json:"accessType"`
	NewEnvAccess   string            `json:"newEnvironmentAccessType"`
	EnvAccess      map[string]string `json:"environmentAccesses"`
	ApprovalType   string            `json:"approvalPermissionType"`
	NewEnvApproval string            `json:"newEnvironmentApprovalPermissionType"`
	EnvApproval    map[string]string `json:"environmentApprovalPermissions"`
	Seq            int64             `json:"seq"`
}

type sdkKeys struct {
	Primary   string  `json:"primary"`
	Secondary *string `json:"secondary"`
}

func valueKey(settingID int32, envID string) string {
	return envID + "/" + itoa32(settingID)
}

func sdkKeyKey(configID, envID string) string { return configID + "/" + envID }

// ordered is what list endpoints sort by: (order, case-insensitive name, creation sequence).
type ordered interface {
	sortKey() (int32, string, int64)
}

func (p *product) sortKey() (int32, string, int64)     { return p.Order, p.Name, p.Seq }
func (c *config) sortKey() (int32, string, int64)      { return c.Order, c.Name, c.Seq }
func (e *environment) sortKey() (int32, string, int64) { return e.Order, e.Name, e.Seq }
func (s *setting) sortKey() (int32, string, int64)     { return s.Order, s.Name, s.Seq }
func (t *tag) sortKey() (int32, string, int64)         { return 0, t.Name, t.Seq }
func (s *segment) sortKey() (int32, string, int64)     { return 0, s.Name, s.Seq }
func (g *permissionGroup) sortKey() (int32, string, int64) {
	return 0, g.Name, g.Seq
}

func sortOrdered[T ordered](items []T) {
	slices.SortFunc(items, func(a, b T) int {
		ao, an, as := a.sortKey()
		bo, bn, bs := b.sortKey()
		if c := cmp.Compare(ao, bo); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(an), strings.ToLower(bn)); c != 0 {
			return c
		}
		return cmp.Compare(as, bs)
	})
}

// collect returns the map's values that keep says to keep, sorted for a list answer.
func collect[K comparable, T ordered](m map[K]T, keep func(T) bool) []T {
	out := make([]T, 0, 8)
	for _, v := range m {
		if keep(v) {
			out = append(out, v)
		}
	}
	sortOrdered(out)
	return out
}

// exists reports whether a value of m satisfies match.
func exists[K comparable, T any](m map[K]T, match func(T) bool) bool {
	for _, v := range m {
		if match(v) {
			return true
		}
	}
	return false
}

// nextOrder is the order an entity created without one gets.
func nextOrder[K comparable, T ordered](b *Behaviour, m map[K]T, sibling func(T) bool) int32 {
	if !b.OrderAppends {
		return 0
	}
	var max int32 = -1
	for _, v := range m {
		if sibling(v) {
			if o, _, _ := v.sortKey(); o > max {
				max = o
			}
		}
	}
	return max + 1
}

// Integrations, change requests, code reports and audit log entries, as stored.

type integration struct {
	ID         string            `json:"id"`
	ProductID  string            `json:"productId"`
	Type       string            `json:"integrationType"`
	Name       string            `json:"name"`
	Parameters map[string]string `json:"parameters"`
	EnvIDs     []string          `json:"environmentIds"`
	ConfigIDs  []string          `json:"configIds"`
}

type changeRequest struct {
	ID             int64             `json:"id"`
	ConfigID       string            `json:"configId"`
	EnvID          string            `json:"environmentId"`
	Title          string            `json:"title"`
	Reason         *string           `json:"reason"`
	ApplyAt        *time.Time        `json:"applyAt"`
	BypassApproval bool              `json:"bypassApproval"`
	Status         string            `json:"status"`
	CreatedAt      time.Time         `json:"createdAt"`
	Creator        person            `json:"creator"`
	Changes        []*proposedChange `json:"proposedChanges"`
	Comments       []*crComment      `json:"comments"`
	Approvals      []*crApproval     `json:"approvals"`
	Activities     []*crActivity     `json:"activities"`
	Issues         []*crIssue        `json:"issues"`
	Applied        *stamp            `json:"applied"`
	Closed         *stamp            `json:"closed"`
}

// stamp is who did something and when.
type stamp struct {
	At time.Time `json:"at"`
	By person    `json:"by"`
}

// proposedChange is the value proposed for one setting, and the value it was proposed against.
type proposedChange struct {
	SettingID   int32                   `json:"settingId"`
	BaseVersion string                  `json:"baseVersionId"`
	Original    *wire.EvaluationFormula `json:"original"`
	Proposed    *wire.EvaluationFormula `json:"proposed"`
}

type crComment struct {
	ID        int64      `json:"id"`
	Body      string     `json:"body"`
	CreatedAt time.Time  `json:"createdAt"`
	EditedAt  *time.Time `json:"editedAt"`
	By        person     `json:"by"`
}

type crApproval struct {
	ID          int64      `json:"id"`
	By          person     `json:"by"`
	ApprovedAt  time.Time  `json:"approvedAt"`
	DismissedAt *time.Time `json:"dismissedAt"`
}

type crActivity struct {
	ID      int64     `json:"id"`
	Type    string    `json:"type"`
	At      time.Time `json:"at"`
	By      person    `json:"by"`
	Details string    `json:"details"`
	Error   *string   `json:"error"`
}

type crIssue struct {
	ID         int64      `json:"id"`
	Type       string     `json:"type"`
	SettingID  int32      `json:"settingId"`
	Details    string     `json:"details"`
	DetectedAt time.Time  `json:"detectedAt"`
	FixedAt    *time.Time `json:"fixedAt"`
}

type codeReport struct {
	ID         string          `json:"id"`
	ConfigID   string          `json:"configId"`
	Repository string          `json:"repository"`
	Branch     string          `json:"branch"`
	CommitURL  *string         `json:"commitUrl"`
	CommitHash *string         `json:"commitHash"`
	Uploader   *string         `json:"uploader"`
	SyncedAt   time.Time       `json:"syncedAt"`
	Flags      []flagReference `json:"flagReferences"`
}

type auditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	Type      string    `json:"type"`
	ProductID string    `json:"productId"`
	ConfigID  string    `json:"configId,omitempty"`
	EnvID     string    `json:"environmentId,omitempty"`
	By        person    `json:"by"`
	Where     string    `json:"where"`
	Why       *string   `json:"why"`
	Target    string    `json:"actionTarget"`
	Details   string    `json:"details"`
}
