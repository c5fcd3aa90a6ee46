package executor

import (
	"github.com/flagsync/flagsync/configcat"
	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// Calls lists the calls Execute makes for c (one each), as "METHOD /template". A values change is one batch
// write to the v1 or v2 endpoint, by its config's evaluation version, or the change request calls of a write
// that needs approval. Lookups a client makes to recover a
// create whose answer was lost are not counted.
func (e *Executor) Calls(c planner.Change) []string {
	if c.Kind == planner.KindValues {
		if c.ChangeRequest {
			return e.changeRequestCalls(c)
		}
		if e.evaluationVersion(c.Address) == spec.EvaluationV1 {
			return []string{configcat.CallPostValuesV1}
		}
		return []string{configcat.CallPostValuesV2}
	}
	if call, ok := ops[c.Kind].calls[c.Op]; ok {
		return []string{call}
	}
	return nil
}

// evaluationVersion is the evaluation version of the change's config: as fetched, as created in this run, or
// as the plan will create it.
func (e *Executor) evaluationVersion(a planner.Address) spec.EvaluationVersion {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p := e.remote.Product(a.Product); p != nil {
		if c := p.Config(a.Config); c != nil {
			return c.EvaluationVersion
		}
	}
	if v, ok := e.planned[configKey(a.Product, a.Config)]; ok {
		return v
	}
	return spec.EvaluationV2
}
