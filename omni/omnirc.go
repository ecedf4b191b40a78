package omni

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/dpgre/dpgre/internal/textio"
)

// RC is a parsed omnirc file.
type RC struct {
	Path     string            `json:"path"`
	Missing  bool              `json:"missing,omitempty"` // default path absent: all defaults apply
	Vars     map[string]string `json:"vars"`              // last assignment wins, as for the agents
	Entries  []RCEntry         `json:"entries,omitempty"`
	Problems []Problem         `json:"problems,omitempty"`
}

// RCEntry is one VAR=value assignment.
type RCEntry struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Line  int    `json:"line"`
	// Spaced marks "VAR = value": every real sample has no spaces around
	// "=", so the agents may not read such a line as intended.
	Spaced bool `json:"spaced,omitempty"`
}

const (
	MaxRCLine  = 4096
	MaxRCBytes = 1 << 20
)

// ErrNotOmnirc is returned for input that is not a text omnirc file.
var ErrNotOmnirc = errors.New("not an omnirc text file")

// ParseRC reads omnirc syntax: VAR=value lines, # comments, blank lines,
// surrounding whitespace and CRLF tolerated. Malformed lines become Problems;
// binary or oversize input is an error.
func ParseRC(r io.Reader, path string) (*RC, error) {
	dec, _, err := textio.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rc := &RC{Path: path, Vars: map[string]string{}}
	lines := textio.NewLines(dec, MaxRCLine, MaxRCBytes)
	for {
		b, err := lines.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n := lines.Line()
		if errors.Is(err, textio.ErrLineTooLong) {
			return nil, &textio.LineError{File: path, Line: n, Err: fmt.Errorf("%w: line longer than %d bytes", ErrNotOmnirc, MaxRCLine)}
		}
		if err != nil {
			return nil, &textio.LineError{File: path, Line: n, Err: err}
		}
		if err := rc.line(n, string(b)); err != nil {
			return nil, &textio.LineError{File: path, Line: n, Err: err}
		}
	}
	if len(rc.Entries) == 0 && len(rc.Problems) > 0 && len(rc.Problems) >= lines.Line()/2 {
		return nil, fmt.Errorf("%s: %w: no VAR=value line, %d malformed (first at line %d)",
			path, ErrNotOmnirc, len(rc.Problems), rc.Problems[0].Line)
	}
	return rc, nil
}

func (rc *RC) line(n int, raw string) error {
	if strings.IndexByte(raw, 0) >= 0 {
		return fmt.Errorf("%w: NUL byte (binary data)", ErrNotOmnirc)
	}
	s := strings.TrimSpace(raw)
	if s == "" || strings.HasPrefix(s, "#") {
		return nil
	}
	if !utf8.ValidString(s) {
		rc.problem(n, s, "not valid UTF-8")
		return nil
	}
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		rc.problem(n, s, `no "=": expected VARIABLE=value`)
		return nil
	}
	spaced := name != strings.TrimRight(name, " \t") || value != strings.TrimLeft(value, " \t")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if !isVarName(name) {
		rc.problem(n, s, fmt.Sprintf("%q is not a variable name", name))
		return nil
	}
	rc.Entries = append(rc.Entries, RCEntry{Name: name, Value: value, Line: n, Spaced: spaced})
	rc.Vars[name] = value
	return nil
}

func (rc *RC) problem(n int, text, reason string) {
	if len(text) > maxProblemText {
		text = text[:maxProblemText] + "…"
	}
	rc.Problems = append(rc.Problems, Problem{Line: n, Text: strings.ToValidUTF8(text, "\uFFFD"), Reason: reason})
}

func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '_':
		case i > 0 && c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return true
}

// DefaultRCPaths lists where the agents read omnirc on this OS, most likely
// first. UNIX: /opt/omni/.omnirc (AIX /usr/omni/.omnirc). Windows: the
// program-data directory, %ProgramData%\OmniBack\omnirc by default (inferred
// from the documented Data_Protector_program_data\omnirc).
func DefaultRCPaths(goos string, getenv func(string) string) []string {
	if goos == "windows" {
		pd := getenv("ProgramData")
		if pd == "" {
			pd = `C:\ProgramData`
		}
		return []string{pd + `\OmniBack\omnirc`}
	}
	if goos == "aix" {
		return []string{"/usr/omni/.omnirc"}
	}
	return []string{"/opt/omni/.omnirc"}
}

// HostRCPaths is DefaultRCPaths for the running system.
func HostRCPaths(getenv func(string) string) []string { return DefaultRCPaths(runtime.GOOS, getenv) }
