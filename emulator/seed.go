package emulator

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Completing a loaded state file. A state SaveState wrote passes through unchanged; a hand-written one (to
// seed an account another tool's fixtures describe, docs/emulator-state.md) may leave out anything the API
// would make itself: ids inside objects (the map key is the id), counters, creation times, SDK keys and
// values. References are checked, so that a seeded world never answers what the real API could not.

// sdkKeyShape is the SDK key shapes ConfigCat's SDKs accept: "configcat-sdk-1/" + 22 + "/" + 22 URL-safe base64
// characters, or the legacy 22 + "/" + 22.
var sdkKeyShape = regexp.MustCompile(`^(configcat-sdk-1/)?[A-Za-z0-9_-]{22}/[A-Za-z0-9_-]{22}$`)

// seed checks st's organization, ids and references and fills what it leaves out.
func (s *Server) seed(st *store) error {
	st.fill()
	for _, check := range []func(*store) error{
		checkOrganization, rekeyEntities, s.checkParents, s.completeSettings, s.completeWebhooks,
		checkSDKKeys, s.checkValues, s.completeGroups, s.completeProducts, checkUsers, checkReviews,
	} {
		if err := check(st); err != nil {
			return err
		}
	}
	s.completeSegments(st)
	fillSDKKeys(st)
	fillValues(st)
	internValues(st)
	fillSequences(st)
	fillCounters(st)
	return nil
}

func checkOrganization(st *store) error {
	o := &st.Organization
	if !isUUID(o.ID) {
		return fmt.Errorf(`organization.id %q is not a uuid`, o.ID)
	}
	o.ID = strings.ToLower(o.ID)
	if strings.TrimSpace(o.Name) == "" {
		return fmt.Errorf(`organization.name is empty: give the organization a name`)
	}
	return nil
}

// rekeyEntities lower-cases uuid keys, takes an object's id from its key when it has none, and refuses an id
// that differs from its key.
func rekeyEntities(st *store) error {
	for _, err := range []error{
		rekeyUUID("products", &st.Products, func(p *product) *string { return &p.ID }),
		rekeyUUID("configs", &st.Configs, func(c *config) *string { return &c.ID }),
		rekeyUUID("environments", &st.Environments, func(e *environment) *string { return &e.ID }),
		rekeyUUID("segments", &st.Segments, func(sg *segment) *string { return &sg.ID }),
		rekeyInt("tags", st.Tags, func(t *tag) *int64 { return &t.ID }),
		rekeyInt("settings", st.Settings, func(x *setting) *int32 { return &x.ID }),
		rekeyInt("webhooks", st.Webhooks, func(wh *webhook) *int32 { return &wh.ID }),
		rekeyInt("permissionGroups", st.Groups, func(g *permissionGroup) *int64 { return &g.ID }),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

func rekeyUUID[E any](what string, m *map[string]*E, id func(*E) *string) error {
	out := make(map[string]*E, len(*m))
	for key, e := range *m {
		if e == nil {
			return fmt.Errorf("%s[%q] is null: give it an object", what, key)
		}
		if !isUUID(key) {
			return fmt.Errorf("%s[%q]: the key is not a uuid", what, key)
		}
		key = strings.ToLower(key)
		p := id(e)
		if *p == "" {
			*p = key
		}
		if strings.ToLower(*p) != key {
			return fmt.Errorf("%s[%q]: id %q differs from its key", what, key, *p)
		}
		*p = key
		if _, dup := out[key]; dup {
			return fmt.Errorf("%s[%q] is listed twice", what, key)
		}
		out[key] = e
	}
	*m = out
	return nil
}

func rekeyInt[K int32 | int64, E any](what string, m map[K]*E, id func(*E) *K) error {
	for key, e := range m {
		if e == nil {
			return fmt.Errorf("%s[\"%d\"] is null: give it an object", what, key)
		}
		if key <= 0 {
			return fmt.Errorf("%s[\"%d\"]: ids start at 1", what, key)
		}
		p := id(e)
		if *p == 0 {
			*p = key
		}
		if *p != key {
			return fmt.Errorf("%s[\"%d\"]: id %d differs from its key", what, key, *p)
		}
	}
	return nil
}

// checkParents checks that every product-owned entity names an existing product, and fills configs'
// evaluation version.
func (s *Server) checkParents(st *store) error {
	product := func(what, id, productID string) (string, error) {
		productID = strings.ToLower(productID)
		if st.Products[productID] == nil {
			return "", fmt.Errorf("%s[%q]: productId %q is not a product of the file", what, id, productID)
		}
		return productID, nil
	}
	var err error
	for _, c := range st.Configs {
		if c.ProductID, err = product("configs", c.ID, c.ProductID); err != nil {
			return err
		}
		c.Version = cmp.Or(c.Version, s.b.DefaultEvaluationVersion)
		if c.Version != "v1" && c.Version != "v2" {
			return fmt.Errorf("configs[%q]: evaluationVersion %q is neither v1 nor v2", c.ID, c.Version)
		}
	}
	for _, e := range st.Environments {
		if e.ProductID, err = product("environments", e.ID, e.ProductID); err != nil {
			return err
		}
	}
	for _, sg := range st.Segments {
		if sg.ProductID, err = product("segments", sg.ID, sg.ProductID); err != nil {
			return err
		}
	}
	for _, t := range st.Tags {
		if t.ProductID, err = product("tags", strconv.FormatInt(t.ID, 10), t.ProductID); err != nil {
			return err
		}
	}
	for _, g := range st.Groups {
		if g.ProductID, err = product("permissionGroups", strconv.FormatInt(g.ID, 10), g.ProductID); err != nil {
			return err
		}
	}
	return nil
}

// completeSettings checks settings' config, type, key and tags, and fills creation data, tag link ids and
// variation ids.
func (s *Server) completeSettings(st *store) error {
	for _, id := range slices.Sorted(maps.Keys(st.Settings)) {
		x := st.Settings[id]
		where := fmt.Sprintf("settings[\"%d\"]", id)
		x.ConfigID = strings.ToLower(x.ConfigID)
		c := st.Configs[x.ConfigID]
		if c == nil {
			return fmt.Errorf("%s: configId %q is not a config of the file", where, x.ConfigID)
		}
		if !settingTypes[x.Type] {
			return fmt.Errorf("%s: settingType %q is not boolean, string, int or double", where, x.Type)
		}
		if err := s.checkKey(x.Key); err != nil {
			return fmt.Errorf("%s: key %q is not a valid setting key", where, x.Key)
		}
		x.Name = cmp.Or(x.Name, x.Key)
		if x.CreatedAt.IsZero() {
			x.CreatedAt = s.now()
		}
		if x.Creator == (person{}) {
			x.Creator = s.me()
		}
		for i := range x.Tags {
			l := &x.Tags[i]
			if t := st.Tags[l.TagID]; t == nil || t.ProductID != c.ProductID {
				return fmt.Errorf("%s: tag %d is not a tag of the config's product", where, l.TagID)
			}
		}
		for i := range x.Variations {
			v := &x.Variations[i]
			v.ID = strings.ToLower(cmp.Or(v.ID, newUUID()))
			if !v.Value.fits(x.Type) {
				return fmt.Errorf("%s: predefined variation %d does not hold a %s value", where, i+1, x.Type)
			}
		}
	}
	// Tag links without an id get the next ones, in setting order.
	next := int64(1)
	for _, x := range st.Settings {
		for _, l := range x.Tags {
			next = max(next, l.LinkID+1)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(st.Settings)) {
		for i := range st.Settings[id].Tags {
			if l := &st.Settings[id].Tags[i]; l.LinkID == 0 {
				l.LinkID, next = next, next+1
			}
		}
	}
	return nil
}

// completeWebhooks checks webhooks' config and environment and fills their method and first signing key.
func (s *Server) completeWebhooks(st *store) error {
	for _, id := range slices.Sorted(maps.Keys(st.Webhooks)) {
		wh := st.Webhooks[id]
		where := fmt.Sprintf("webhooks[\"%d\"]", id)
		wh.ConfigID, wh.EnvID = strings.ToLower(wh.ConfigID), strings.ToLower(wh.EnvID)
		c, e := st.Configs[wh.ConfigID], st.Environments[wh.EnvID]
		if c == nil || e == nil || c.ProductID != e.ProductID {
			return fmt.Errorf("%s: configId %q and environmentId %q are not a config and an environment of one product", where, wh.ConfigID, wh.EnvID)
		}
		if !validURL(wh.URL) {
			return fmt.Errorf("%s: url %q is not an http or https URL", where, wh.URL)
		}
		wh.Method = cmp.Or(wh.Method, s.b.DefaultWebhookMethod)
		if wh.Method != "get" && wh.Method != "post" {
			return fmt.Errorf("%s: httpMethod %q is neither get nor post", where, wh.Method)
		}
		wh.Key1 = cmp.Or(wh.Key1, newSigningKey())
		if wh.Headers == nil {
			wh.Headers = []webhookHeader{}
		}
	}
	return nil
}

// checkSDKKeys checks that SDK keys belong to a config and an environment of one product, have a shape
// ConfigCat's SDKs accept, and are unique.
func checkSDKKeys(st *store) error {
	out := make(map[string]*sdkKeys, len(st.SDKKeys))
	seen := map[string]bool{}
	for _, key := range slices.Sorted(maps.Keys(st.SDKKeys)) {
		k := st.SDKKeys[key]
		where := fmt.Sprintf("sdkKeys[%q]", key)
		configID, envID, _ := strings.Cut(strings.ToLower(key), "/")
		c, e := st.Configs[configID], st.Environments[envID]
		if c == nil || e == nil || c.ProductID != e.ProductID {
			return fmt.Errorf("%s: the key must be \"<configId>/<environmentId>\" of a config and an environment of one product", where)
		}
		if k == nil {
			return fmt.Errorf("%s is null: give it {\"primary\": ..., \"secondary\": null}", where)
		}
		for _, v := range []*string{&k.Primary, k.Secondary} {
			if v == nil {
				continue
			}
			if !sdkKeyShape.MatchString(*v) {
				return fmt.Errorf("%s: %q is not an SDK key ConfigCat's SDKs accept (configcat-sdk-1/<22>/<22>, or <22>/<22>)", where, *v)
			}
			if seen[*v] {
				return fmt.Errorf("%s: SDK key %q is used twice", where, *v)
			}
			seen[*v] = true
		}
		out[sdkKeyKey(configID, envID)] = k
	}
	st.SDKKeys = out
	return nil
}

// checkValues checks that every value belongs to a setting and an environment of its product and is of its
// config's evaluation version.
func (s *Server) checkValues(st *store) error {
	out := make(map[string]*settingValue, len(st.Values))
	for key, v := range st.Values {
		where := fmt.Sprintf("values[%q]", key)
		envID, rawID, _ := strings.Cut(strings.ToLower(key), "/")
		id, err := strconv.ParseInt(rawID, 10, 32)
		x, e := st.Settings[int32(id)], st.Environments[envID]
		if err != nil || x == nil || e == nil || st.Configs[x.ConfigID].ProductID != e.ProductID {
			return fmt.Errorf("%s: the key must be \"<environmentId>/<settingId>\" of an environment and a setting of one product", where)
		}
		if v == nil {
			return fmt.Errorf("%s is null: leave it out to get the setting's default value", where)
		}
		if v2 := st.Configs[x.ConfigID].Version == "v2"; (v2 && v.V2 == nil) || (!v2 && v.V1 == nil) || (v.V1 != nil && v.V2 != nil) {
			return fmt.Errorf("%s: give exactly one of \"v1\" and \"v2\", the one of config %q's evaluation version", where, x.ConfigID)
		}
		v.VersionID = strings.ToLower(cmp.Or(v.VersionID, newUUID()))
		out[valueKey(x.ID, envID)] = v
	}
	st.Values = out
	return nil
}

// completeGroups fills permission groups' access defaults and checks their environments.
func (s *Server) completeGroups(st *store) error {
	d := s.b.GroupDefaults
	for _, g := range st.Groups {
		g.AccessType = cmp.Or(g.AccessType, d.AccessType)
		g.NewEnvAccess = cmp.Or(g.NewEnvAccess, d.NewEnvironmentAccessType)
		g.ApprovalType = cmp.Or(g.ApprovalType, d.ApprovalPermissionType)
		g.NewEnvApproval = cmp.Or(g.NewEnvApproval, d.NewEnvironmentApprovalPermissionType)
		where := fmt.Sprintf("permissionGroups[\"%d\"]", g.ID)
		if !accessTypes[g.AccessType] || !envAccessTypes[g.NewEnvAccess] || !approvalTypes[g.ApprovalType] ||
			!envApprovalPermissions[g.NewEnvApproval] {
			return fmt.Errorf("%s: an access or approval type is not one the API knows", where)
		}
		var err error
		if g.EnvAccess, err = productEnvironments(st, where, g.ProductID, g.EnvAccess); err != nil {
			return err
		}
		if g.EnvApproval, err = productEnvironments(st, where, g.ProductID, g.EnvApproval); err != nil {
			return err
		}
	}
	return nil
}

// productEnvironments checks that m is keyed by environments of the product and lower-cases its keys.
func productEnvironments[V any](st *store, where, productID string, m map[string]V) (map[string]V, error) {
	out := make(map[string]V, len(m))
	for envID, v := range m {
		id := strings.ToLower(envID)
		if e := st.Environments[id]; e == nil || e.ProductID != productID {
			return nil, fmt.Errorf("%s: environment %q is not an environment of the product", where, envID)
		}
		out[id] = v
	}
	return out, nil
}

// completeProducts fills the key generation mode and checks the per-environment preferences.
func (s *Server) completeProducts(st *store) error {
	for _, p := range st.Products {
		p.Prefs.KeyGenerationMode = cmp.Or(p.Prefs.KeyGenerationMode, "camelCase")
		if !keyGenerationModes[p.Prefs.KeyGenerationMode] {
			return fmt.Errorf("products[%q]: keyGenerationMode %q is not one the API knows", p.ID, p.Prefs.KeyGenerationMode)
		}
		where := fmt.Sprintf("products[%q].preferences", p.ID)
		var err error
		if p.Prefs.ReasonEnvs, err = productEnvironments(st, where, p.ID, p.Prefs.ReasonEnvs); err != nil {
			return err
		}
		if p.Prefs.ApproveEnvs, err = productEnvironments(st, where, p.ID, p.Prefs.ApproveEnvs); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) completeSegments(st *store) {
	for _, sg := range st.Segments {
		if sg.CreatedAt.IsZero() {
			sg.CreatedAt = s.now()
		}
		if sg.UpdatedAt.IsZero() {
			sg.UpdatedAt = sg.CreatedAt
		}
		if sg.Creator == (person{}) {
			sg.Creator = s.me()
		}
		if sg.Updater == (person{}) {
			sg.Updater = sg.Creator
		}
	}
}

// fillSDKKeys gives every (config, environment) pair of a product without keys a new primary key.
func fillSDKKeys(st *store) {
	for _, c := range st.Configs {
		for _, e := range st.Environments {
			if k := sdkKeyKey(c.ID, e.ID); c.ProductID == e.ProductID && st.SDKKeys[k] == nil {
				st.SDKKeys[k] = &sdkKeys{Primary: newSDKKey()}
			}
		}
	}
}

// fillValues gives every setting without a value in an environment of its product the default value.
func fillValues(st *store) {
	for _, x := range st.Settings {
		c := st.Configs[x.ConfigID]
		for _, e := range st.Environments {
			if k := valueKey(x.ID, e.ID); e.ProductID == c.ProductID && st.Values[k] == nil {
				st.Values[k] = defaultValue(c, x, nil)
			}
		}
	}
}

// fillSequences numbers entities without a creation sequence after the ones that have one, in id order, so
// that equal names list in a stable order.
func fillSequences(st *store) {
	st.Seq = max(st.Seq, maxOf(st.Products, func(p *product) int64 { return p.Seq }),
		maxOf(st.Configs, func(c *config) int64 { return c.Seq }),
		maxOf(st.Environments, func(e *environment) int64 { return e.Seq }),
		maxOf(st.Segments, func(sg *segment) int64 { return sg.Seq }),
		maxOf(st.Tags, func(t *tag) int64 { return t.Seq }),
		maxOf(st.Settings, func(x *setting) int64 { return x.Seq }),
		maxOf(st.Groups, func(g *permissionGroup) int64 { return g.Seq }))
	numberInOrder(st, st.Products, func(p *product) *int64 { return &p.Seq })
	numberInOrder(st, st.Configs, func(c *config) *int64 { return &c.Seq })
	numberInOrder(st, st.Environments, func(e *environment) *int64 { return &e.Seq })
	numberInOrder(st, st.Segments, func(sg *segment) *int64 { return &sg.Seq })
	numberInOrder(st, st.Tags, func(t *tag) *int64 { return &t.Seq })
	numberInOrder(st, st.Settings, func(x *setting) *int64 { return &x.Seq })
	numberInOrder(st, st.Groups, func(g *permissionGroup) *int64 { return &g.Seq })
}

// numberInOrder gives m's entities without a sequence the next ones, in key order.
func numberInOrder[K cmp.Ordered, E any](st *store, m map[K]E, seq func(E) *int64) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if p := seq(m[k]); *p == 0 {
			*p = st.nextSeq()
		}
	}
}

// fillCounters makes every id counter count on from the largest id in use.
func fillCounters(st *store) {
	st.NextSetting = max(st.NextSetting, maxOf(st.Settings, func(x *setting) int32 { return x.ID })+1)
	st.NextTag = max(st.NextTag, maxOf(st.Tags, func(t *tag) int64 { return t.ID })+1)
	st.NextWebhook = max(st.NextWebhook, maxOf(st.Webhooks, func(wh *webhook) int32 { return wh.ID })+1)
	st.NextGroup = max(st.NextGroup, maxOf(st.Groups, func(g *permissionGroup) int64 { return g.ID })+1)
	for _, x := range st.Settings {
		for _, l := range x.Tags {
			st.NextLink = max(st.NextLink, l.LinkID+1)
		}
	}
}

// maxOf is the largest of f over m's values, or 0.
func maxOf[K comparable, E any, N int32 | int64](m map[K]E, f func(E) N) N {
	var out N
	for _, e := range m {
		out = max(out, f(e))
	}
	return out
}

// ensureMap makes *m an empty map when it is nil.
func ensureMap[M ~map[K]V, K comparable, V any](m *M) {
	if *m == nil {
		*m = M{}
	}
}

// fill replaces nil maps a hand-written or older file may lack, and normalises stored values.
func (st *store) fill() {
	ensureMap(&st.Products)
	ensureMap(&st.Configs)
	ensureMap(&st.Environments)
	ensureMap(&st.Tags)
	ensureMap(&st.Segments)
	ensureMap(&st.Settings)
	ensureMap(&st.Deleted)
	ensureMap(&st.Values)
	ensureMap(&st.Webhooks)
	ensureMap(&st.Groups)
	ensureMap(&st.SDKKeys)
	for _, p := range st.Products {
		if p != nil {
			ensureMap(&p.Prefs.ReasonEnvs)
			ensureMap(&p.Prefs.ApproveEnvs)
		}
	}
	for _, g := range st.Groups {
		if g != nil {
			ensureMap(&g.Flags)
			ensureMap(&g.EnvAccess)
			ensureMap(&g.EnvApproval)
		}
	}
	for _, v := range st.Values {
		if v != nil && v.V2 != nil {
			normalizeFormula(v.V2)
		}
		if v != nil && v.V1 != nil {
			normalizeV1(v.V1)
		}
	}
}
