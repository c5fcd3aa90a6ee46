package emulator

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/flagsync/flagsync/configcat/wire"
)

// A hand-written encoder for the batch formula item, the one answer that grows with the number of flags.
// It writes the same bytes encoding/json writes for wire.ConfigSettingFormula (a test holds it to that),
// several times faster, so that a cold 500-flag batch read stays cheap.

type jsonBuf []byte

func (b jsonBuf) str(s string) jsonBuf {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (b jsonBuf) strPtr(s *string) jsonBuf {
	if s == nil {
		return append(b, "null"...)
	}
	return b.str(*s)
}

func (b jsonBuf) boolean(v bool) jsonBuf { return strconv.AppendBool(b, v) }

func (b jsonBuf) int(n int64) jsonBuf { return strconv.AppendInt(b, n, 10) }

// float writes a float64 as encoding/json does: plain notation, exponent outside [1e-6, 1e21).
func (b jsonBuf) float(f float64) jsonBuf {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" -> "1e-7"
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// slots appends the four typed slots, leaving the object open for a value's predefinedVariationId.
func (b jsonBuf) slots(v wire.VariationValue) jsonBuf {
	b = append(b, `{"boolValue":`...)
	b = b.boolPtr(v.BoolValue)
	b = append(b, `,"stringValue":`...)
	b = b.strPtr(v.StringValue)
	b = append(b, `,"intValue":`...)
	b = b.int32Ptr(v.IntValue)
	b = append(b, `,"doubleValue":`...)
	return b.floatPtr(v.DoubleValue)
}

func (b jsonBuf) null() jsonBuf { return append(b, "null"...) }

func (b jsonBuf) boolPtr(v *bool) jsonBuf {
	if v == nil {
		return b.null()
	}
	return b.boolean(*v)
}

func (b jsonBuf) int32Ptr(v *int32) jsonBuf {
	if v == nil {
		return b.null()
	}
	return b.int(int64(*v))
}

func (b jsonBuf) floatPtr(v *float64) jsonBuf {
	if v == nil {
		return b.null()
	}
	return b.float(*v)
}

func (b jsonBuf) value(v wire.Value) jsonBuf {
	b = b.slots(v.VariationValue)
	b = append(b, `,"predefinedVariationId":`...)
	return append(b.strPtr(v.PredefinedVariationID), '}')
}

// list appends items as a JSON array, each by item; a nil slice is null, as encoding/json writes it.
func list[T any](b jsonBuf, items []T, item func(jsonBuf, T) jsonBuf) jsonBuf {
	if items == nil {
		return b.null()
	}
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, it)
	}
	return append(b, ']')
}

func (b jsonBuf) rule(r wire.TargetingRule) jsonBuf {
	b = append(b, `{"conditions":`...)
	b = list(b, r.Conditions, jsonBuf.condition)
	b = append(b, `,"percentageOptions":`...)
	b = list(b, r.PercentageOptions, jsonBuf.percentageOption)
	b = append(b, `,"value":`...)
	if r.Value == nil {
		b = b.null()
	} else {
		b = b.value(*r.Value)
	}
	return append(b, '}')
}

func (b jsonBuf) percentageOption(o wire.PercentageOption) jsonBuf {
	b = append(b, `{"percentage":`...)
	b = b.int(int64(o.Percentage))
	b = append(b, `,"value":`...)
	return append(b.value(o.Value), '}')
}

func (b jsonBuf) condition(c wire.Condition) jsonBuf {
	b = append(b, `{"userCondition":`...)
	b = b.userCondition(c.UserCondition)
	b = append(b, `,"segmentCondition":`...)
	b = b.segmentCondition(c.SegmentCondition)
	b = append(b, `,"prerequisiteFlagCondition":`...)
	return append(b.prerequisiteCondition(c.PrerequisiteFlagCondition), '}')
}

func (b jsonBuf) userCondition(u *wire.UserCondition) jsonBuf {
	if u == nil {
		return b.null()
	}
	b = append(b, `{"comparisonAttribute":`...)
	b = b.str(u.ComparisonAttribute)
	b = append(b, `,"comparator":`...)
	b = b.str(u.Comparator)
	b = append(b, `,"comparisonValue":{"stringValue":`...)
	b = b.strPtr(u.ComparisonValue.StringValue)
	b = append(b, `,"doubleValue":`...)
	b = b.floatPtr(u.ComparisonValue.DoubleValue)
	b = append(b, `,"listValue":`...)
	return append(list(b, u.ComparisonValue.ListValue, jsonBuf.listItem), "}}"...)
}

func (b jsonBuf) listItem(it wire.ListValue) jsonBuf {
	b = append(b, `{"value":`...)
	b = b.str(it.Value)
	b = append(b, `,"hint":`...)
	return append(b.strPtr(it.Hint), '}')
}

func (b jsonBuf) segmentCondition(sg *wire.SegmentCondition) jsonBuf {
	if sg == nil {
		return b.null()
	}
	b = append(b, `{"segmentId":`...)
	b = b.str(sg.SegmentID)
	b = append(b, `,"comparator":`...)
	return append(b.str(sg.Comparator), '}')
}

func (b jsonBuf) prerequisiteCondition(p *wire.PrerequisiteFlagCondition) jsonBuf {
	if p == nil {
		return b.null()
	}
	b = append(b, `{"prerequisiteSettingId":`...)
	b = b.int(int64(p.PrerequisiteSettingID))
	b = append(b, `,"comparator":`...)
	b = b.str(p.Comparator)
	b = append(b, `,"prerequisiteComparisonValue":`...)
	return append(b.value(p.PrerequisiteComparisonValue), '}')
}

func (b jsonBuf) settingData(d *wire.SettingDataV2) jsonBuf {
	b = append(b, `{"settingId":`...)
	b = b.int(int64(d.SettingID))
	b = append(b, `,"key":`...)
	b = b.str(d.Key)
	b = append(b, `,"name":`...)
	b = b.str(d.Name)
	b = append(b, `,"hint":`...)
	b = b.strPtr(d.Hint)
	b = append(b, `,"settingType":`...)
	b = b.str(d.SettingType)
	b = append(b, `,"isJson":`...)
	b = b.boolean(d.IsJSON)
	b = append(b, `,"order":`...)
	b = b.int(int64(d.Order))
	b = append(b, `,"createdAt":`...)
	b = b.strPtr(d.CreatedAt)
	b = append(b, `,"creatorEmail":`...)
	b = b.strPtr(d.CreatorEmail)
	b = append(b, `,"creatorFullName":`...)
	b = b.strPtr(d.CreatorFullName)
	b = append(b, `,"predefinedVariations":`...)
	b = list(b, d.PredefinedVariations, jsonBuf.variation)
	b = append(b, `,"isWatching":`...)
	return append(b.boolean(d.IsWatching), '}')
}

func (b jsonBuf) variation(v wire.PredefinedVariation) jsonBuf {
	b = append(b, `{"value":`...)
	b = append(b.slots(v.Value), '}')
	b = append(b, `,"name":`...)
	b = b.strPtr(v.Name)
	b = append(b, `,"hint":`...)
	b = b.strPtr(v.Hint)
	b = append(b, `,"predefinedVariationId":`...)
	return append(b.str(v.PredefinedVariationID), '}')
}

// formulaItem appends the encoding of m. ok is false for shapes it does not write (integration links), for
// which the caller falls back to encoding/json.
func (b jsonBuf) formulaItem(m *wire.ConfigSettingFormula) (out jsonBuf, ok bool) {
	if len(m.IntegrationLinks) > 0 {
		return b, false
	}
	b = append(b, `{"lastVersionId":`...)
	b = b.str(m.LastVersionID)
	b = append(b, `,"defaultValue":`...)
	b = b.value(m.DefaultValue)
	b = append(b, `,"targetingRules":`...)
	b = list(b, m.TargetingRules, jsonBuf.rule)
	b = append(b, `,"setting":`...)
	b = b.settingData(&m.Setting)
	b = append(b, `,"updatedAt":`...)
	b = b.strPtr(m.UpdatedAt)
	b = append(b, `,"percentageEvaluationAttribute":`...)
	b = b.strPtr(m.PercentageEvaluationAttribute)
	b = append(b, `,"lastUpdaterUserEmail":`...)
	b = b.strPtr(m.LastUpdaterUserEmail)
	b = append(b, `,"lastUpdaterUserFullName":`...)
	b = b.strPtr(m.LastUpdaterUserFullName)
	b = append(b, `,"integrationLinks":`...)
	if m.IntegrationLinks == nil {
		b = b.null()
	} else {
		b = append(b, "[]"...)
	}
	b = append(b, `,"settingTags":`...)
	b = list(b, m.SettingTags, jsonBuf.settingTag)
	b = append(b, `,"settingIdsWherePrerequisite":`...)
	b = list(b, m.SettingIDsWherePrerequisite, jsonBuf.int32)
	b = append(b, `,"changeRequestCount":`...)
	return append(b.int(int64(m.ChangeRequestCount)), '}'), true
}

func (b jsonBuf) settingTag(t wire.SettingTag) jsonBuf {
	b = append(b, `{"settingTagId":`...)
	b = b.int(t.SettingTagID)
	b = append(b, `,"tagId":`...)
	b = b.int(t.TagID)
	b = append(b, `,"name":`...)
	b = b.str(t.Name)
	b = append(b, `,"color":`...)
	return append(b.strPtr(t.Color), '}')
}

func (b jsonBuf) int32(n int32) jsonBuf { return b.int(int64(n)) }
