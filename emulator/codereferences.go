package emulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Code references: reports a scanner (ConfigCat's CLI) uploads per config, repository and branch, with the
// lines where each flag is used, answered per flag. Every guess is in choices.go.

// check validates the request against config c and returns its references with empty line lists as [].
func (req *codeReferenceRequest) check(s *Server, st *store, c *config) ([]flagReference, error) {
	for _, f := range []struct {
		name string
		v    *string
		lo   int
		hi   int
	}{{"Repository", req.Repository, 1, 255}, {"Branch", req.Branch, 1, 255}} {
		if f.v == nil {
			return nil, badRequest(f.name, requiredMsg(f.name))
		}
		if err := checkRequired(f.name, *f.v, f.lo, f.hi); err != nil {
			return nil, err
		}
	}
	for _, e := range []error{checkOptional("CommitUrl", req.CommitURL, 1000), checkOptional("CommitHash", req.CommitHash, 255),
		checkOptional("Uploader", req.Uploader, 255)} {
		if e != nil {
			return nil, e
		}
	}
	out := make([]flagReference, 0, len(req.FlagReferences))
	for _, f := range req.FlagReferences {
		if x := st.Settings[f.SettingID]; x == nil || x.ConfigID != c.ID {
			return nil, badRequest("FlagReferences", s.b.BatchSettingNotFoundMessage)
		}
		refs := make([]wire.ReferenceLines, len(f.References))
		for i, ref := range f.References {
			if err := checkRequired("File", ref.File, 1, 255); err != nil {
				return nil, err
			}
			if ref.ReferenceLine == nil {
				return nil, badRequest("ReferenceLine", requiredMsg("ReferenceLine"))
			}
			ref.PreLines, ref.PostLines = orEmpty(ref.PreLines), orEmpty(ref.PostLines)
			refs[i] = ref
		}
		out = append(out, flagReference{SettingID: f.SettingID, References: refs})
	}
	return out, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// uploadCodeReferences stores a scan of one repository branch, replacing the branch's previous report; with
// activeBranches, the reports of the repository's other branches that are not listed are deleted.
func (s *Server) uploadCodeReferences(w http.ResponseWriter, r *http.Request) {
	var req codeReferenceRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	s.writeReports(w, req.ConfigID, func(st *store, cfg *config) (*codeReport, error) {
		flags, err := req.check(s, st, cfg)
		if err != nil {
			return nil, err
		}
		active := setOf(append(req.ActiveBranches, *req.Branch)...)
		st.CodeReferences = slices.DeleteFunc(st.CodeReferences, func(o *codeReport) bool {
			return o.ConfigID == cfg.ID && o.Repository == *req.Repository &&
				(o.Branch == *req.Branch || len(req.ActiveBranches) > 0 && !active[o.Branch])
		})
		report := &codeReport{ID: newUUID(), ConfigID: cfg.ID, Repository: *req.Repository, Branch: *req.Branch,
			CommitURL: req.CommitURL, CommitHash: req.CommitHash, Uploader: req.Uploader, SyncedAt: s.now(), Flags: flags}
		st.CodeReferences = append(st.CodeReferences, report)
		return report, nil
	})
}

// deleteCodeReferences deletes a repository's reports of a config, or only a branch's, or only a setting's
// references in them.
func (s *Server) deleteCodeReferences(w http.ResponseWriter, r *http.Request) {
	var req deleteReportsRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if req.Repository == nil || strings.TrimSpace(*req.Repository) == "" {
		writeError(w, badRequest("Repository", requiredMsg("Repository")))
		return
	}
	s.writeReports(w, req.ConfigID, func(st *store, cfg *config) (*codeReport, error) {
		matches := func(o *codeReport) bool {
			return o.ConfigID == cfg.ID && o.Repository == *req.Repository && (req.Branch == nil || *req.Branch == "" || o.Branch == *req.Branch)
		}
		for _, o := range st.CodeReferences {
			if matches(o) && req.SettingID != nil {
				o.Flags = slices.DeleteFunc(o.Flags, func(f flagReference) bool { return f.SettingID == *req.SettingID })
			}
		}
		if req.SettingID == nil {
			st.CodeReferences = slices.DeleteFunc(st.CodeReferences, matches)
		}
		return &codeReport{ConfigID: cfg.ID, Repository: *req.Repository, Branch: deref(req.Branch)}, nil
	})
}

// writeReports runs change on the code reports of the config configID for the caller under the write lock,
// records the report it returns in the audit log and answers 200 with no body.
func (s *Server) writeReports(w http.ResponseWriter, configID string, change func(st *store, cfg *config) (*codeReport, error)) {
	c := s.callOf(w)
	var err error
	s.writeAs(c, false, func(st *store) bool {
		cfg := st.Configs[strings.ToLower(configID)]
		if cfg == nil {
			err = errNotFound
			return false
		}
		var report *codeReport
		if report, err = change(st, cfg); err != nil {
			return false
		}
		s.audit(st, c, report)
		return true
	})
	answer(w, http.StatusOK, nil, err)
}

// listCodeReferences answers the setting's references: one CodeReferenceModel per report that has any, by
// repository and branch.
func (s *Server) listCodeReferences(w http.ResponseWriter, r *http.Request) {
	serveList(s, w, r, settingOf, func(st *store, x *setting) []wire.CodeReference {
		out := []wire.CodeReference{}
		for _, o := range st.CodeReferences {
			if o.ConfigID != x.ConfigID {
				continue
			}
			for _, f := range o.Flags {
				if f.SettingID == x.ID && len(f.References) > 0 {
					out = append(out, wire.CodeReference{Branch: strPtr(o.Branch), References: f.References,
						CommitURL: o.CommitURL, CommitHash: o.CommitHash, SyncedAt: timestamp(o.SyncedAt),
						Repository: strPtr(o.Repository), CodeReferenceID: o.ID, Uploader: o.Uploader})
				}
			}
		}
		slices.SortFunc(out, func(a, b wire.CodeReference) int {
			return cmp.Or(cmp.Compare(*a.Repository, *b.Repository), cmp.Compare(*a.Branch, *b.Branch))
		})
		return out
	}, func(_ *store, m wire.CodeReference) wire.CodeReference { return m })
}
