package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const targetingExample = "../../examples/targeting"

func TestEvalShowsValuesAndWhatServedThem(t *testing.T) {
	r := runCLI(t, nil, "eval", targetingExample, "--env", "Production", "--config", "App",
		"--user", "Identifier=1", "--user", "Email=kim@acme.com", "--user", "Age=30")
	if r.code != exitOK {
		t.Fatal(r)
	}
	for _, want := range []string{
		"Mobile app / App / Production",
		"FLAG           VALUE       SERVED BY",
		"maxUploadMb    100         rule 2",  // Age=30 compared as a number
		"newOnboarding  true        rule 1",  // segment Staff and prerequisite killSwitch=false
		`theme          "dark"      rule 2`,  // prerequisite newOnboarding=true
		`welcomeText    "Welcome!"  default`, // not the sensitive ceo@acme.com
		"discountRate   0           default", // no CompanyId: percentage options skipped
	} {
		if !strings.Contains(r.stdout, want+"\n") {
			t.Errorf("missing %q in:\n%s", want, r.stdout)
		}
	}
}

func TestEvalPercentageOptions(t *testing.T) {
	// a user no rule matches falls into newOnboarding's 5%/95% split by Identifier; the SDK put these
	// identifiers into the buckets below (its SHA-1 of key and identifier is the same everywhere)
	seen := map[string]bool{}
	for _, id := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
		"21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40"} {
		r := runCLI(t, nil, "eval", targetingExample, "--env", "Production", "--user", "Identifier="+id, "newOnboarding", "--format", "json")
		if r.code != exitOK {
			t.Fatal(r)
		}
		var out evalJSON
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatal(err)
		}
		f := out.Flags[0]
		seen[f.ServedBy] = true
		if (f.ServedBy == "percentage option 1 (5%)") != (f.Value == true) || f.Source.Kind != "percentage option" {
			t.Fatalf("user %s: %+v", id, f)
		}
	}
	if !seen["percentage option 1 (5%)"] || !seen["percentage option 2 (95%)"] {
		t.Fatalf("40 users should reach both options: %v", seen)
	}
	// a rule's own percentage options: AppVersion >= 5 and not in NL/BE
	r := runCLI(t, nil, "eval", targetingExample, "--env", "Production", "--user", "Identifier=7",
		"--user", "AppVersion=5.1.0", "--user", "Country=US", "newOnboarding")
	if r.code != exitOK || !strings.Contains(r.stdout, "rule 3, percentage option") {
		t.Fatal(r)
	}
}

func TestEvalLegacyConfigAndJSON(t *testing.T) {
	r := runCLI(t, nil, "eval", targetingExample, "--env", "production", "greeting", "--user", "Country=NL", "--format", "json")
	if r.code != exitOK {
		t.Fatal(r)
	}
	var out evalJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Config != "Legacy" || out.Environment != "Production" || len(out.Flags) != 1 ||
		out.Flags[0].Value != "Hallo" || out.Flags[0].ServedBy != "rule 1" || out.Flags[0].Source.Rule != 1 {
		t.Fatalf("%+v\n%s", out, r.stdout)
	}
}

func TestEvalErrorsSuggest(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--env", "Prod", "newOnboarding"}, `no environment "Prod" in product "Mobile app"; did you mean "Production"?`},
		{[]string{"--env", "Production", "newOnbording"}, `no flag "newOnbording" in product "Mobile app"; did you mean "newOnboarding"?`},
		{[]string{"--env", "Production", "--config", "Ap"}, `no config "Ap" in product "Mobile app"; did you mean "App"?`},
		{[]string{"--env", "Production", "--product", "Mobil app"}, `no product "Mobil app"; did you mean "Mobile app"?`},
		{[]string{"--env", "Production"}, `has 2 configs: pass --config (one of "App", "Legacy")`},
		{[]string{"newOnboarding"}, "eval needs --env ENVIRONMENT"},
		{[]string{"--env", "Production", "--user", "Email"}, "want ATTR=VALUE"},
	}
	for _, tc := range tests {
		r := runCLI(t, nil, append([]string{"eval", targetingExample}, tc.args...)...)
		if r.code != exitError || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("eval %v: want exit 1 and %q\n%s", tc.args, tc.want, r)
		}
	}
}

func TestEvalRemoteReadsTheAccount(t *testing.T) {
	acct := newTestAccount(t)
	acct.use(t, "CONFIGCAT")
	if r := runCLI(t, nil, "apply", "--auto-approve", targetingExample); r.code != exitOK {
		t.Fatal(r)
	}
	// the account now differs from the files: the kill switch is on, so Staff no longer get rule 1
	path := writeYAML(t, strings.Replace(mustRead(t, targetingExample+"/flags.yaml"),
		"            tags: [ops]\n            value: false", "            tags: [ops]\n            value: true", 1))
	if r := runCLI(t, nil, "apply", "--auto-approve", path); r.code != exitOK {
		t.Fatal(r)
	}
	args := []string{"eval", targetingExample, "--env", "Production", "--user", "Identifier=1", "--user", "Email=kim@acme.com", "newOnboarding", "killSwitch"}
	files := runCLI(t, nil, args...)
	before := acct.writes()
	remote := runCLI(t, nil, append(args, "--remote")...)
	if acct.writes() != before {
		t.Fatalf("eval --remote wrote to the account")
	}
	if files.code != exitOK || !strings.Contains(files.stdout, "newOnboarding  true   rule 1") {
		t.Fatalf("files: %s", files)
	}
	if remote.code != exitOK || !strings.Contains(remote.stdout, "killSwitch     true") || strings.Contains(remote.stdout, "rule 1") {
		t.Fatalf("remote: %s", remote)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
