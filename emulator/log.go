package emulator

import (
	"encoding/json"
	"net/http"
	"time"
)

// logLine is one line of the request log.
type logLine struct {
	Time       string  `json:"time"`
	Method     string  `json:"method"`
	Template   string  `json:"template"`
	Path       string  `json:"path"`
	Status     int     `json:"status"`
	DurationMS float64 `json:"duration_ms"`
}

// record counts the request under its template and writes a log line. Status 0 means the connection was
// dropped by a fault.
func (s *Server) record(r *http.Request, key, template string, status int, d time.Duration) {
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	s.counts[key]++
	if s.log == nil {
		return
	}
	buf, err := json.Marshal(logLine{
		Time:       s.now().UTC().Format(time.RFC3339Nano),
		Method:     r.Method,
		Template:   template,
		Path:       r.URL.Path,
		Status:     status,
		DurationMS: float64(d.Microseconds()) / 1000,
	})
	if err != nil {
		return
	}
	_, _ = s.log.Write(append(buf, '\n'))
}
