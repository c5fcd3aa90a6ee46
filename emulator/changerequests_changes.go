package emulator

import (
	"github.com/flagsync/flagsync/configcat/wire"
	"net/http"
	"slices"
	"strings"
)

// The proposed changes of a change request: proposing, reading, updating, removing, rebasing after a
// conflict, and noticing conflicts when a value changes.

// proposeChanges validates the proposed values in and upserts them into cr, all or none. A latestVersionId
// that is not the value's current one is a 409 unless forced; a change given with latestVersionId or forced
// is rebased onto the current value, one without keeps the value it was proposed against. It reports
// whether cr changed.
func (s *Server) proposeChanges(st *store, cr *changeRequest, c *config, in []*wire.ProposedFormula, forced bool) (bool, error) {
	next := map[int32]*proposedChange{}
	proposed := map[int32]*wire.EvaluationFormula{}
	for _, item := range in {
		if item.SettingID == nil {
			return false, badRequest("SettingId", s.b.BatchSettingNotFoundMessage)
		}
		x := st.Settings[*item.SettingID]
		if x == nil || x.ConfigID != c.ID {
			return false, badRequest("SettingId", s.b.BatchSettingNotFoundMessage)
		}
		if next[x.ID] != nil {
			return false, badRequest("SettingId", s.b.BatchDuplicateSettingMessage)
		}
		pc, err := s.proposeChange(st, cr, c, x, item, forced)
		if err != nil {
			return false, err
		}
		next[x.ID], proposed[x.ID] = pc, pc.Proposed
	}
	if err := checkCycles(st, cr.EnvID, proposed); err != nil {
		return false, err
	}
	changed := false
	for _, pc := range next {
		old := cr.change(pc.SettingID)
		if old != nil && sameJSON(old, pc) {
			continue
		}
		changed = true
		if old == nil {
			cr.Changes = append(cr.Changes, pc)
		} else {
			*old = *pc
		}
		if pc.BaseVersion == st.Values[valueKey(pc.SettingID, cr.EnvID)].VersionID {
			s.fixIssues(cr, pc.SettingID)
		}
	}
	slices.SortFunc(cr.Changes, func(a, b *proposedChange) int { return int(a.SettingID) - int(b.SettingID) })
	return changed, nil
}

// proposeChange checks one proposed value of setting x and returns the change it makes in cr.
func (s *Server) proposeChange(st *store, cr *changeRequest, c *config, x *setting, item *wire.ProposedFormula,
	forced bool) (*proposedChange, error) {
	v := st.Values[valueKey(x.ID, cr.EnvID)]
	latest := ""
	if item.LatestVersionID != nil {
		latest = strings.ToLower(*item.LatestVersionID)
	}
	if latest != "" && latest != v.VersionID && !forced {
		return nil, conflict(s.b.VersionConflictMessage)
	}
	nf, err := s.checkFormula(st, c, x, &item.EvaluationFormula)
	if err != nil {
		return nil, err
	}
	pc := &proposedChange{SettingID: x.ID, BaseVersion: v.VersionID, Original: clonePtr(v.V2), Proposed: nf}
	if old := cr.change(x.ID); old != nil && latest == "" && !forced {
		pc.BaseVersion, pc.Original = old.BaseVersion, old.Original
	}
	return pc, nil
}

// fixIssues marks cr's open issues about setting id fixed.
func (s *Server) fixIssues(cr *changeRequest, id int32) {
	now := s.now()
	for _, i := range cr.Issues {
		if i.SettingID == id && i.FixedAt == nil {
			i.FixedAt = &now
		}
	}
}

// dismissApprovals dismisses cr's approvals: they approved proposed changes that changed since.
func (s *Server) dismissApprovals(cr *changeRequest) {
	now := s.now()
	for _, a := range cr.Approvals {
		if a.DismissedAt == nil {
			a.DismissedAt = &now
		}
	}
}

// noteValueChanged records a settingConflict issue on every open change request that proposes a change of
// setting id in environment envID against a value that has now changed. storeValues calls it.
func (s *Server) noteValueChanged(st *store, envID string, id int32) {
	for _, cr := range st.ChangeRequests {
		pc := cr.change(id)
		if cr.Status != crOpen || cr.EnvID != envID || pc == nil || !hasConflict(st, cr, pc) ||
			slices.ContainsFunc(cr.Issues, func(i *crIssue) bool { return i.SettingID == id && i.FixedAt == nil }) {
			continue
		}
		cr.Issues = append(cr.Issues, &crIssue{ID: st.nextSeq(), Type: "settingConflict", SettingID: id,
			Details:    "The value of " + settingKey(st, id) + " changed after the Change Request proposed a change of it.",
			DetectedAt: s.now()})
	}
}

// openChangeRequestCount is the number of open change requests proposing a change of setting id in
// environment envID: ConfigSettingFormulaModel's changeRequestCount.
func openChangeRequestCount(st *store, envID string, id int32) int32 {
	var n int32
	for _, cr := range st.ChangeRequests {
		if cr.Status == crOpen && cr.EnvID == envID && cr.change(id) != nil {
			n++
		}
	}
	return n
}

// getProposedChanges answers ChangeRequestProposedChangesModel: each proposed value (or the one of
// ?settingId) in the shape of the values endpoints, with the lastVersionId it was proposed against.
func (s *Server) getProposedChanges(w http.ResponseWriter, r *http.Request) {
	only, bySetting, err := queryInt32(r, "settingId")
	if err != nil {
		writeError(w, err)
		return
	}
	out := proposedChangesModel{FeatureFlagLimitations: s.limitations(), ProposedChanges: []wire.ConfigSettingFormula{}}
	s.read(func(st *store) {
		var cr *changeRequest
		if cr, err = changeRequestOf(st, r); err != nil {
			return
		}
		if bySetting && cr.change(only) == nil {
			err = errNotFound
			return
		}
		idx := prerequisiteIndex(st, settingsOfConfig(st, st.Configs[cr.ConfigID]), cr.EnvID)
		for _, pc := range liveChanges(st, cr) {
			if bySetting && pc.SettingID != only {
				continue
			}
			m := s.formulaView(st, st.Settings[pc.SettingID], cr.EnvID, idx)
			m.LastVersionID = pc.BaseVersion
			m.DefaultValue, m.TargetingRules, m.PercentageEvaluationAttribute = pc.Proposed.DefaultValue, pc.Proposed.TargetingRules, pc.Proposed.PercentageEvaluationAttribute
			out.ProposedChanges = append(out.ProposedChanges, m)
		}
	})
	answer(w, http.StatusOK, out, err)
}

// putProposedChanges upserts the listed proposed values (only ?settingId's when given); a change dismisses
// the approvals.
func (s *Server) putProposedChanges(w http.ResponseWriter, r *http.Request) {
	var req updateProposedChangesRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	only, bySetting, err := queryInt32(r, "settingId")
	if err != nil {
		writeError(w, err)
		return
	}
	s.serveOpenChangeRequest(w, r, func(st *store, cr *changeRequest) error {
		in := req.ProposedChanges
		if bySetting {
			var err error
			if in, err = onlySetting(s, in, only); err != nil {
				return err
			}
		}
		return s.reviseChanges(st, cr, in, req.Forced, "proposedChangesUpdated", "Updated the proposed changes.")
	})
}

// onlySetting keeps the items of setting id, giving it to those without one; an item of another setting is
// refused.
func onlySetting(s *Server, in []*wire.ProposedFormula, id int32) ([]*wire.ProposedFormula, error) {
	for _, item := range in {
		if item.SettingID == nil {
			item.SettingID = &id
		}
		if *item.SettingID != id {
			return nil, badRequest("SettingId", s.b.BatchSettingNotFoundMessage)
		}
	}
	return in, nil
}

// reviseChanges proposes in and, when that changed cr, dismisses its approvals and records the activity.
func (s *Server) reviseChanges(st *store, cr *changeRequest, in []*wire.ProposedFormula, forced bool, kind, details string) error {
	changed, err := s.proposeChanges(st, cr, st.Configs[cr.ConfigID], in, forced)
	if err != nil || !changed {
		return err
	}
	s.dismissApprovals(cr)
	s.activity(st, cr, kind, details)
	return nil
}

// resolveConflicts replaces the proposed value of the path's setting and rebases it onto the current value.
func (s *Server) resolveConflicts(w http.ResponseWriter, r *http.Request) {
	serveChangeRequestBody(s, w, r, http.StatusOK, func(st *store, req *resolveConflictsRequest) (*changeRequest, error) {
		cr, id, err := s.openProposedChangeOf(st, r)
		if err != nil {
			return nil, err
		}
		if req.ProposedChange == nil {
			return nil, badRequest("ProposedChange", requiredMsg("ProposedChange"))
		}
		in, err := onlySetting(s, []*wire.ProposedFormula{req.ProposedChange}, id)
		if err != nil {
			return nil, err
		}
		return cr, s.reviseChanges(st, cr, in, true, "conflictsResolved", "Resolved the conflicts.")
	})
}

// openProposedChangeOf finds the open change request the path names and the path's setting, which it must
// propose a change of.
func (s *Server) openProposedChangeOf(st *store, r *http.Request) (*changeRequest, int32, error) {
	cr, err := s.openChangeRequestOf(st, r)
	if err != nil {
		return nil, 0, err
	}
	id, err := pathInt32(r, "settingId")
	if err != nil || cr.change(id) == nil {
		return nil, 0, errNotFound
	}
	return cr, id, nil
}

// deleteProposedChange removes the path's setting from the change request.
func (s *Server) deleteProposedChange(w http.ResponseWriter, r *http.Request) {
	s.serveChangeRequestWrite(w, r, http.StatusOK, func(st *store) (*changeRequest, error) {
		cr, id, err := s.openProposedChangeOf(st, r)
		if err != nil {
			return nil, err
		}
		cr.Changes = slices.DeleteFunc(cr.Changes, func(pc *proposedChange) bool { return pc.SettingID == id })
		s.fixIssues(cr, id)
		s.dismissApprovals(cr)
		s.activity(st, cr, "settingDeletedFromChangeRequest", "Removed "+settingKey(st, id)+" from the Change Request.")
		return cr, nil
	})
}

// settingKey is the key of setting id, or its number when it was deleted.
func settingKey(st *store, id int32) string {
	if x := st.Settings[id]; x != nil {
		return x.Key
	}
	return itoa32(id)
}
