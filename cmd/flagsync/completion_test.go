package main

import (
	"bytes"
	"context"
	"flag"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestCompletionNeedsOneKnownShell(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "powershell"}, {"completion", "bash", "zsh"}} {
		r := runCLI(t, nil, args...)
		if r.code != exitError || !strings.Contains(r.stderr, "completion needs one shell: bash, zsh or fish") || r.stdout != "" {
			t.Errorf("%v: %v", args, r)
		}
	}
	if r := runCLI(t, nil, "completion", "-h"); r.code != exitOK || !strings.Contains(r.stdout, "source <(flagsync completion bash)") {
		t.Error(r)
	}
}

func TestCompletionReadsFlagsFromTheCommands(t *testing.T) {
	cmds := describeCommands(context.Background())
	byName := map[string]cliCommand{}
	for _, c := range cmds {
		byName[c.name] = c
	}
	for name := range commands {
		if _, ok := byName[name]; !ok {
			t.Errorf("command %s is missing from the completion", name)
		}
	}
	plan := byName["plan"]
	if !plan.takesPath || byName["export"].takesPath || byName["emulator"].takesPath {
		t.Errorf("PATH argument: plan %v (want true), export %v, emulator %v (want false)",
			plan.takesPath, byName["export"].takesPath, byName["emulator"].takesPath)
	}
	want := map[string]cliFlag{
		"detailed-exitcode":  {name: "detailed-exitcode", usage: "exit 2 when there are changes, 0 when there are none"},
		"format":             {name: "format", valueOf: "string", choices: []string{"text", "markdown", "json"}},
		"out":                {name: "out", valueOf: "FILE"},
		"max-delete-percent": {name: "max-delete-percent", valueOf: "percent"},
	}
	for _, f := range plan.flags {
		w, ok := want[f.name]
		if !ok {
			continue
		}
		delete(want, f.name)
		if f.valueOf != w.valueOf || !slices.Equal(f.choices, w.choices) || (w.usage != "" && f.usage != w.usage) {
			t.Errorf("plan --%s = %+v, want %+v", f.name, f, w)
		}
	}
	for name := range want {
		t.Errorf("plan --%s is missing", name)
	}
	if got := byName["completion"].words; !slices.Equal(got, []string{"bash", "fish", "zsh"}) {
		t.Errorf("completion's words = %v", got)
	}
}

func TestFlagChoicesNameRealFlags(t *testing.T) {
	for cmd, choices := range flagChoices {
		flags := parseFlagDefaults(commandHelp(context.Background(), cmd))
		for name := range choices {
			if !slices.ContainsFunc(flags, func(f cliFlag) bool { return f.name == name && f.valueOf != "" }) {
				t.Errorf("flagChoices names %s --%s, which is not a flag with a value", cmd, name)
			}
		}
	}
}

func TestParseFlagDefaults(t *testing.T) {
	// The real output of flag.PrintDefaults, one-letter names (usage on the same line) included.
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("v", false, "verbose")
	fs.String("o", "", "write to `FILE`")
	fs.Bool("dry-run", false, "print only\nsecond line")
	fs.Int("n", 3, "how many")
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	fs.PrintDefaults()
	got := parseFlagDefaults(buf.String())
	want := []cliFlag{
		{name: "dry-run", usage: "print only"},
		{name: "n", valueOf: "int", usage: "how many (default 3)"},
		{name: "o", valueOf: "FILE", usage: "write to FILE"},
		{name: "v", usage: "verbose"},
	}
	if !slices.EqualFunc(got, want, func(a, b cliFlag) bool {
		return a.name == b.name && a.valueOf == b.valueOf && a.usage == b.usage
	}) {
		t.Errorf("got  %+v\nwant %+v\nfrom:\n%s", got, want, buf.String())
	}
}

// bashComplete loads the bash script and completes line as if TAB were pressed at its end.
func bashComplete(t *testing.T, script, line string) []string {
	t.Helper()
	words := strings.Fields(line)
	if strings.HasSuffix(line, " ") {
		words = append(words, "")
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = zshQuote(w)
	}
	prog := script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + "); COMP_CWORD=" + strconv.Itoa(len(words)-1) +
		"\n_flagsync\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	out, err := exec.Command("bash", "--norc", "--noprofile", "-c", prog).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

func TestBashCompletion(t *testing.T) {
	r := runCLI(t, nil, "completion", "bash")
	if r.code != exitOK {
		t.Fatal(r)
	}
	tests := []struct {
		line string
		want []string
	}{
		{"flagsync pl", []string{"plan"}},
		{"flagsync e", []string{"emulator", "eval", "export"}},
		{"flagsync plan --d", []string{"--detailed-exitcode"}},
		{"flagsync apply flags --auto", []string{"--auto-approve"}},
		{"flagsync plan --format ", []string{"text", "markdown", "json"}},
		{"flagsync plan --format m", []string{"markdown"}},
		{"flagsync completion ", []string{"bash", "fish", "zsh"}},
		{"flagsync emulator --re", []string{"--request-log"}},
		// a PATH: nothing from the script, so bash completes file names
		{"flagsync validate ex", nil},
	}
	for _, tt := range tests {
		if got := bashComplete(t, r.stdout, tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("%q completes to %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestZshAndFishScripts(t *testing.T) {
	zsh := runCLI(t, nil, "completion", "zsh").stdout
	for _, want := range []string{
		"#compdef flagsync\n",
		`'plan:show what apply would change (GET requests only)'`,
		`'--format=[output format: text, markdown or json (default "text")]:string:(text markdown json)'`,
		`'--out=[also save the plan to FILE, to apply exactly it later with apply --plan]:FILE:_files'`,
		`'1:value:(bash fish zsh)'`,
		// a quote in a summary is closed, escaped and reopened
		`from the Action'\''s inputs'`,
		"compdef _flagsync flagsync",
	} {
		if !strings.Contains(zsh, want) {
			t.Errorf("zsh script lacks %s", want)
		}
	}
	fish := runCLI(t, nil, "completion", "fish").stdout
	for _, want := range []string{
		"complete -c flagsync -n __fish_use_subcommand -a plan -d 'show what apply would change (GET requests only)'\n",
		"complete -c flagsync -n '__fish_seen_subcommand_from plan' -l format -d 'output format: text, markdown or json (default \"text\")' -x -a 'text markdown json'\n",
		"complete -c flagsync -n '__fish_seen_subcommand_from plan' -l max-delete-percent -d 'refuse a plan deleting more than this percent of a kind\\'s objects (default 30, or safety.maxDeletePercent in the YAML)' -x\n",
		"complete -c flagsync -n '__fish_seen_subcommand_from validate' -F\n",
	} {
		if !strings.Contains(fish, want) {
			t.Errorf("fish script lacks %s", want)
		}
	}
}
