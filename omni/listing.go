// Package omni reads Data Protector's own files and outputs: omnidb object
// listings, omnirc and (later) cell_info. It only parses; judging is done by
// the checks in package preflight.
package omni

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/internal/textio"
)

// Object is one distinct backup object of an omnidb listing.
type Object struct {
	Client   string `json:"client"`             // lower-case, no trailing dot
	Name     string `json:"name"`               // the object name as listed
	Type     string `json:"type"`               // E2010, FileSystem, IDB, ...
	GUID     string `json:"guid,omitempty"`     // E2010 only, lower-case canonical
	Database string `json:"database,omitempty"` // E2010 only
	Line     int    `json:"line"`               // first line it appeared on
	Count    int    `json:"count"`              // lines that listed it
}

// Problem is a listing line that could not be parsed.
type Problem struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Listing is the parsed result; its size grows with distinct objects, not lines.
type Listing struct {
	Path          string    `json:"path,omitempty"`
	Encoding      string    `json:"encoding,omitempty"`
	Lines         int       `json:"lines"`
	HeaderLine    int       `json:"header_line,omitempty"`
	Objects       []Object  `json:"objects"`
	Problems      []Problem `json:"problems,omitempty"`
	ProblemsTotal int       `json:"problems_total,omitempty"`
}

// Limits of the listing parser. A listing line is an object name (path-like,
// bounded by Windows and UNIX path limits) plus a type.
const (
	MaxListingLine  = 64 * 1024
	MaxListingBytes = 8 << 30
	maxProblemsKept = 200
	maxProblemText  = 160
)

// Known object types seen in real listings; the set is open, this only helps
// to tell a truncated last line from a new type.
var knownTypes = map[string]bool{"E2010": true, "FileSystem": true, "IDB": true}

// ErrNotListing is returned when the input holds no listing header and
// nothing parseable: it is some other file.
var ErrNotListing = errors.New("not an omnidb object listing (no \"Object Name\" header and no parseable object line)")

// ParseListing reads an omnidb object listing. path names the input in
// errors and problems. Unparseable lines become Problems; only I/O errors,
// oversize input and non-listings are returned as errors.
func ParseListing(r io.Reader, path string) (*Listing, error) {
	dec, enc, err := textio.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p := listingParser{
		l:     &Listing{Path: path, Encoding: string(enc), Objects: []Object{}},
		index: make(map[string]int),
	}
	lines := textio.NewLines(dec, MaxListingLine, MaxListingBytes)
	for {
		b, err := lines.Next()
		if err == nil {
			p.line(lines.Line(), b, lines.Terminated)
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, textio.ErrLineTooLong) {
			p.problem(lines.Line(), nil, fmt.Sprintf("line longer than %d bytes", MaxListingLine))
			continue
		}
		return nil, &textio.LineError{File: path, Line: lines.Line(), Err: err}
	}
	p.l.Lines = lines.Line()
	if p.l.HeaderLine == 0 && len(p.l.Objects) == 0 && p.l.ProblemsTotal > 0 {
		return nil, fmt.Errorf("%s: %w; first bad line %d: %s", path, ErrNotListing,
			p.l.Problems[0].Line, p.l.Problems[0].Reason)
	}
	return p.l, nil
}

type listingParser struct {
	l     *Listing
	index map[string]int // trimmed line -> index in l.Objects
}

func (p *listingParser) line(n int, b []byte, terminated bool) {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	if len(b) == 0 {
		return
	}
	// Fast path: a line seen before is an object seen before. The map lookup
	// with string(b) does not allocate.
	if i, ok := p.index[string(b)]; ok {
		p.l.Objects[i].Count++
		return
	}
	switch {
	case isRuler(b):
		return
	case bytes.HasPrefix(b, []byte("Object Name")):
		if p.l.HeaderLine == 0 {
			p.l.HeaderLine = n
		}
		return
	case bytes.HasPrefix(b, []byte("No objects")) || bytes.HasSuffix(b, []byte("have been found.")):
		return
	}
	obj, reason := parseObjectLine(b)
	if reason == "" && !terminated && !knownTypes[obj.Type] {
		reason = "last line has no line ending and an unknown type: the listing looks truncated"
	}
	if reason != "" {
		p.problem(n, b, reason)
		return
	}
	obj.Line, obj.Count = n, 1
	p.index[string(b)] = len(p.l.Objects)
	p.l.Objects = append(p.l.Objects, obj)
}

func (p *listingParser) problem(n int, b []byte, reason string) {
	p.l.ProblemsTotal++
	if len(p.l.Problems) >= maxProblemsKept {
		return
	}
	text := strings.ToValidUTF8(string(b), "\uFFFD")
	if len(text) > maxProblemText {
		text = text[:maxProblemText] + "…"
	}
	p.l.Problems = append(p.l.Problems, Problem{Line: n, Text: text, Reason: reason})
}

func isRuler(b []byte) bool {
	for _, c := range b {
		if c != '=' && c != '-' && c != ' ' {
			return false
		}
	}
	return true
}

// parseObjectLine splits "name<spaces>type": the type is the last token and
// the name everything before it (database names contain spaces; a name wider
// than the header column leaves a single space).
func parseObjectLine(b []byte) (Object, string) {
	if !utf8.Valid(b) {
		return Object{}, "not valid UTF-8 (save the listing as UTF-8 or UTF-16)"
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return Object{}, "contains NUL bytes: binary data or UTF-16 without a byte-order mark"
	}
	sp := bytes.LastIndexAny(b, " \t")
	if sp < 0 {
		return Object{}, "no object type column"
	}
	name := strings.TrimRight(string(b[:sp]), " \t")
	typ := string(b[sp+1:])
	if name == "" {
		return Object{}, "no object name"
	}
	if !isTypeToken(typ) {
		return Object{}, fmt.Sprintf("object type %q is not a type name", typ)
	}
	client, rest, ok := strings.Cut(name, ":")
	host := hostname.Normalize(client)
	if !ok || host == "" || strings.ContainsAny(client, " \t") {
		return Object{}, "object name is not client:object"
	}
	obj := Object{Client: host, Name: name, Type: typ}
	if typ == "E2010" {
		guid, db, ok := splitExchange(rest)
		if !ok {
			return Object{}, "E2010 object name is not client:/GUID/database"
		}
		obj.GUID, obj.Database = guid, db
	}
	return obj, ""
}

func isTypeToken(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// splitExchange decomposes "/<GUID>/<database>".
func splitExchange(rest string) (guid, db string, ok bool) {
	rest, ok = strings.CutPrefix(rest, "/")
	if !ok {
		return "", "", false
	}
	g, db, ok := strings.Cut(rest, "/")
	if !ok || db == "" {
		return "", "", false
	}
	guid, ok = CanonicalGUID(g)
	return guid, db, ok
}

// CanonicalGUID validates a textual GUID (with or without braces) and
// returns it lower-case.
func CanonicalGUID(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if len(s) != 36 {
		return "", false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return "", false
			}
		default:
			if !isHex(c) {
				return "", false
			}
		}
	}
	return strings.ToLower(s), true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
