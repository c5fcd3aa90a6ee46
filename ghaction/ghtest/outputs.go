package ghtest

import (
	"fmt"
	"os"
	"strings"
)

// ReadOutputs parses a GITHUB_OUTPUT file the way the runner does: name=value lines and name<<DELIMITER
// heredocs. A name set twice keeps its last value.
func ReadOutputs(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var value []string
			closed := false
			for i++; i < len(lines); i++ {
				if lines[i] == delim {
					closed = true
					break
				}
				value = append(value, lines[i])
			}
			if !closed {
				return nil, fmt.Errorf("output %q: delimiter %q never closes", name, delim)
			}
			out[name] = strings.Join(value, "\n")
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("line %d: %q is neither name=value nor a heredoc", i+1, line)
		}
		out[name] = value
	}
	return out, nil
}
