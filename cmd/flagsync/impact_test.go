package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanShowsImpact applies the targeting example to the local account, raises newOnboarding's share in
// Production from 5% to 30%, and checks that plan counts the example's population file and says who changes.
func TestPlanShowsImpact(t *testing.T) {
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "targeting", "flags.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	population, err := filepath.Abs(filepath.Join("..", "..", "examples", "targeting", "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	chdir(t)
	path := writeYAML(t, string(example))
	if r := runCLI(t, nil, "apply", "--local", "--auto-approve", path); r.code != exitOK {
		t.Fatal(r)
	}
	changed := strings.Replace(string(example), "{percent: 5, serve: true}, {percent: 95, serve: false}", "{percent: 30, serve: true}, {percent: 70, serve: false}", 1)
	if changed == string(example) {
		t.Fatal("the example no longer has newOnboarding's 5% split")
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "plan", "--local", "--population", population, path)
	if r.code != exitOK || !strings.Contains(r.stdout, "the users of "+population) || !strings.Contains(r.stdout, "newOnboarding in Production: ") {
		t.Fatalf("plan does not show the impact over the population file: %s", r)
	}
	r = runCLI(t, nil, "plan", "--local", "--format", "json", path)
	var plan struct {
		Impact struct {
			UsersAffected int `json:"usersAffected"`
			Flags         []struct {
				Via               string   `json:"via"`
				MissingAttributes []string `json:"missingAttributes"`
			} `json:"flags"`
		} `json:"impact"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &plan); err != nil {
		t.Fatalf("%v: %s", err, r)
	}
	if plan.Impact.UsersAffected < 1000 || len(plan.Impact.Flags) == 0 {
		t.Fatalf("impact %+v, want about a quarter of 10,000 generated users changing", plan.Impact)
	}
	// Without the file, no generated user has the attributes the rules read: the plan says so.
	if len(plan.Impact.Flags[0].MissingAttributes) == 0 {
		t.Errorf("no missing attributes named without a population file: %+v", plan.Impact.Flags[0])
	}
}

func TestBadPopulationFileSaysWhere(t *testing.T) {
	chdir(t)
	path := writeYAML(t, shopYAML)
	bad := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(bad, []byte("Identifier,Email\nu1,a@x.com\nu2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "plan", "--local", "--population", bad, path)
	if r.code != exitError || !strings.Contains(r.stderr, bad+":3:") {
		t.Fatalf("want an error at %s:3: %s", bad, r)
	}
}

func TestPopulationFileNamedInTheYAML(t *testing.T) {
	chdir(t)
	path := writeYAML(t, shopYAML+"\nimpact:\n  population: users.jsonl\n  users: 50\n")
	users := filepath.Join(filepath.Dir(path), "users.jsonl")
	if err := os.WriteFile(users, []byte("{\"Identifier\": \"u1\", \"Email\": \"a@x.com\"}\n{\"Identifier\": \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "plan", "--local", path)
	if r.code != exitError || !strings.Contains(r.stderr, path+":") || !strings.Contains(r.stderr, "impact: population: "+users+":2:") {
		t.Fatalf("want the YAML's position and the file's line: %s", r)
	}
	if err := os.WriteFile(users, []byte("{\"Identifier\": \"u1\", \"Email\": \"a@x.com\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "plan", "--local", "--format", "json", path)
	var plan struct {
		Impact struct {
			Generated      int    `json:"generated"`
			PopulationFile string `json:"populationFile"`
		} `json:"impact"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &plan); err != nil {
		t.Fatalf("%v: %s", err, r)
	}
	if plan.Impact.Generated != 50 || plan.Impact.PopulationFile != users {
		t.Errorf("impact over %d generated users and %q, want 50 and %s", plan.Impact.Generated, plan.Impact.PopulationFile, users)
	}
}
