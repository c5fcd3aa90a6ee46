package planner

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// flagsYAML is a product with one config holding n boolean flags f00, f01, ...
func flagsYAML(n int) string {
	var b strings.Builder
	b.WriteString("products:\n- name: Web\n  environments: [{name: Production}]\n  configs:\n  - name: Main\n    flags:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    - {key: f%02d, type: boolean, value: true}\n", i)
	}
	return b.String()
}

func intp(i int) *int { return &i }

func TestSafety(t *testing.T) {
	tests := []struct {
		name     string
		existing int
		keep     int
		safety   string
		opts     Options
		want     string
	}{
		{name: "40% of 30 flags is refused", existing: 30, keep: 18,
			want: "unsafe plan: 12 of 30 flags would be deleted (40%, limit 30%); rerun with --force"},
		{name: "exactly 30% passes", existing: 30, keep: 21},
		{name: "fewer than 10 existing pass", existing: 9, keep: 1},
		{name: "emptying a config is refused at any count", existing: 1, keep: 0,
			want: `unsafe plan: the only flag of config "Main" in product "Web" would be deleted; rerun with --force`},
		{name: "emptying a config of 9 flags is refused", existing: 9, keep: 0,
			want: `unsafe plan: all 9 flags of config "Main" in product "Web" would be deleted; rerun with --force`},
		{name: "the state's thresholds apply", existing: 10, keep: 8, safety: "safety: {maxDeletePercent: 10}\n",
			want: "unsafe plan: 2 of 10 flags would be deleted (20%, limit 10%); rerun with --force"},
		{name: "options override the state", existing: 10, keep: 8, safety: "safety: {maxDeletePercent: 10}\n",
			opts: Options{MaxDeletePercent: intp(50)}},
		{name: "min existing from options", existing: 5, keep: 1, opts: Options{MinExisting: intp(5)},
			want: "unsafe plan: 4 of 5 flags would be deleted (80%, limit 30%); rerun with --force"},
		{name: "forced plans pass", existing: 30, keep: 0, opts: Options{Force: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			des := state(t, tt.safety+flagsYAML(tt.keep))
			p, err := Build(state(t, flagsYAML(tt.existing)), des, tt.opts)
			if _, _, del := p.Counts(); del != tt.existing-tt.keep {
				t.Errorf("plan deletes %d flags, want %d", del, tt.existing-tt.keep)
			}
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if tt.opts.Force != (len(p.Unsafe) > 0) {
					t.Errorf("Unsafe = %v with Force %v", p.Unsafe, tt.opts.Force)
				}
				return
			}
			var ue *UnsafeError
			if !errors.As(err, &ue) {
				t.Fatalf("want an *UnsafeError, got %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			if len(p.Unsafe) != 1 {
				t.Errorf("plan records %d violations, want 1", len(p.Unsafe))
			}
		})
	}
}

func TestSafetyProtectsConfigsAndEnvironments(t *testing.T) {
	cur := state(t, base+"  - name: Old\n")
	des := state(t, edit(t, "  - {name: Staging, order: 1}\n", "", "        Staging: {default: \"on\"}\n", ""))
	p, err := Build(cur, des, Options{})
	want := `unsafe plan: 1 config would be deleted (Web/Old); 1 environment would be deleted (Web/Staging); rerun with --force`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	checkPlan(t, p, `
delete config Web/Old
delete environment Web/Staging
`)
	if _, err := Build(cur, des, Options{Force: true}); err != nil {
		t.Errorf("forced: %v", err)
	}
}

func TestSafetyIgnoresRenamesAndTypeChanges(t *testing.T) {
	cur := state(t, flagsYAML(10))
	var b strings.Builder
	b.WriteString("products:\n- name: Web\n  environments: [{name: Production}]\n  configs:\n  - name: Main\n    flags:\n")
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "    - {key: g%02d, renamedFrom: f%02d, type: boolean, value: true}\n", i, i)
		} else {
			fmt.Fprintf(&b, "    - {key: f%02d, type: string, value: x}\n", i)
		}
	}
	p, err := Build(cur, state(t, b.String()), Options{})
	if err != nil {
		t.Fatalf("renames and type changes are not losses: %v", err)
	}
	if c, _, d := p.Counts(); c != 10 || d != 10 {
		t.Errorf("counts: %d creates, %d deletes; want 10 and 10", c, d)
	}
}

func TestBuildReturnsTheUnsafeErrorItself(t *testing.T) {
	_, err := Build(state(t, flagsYAML(10)), state(t, flagsYAML(0)), Options{})
	if _, ok := err.(*UnsafeError); !ok {
		t.Errorf("got %T, want *UnsafeError", err)
	}
}

func TestSafetyRefusesEmptyingAProductOfAKind(t *testing.T) {
	kinds := "  tags: [{name: beta}, {name: gamma}]\n" +
		"  segments: [{name: Testers, attribute: Email, comparator: isOneOf, value: a@x.com}]\n" +
		"  webhooks: [{config: Main, environment: Production, url: 'https://h.example'}]\n" +
		"  permissionGroups: [{name: Devs}]\n"
	cur := state(t, flagsYAML(1)+kinds)
	p, err := Build(cur, state(t, flagsYAML(1)), Options{})
	want := `unsafe plan: all 2 tags of product "Web" would be deleted; the only segment of product "Web" would be deleted; ` +
		`the only webhook of product "Web" would be deleted; the only permission group of product "Web" would be deleted; rerun with --force`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	if len(p.Unsafe) != 4 || !p.Unsafe[0].All || p.Unsafe[0].Scope.Product != "Web" {
		t.Errorf("violations: %+v", p.Unsafe)
	}
	if _, err := Build(cur, state(t, flagsYAML(1)), Options{Force: true}); err != nil {
		t.Errorf("forced: %v", err)
	}
	keepOne := flagsYAML(1) + "  tags: [{name: beta}]\n" +
		"  segments: [{name: Testers, attribute: Email, comparator: isOneOf, value: a@x.com}]\n" +
		"  webhooks: [{config: Main, environment: Production, url: 'https://h.example'}]\n" +
		"  permissionGroups: [{name: Devs}]\n"
	if _, err := Build(cur, state(t, keepOne), Options{}); err != nil {
		t.Errorf("deleting one of two tags is safe: %v", err)
	}
}

func TestIgnorePatternsThatMatchNothingAreWarned(t *testing.T) {
	cur := state(t, flagsYAML(2)+"  tags: [{name: beta}]\n")
	des := state(t, "ignore: {flags: [f0*, zzz*], tags: [beta]}\n"+
		strings.Replace(flagsYAML(0), "- name: Web\n", "- name: Web\n  ignore: {flags: [f01, supprt*], segments: [Sales*]}\n", 1))
	p, err := Build(cur, des, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.Address.String()+": "+w.Message)
	}
	want := []string{
		`: ignore flags pattern "zzz*" matches no flag in the declared products, so it protects nothing; check its spelling, or remove it`,
		`Web: ignore flags pattern "supprt*" matches no flag in product "Web", so it protects nothing; check its spelling, or remove it`,
		`Web: ignore segments pattern "Sales*" matches no segment in product "Web", so it protects nothing; check its spelling, or remove it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !p.IsEmpty() {
		t.Errorf("the ignored flags and tag are left alone, yet the plan changes %v", p.Changes)
	}
}

func TestKindCount(t *testing.T) {
	for _, tt := range []struct {
		k    Kind
		n    int
		want string
	}{{KindFlag, 1, "1 flag"}, {KindFlag, 2, "2 flags"}, {KindPermissionGroup, 3, "3 permission groups"},
		{KindValues, 1, "1 set of values"}, {KindValues, 2, "2 sets of values"}} {
		if got := tt.k.Count(tt.n); got != tt.want {
			t.Errorf("%s.Count(%d) = %q, want %q", tt.k, tt.n, got, tt.want)
		}
	}
}
