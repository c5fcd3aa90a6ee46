package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/sdkconfig"
	"github.com/flagsync/flagsync/spec"
)

func init() {
	register("test", "check the tests written next to the flags, offline, with ConfigCat's SDK", runTest)
}

func runTest(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "test [PATH] [--junit FILE]",
		"Checks the expectations in the YAML's tests: list (what users get in which environment) against the flags in\n"+
			"the same files, offline, with ConfigCat's own Go SDK. No account is needed.\n\n"+
			"Exit status: 0 every expectation holds; 1 one fails, or the files do not load.")
	junit := fs.String("junit", "", "also write the results as JUnit XML to `FILE`, for CI test reporters")
	path, err := parseWithPath(fs, args)
	if err != nil {
		return parseFailed(err)
	}
	st, err := loadSpec(ctx, e, path)
	if err != nil {
		return exitError
	}
	start := time.Now()
	report := runSpecTests(st)
	report.duration = time.Since(start)
	for _, f := range report.failures() {
		fmt.Fprintln(e.stdout, f)
	}
	fmt.Fprintln(e.stdout, report.summary())
	if *junit != "" {
		if err := writeJUnitFile(*junit, report); err != nil {
			return fail(e, fmt.Errorf("test: --junit: %w", err))
		}
	}
	if report.failed() > 0 {
		return exitError
	}
	return exitOK
}

// testsFail reports on stderr each failed expectation of the tests of the files a plan was made from: such a
// plan is refused, by plan and by apply. A saved plan (no files) was checked when it was saved.
func testsFail(e *env, pl *planned) bool {
	if pl.tests == nil || pl.tests.failed() == 0 {
		return false
	}
	for _, f := range pl.tests.failures() {
		fmt.Fprintf(e.stderr, "flagsync: %s\n", f)
	}
	fmt.Fprintf(e.stderr, "flagsync: refused: %s; fix the flags or the tests (flagsync test shows them)\n", pl.tests.summary())
	return true
}

// testCase is one test in one environment.
type testCase struct {
	test     *spec.Test
	env      string
	failures []testFailure
}

// testFailure is one expectation that does not hold.
type testFailure struct {
	pos      spec.Pos
	test     string
	flag     string
	env      string
	message  string
	servedBy string
}

// String is `file:line: test "NAME": flag in Environment: got X, want Y (served by rule 2)`.
func (f testFailure) String() string {
	s := fmt.Sprintf("%s: test %q: %s in %s: %s", fileLine(f.pos), f.test, f.flag, f.env, f.message)
	if f.servedBy != "" {
		s += " (served by " + f.servedBy + ")"
	}
	return s
}

// fileLine is file:line.
func fileLine(p spec.Pos) string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// testReport is the outcome of every test of a state.
type testReport struct {
	cases    []testCase
	duration time.Duration
}

func (r *testReport) failures() []testFailure {
	var out []testFailure
	for _, c := range r.cases {
		out = append(out, c.failures...)
	}
	return out
}

func (r *testReport) failed() int {
	n := 0
	for _, c := range r.cases {
		if len(c.failures) > 0 {
			n++
		}
	}
	return n
}

// summary counts tests in environments, as `N passed, M failed`.
func (r *testReport) summary() string {
	if len(r.cases) == 0 {
		return "no tests: add a tests: list next to the flags (docs/yaml.md#tests)"
	}
	return fmt.Sprintf("%d passed, %d failed (tests × environments)", len(r.cases)-r.failed(), r.failed())
}

// runSpecTests checks every test of a valid state in each of its environments.
func runSpecTests(st *spec.State) *testReport {
	r := &testReport{}
	evs := evaluators{state: st, cache: map[[3]string]*documentEval{}}
	defer evs.close()
	for _, t := range st.Tests {
		p, err := st.TestProduct(t)
		if err != nil {
			r.cases = append(r.cases, testCase{test: t, failures: []testFailure{{pos: t.Pos, test: t.Name, flag: "-", env: "-", message: err.Error()}}})
			continue
		}
		envs, err := spec.TestEnvironments(p, t)
		if err != nil {
			r.cases = append(r.cases, testCase{test: t, failures: []testFailure{{pos: t.Pos, test: t.Name, flag: "-", env: "-", message: err.Error()}}})
			continue
		}
		for _, env := range envs {
			r.cases = append(r.cases, testCase{test: t, env: env.Name, failures: checkTest(&evs, p, env.Name, t)})
		}
	}
	return r
}

// checkTest checks a test's expectations and shares in one environment.
func checkTest(evs *evaluators, p *spec.Product, env string, t *spec.Test) []testFailure {
	var out []testFailure
	fail := func(flag, msg, servedBy string) {
		out = append(out, testFailure{pos: t.Pos, test: t.Name, flag: flag, env: env, message: msg, servedBy: servedBy})
	}
	user := evaluate.TestUser(t.User)
	for _, key := range slices.Sorted(maps.Keys(t.Expect)) {
		de, f, err := evs.forFlag(p, key, env)
		if err != nil {
			fail(key, err.Error(), "")
			continue
		}
		r := de.ev.Evaluate(user, f.Key)[0]
		want, _ := t.Expect[key].Convert(f.Type)
		switch got, ok := evaluate.SpecValue(r.Value); {
		case r.Err != nil:
			fail(key, "the SDK cannot evaluate it: "+r.Err.Error(), "")
		case !ok || !got.Equal(want):
			fail(key, fmt.Sprintf("got %s, want %s", got, want), r.Source.String())
		}
	}
	for _, key := range slices.Sorted(maps.Keys(t.Shares)) {
		de, f, err := evs.forFlag(p, key, env)
		if err != nil {
			fail(key, err.Error(), "")
			continue
		}
		sh := t.Shares[key]
		want, _ := sh.Value.Convert(f.Type)
		n := t.ShareUsers()
		got := measureShare(de, f.Key, user, want, n)
		if math.Abs(got-float64(sh.Percent)) > float64(sh.ShareTolerance()) {
			fail(key, fmt.Sprintf("%s for %s%% of %d generated users, want %d%% ± %d", want,
				strconv.FormatFloat(math.Round(got*100)/100, 'f', -1, 64), n, sh.Percent, sh.ShareTolerance()), "")
		}
	}
	return out
}

// measureShare is the percentage of n generated users that get want. Each user has the test's attributes and
// an identifier of its own, also used for the flag's percentage attribute when the test does not set that.
func measureShare(de *documentEval, key string, base evaluate.User, want spec.Value, n int) float64 {
	attr := ""
	if f := de.doc.Flags[key]; f != nil && f.PercentageAttribute != "" {
		attr = f.PercentageAttribute
	}
	hits := 0
	for i := range n {
		u := evaluate.User{}
		for k, v := range base {
			u[k] = v
		}
		id := fmt.Sprintf("flagsync-test-user-%d", i+1)
		u["Identifier"] = id
		if _, set := u[attr]; attr != "" && !set {
			u[attr] = id
		}
		if got, ok := evaluate.SpecValue(de.ev.Evaluate(u, key)[0].Value); ok && got.Equal(want) {
			hits++
		}
	}
	return 100 * float64(hits) / float64(n)
}

// evaluators builds each (product, config, environment)'s document once.
type evaluators struct {
	state *spec.State
	cache map[[3]string]*documentEval
}

// documentEval is a document and its evaluator.
type documentEval struct {
	doc *sdkconfig.Document
	ev  *evaluate.Evaluator
}

// forFlag returns the evaluator of the config holding the flag a test names, in env.
func (evs *evaluators) forFlag(p *spec.Product, name, env string) (*documentEval, *spec.Flag, error) {
	c, f, err := spec.TestFlag(p, name)
	if err != nil {
		return nil, nil, err
	}
	id := [3]string{p.Name, c.Name, env}
	if de, ok := evs.cache[id]; ok {
		return de, f, nil
	}
	ev, doc, err := evaluate.ForState(evs.state, p.Name, c.Name, env)
	if err != nil {
		return nil, nil, err
	}
	de := &documentEval{doc: doc, ev: ev}
	evs.cache[id] = de
	return de, f, nil
}

func (evs *evaluators) close() {
	for _, de := range evs.cache {
		de.ev.Close()
	}
}

// JUnit XML, as CI test reporters read it: one test case per test and environment.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnitFile(path string, r *testReport) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := writeJUnit(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeJUnit(w io.Writer, r *testReport) error {
	suite := junitSuite{Name: "flagsync test", Tests: len(r.cases), Failures: r.failed(),
		Time: fmt.Sprintf("%.3f", r.duration.Seconds())}
	for _, c := range r.cases {
		name := c.test.Name
		if c.env != "" {
			name += " [" + c.env + "]"
		}
		jc := junitCase{Name: name, Classname: c.test.Pos.File, File: c.test.Pos.File, Line: c.test.Pos.Line}
		if len(c.failures) > 0 {
			lines := make([]string, len(c.failures))
			for i, f := range c.failures {
				lines[i] = f.String()
			}
			jc.Failure = &junitFailure{Message: c.failures[0].String(), Text: strings.Join(lines, "\n")}
		}
		suite.Cases = append(suite.Cases, jc)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{suite}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
