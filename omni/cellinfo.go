package omni

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/internal/textio"
)

// Cell is the Cell Manager's record of its clients.
type Cell struct {
	Path     string       `json:"path,omitempty"`
	Format   string       `json:"format"` // cell_info, omnicellinfo or omni_info
	Encoding string       `json:"encoding,omitempty"`
	Clients  []CellClient `json:"clients"`
	Problems []Problem    `json:"problems,omitempty"`
}

// CellClient is one client with its installed components.
type CellClient struct {
	Host string `json:"host"` // normalised
	OS   string `json:"os,omitempty"`
	// Components maps a component key ("da", "ma", ...) to its version;
	// keys are kept as written, without the leading dash.
	Components map[string]string `json:"components"`
	// Other holds tokens dpgre does not interpret, kept verbatim.
	Other []string `json:"other,omitempty"`
	Line  int      `json:"line"`
}

// Formats of the cell inputs.
const (
	FormatCellInfo     = "cell_info"
	FormatOmniCellInfo = "omnicellinfo"
	FormatOmniInfo     = "omni_info"
)

const (
	MaxCellLine  = 16 * 1024
	MaxCellBytes = 64 << 20
)

// ErrNotCellInfo is returned for input that is none of the cell formats.
var ErrNotCellInfo = errors.New("not a cell_info, omnicellinfo -cell or omni_info file")

// ParseCell reads the Cell Manager's cell_info (one `-host "name" -os "..."
// -da A.09.00 ...` line per client), the output of omnicellinfo -cell
// (host="..." per client) or a client's omni_info (-key K ... -version V
// lines). UTF-16 (Windows) and UTF-8 are accepted. Lines that fit none are
// Problems with their numbers.
func ParseCell(r io.Reader, path string) (*Cell, error) {
	dec, enc, err := textio.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &Cell{Path: path, Encoding: string(enc), Clients: []CellClient{}}
	local := CellClient{Host: "(this host)", Components: map[string]string{}}
	lines := textio.NewLines(dec, MaxCellLine, MaxCellBytes)
	for {
		b, err := lines.Next()
		n := lines.Line()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, textio.ErrLineTooLong) {
			c.problem(n, "", fmt.Sprintf("line longer than %d bytes", MaxCellLine))
			continue
		}
		if err != nil {
			return nil, &textio.LineError{File: path, Line: n, Err: err}
		}
		line := strings.TrimSpace(string(b))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) || strings.IndexByte(line, 0) >= 0 {
			c.problem(n, line, "not text (binary data or an unmarked encoding)")
			continue
		}
		toks, err := tokenize(line)
		if err != nil {
			c.problem(n, line, err.Error())
			continue
		}
		switch {
		case len(toks) >= 2 && toks[0] == "-host":
			c.setFormat(FormatCellInfo)
			c.Clients = append(c.Clients, cellInfoClient(toks, n))
		case strings.HasPrefix(toks[0], "host="):
			c.setFormat(FormatOmniCellInfo)
			c.Clients = append(c.Clients, keyValueClient(toks, n))
		case toks[0] == "-key" && len(toks) >= 2:
			c.setFormat(FormatOmniInfo)
			if v := optionValue(toks, "-version"); v != "" {
				local.Components[toks[1]] = v
			} else {
				c.problem(n, line, "-key line without -version")
			}
		default:
			c.problem(n, line, `expected -host "name" ..., host="...", or -key ... -version ...`)
		}
	}
	if c.Format == FormatOmniInfo {
		c.Clients = append(c.Clients, local)
	}
	if len(c.Clients) == 0 && len(c.Problems) > 0 {
		return nil, fmt.Errorf("%s: %w (first bad line %d: %s)", path, ErrNotCellInfo, c.Problems[0].Line, c.Problems[0].Reason)
	}
	sort.SliceStable(c.Clients, func(i, j int) bool { return c.Clients[i].Host < c.Clients[j].Host })
	return c, nil
}

func (c *Cell) setFormat(f string) {
	if c.Format == "" {
		c.Format = f
	}
}

func (c *Cell) problem(n int, text, reason string) {
	if len(c.Problems) >= maxProblemsKept {
		return
	}
	if len(text) > maxProblemText {
		text = text[:maxProblemText] + "…"
	}
	c.Problems = append(c.Problems, Problem{Line: n, Text: strings.ToValidUTF8(text, "\uFFFD"), Reason: reason})
}

// cellInfoClient reads -host "h" -os "o" -<component> <version> ...; a
// dash option followed by another dash option is kept as a flag.
func cellInfoClient(toks []string, n int) CellClient {
	cl := CellClient{Host: hostname.Normalize(toks[1]), Components: map[string]string{}, Line: n}
	for i := 2; i < len(toks); i++ {
		t := toks[i]
		if !strings.HasPrefix(t, "-") || len(t) < 2 {
			cl.Other = append(cl.Other, t)
			continue
		}
		val := ""
		if i+1 < len(toks) && !strings.HasPrefix(toks[i+1], "-") {
			val = toks[i+1]
			i++
		}
		switch key := t[1:]; {
		case key == "os":
			cl.OS = val
		case val == "":
			cl.Other = append(cl.Other, t)
		default:
			cl.Components[key] = val
		}
	}
	return cl
}

// keyValueClient reads omnicellinfo's key="value" pairs.
func keyValueClient(toks []string, n int) CellClient {
	cl := CellClient{Components: map[string]string{}, Line: n}
	for _, t := range toks {
		k, v, ok := strings.Cut(t, "=")
		switch {
		case !ok:
			cl.Other = append(cl.Other, t)
		case k == "host":
			cl.Host = hostname.Normalize(v)
		case k == "os":
			cl.OS = v
		default:
			cl.Other = append(cl.Other, t)
		}
	}
	return cl
}

func optionValue(toks []string, opt string) string {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] == opt {
			return toks[i+1]
		}
	}
	return ""
}

// tokenize splits on blanks, keeping double-quoted runs (quotes removed)
// together, also inside key="value".
func tokenize(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, have = !inQuote, true
		case (r == ' ' || r == '\t') && !inQuote:
			if have {
				out = append(out, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, errors.New("unterminated quote")
	}
	if have {
		out = append(out, cur.String())
	}
	if len(out) == 0 {
		return nil, errors.New("empty line")
	}
	return out, nil
}

// DefaultCellInfoPaths are where a Cell Manager keeps cell_info.
func DefaultCellInfoPaths(goos string, getenv func(string) string) []string {
	if goos == "windows" {
		pd := getenv("ProgramData")
		if pd == "" {
			pd = `C:\ProgramData`
		}
		return []string{pd + `\OmniBack\Config\Server\cell\cell_info`}
	}
	return []string{"/etc/opt/omni/server/cell/cell_info"}
}
