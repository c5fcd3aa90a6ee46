package impact

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/flagsync/flagsync/evaluate"
	"github.com/flagsync/flagsync/spec"
)

// DefaultGenerated is how many users with generated identifiers a population holds by default.
const DefaultGenerated = 10_000

// Population is whom an impact counts: Generated users that have only an identifier (the same ones on every
// run, so that two plans of one change give the same numbers), the users of a population file, and the users
// named in the YAML's tests.
type Population struct {
	Generated int
	// File names the population file the Users came from, for the plan to say so.
	File  string
	Users []evaluate.User
}

// generatedID is the identifier of the i-th generated user.
func generatedID(i int) string { return fmt.Sprintf("flagsync-impact-user-%d", i+1) }

// ReadPopulation reads a population file: CSV with a header row of attribute names, or JSON lines (one object of
// attributes per line; .jsonl, .ndjson, or any file whose first character is "{"). Identifier, email and
// country in any case are ConfigCat's predefined attributes; empty CSV cells are attributes the user lacks.
func ReadPopulation(path string) ([]evaluate.User, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".jsonl" || ext == ".ndjson" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return readJSONLines(path, data)
	}
	return readCSV(path, data)
}

func readCSV(path string, data []byte) ([]evaluate.User, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, csvError(path, err)
	}
	for i, name := range header {
		if strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("%s:1:%d: column %d has no attribute name; the first row names the attributes (Identifier,Email,Country,...)", path, i+1, i+1)
		}
	}
	var users []evaluate.User
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return users, nil
		}
		if err != nil {
			return nil, csvError(path, err)
		}
		u := evaluate.User{}
		for i, cell := range rec {
			if cell != "" {
				u[attributeName(header[i])] = cell
			}
		}
		users = append(users, u)
	}
}

func csvError(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v; the population file must be CSV with one row per user", path, pe.Line, pe.Column, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s:1:1: the population file is empty; the first row names the attributes (Identifier,Email,Country,...)", path)
	}
	return fmt.Errorf("%s: %w", path, err)
}

func readJSONLines(path string, data []byte) ([]evaluate.User, error) {
	var users []evaluate.User
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var attrs map[string]any
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		if err := dec.Decode(&attrs); err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %v; each line must be one JSON object of user attributes, such as {\"Identifier\": \"u1\", \"Country\": \"NL\"}", path, line, jsonColumn(err), err)
		}
		u, err := jsonUser(attrs)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:1: %v", path, line, err)
		}
		users = append(users, u)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return users, nil
}

// jsonColumn is the 1-based column of a JSON syntax error within its line, or 1.
func jsonColumn(err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return int(se.Offset)
	}
	return 1
}

// jsonUser turns one line's attributes into a user: text and numbers as they are, a list of text as the
// array comparators take it.
func jsonUser(attrs map[string]any) (evaluate.User, error) {
	u := evaluate.User{}
	for name, v := range attrs {
		name = attributeName(name)
		switch x := v.(type) {
		case nil:
			continue
		case string:
			u[name] = x
		case json.Number:
			if name == "Identifier" || name == "Email" || name == "Country" {
				u[name] = x.String()
				continue
			}
			f, err := x.Float64()
			if err != nil {
				return nil, fmt.Errorf("attribute %q: %v", name, err)
			}
			u[name] = f
		case []any:
			list, err := textList(name, x)
			if err != nil {
				return nil, err
			}
			u[name] = list
		default:
			return nil, fmt.Errorf("attribute %q is %T; want text, a number or a list of text", name, v)
		}
	}
	return u, nil
}

func textList(name string, items []any) ([]string, error) {
	out := make([]string, len(items))
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("attribute %q: item %d is not text", name, i+1)
		}
		out[i] = s
	}
	return out, nil
}

// attributeName is a population file's attribute name without surrounding spaces, the predefined attributes
// spelt as ConfigCat does (see evaluate.PredefinedAttribute).
func attributeName(name string) string {
	return evaluate.PredefinedAttribute(strings.TrimSpace(name))
}

// testUser is a user named in a test, and the name the plan shows it by: its email, else its identifier, else
// the test's name.
type testUser struct {
	label string
	user  evaluate.User
}

// testUsers are the users of the tests about product p in environment env, each once.
func testUsers(st *spec.State, p *spec.Product, env string) []testUser {
	var out []testUser
	seen := map[string]bool{}
	for _, t := range st.Tests {
		if len(t.User) == 0 || !testCovers(st, t, p, env) {
			continue
		}
		u := evaluate.TestUser(t.User)
		label := testUserLabel(t, u)
		if !seen[label] {
			seen[label] = true
			out = append(out, testUser{label: label, user: u})
		}
	}
	return out
}

func testCovers(st *spec.State, t *spec.Test, p *spec.Product, env string) bool {
	tp, err := st.TestProduct(t)
	if err != nil || tp != p {
		return false
	}
	envs, err := spec.TestEnvironments(p, t)
	if err != nil {
		return false
	}
	for _, e := range envs {
		if e.Name == env {
			return true
		}
	}
	return false
}

func testUserLabel(t *spec.Test, u evaluate.User) string {
	for _, attr := range []string{"Email", "Identifier"} {
		if s, ok := u[attr].(string); ok && s != "" {
			return s
		}
	}
	return "test " + strconv.Quote(t.Name)
}
