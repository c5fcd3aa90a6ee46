package ghaction

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// SetOutput sets the step output name to value through the file GITHUB_OUTPUT names. Outside a runner
// (GITHUB_OUTPUT unset) it does nothing.
//
// The value is written as a heredoc with a random delimiter, as actions/toolkit does, so that no value can end
// the heredoc early and set other outputs.
func (r *Runner) SetOutput(name, value string) error {
	if name == "" || strings.ContainsAny(name, "\r\n=<") {
		return fmt.Errorf("output name %q is not valid", name)
	}
	delim, err := delimiter(value)
	if err != nil {
		return err
	}
	return r.appendFile("GITHUB_OUTPUT", name+"<<"+delim+"\n"+value+"\n"+delim+"\n")
}

// AddSummary appends Markdown to the step summary (GITHUB_STEP_SUMMARY). Outside a runner it does nothing.
func (r *Runner) AddSummary(markdown string) error {
	if !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	return r.appendFile("GITHUB_STEP_SUMMARY", markdown)
}

func (r *Runner) appendFile(variable, text string) error {
	path := r.getenv(variable)
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %w", variable, err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", variable, err)
	}
	return nil
}

// delimiter returns a heredoc delimiter that does not occur in value.
func delimiter(value string) (string, error) {
	for range 3 {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return "", err
		}
		d := "ghadelimiter_" + hex.EncodeToString(b)
		if !strings.Contains(value, d) {
			return d, nil
		}
	}
	return "", errors.New("no heredoc delimiter found that the value does not contain")
}
