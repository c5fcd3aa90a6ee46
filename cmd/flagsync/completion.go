package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
)

func init() {
	register("completion", "print a shell completion script: completion bash|zsh|fish", runCompletion)
}

const completionHelp = `Usage: flagsync completion bash|zsh|fish

Prints a script that completes flagsync's commands, flags and file arguments in that shell. Load it:

  bash  source <(flagsync completion bash)                      (in ~/.bashrc)
  zsh   source <(flagsync completion zsh)                       (in ~/.zshrc, after compinit)
  fish  flagsync completion fish > ~/.config/fish/completions/flagsync.fish
`

// completionShells are the shells completion writes scripts for, with the function that writes each.
var completionShells = map[string]func(io.Writer, []cliCommand){
	"bash": writeBashCompletion,
	"zsh":  writeZshCompletion,
	"fish": writeFishCompletion,
}

func runCompletion(ctx context.Context, e *env, args []string) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(e.stdout, completionHelp)
		return exitOK
	}
	if len(args) != 1 || completionShells[args[0]] == nil {
		fmt.Fprint(e.stderr, "flagsync: completion needs one shell: bash, zsh or fish\n\n"+completionHelp)
		return exitError
	}
	completionShells[args[0]](e.stdout, describeCommands(ctx))
	return exitOK
}

// cliCommand is what a completion script knows of a command.
type cliCommand struct {
	name    string
	summary string
	flags   []cliFlag
	// takesPath is true when the command's usage names a PATH argument: files and directories complete there.
	takesPath bool
	// words are the fixed words its first argument takes (the shells of `completion`).
	words []string
}

// cliFlag is one flag of a command.
type cliFlag struct {
	name    string
	usage   string // first line of the flag's help
	valueOf string // the value's name in the help (FILE, percent, string...); "" for a switch
	choices []string
}

// numericValues are the value names flag.PrintDefaults gives numbers (and percentFlag's): no file completes there.
var numericValues = map[string]bool{"int": true, "int64": true, "uint": true, "uint64": true, "float": true, "duration": true, "percent": true}

// completesFiles reports whether file names complete a flag's value: any value but a number or a fixed choice.
func (f cliFlag) completesFiles() bool {
	return f.valueOf != "" && len(f.choices) == 0 && !numericValues[f.valueOf]
}

// flagChoices are the values a flag accepts, where the command checks them against a fixed list.
var flagChoices = map[string]map[string][]string{
	"plan": {"format": {"text", "markdown", "json"}},
}

// describeCommands reads every registered command's flags from its own -h output, so that the scripts always
// list the flags the commands really have. The context is cancelled first: -h must not reach anything.
func describeCommands(ctx context.Context) []cliCommand {
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	out := make([]cliCommand, 0, len(commands))
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		out = append(out, describeCommand(ctx, n))
	}
	return out
}

func describeCommand(ctx context.Context, name string) cliCommand {
	c := cliCommand{name: name, summary: commands[name].summary}
	if name == "completion" {
		c.words = slices.Sorted(maps.Keys(completionShells))
		return c
	}
	help := commandHelp(ctx, name)
	c.takesPath = usageNamesPath.MatchString(help)
	c.flags = parseFlagDefaults(help)
	for i := range c.flags {
		c.flags[i].choices = flagChoices[name][c.flags[i].name]
	}
	return c
}

// commandHelp is what `flagsync NAME -h` prints, on either stream.
func commandHelp(ctx context.Context, name string) string {
	var buf bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &buf, stderr: &buf, lookupEnv: func(string) (string, bool) { return "", false }}
	commands[name].run(ctx, e, []string{"-h"})
	return buf.String()
}

var usageNamesPath = regexp.MustCompile(`(?im)^usage: flagsync \S+ .*\bPATH\b`)

// flagDefaultLine is a flag's first line in flag.PrintDefaults output: "  -name", "  -name TYPE", either
// followed by a tab and the usage when the name is one letter.
var flagDefaultLine = regexp.MustCompile(`^  -([A-Za-z0-9][\w.-]*)(?: (\S+))?(?:\t(.*))?$`)

// parseFlagDefaults reads the flags out of flag.PrintDefaults output.
func parseFlagDefaults(help string) []cliFlag {
	var flags []cliFlag
	sc := bufio.NewScanner(strings.NewReader(help))
	for sc.Scan() {
		line := sc.Text()
		if m := flagDefaultLine.FindStringSubmatch(line); m != nil {
			flags = append(flags, cliFlag{name: m[1], valueOf: m[2], usage: m[3]})
			continue
		}
		if n := len(flags); n > 0 && flags[n-1].usage == "" && strings.HasPrefix(line, "    \t") {
			flags[n-1].usage = strings.TrimSpace(line)
		}
	}
	return flags
}

func commandNames(cmds []cliCommand) string {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.name
	}
	return strings.Join(names, " ")
}

// writeBashCompletion writes a bash completion function. Where it offers nothing (a PATH, a flag's value), bash's
// default completion of file names takes over.
func writeBashCompletion(w io.Writer, cmds []cliCommand) {
	fmt.Fprintf(w, `# bash completion for flagsync. Load it with: source <(flagsync completion bash)
_flagsync() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  COMPREPLY=()
  if (( COMP_CWORD == 1 )); then
    COMPREPLY=($(compgen -W %q -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]}:$prev in
`, commandNames(cmds)+" help")
	for _, c := range cmds {
		for _, f := range c.flags {
			if len(f.choices) > 0 {
				fmt.Fprintf(w, "    %s:--%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", c.name, f.name, strings.Join(f.choices, " "))
			}
		}
	}
	fmt.Fprint(w, "  esac\n  local flags= words=\n  case ${COMP_WORDS[1]} in\n")
	for _, c := range cmds {
		names := []string{"--help"}
		for _, f := range c.flags {
			names = append(names, "--"+f.name)
		}
		fmt.Fprintf(w, "    %s) flags=%q; words=%q ;;\n", c.name, strings.Join(names, " "), strings.Join(c.words, " "))
	}
	fmt.Fprint(w, `  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ -n $words && $COMP_CWORD -eq 2 ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -o default -F _flagsync flagsync
`)
}

// writeZshCompletion writes a zsh completion function for compsys, usable from $fpath or sourced.
func writeZshCompletion(w io.Writer, cmds []cliCommand) {
	fmt.Fprint(w, `#compdef flagsync
# zsh completion for flagsync. Load it with: source <(flagsync completion zsh) after compinit,
# or save it as _flagsync in a directory of $fpath.
_flagsync() {
  local -a commands
  commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "    %s\n", zshQuote(c.name+":"+c.summary))
	}
	fmt.Fprint(w, `  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'flagsync command' commands
    return
  fi
  local cmd=$words[2]
  shift words
  (( CURRENT-- ))
  case $cmd in
`)
	for _, c := range cmds {
		specs := []string{zshQuote("(- *)--help[show the command's flags]")}
		for _, f := range c.flags {
			specs = append(specs, zshQuote(zshFlagSpec(f)))
		}
		switch {
		case len(c.words) > 0:
			specs = append(specs, zshQuote("1:value:("+strings.Join(c.words, " ")+")"))
		case c.takesPath:
			specs = append(specs, zshQuote("1:PATH:_files"))
		}
		fmt.Fprintf(w, "    %s) _arguments -s \\\n      %s ;;\n", c.name, strings.Join(specs, " \\\n      "))
	}
	fmt.Fprint(w, `  esac
}
if [[ $funcstack[1] == _flagsync ]]; then
  _flagsync "$@"
else
  compdef _flagsync flagsync
fi
`)
}

// zshFlagSpec is one _arguments spec: --name[usage] for a switch, --name=[usage]:VALUE:ACTION for a flag with a value.
func zshFlagSpec(f cliFlag) string {
	desc := zshBracketEscaper.Replace(f.usage)
	if f.valueOf == "" {
		return "--" + f.name + "[" + desc + "]"
	}
	action := " "
	switch {
	case len(f.choices) > 0:
		action = "(" + strings.Join(f.choices, " ") + ")"
	case f.completesFiles():
		action = "_files"
	}
	return "--" + f.name + "=[" + desc + "]:" + strings.ReplaceAll(f.valueOf, ":", "") + ":" + action
}

var zshBracketEscaper = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`)

// zshQuote quotes s for zsh (and any POSIX shell): single quotes, with each ' written as '\”.
func zshQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeFishCompletion writes fish `complete` commands.
func writeFishCompletion(w io.Writer, cmds []cliCommand) {
	fmt.Fprint(w, "# fish completion for flagsync. Save it as ~/.config/fish/completions/flagsync.fish\n")
	fmt.Fprint(w, "complete -c flagsync -f\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "complete -c flagsync -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range cmds {
		when := fishQuote("__fish_seen_subcommand_from " + c.name)
		fmt.Fprintf(w, "complete -c flagsync -n %s -l help -d %s\n", when, fishQuote("show the command's flags"))
		for _, f := range c.flags {
			fmt.Fprintf(w, "complete -c flagsync -n %s -l %s -d %s%s\n", when, f.name, fishQuote(f.usage), fishValueOptions(f))
		}
		switch {
		case len(c.words) > 0:
			fmt.Fprintf(w, "complete -c flagsync -n %s -a %s\n", when, fishQuote(strings.Join(c.words, " ")))
		case c.takesPath:
			fmt.Fprintf(w, "complete -c flagsync -n %s -F\n", when)
		}
	}
}

// fishValueOptions tells fish that a flag takes a value, and what completes it.
func fishValueOptions(f cliFlag) string {
	switch {
	case f.valueOf == "":
		return ""
	case len(f.choices) > 0:
		return " -x -a " + fishQuote(strings.Join(f.choices, " "))
	case f.completesFiles():
		return " -r -F"
	default:
		return " -x"
	}
}

// fishQuote quotes s for fish: single quotes, with \ and ' escaped by a backslash.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
