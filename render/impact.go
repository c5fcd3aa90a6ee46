package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/planner"
	"github.com/flagsync/flagsync/spec"
)

// impactHeading says whom the impact counts.
func impactHeading(im *planner.Impact) string {
	parts := []string{}
	if im.Generated > 0 {
		parts = append(parts, thousands(im.Generated)+" generated users")
	}
	if im.PopulationFile != "" {
		parts = append(parts, "the users of "+im.PopulationFile)
	}
	parts = append(parts, "the test users")
	return "Impact, evaluated with ConfigCat's SDK over " + strings.Join(parts, ", ") + ":"
}

// impactNobody is the line for a plan whose value changes affect nobody.
const impactNobody = "No user's value changes."

// impactSubject names the flag and environment, and how it changes when it is not edited.
func impactSubject(f planner.FlagImpact) string {
	s := f.Address.Flag + " in " + f.Address.Environment
	if f.Via != "" {
		s = "also changes: " + s + ", via " + f.Via
	}
	return s
}

// impactShares is "true 10.0% → 30.0% (+20.0 points), false 90.0% → 70.0% (−20.0 points)", a value only
// on one side showing "—" on the other.
func impactShares(f planner.FlagImpact) string {
	var parts []string
	for _, v := range f.ServedValues() {
		b, bok := shareOf(f.Before, v)
		a, aok := shareOf(f.After, v)
		switch {
		case len(f.Before) == 0:
			parts = append(parts, v.String()+" "+percent(a))
		case len(f.After) == 0:
			parts = append(parts, v.String()+" "+percent(b)+" → none")
		case bok && aok && b == a:
			parts = append(parts, v.String()+" "+percent(a))
		default:
			parts = append(parts, fmt.Sprintf("%s %s → %s (%s points)", v.String(), percent(b), percent(a), signed(a-b)))
		}
	}
	return strings.Join(parts, ", ")
}

// impactOutcome is how many users change value, or that nobody does.
func impactOutcome(f planner.FlagImpact) string {
	switch {
	case f.Error != "":
		return "not evaluated: " + f.Error
	case f.Changed == 0:
		return "nobody's value changes"
	case f.Changed == 1:
		return "1 user changes value"
	}
	return thousands(f.Changed) + " users change value"
}

// impactNotes are the caveats of a line: attributes the population lacks, values left to the dashboard.
func impactNotes(f planner.FlagImpact) []string {
	var out []string
	if len(f.MissingAttributes) > 0 {
		out = append(out, "no user of the population has "+strings.Join(f.MissingAttributes, ", ")+
			", which the rules read: these numbers say little about real users (add a population file)")
	}
	if f.DashboardValue {
		out = append(out, "the value is left to the dashboard (valueOwner: dashboard): the account's current value is counted")
	}
	return out
}

// impactLine is one flag's whole line.
func impactLine(f planner.FlagImpact) string {
	if f.Error != "" {
		return impactSubject(f) + ": " + impactOutcome(f)
	}
	return impactSubject(f) + ": " + impactShares(f) + " of " + thousands(f.Users) + " users; " + impactOutcome(f)
}

// testUserLine is "ann@acme.com: false → true".
func testUserLine(u planner.TestUserChange) string {
	return u.User + ": " + optionalValue(u.Before) + " → " + optionalValue(u.After)
}

func optionalValue(v *spec.Value) string {
	if v == nil {
		return "none"
	}
	return v.String()
}

// affectsNobody reports whether no flag of the impact changes value for anybody.
func affectsNobody(im *planner.Impact) bool {
	for _, f := range im.Flags {
		if f.Changed > 0 || f.Error != "" {
			return false
		}
	}
	return true
}

func shareOf(shares []planner.ValueShare, v spec.Value) (float64, bool) {
	for _, s := range shares {
		if s.Value.Equal(v) {
			return s.Percent, true
		}
	}
	return 0, false
}

func percent(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) + "%" }

// signed is a difference in points with its sign: "+20.0", "−3.5", "±0.0".
func signed(d float64) string {
	r := math.Round(d*10) / 10
	switch {
	case r > 0:
		return "+" + strconv.FormatFloat(r, 'f', 1, 64)
	case r < 0:
		return "−" + strconv.FormatFloat(-r, 'f', 1, 64)
	}
	return "±0.0"
}

// thousands writes n with comma separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// impact writes the impact section of a text plan.
func (t *textWriter) impact(im *planner.Impact) {
	if im == nil || len(im.Flags) == 0 {
		return
	}
	t.w.WriteString("\n" + t.paint(ansiBold, impactHeading(im)) + "\n")
	for _, f := range im.Flags {
		t.w.WriteString("  " + impactLine(f) + "\n")
		for _, u := range f.TestUsers {
			t.w.WriteString("      " + testUserLine(u) + "\n")
		}
		for _, n := range impactNotes(f) {
			t.w.WriteString("      " + t.paint(ansiYellow, "note:") + " " + n + "\n")
		}
	}
	if affectsNobody(im) {
		t.w.WriteString("  " + impactNobody + "\n")
	}
}

// mdImpact writes the impact table of a Markdown plan.
func mdImpact(b *mdWriter, im *planner.Impact) {
	if im == nil || len(im.Flags) == 0 {
		return
	}
	b.WriteString("**" + mdEscape(impactHeading(im)) + "**\n\n")
	b.WriteString("| Flag | Environment | Users served each value | Users changing | Test users changing |\n| --- | --- | --- | --: | --- |\n")
	for _, f := range im.Flags {
		flag := "`" + f.Address.Flag + "`"
		if f.Via != "" {
			flag += " (via " + f.Via + ")"
		}
		shares := impactShares(f)
		if f.Error != "" {
			shares = "not evaluated: " + f.Error
		}
		var tests []string
		for _, u := range f.TestUsers {
			tests = append(tests, testUserLine(u))
		}
		notes := impactNotes(f)
		if len(notes) > 0 {
			shares += "\n⚠ " + strings.Join(notes, "\n⚠ ")
		}
		b.optional(fmt.Sprintf("| %s | %s | %s | %s | %s |\n", strings.ReplaceAll(HTMLText(flag), "|", `\|`), mdCell(f.Address.Environment),
			mdCell(shares), thousands(f.Changed)+" of "+thousands(f.Users), mdCell(strings.Join(tests, "\n"))))
	}
	if affectsNobody(im) {
		b.WriteString("\n" + impactNobody + "\n")
	}
	b.WriteString("\n")
}
