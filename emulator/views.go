package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/flagsync/flagsync/configcat/wire"
)

// Conversions from stored entities to response models. They run under the store lock.

func (s *Server) orgView() wire.Organization {
	return wire.Organization{OrganizationID: s.st.Organization.ID, Name: s.st.Organization.Name}
}

func (s *Server) productView(p *product) wire.Product {
	return wire.Product{
		Organization:    s.orgView(),
		ProductID:       p.ID,
		Name:            p.Name,
		Description:     p.Description,
		Order:           p.Order,
		ReasonRequired:  p.Prefs.ReasonRequired,
		ApproveRequired: p.Prefs.ApproveRequired,
	}
}

func (s *Server) configView(st *store, c *config) wire.Config {
	return wire.Config{
		Product:           s.productView(st.Products[c.ProductID]),
		ConfigID:          c.ID,
		Name:              c.Name,
		Description:       c.Description,
		Order:             c.Order,
		EvaluationVersion: c.Version,
	}
}

func (s *Server) environmentView(st *store, e *environment) wire.Environment {
	p := st.Products[e.ProductID]
	return wire.Environment{
		Product:         s.productView(p),
		EnvironmentID:   e.ID,
		Name:            e.Name,
		Color:           e.Color,
		Description:     e.Description,
		Order:           e.Order,
		ReasonRequired:  reasonRequired(p, e.ID),
		ApproveRequired: approveRequired(p, e.ID),
	}
}

// reasonRequired is the effective preference: global or for the environment (behaviour doc Q10).
func reasonRequired(p *product, envID string) bool {
	return p.Prefs.ReasonRequired || p.Prefs.ReasonEnvs[envID]
}

func approveRequired(p *product, envID string) bool {
	return p.Prefs.ApproveRequired || p.Prefs.ApproveEnvs[envID]
}

func (s *Server) tagView(st *store, t *tag) wire.Tag {
	return wire.Tag{Product: s.productView(st.Products[t.ProductID]), TagID: t.ID, Name: t.Name, Color: t.Color}
}

func variationViews(vs []variation) []wire.PredefinedVariation {
	out := make([]wire.PredefinedVariation, len(vs))
	for i, v := range vs {
		out[i] = wire.PredefinedVariation{Value: v.Value.wire(), Name: v.Name, Hint: v.Hint, PredefinedVariationID: v.ID}
	}
	return out
}

func (s *Server) settingView(st *store, x *setting) wire.Setting {
	c := st.Configs[x.ConfigID]
	tags := make([]wire.Tag, 0, len(x.Tags))
	for _, l := range x.Tags {
		if t := st.Tags[l.TagID]; t != nil {
			tags = append(tags, s.tagView(st, t))
		}
	}
	created := timestamp(x.CreatedAt)
	return wire.Setting{
		SettingID:            x.ID,
		Key:                  x.Key,
		Name:                 x.Name,
		Hint:                 x.Hint,
		Order:                x.Order,
		SettingType:          x.Type,
		IsJSON:               x.IsJSON,
		ConfigID:             c.ID,
		ConfigName:           c.Name,
		CreatedAt:            &created,
		Tags:                 tags,
		PredefinedVariations: variationViews(x.Variations),
	}
}

func settingDataV1(x *setting) wire.SettingData {
	created := timestamp(x.CreatedAt)
	return wire.SettingData{
		SettingID: x.ID, Key: x.Key, Name: x.Name, Hint: x.Hint, SettingType: x.Type, IsJSON: x.IsJSON,
		Order: x.Order, CreatedAt: &created, CreatorEmail: strPtr(x.Creator.Email),
		CreatorFullName: strPtr(x.Creator.FullName),
	}
}

func settingDataV2(x *setting) wire.SettingDataV2 {
	created := timestamp(x.CreatedAt)
	return wire.SettingDataV2{
		SettingID: x.ID, Key: x.Key, Name: x.Name, Hint: x.Hint, SettingType: x.Type, IsJSON: x.IsJSON,
		Order: x.Order, CreatedAt: &created, CreatorEmail: strPtr(x.Creator.Email),
		CreatorFullName: strPtr(x.Creator.FullName), PredefinedVariations: variationViews(x.Variations),
	}
}

func settingTagViews(st *store, x *setting) []wire.SettingTag {
	out := make([]wire.SettingTag, 0, len(x.Tags))
	for _, l := range x.Tags {
		if t := st.Tags[l.TagID]; t != nil {
			out = append(out, wire.SettingTag{SettingTagID: l.LinkID, TagID: t.ID, Name: t.Name, Color: t.Color})
		}
	}
	return out
}

func (s *Server) limitations() wire.FeatureFlagLimitations {
	l := s.b.Limits
	return wire.FeatureFlagLimitations{
		MaxPercentageOptionCount:          l.MaxPercentageOptionCount,
		MaxTargetingRuleCount:             l.MaxTargetingRuleCount,
		MaxComparisonValueLength:          l.MaxComparisonValueLength,
		MaxComparisonValueListLength:      l.MaxComparisonValueListLength,
		MaxComparisonValueListItemLength:  l.MaxComparisonValueListItemLength,
		MaxStringFlagValueLength:          l.MaxStringFlagValueLength,
		MaxConditionPerTargetingRuleCount: l.MaxConditionPerTargetingRuleCount,
	}
}

// newUUID returns a random version-4 uuid.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// sdkKeyAlphabet is the URL-safe base64 alphabet SDK key parts are drawn from.
const sdkKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// newSDKKey returns a key in ConfigCat's current SDK key shape.
func newSDKKey() string {
	return "configcat-sdk-1/" + sdkKeyPart() + "/" + sdkKeyPart()
}

// sdkKeyPart returns 22 characters drawn uniformly from sdkKeyAlphabet.
func sdkKeyPart() string {
	var b [22]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = sdkKeyAlphabet[b[i]%byte(len(sdkKeyAlphabet))]
	}
	return string(b[:])
}

// signingKeyPrefix starts every webhook signing key ConfigCat issues.
const signingKeyPrefix = "configcat_whsk_"

// newSigningKey returns a webhook signing key in ConfigCat's shape: the prefix and 32 random bytes in padded
// standard base64.
func newSigningKey() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return signingKeyPrefix + base64.StdEncoding.EncodeToString(b[:])
}

// timestamp renders a time as the API does: RFC 3339 in UTC.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.0000000Z") }

func timestampPtr(t *time.Time) *string {
	if t == nil || t.IsZero() {
		return nil
	}
	s := timestamp(*t)
	return &s
}

func strPtr(s string) *string { return &s }
