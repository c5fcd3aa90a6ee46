package wire

import (
	"go/build"
	"reflect"
	"strings"
	"testing"
)

// The emulator encodes these answers with encoding/json, so an omitempty would drop a key the spec requires.
// Only the environment names of the preferences' items may be left out (their request items have no name).
func TestAnswersEmitEveryKey(t *testing.T) {
	answers := []any{Organization{}, Me{}, Product{}, Config{}, Environment{}, Tag{}, Segment{}, SegmentListItem{},
		Preferences{}, Setting{}, SettingDataV2{}, SettingData{}, SettingTag{}, DeletedSetting{}, IntegrationLink{}, OrganizationLimitations{},
		Webhook{}, WebhookSigningKeys{}, SDKKeys{}, Integration{}, ChangeRequestSummary{}, CodeReference{}, AuditLogItem{},
		ConfigSettingFormulas{}, SettingFormula{}, ConfigSettingValues[any]{}, SettingValue[any]{}, EvaluationFormula{},
		UpdateSettingValue[any]{}}
	allowed := map[string]bool{"ReasonRequiredEnvironment.EnvironmentName": true, "ApproveRequiredEnvironment.EnvironmentName": true}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			if strings.Contains(f.Tag.Get("json"), "omitempty") && !allowed[typ.Name()+"."+f.Name] {
				t.Errorf("%s.%s is omitempty: the emulator would leave the key out", typ.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	for _, a := range answers {
		walk(reflect.TypeOf(a))
	}
}

// The package is shared by the client and the emulator, so it must import neither, nor anything else of
// flagsync: the emulator then still does not depend on the client.
func TestImportsNothingOfFlagsync(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasPrefix(imp, "github.com/flagsync/flagsync") {
			t.Errorf("package wire imports %s", imp)
		}
	}
}
