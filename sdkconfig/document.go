// Package sdkconfig turns a flagsync state into the config JSON ConfigCat's SDKs download (config_v6.json): one
// document per (config, environment), with segments, prerequisites, percentage options and sensitive comparison
// values hashed as the SDKs expect. The field names are ConfigCat's one-letter names, so that the document is
// byte for byte what an SDK parses; the Go names say what each one is.
package sdkconfig

import (
	"bytes"
	"encoding/json"
)

// Setting types, ConfigCat's SettingType numbers.
const (
	TypeBool   = 0
	TypeString = 1
	TypeInt    = 2
	TypeDouble = 3
)

// Document is a config_v6.json document.
type Document struct {
	Preferences Preferences      `json:"p"`
	Segments    []*Segment       `json:"s,omitempty"`
	Flags       map[string]*Flag `json:"f,omitempty"`
}

// Preferences carry the SDK's base URL, redirect mode and the salt sensitive values are hashed with.
type Preferences struct {
	BaseURL  string `json:"u"`
	Redirect int    `json:"r"`
	Salt     string `json:"s"`
}

// Segment is a product's segment; its conditions are ANDed. Its name is also the salt context of its sensitive
// conditions.
type Segment struct {
	Name       string           `json:"n"`
	Conditions []*UserCondition `json:"r"`
}

// Flag is one feature flag or setting: targeting rules in order, then percentage options, then the default.
type Flag struct {
	Type                int                 `json:"t"`
	PercentageAttribute string              `json:"a,omitempty"`
	Rules               []*Rule             `json:"r,omitempty"`
	Percentages         []*PercentageOption `json:"p,omitempty"`
	Default             Value               `json:"v"`
	VariationID         string              `json:"i"`
}

// Rule is a targeting rule: when all conditions hold it serves Served, or splits users by Percentages.
type Rule struct {
	Conditions  []*Condition        `json:"c"`
	Served      *ServedValue        `json:"s,omitempty"`
	Percentages []*PercentageOption `json:"p,omitempty"`
}

// ServedValue is what a rule without percentage options serves.
type ServedValue struct {
	Value       Value  `json:"v"`
	VariationID string `json:"i"`
}

// Condition is exactly one of a user, a segment or a prerequisite-flag condition.
type Condition struct {
	User         *UserCondition         `json:"u,omitempty"`
	Segment      *SegmentCondition      `json:"s,omitempty"`
	Prerequisite *PrerequisiteCondition `json:"p,omitempty"`
}

// UserCondition compares a user attribute using a comparator number; exactly one of Text, Number and List is
// set, depending on the comparator.
type UserCondition struct {
	Attribute  string   `json:"a"`
	Comparator int      `json:"c"`
	Text       *string  `json:"s,omitempty"`
	Number     *float64 `json:"d,omitempty"`
	List       []string `json:"l,omitempty"`
}

// SegmentCondition refers to Document.Segments by index; comparator 0 is "is in", 1 "is not in".
type SegmentCondition struct {
	Index      int `json:"s"`
	Comparator int `json:"c"`
}

// PrerequisiteCondition compares another flag's value for the same user: comparator 0 equals, 1 does not equal.
type PrerequisiteCondition struct {
	FlagKey    string `json:"f"`
	Comparator int    `json:"c"`
	Value      Value  `json:"v"`
}

// PercentageOption serves Value to Percent percent of users.
type PercentageOption struct {
	Percent     int    `json:"p"`
	Value       Value  `json:"v"`
	VariationID string `json:"i"`
}

// Value is a flag value; exactly one field is set, the one of the flag's type.
type Value struct {
	Bool   *bool    `json:"b,omitempty"`
	String *string  `json:"s,omitempty"`
	Int    *int64   `json:"i,omitempty"`
	Double *float64 `json:"d,omitempty"`
}

// Any returns the value as a bool, string, int64 or float64, or nil when none is set.
func (v Value) Any() any {
	switch {
	case v.Bool != nil:
		return *v.Bool
	case v.String != nil:
		return *v.String
	case v.Int != nil:
		return *v.Int
	case v.Double != nil:
		return *v.Double
	}
	return nil
}

// Marshal returns the document as compact JSON, with <, > and & kept as they are (as ConfigCat serves them).
func (d *Document) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Parse reads a config_v6.json document.
func Parse(data []byte) (*Document, error) {
	var d Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}
