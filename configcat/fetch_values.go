package configcat

// A large account's values arrive as one answer per config and environment, each listing every flag of the
// config with its setting. Fetch reads each answer into spec values on the goroutine that received it and lets
// the answer go, so that the answers are never held whole beside the state built from them; the flags'
// metadata, which every answer of a config repeats, is kept once per flag. build then puts the values in place
// in environment order, exactly as if it had read the answers then.

import (
	"cmp"
	"fmt"
	"slices"
	"sync"

	"github.com/flagsync/flagsync/spec"
)

// configValues is what the values answers of one config told, filled concurrently as they arrive.
type configValues struct {
	mu sync.Mutex
	// envs is each answer read, by environment index; all are set once the reads succeeded.
	envs []*envValues
	// metas is each flag's metadata from the first answer, in environment order, that described it.
	metas map[int32]toldMeta
}

// toldMeta is a flag's metadata and where it was told: the answer's environment index and the flag's position in
// it, which order the flags as the answers do.
type toldMeta struct {
	*flagMeta
	env, pos int
}

// envValues is one values answer read: each flag's value in the environment.
type envValues struct {
	values []readValue
	// versions says the answer carried last version ids (v2); limits are the v2 answer's formula limits.
	versions bool
	limits   *FeatureFlagLimitations
	// err is the first flag whose value could not be read; build reports it.
	err error
}

// readValue is a flag's value in one environment, and for v2 the id of the value's last version.
type readValue struct {
	settingID   int32
	value       *spec.EnvValue
	lastVersion string
}

func newConfigValues(environments int) *configValues {
	return &configValues{envs: make([]*envValues, environments), metas: map[int32]toldMeta{}}
}

// addV2 reads the v2 answer of environment ei (named env); segments are the product's segment names by id.
func (cv *configValues) addV2(ei int, env string, vals *ConfigSettingFormulas, segments map[string]string) {
	sfs := vals.SettingFormulas
	rctx := &readContext{segments: segments, flags: make(map[int32]readFlag, len(sfs))}
	metas := make([]*flagMeta, len(sfs))
	for i := range sfs {
		metas[i] = flagMetaOfV2(&sfs[i])
		rctx.flags[metas[i].id] = metas[i].readFlag()
	}
	limits := vals.FeatureFlagLimitations
	ev := &envValues{values: make([]readValue, 0, len(sfs)), versions: true, limits: &limits}
	for i := range sfs {
		sf := &sfs[i]
		v, err := envValueFromV2(sf, rctx)
		if err != nil {
			ev.err = fmt.Errorf("flag %q in environment %q: %w", sf.Setting.Key, env, err)
			break
		}
		ev.values = append(ev.values, readValue{settingID: sf.Setting.SettingID, value: v, lastVersion: sf.LastVersionID})
	}
	cv.add(ei, metas, ev)
}

// addV1 reads the v1 answer of environment ei (named env); segments are the product's segment names by id.
func (cv *configValues) addV1(ei int, env string, vals *ConfigSettingValues, segments map[string]string) {
	svs := vals.SettingValues
	metas := make([]*flagMeta, len(svs))
	ev := &envValues{values: make([]readValue, 0, len(svs))}
	for i := range svs {
		sv := &svs[i]
		metas[i] = flagMetaOfV1(sv)
		if ev.err != nil {
			continue
		}
		v, err := envValueFromV1(sv, segments)
		if err != nil {
			ev.err = fmt.Errorf("flag %q in environment %q: %w", sv.Setting.Key, env, err)
			continue
		}
		ev.values = append(ev.values, readValue{settingID: sv.Setting.SettingID, value: v})
	}
	cv.add(ei, metas, ev)
}

// add keeps answer ei and the metadata of the flags it describes first.
func (cv *configValues) add(ei int, metas []*flagMeta, ev *envValues) {
	cv.mu.Lock()
	defer cv.mu.Unlock()
	cv.envs[ei] = ev
	for pos, m := range metas {
		if told, ok := cv.metas[m.id]; !ok || told.env > ei {
			cv.metas[m.id] = toldMeta{flagMeta: m, env: ei, pos: pos}
		}
	}
}

// flagMetaOfSetting is a flag's metadata from the settings list, which Fetch reads where the values cannot
// tell everything (fetch.go).
func flagMetaOfSetting(s *Setting) *flagMeta {
	m := &flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
		isJSON: s.IsJSON, order: s.Order, variations: s.PredefinedVariations}
	for _, t := range s.Tags {
		m.tags = append(m.tags, t.Name)
	}
	return m
}

func flagMetaOfV2(sf *SettingFormula) *flagMeta {
	s := &sf.Setting
	return &flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
		isJSON: s.IsJSON, order: s.Order, variations: s.PredefinedVariations, tags: settingTagNames(sf.SettingTags)}
}

func flagMetaOfV1(sv *ConfigSettingValue) *flagMeta {
	s := &sv.Setting
	return &flagMeta{id: s.SettingID, key: s.Key, name: s.Name, hint: deref(s.Hint), typ: spec.FlagType(s.SettingType),
		isJSON: s.IsJSON, order: s.Order, tags: settingTagNames(sv.SettingTags)}
}

// readFlag is what reading values needs to know of the flag: its key, type and predefined variations by id.
func (m *flagMeta) readFlag() readFlag {
	vars := variationSet{}
	for _, v := range m.variations {
		vars[v.PredefinedVariationID], _ = wireValue(v.Value, m.typ)
	}
	return readFlag{key: m.key, typ: m.typ, vars: vars}
}

// segmentNames are the names of the listed segments by id.
func segmentNames(list []SegmentListItem) map[string]string {
	names := make(map[string]string, len(list))
	for _, s := range list {
		names[s.SegmentID] = s.Name
	}
	return names
}

// toldInOrder is the flags' metadata in the order the answers tell them: by environment, then position.
func (cv *configValues) toldInOrder() []toldMeta {
	told := make([]toldMeta, 0, len(cv.metas))
	for _, t := range cv.metas {
		told = append(told, t)
	}
	slices.SortFunc(told, func(a, b toldMeta) int {
		return cmp.Or(cmp.Compare(a.env, b.env), cmp.Compare(a.pos, b.pos))
	})
	return told
}
