package emulator

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Change requests (the spec's tag "Change Requests (Approval flow & Scheduled changes)"): proposed v2 values
// for one (config, environment), reviewed, approved by a user other than the creator, and applied through
// the value endpoints' own code, or closed. A proposed change remembers the lastVersionId of the value it
// was proposed against; when the value changes after that, the change has a conflict until it is rebased.
// Every guess is in choices.go.

const (
	crOpen    = "open"
	crApplied = "applied"
	crClosed  = "closed"
)

var (
	crStatuses         = setOf(crOpen, crApplied, crClosed)
	crScheduleFilters  = setOf("nonScheduled", "scheduled")
	crApproveFilters   = setOf("approveNotRequired", "approveRequired")
	crAttentionFilters = setOf("notNeedsAttention", "needsAttention")
)

// changeRequestOf finds the change request the path names. One whose config or environment was deleted is
// gone with it.
func changeRequestOf(st *store, r *http.Request) (*changeRequest, error) {
	cr, err := byPath(r, pathInt64, "changeRequestId", st.ChangeRequests)
	if err != nil {
		return nil, err
	}
	if st.Configs[cr.ConfigID] == nil || st.Environments[cr.EnvID] == nil {
		return nil, errNotFound
	}
	return cr, nil
}

// openChangeRequestOf is changeRequestOf for actions only an open change request allows.
func (s *Server) openChangeRequestOf(st *store, r *http.Request) (*changeRequest, error) {
	cr, err := changeRequestOf(st, r)
	if err == nil && cr.Status != crOpen {
		err = badRequest("", s.b.ChangeRequestNotOpenMessage)
	}
	return cr, err
}

// activity records what happened to cr, by the caller whose write holds the lock, and returns the record.
func (s *Server) activity(st *store, cr *changeRequest, kind, details string) *crActivity {
	a := &crActivity{ID: st.nextSeq(), Type: kind, At: s.now(), By: s.acting(), Details: details}
	cr.Activities = append(cr.Activities, a)
	return a
}

// approved reports whether cr has an approval that was not dismissed.
func (cr *changeRequest) approved() bool {
	return slices.ContainsFunc(cr.Approvals, func(a *crApproval) bool { return a.DismissedAt == nil })
}

// needsAttention reports whether cr has an issue not yet fixed.
func (cr *changeRequest) needsAttention() bool {
	return slices.ContainsFunc(cr.Issues, func(i *crIssue) bool { return i.FixedAt == nil })
}

// change is cr's proposed change of setting id, or nil.
func (cr *changeRequest) change(id int32) *proposedChange {
	for _, pc := range cr.Changes {
		if pc.SettingID == id {
			return pc
		}
	}
	return nil
}

// hasConflict reports whether the value pc was proposed against changed since.
func hasConflict(st *store, cr *changeRequest, pc *proposedChange) bool {
	v := st.Values[valueKey(pc.SettingID, cr.EnvID)]
	return v != nil && v.VersionID != pc.BaseVersion
}

// liveChanges are cr's proposed changes of settings that still exist.
func liveChanges(st *store, cr *changeRequest) []*proposedChange {
	out := make([]*proposedChange, 0, len(cr.Changes))
	for _, pc := range cr.Changes {
		if st.Settings[pc.SettingID] != nil {
			out = append(out, pc)
		}
	}
	return out
}

// head is what cr's detailed and summary answers share.
func (cr *changeRequest) head() wire.ChangeRequestHead {
	h := wire.ChangeRequestHead{ChangeRequestID: cr.ID, Status: cr.Status, NeedsAttention: cr.needsAttention(), Title: cr.Title,
		Reason: cr.Reason, ApplyAt: timestampPtr(cr.ApplyAt), CreatedAt: timestamp(cr.CreatedAt),
		CreatorUserEmail: cr.Creator.Email, CreatorUserFullName: cr.Creator.FullName, Approved: cr.approved(),
		BypassApproval: cr.BypassApproval}
	if a := cr.Applied; a != nil {
		h.AppliedAt, h.AppliedByUserEmail, h.AppliedByUserFullName = timestampPtr(&a.At), strPtr(a.By.Email), strPtr(a.By.FullName)
	}
	if c := cr.Closed; c != nil {
		h.ClosedAt, h.ClosedByUserEmail, h.ClosedByUserFullName = timestampPtr(&c.At), strPtr(c.By.Email), strPtr(c.By.FullName)
	}
	return h
}

func (s *Server) changeRequestView(st *store, cr *changeRequest) changeRequestModel {
	out := changeRequestModel{ChangeRequestHead: cr.head(), ConfigID: cr.ConfigID,
		EnvironmentID: cr.EnvID, SettingValues: []proposedChangeModel{}, Comments: []changeRequestComment{},
		Approvals: []changeRequestApproval{}, Activities: []changeRequestActivity{}, Issues: []changeRequestIssueModel{}}
	for _, pc := range liveChanges(st, cr) {
		x := st.Settings[pc.SettingID]
		out.SettingValues = append(out.SettingValues, proposedChangeModel{SettingID: x.ID, SettingKey: x.Key,
			SettingName: x.Name, SettingHint: x.Hint, SettingType: x.Type, HasConflict: hasConflict(st, cr, pc),
			Original: auditFormulaOf(st, x, pc.Original), Proposed: auditFormulaOf(st, x, pc.Proposed)})
	}
	for _, c := range cr.Comments {
		out.Comments = append(out.Comments, commentView(c))
	}
	for _, a := range cr.Approvals {
		out.Approvals = append(out.Approvals, changeRequestApproval{ID: a.ID, UserEmail: a.By.Email,
			UserFullName: a.By.FullName, ApprovedAt: timestamp(a.ApprovedAt), DismissedAt: timestampPtr(a.DismissedAt)})
	}
	for _, a := range cr.Activities {
		out.Activities = append(out.Activities, changeRequestActivity{ID: a.ID, Type: a.Type, Date: timestamp(a.At),
			UserFullName: a.By.FullName, UserEmail: strPtr(a.By.Email), Details: a.Details, Error: a.Error})
	}
	for _, i := range cr.Issues {
		out.Issues = append(out.Issues, changeRequestIssueModel{ID: i.ID, Type: i.Type, Details: i.Details,
			DetectedAt: timestamp(i.DetectedAt), FixedAt: timestampPtr(i.FixedAt)})
	}
	return out
}

func commentView(c *crComment) changeRequestComment {
	return changeRequestComment{ID: c.ID, Body: c.Body, CreatedAt: timestamp(c.CreatedAt), UserEmail: c.By.Email,
		UserFullName: c.By.FullName, EditedAt: timestampPtr(c.EditedAt)}
}

func (s *Server) changeRequestSummaryView(st *store, cr *changeRequest) wire.ChangeRequestSummary {
	out := wire.ChangeRequestSummary{ChangeRequestHead: cr.head(), AffectedSettingKeys: []string{},
		CommentCount: int32(len(cr.Comments))}
	for _, pc := range liveChanges(st, cr) {
		out.AffectedSettingKeys = append(out.AffectedSettingKeys, st.Settings[pc.SettingID].Key)
		if hasConflict(st, cr, pc) {
			out.ConflictCount++
		}
	}
	return out
}

func (s *Server) createChangeRequest(w http.ResponseWriter, r *http.Request) {
	serveChangeRequestBody(s, w, r, http.StatusCreated, func(st *store, req *createChangeRequestRequest) (*changeRequest, error) {
		c, e, err := configEnvOf(st, r)
		if err != nil {
			return nil, err
		}
		if err := s.checkVersion(c, "v2"); err != nil {
			return nil, err
		}
		if err := checkChangeRequestTexts(req.Title, req.Reason); err != nil {
			return nil, err
		}
		cr := &changeRequest{ID: st.nextSeq(), ConfigID: c.ID, EnvID: e.ID, Title: *req.Title,
			Reason: optionalText(req.Reason), ApplyAt: req.ApplyAt, BypassApproval: req.BypassApproval, Status: crOpen,
			CreatedAt: s.now(), Creator: s.acting(), Changes: []*proposedChange{}}
		in := make([]*wire.ProposedFormula, len(req.ProposedChanges))
		for i, pc := range req.ProposedChanges {
			if pc.ProposedChange == nil {
				return nil, badRequest("ProposedChange", requiredMsg("ProposedChange"))
			}
			in[i] = pc.ProposedChange
		}
		if _, err := s.proposeChanges(st, cr, c, in, false); err != nil {
			return nil, err
		}
		st.ChangeRequests[cr.ID] = cr
		s.activity(st, cr, "created", "Created the Change Request.")
		return cr, nil
	})
}

func checkChangeRequestTexts(title, reason *string) error {
	if title == nil {
		return badRequest("Title", requiredMsg("Title"))
	}
	if err := checkRequired("Title", *title, 1, 255); err != nil {
		return err
	}
	return checkOptional("Reason", reason, 1000)
}

// serveChangeRequestWrite runs change for the caller under the write lock, records it in the audit log and
// answers status with the change request.
func (s *Server) serveChangeRequestWrite(w http.ResponseWriter, r *http.Request, status int,
	change func(st *store) (*changeRequest, error)) {
	c := s.callOf(w)
	var out changeRequestModel
	var err error
	s.writeAs(c, false, func(st *store) bool {
		var cr *changeRequest
		if cr, err = change(st); err != nil {
			return false
		}
		s.audit(st, c, cr)
		out = s.changeRequestView(st, cr)
		return true
	})
	answer(w, status, out, err)
}

// serveOpenChangeRequest serves a write to the open change request the path names, which change edits, and
// answers 200 with it.
func (s *Server) serveOpenChangeRequest(w http.ResponseWriter, r *http.Request, change func(st *store, cr *changeRequest) error) {
	s.serveChangeRequestWrite(w, r, http.StatusOK, func(st *store) (*changeRequest, error) {
		cr, err := s.openChangeRequestOf(st, r)
		if err != nil {
			return nil, err
		}
		return cr, change(st, cr)
	})
}

// serveChangeRequestBody decodes the request's body into a T, then serves change as serveChangeRequestWrite
// does.
func serveChangeRequestBody[T any](s *Server, w http.ResponseWriter, r *http.Request, status int,
	change func(st *store, req *T) (*changeRequest, error)) {
	var req T
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	s.serveChangeRequestWrite(w, r, status, func(st *store) (*changeRequest, error) { return change(st, &req) })
}

// updateChangeRequest replaces the title, reason and schedule (null clears the last two); a null
// bypassApproval leaves it unchanged (choices.go).
func (s *Server) updateChangeRequest(w http.ResponseWriter, r *http.Request) {
	serveChangeRequestBody(s, w, r, http.StatusOK, func(st *store, req *updateChangeRequestRequest) (*changeRequest, error) {
		cr, err := s.openChangeRequestOf(st, r)
		if err != nil {
			return nil, err
		}
		if err := checkChangeRequestTexts(req.Title, req.Reason); err != nil {
			return nil, err
		}
		if !sameJSON(cr.Reason, req.Reason) {
			s.activity(st, cr, "reasonChanged", "Changed the reason.")
		}
		if !sameJSON(cr.ApplyAt, req.ApplyAt) {
			s.activity(st, cr, "applyAtChanged", "Changed the scheduled time.")
		}
		if b := req.BypassApproval; b != nil && *b != cr.BypassApproval {
			kind := map[bool]string{true: "bypassApprovalEnabled", false: "bypassApprovalDisabled"}[*b]
			s.activity(st, cr, kind, "Changed whether the approval is bypassed.")
			cr.BypassApproval = *b
		}
		cr.Title, cr.Reason, cr.ApplyAt = *req.Title, optionalText(req.Reason), req.ApplyAt
		return cr, nil
	})
}

// listChangeRequests answers ChangeRequestsModel: the product's change requests that pass every filter,
// newest first, one page of them.
func (s *Server) listChangeRequests(w http.ResponseWriter, r *http.Request) {
	keep, err := changeRequestFilter(r)
	var page paging
	if err == nil {
		page, err = readPaging(r, 25)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	var out struct {
		ChangeRequests pagedList[wire.ChangeRequestSummary] `json:"changeRequests"`
	}
	s.read(func(st *store) {
		var p *product
		if p, err = productOf(st, r); err != nil {
			return
		}
		var all []*changeRequest
		for _, cr := range st.ChangeRequests {
			c, e := st.Configs[cr.ConfigID], st.Environments[cr.EnvID]
			if c != nil && e != nil && c.ProductID == p.ID && keep(st, cr) {
				all = append(all, cr)
			}
		}
		slices.SortFunc(all, func(a, b *changeRequest) int { return cmp.Compare(b.ID, a.ID) })
		views := make([]wire.ChangeRequestSummary, len(all))
		for i, cr := range all {
			views[i] = s.changeRequestSummaryView(st, cr)
		}
		out.ChangeRequests = pageOf(views, page)
	})
	answer(w, http.StatusOK, out, err)
}

// changeRequestFilter reads the list filters into one predicate.
func changeRequestFilter(r *http.Request) (func(*store, *changeRequest) bool, error) {
	configID, err := queryUUID(r, "configId")
	if err != nil {
		return nil, err
	}
	envID, err := queryUUID(r, "environmentId")
	if err != nil {
		return nil, err
	}
	settingID, bySetting, err := queryInt32(r, "settingId")
	if err != nil {
		return nil, err
	}
	statuses := map[string]bool{}
	for _, v := range r.URL.Query()["changeRequestStatusFilter"] {
		if !crStatuses[v] {
			return nil, badRequest("changeRequestStatusFilter", "The value '"+v+"' is not valid.")
		}
		statuses[v] = true
	}
	schedule, err := queryEnum(r, "scheduleFilter", crScheduleFilters)
	if err != nil {
		return nil, err
	}
	approve, err := queryEnum(r, "approveRequiredFilter", crApproveFilters)
	if err != nil {
		return nil, err
	}
	attention, err := queryEnum(r, "needsAttentionFilter", crAttentionFilters)
	if err != nil {
		return nil, err
	}
	return func(st *store, cr *changeRequest) bool {
		env := st.Environments[cr.EnvID]
		return (configID == "" || cr.ConfigID == configID) && (envID == "" || cr.EnvID == envID) &&
			(!bySetting || cr.change(settingID) != nil) && (len(statuses) == 0 || statuses[cr.Status]) &&
			(schedule == "" || (schedule == "scheduled") == (cr.ApplyAt != nil)) &&
			(approve == "" || (approve == "approveRequired") == approveRequired(st.Products[env.ProductID], env.ID)) &&
			(attention == "" || (attention == "needsAttention") == cr.needsAttention())
	}, nil
}

// approveChangeRequest adds the caller's approval. The creator cannot approve, and the caller's permission
// group must allow approving others in the environment.
func (s *Server) approveChangeRequest(w http.ResponseWriter, r *http.Request) {
	c := s.callOf(w)
	s.serveOpenChangeRequest(w, r, func(st *store, cr *changeRequest) error {
		me := s.acting()
		switch {
		case approvalPermission(st, c.who, st.Environments[cr.EnvID]) == "cannotApprove":
			return forbidden(s.b.ApprovalPermissionMessage)
		case cr.Creator.Email == me.Email:
			return badRequest("", s.b.OwnApprovalMessage)
		case slices.ContainsFunc(cr.Approvals, func(a *crApproval) bool { return a.DismissedAt == nil && a.By.Email == me.Email }):
			return badRequest("", s.b.AlreadyApprovedMessage)
		}
		cr.Approvals = append(cr.Approvals, &crApproval{ID: st.nextSeq(), By: me, ApprovedAt: s.now()})
		return nil
	})
}

// removeChangeRequestApproval removes the caller's approval.
func (s *Server) removeChangeRequestApproval(w http.ResponseWriter, r *http.Request) {
	s.serveOpenChangeRequest(w, r, func(st *store, cr *changeRequest) error {
		me := s.acting()
		i := slices.IndexFunc(cr.Approvals, func(a *crApproval) bool { return a.DismissedAt == nil && a.By.Email == me.Email })
		if i < 0 {
			return badRequest("", s.b.NoApprovalMessage)
		}
		cr.Approvals = slices.Delete(cr.Approvals, i, i+1)
		return nil
	})
}

// closeChangeRequest closes the change request without applying it.
func (s *Server) closeChangeRequest(w http.ResponseWriter, r *http.Request) {
	s.serveOpenChangeRequest(w, r, func(st *store, cr *changeRequest) error {
		cr.Status = crClosed
		cr.Closed = &stamp{At: s.now(), By: s.acting()}
		return nil
	})
}

// claimChangeRequestOwnership makes the caller the change request's owner (its creator).
func (s *Server) claimChangeRequestOwnership(w http.ResponseWriter, r *http.Request) {
	s.serveOpenChangeRequest(w, r, func(st *store, cr *changeRequest) error {
		cr.Creator = s.acting()
		s.activity(st, cr, "ownershipClaimed", "Claimed the ownership.")
		return nil
	})
}

// applyChangeRequest writes the proposed values as the value endpoints do. It refuses a change request with
// a conflict, and one in an approval-required environment that has no approval, unless the change request
// bypasses approval and the caller may bypass it. A value write that fails (a reason the environment
// requires, a prerequisite cycle) is recorded as an applyFailed activity.
func (s *Server) applyChangeRequest(w http.ResponseWriter, r *http.Request) {
	c := s.callOf(w)
	var out changeRequestModel
	var err error
	s.writeAs(c, false, func(st *store) bool {
		var cr *changeRequest
		if cr, err = s.openChangeRequestOf(st, r); err != nil {
			return false
		}
		if err = s.checkApplicable(st, cr); err != nil {
			return false
		}
		if err = s.commitChangeRequest(st, c, cr); err != nil {
			msg := errorMessage(err)
			s.activity(st, cr, "applyFailed", "Applying the Change Request failed.").Error = &msg
			return true
		}
		s.audit(st, c, cr)
		out = s.changeRequestView(st, cr)
		return true
	})
	answer(w, http.StatusOK, out, err)
}

func (s *Server) checkApplicable(st *store, cr *changeRequest) error {
	for _, pc := range liveChanges(st, cr) {
		if hasConflict(st, cr, pc) {
			return badRequest("", s.b.ChangeRequestConflictMessage)
		}
	}
	e := st.Environments[cr.EnvID]
	if approveRequired(st.Products[e.ProductID], e.ID) && !cr.approved() &&
		!(cr.BypassApproval && s.mayBypassApproval(st, e)) {
		return badRequest("", s.b.ChangeRequestNotApprovedMessage)
	}
	return nil
}

// commitChangeRequest stores cr's proposed values with commitFormulas, the code of the value endpoints, and
// marks cr applied.
func (s *Server) commitChangeRequest(st *store, c *call, cr *changeRequest) error {
	cfg, e := st.Configs[cr.ConfigID], st.Environments[cr.EnvID]
	in := map[int32]*wire.EvaluationFormula{}
	var xs []*setting
	for _, pc := range liveChanges(st, cr) {
		in[pc.SettingID] = pc.Proposed
		xs = append(xs, st.Settings[pc.SettingID])
	}
	q := writeQuery{approved: true}
	if cr.Reason != nil {
		q.reason = *cr.Reason
	}
	cr.Status = crApplied // before the values change, so that they do not conflict with cr itself
	if _, err := s.commitFormulas(st, cfg, e, q, in); err != nil {
		cr.Status = crOpen
		return err
	}
	cr.Applied = &stamp{At: s.now(), By: s.acting()}
	if scope, ok := s.scopeOf(st, c, valueChange{config: cfg, env: e, settings: xs, reason: cr.Reason}); ok {
		s.recordAudit(st, c, "settingValueChanged", scope)
	}
	return nil
}

func (req *changeRequestCommentRequest) check() error {
	if req.Body == nil {
		return badRequest("Body", requiredMsg("Body"))
	}
	return checkRequired("Body", *req.Body, 1, 5000)
}

// commentOf finds the comment the path names and its change request.
func commentOf(st *store, r *http.Request) (*changeRequest, *crComment, error) {
	id, err := pathInt64(r, "commentId")
	if err != nil {
		return nil, nil, err
	}
	for _, cr := range st.ChangeRequests {
		for _, c := range cr.Comments {
			if c.ID == id && st.Configs[cr.ConfigID] != nil && st.Environments[cr.EnvID] != nil {
				return cr, c, nil
			}
		}
	}
	return nil, nil, errNotFound
}

// serveCommentWrite decodes a comment body and answers status with the comment change makes, recorded in
// the audit log.
func (s *Server) serveCommentWrite(w http.ResponseWriter, r *http.Request, status int,
	change func(st *store, body string) (*changeRequest, *crComment, error)) {
	var req changeRequestCommentRequest
	err := decodeBody(r, &req)
	if err == nil {
		err = req.check()
	}
	if err != nil {
		writeError(w, err)
		return
	}
	c := s.callOf(w)
	var out changeRequestComment
	s.writeAs(c, false, func(st *store) bool {
		var cr *changeRequest
		var cm *crComment
		if cr, cm, err = change(st, *req.Body); err != nil {
			return false
		}
		s.audit(st, c, cr)
		out = commentView(cm)
		return true
	})
	answer(w, status, out, err)
}

func (s *Server) addChangeRequestComment(w http.ResponseWriter, r *http.Request) {
	s.serveCommentWrite(w, r, http.StatusOK, func(st *store, body string) (*changeRequest, *crComment, error) {
		cr, err := changeRequestOf(st, r)
		if err != nil {
			return nil, nil, err
		}
		cm := &crComment{ID: st.nextSeq(), Body: body, CreatedAt: s.now(), By: s.acting()}
		cr.Comments = append(cr.Comments, cm)
		return cr, cm, nil
	})
}

// ownComment finds the path's comment and refuses it unless the caller wrote it.
func (s *Server) ownComment(st *store, r *http.Request) (*changeRequest, *crComment, error) {
	cr, cm, err := commentOf(st, r)
	if err == nil && cm.By.Email != s.acting().Email {
		err = forbidden(s.b.CommentAuthorMessage)
	}
	return cr, cm, err
}

func (s *Server) updateChangeRequestComment(w http.ResponseWriter, r *http.Request) {
	s.serveCommentWrite(w, r, http.StatusOK, func(st *store, body string) (*changeRequest, *crComment, error) {
		cr, cm, err := s.ownComment(st, r)
		if err != nil {
			return nil, nil, err
		}
		now := s.now()
		cm.Body, cm.EditedAt = body, &now
		return cr, cm, nil
	})
}

func (s *Server) deleteChangeRequestComment(w http.ResponseWriter, r *http.Request) {
	c := s.callOf(w)
	var err error
	s.writeAs(c, false, func(st *store) bool {
		var cr *changeRequest
		var cm *crComment
		if cr, cm, err = s.ownComment(st, r); err != nil {
			return false
		}
		cr.Comments = slices.DeleteFunc(cr.Comments, func(o *crComment) bool { return o == cm })
		s.audit(st, c, cr)
		return true
	})
	answer(w, http.StatusNoContent, nil, err)
}

// checkReviews completes and checks a state file's change requests and audit log: their config, environment and
// settings must be the file's, and the sequence counts on after their ids.
func checkReviews(st *store) error {
	ensureMap(&st.ChangeRequests)
	for id, cr := range st.ChangeRequests {
		if cr == nil || cr.ID != id {
			return fmt.Errorf("changeRequests[%d]: give it an object whose id is its key", id)
		}
		c, e := st.Configs[cr.ConfigID], st.Environments[cr.EnvID]
		if c == nil || e == nil || c.ProductID != e.ProductID {
			return fmt.Errorf("changeRequests[%d]: configId and environmentId must name a config and an environment of one product of the file", id)
		}
		if !crStatuses[cr.Status] {
			return fmt.Errorf("changeRequests[%d]: status %q is not open, applied or closed", id, cr.Status)
		}
		st.Seq = max(st.Seq, cr.ID, maxSeqOf(cr))
	}
	for _, a := range st.AuditLog {
		st.Seq = max(st.Seq, a.ID)
	}
	return nil
}

// maxSeqOf is the largest id of cr's comments, approvals, activities and issues.
func maxSeqOf(cr *changeRequest) int64 {
	var n int64
	for _, c := range cr.Comments {
		n = max(n, c.ID)
	}
	for _, a := range cr.Approvals {
		n = max(n, a.ID)
	}
	for _, a := range cr.Activities {
		n = max(n, a.ID)
	}
	for _, i := range cr.Issues {
		n = max(n, i.ID)
	}
	return n
}

// errorMessage is the messages of an error answer, without status and fields.
func errorMessage(err error) string {
	var ae *apiError
	if !errors.As(err, &ae) || len(ae.fields) == 0 {
		return err.Error()
	}
	var msgs []string
	for _, field := range slices.Sorted(maps.Keys(ae.fields)) {
		msgs = append(msgs, ae.fields[field]...)
	}
	return strings.Join(msgs, " ")
}
