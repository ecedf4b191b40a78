package preflight

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Waiver accepts a known finding for a while, with a reason an auditor can
// read. Subject may be a glob (path.Match) or empty for every subject.
type Waiver struct {
	ID            string `yaml:"id" json:"id"`
	Subject       string `yaml:"subject" json:"subject"`
	Justification string `yaml:"justification" json:"justification"`
	Expires       string `yaml:"expires" json:"expires"` // YYYY-MM-DD, inclusive
	Line          int    `yaml:"-" json:"line"`
}

// MaxWaiverBytes bounds a waivers file.
const MaxWaiverBytes = 1 << 20

// ParseWaivers reads a YAML list of waivers; every entry needs an ID, a
// justification and an expiry date (a waiver without end is a decision
// nobody will revisit).
func ParseWaivers(b []byte, name string) ([]Waiver, error) {
	if len(b) > MaxWaiverBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, MaxWaiverBytes)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode { // "waivers:" wrapper accepted
		for i := 0; i+1 < len(list.Content); i += 2 {
			if list.Content[i].Value == "waivers" {
				list = list.Content[i+1]
				break
			}
		}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: want a list of waivers (- id: ..., subject: ..., justification: ..., expires: YYYY-MM-DD)", name, list.Line)
	}
	var out []Waiver
	for _, n := range list.Content {
		var w Waiver
		if err := n.Decode(&w); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		if err := checkKeys(n); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		w.Line = n.Line
		w.ID = strings.ToUpper(strings.TrimSpace(w.ID))
		switch {
		case w.ID == "":
			return nil, fmt.Errorf("%s:%d: waiver without id", name, n.Line)
		case strings.TrimSpace(w.Justification) == "":
			return nil, fmt.Errorf("%s:%d: waiver %s without justification", name, n.Line, w.ID)
		case w.Expires == "":
			return nil, fmt.Errorf("%s:%d: waiver %s without expires (YYYY-MM-DD)", name, n.Line, w.ID)
		}
		if _, err := time.Parse("2006-01-02", w.Expires); err != nil {
			return nil, fmt.Errorf("%s:%d: waiver %s: expires %q is not YYYY-MM-DD", name, n.Line, w.ID, w.Expires)
		}
		if _, err := path.Match(w.Subject, ""); err != nil {
			return nil, fmt.Errorf("%s:%d: waiver %s: subject pattern: %w", name, n.Line, w.ID, err)
		}
		out = append(out, w)
	}
	return out, nil
}

func checkKeys(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return errors.New("a waiver is a mapping")
	}
	for i := 0; i < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "id", "subject", "justification", "expires":
		default:
			return fmt.Errorf("unknown key %q (id, subject, justification, expires)", n.Content[i].Value)
		}
	}
	return nil
}

// LoadWaivers reads a waivers file.
func LoadWaivers(p string) ([]Waiver, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return ParseWaivers(b, p)
}

// ApplyWaivers marks matching warn/fail/error findings waived. Expired
// waivers are ignored and reported in the returned warnings. The caller
// recomputes the summary (Finish).
func ApplyWaivers(fs []Finding, ws []Waiver, now time.Time) ([]Finding, []string) {
	var warns []string
	today := now.UTC().Format("2006-01-02")
	var active []Waiver
	for _, w := range ws {
		if w.Expires < today {
			warns = append(warns, fmt.Sprintf("waiver %s for %q expired on %s and was ignored (line %d)", w.ID, w.Subject, w.Expires, w.Line))
			continue
		}
		active = append(active, w)
	}
	for i := range fs {
		f := &fs[i]
		if f.Status != Warn && f.Status != Fail && f.Status != Error {
			continue
		}
		for _, w := range active {
			if !strings.EqualFold(w.ID, f.ID) {
				continue
			}
			if ok, _ := path.Match(strings.ToLower(w.Subject), strings.ToLower(f.Subject)); w.Subject != "" && !ok {
				continue
			}
			f.Waiver = &WaiverRef{Justification: w.Justification, Expires: w.Expires, WasStatus: f.Status}
			f.Status = Waived
			break
		}
	}
	return fs, warns
}
