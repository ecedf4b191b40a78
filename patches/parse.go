package patches

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/internal/textio"
)

// Install is what the version and patch outputs say is installed.
type Install struct {
	Path        string   `json:"path,omitempty"`
	Version     string   `json:"version"`      // lowest version seen, A.MM.mm
	PatchBundle string   `json:"patch_bundle"` // MM.mm, from the version or a patch_bundle= line
	Versions    []string `json:"versions,omitempty"`
	Programs    []string `json:"programs,omitempty"`
	Patches     []string `json:"patches"`
	Hotfixes    []string `json:"hotfixes"`
	Evidence    []string `json:"evidence,omitempty"` // the raw lines the facts came from
}

// Level is the effective release level: the higher of version and bundle.
func (in *Install) Level() (Level, error) {
	v, err := ParseLevel(in.Version)
	if err != nil {
		return Level{}, err
	}
	if in.PatchBundle != "" {
		if b, err := ParseLevel(in.PatchBundle); err == nil && v.Less(b) {
			return b, nil
		}
	}
	return v, nil
}

// HasHotfix tells whether the hotfix ID was reported installed.
func (in *Install) HasHotfix(id string) bool {
	for _, h := range in.Hotfixes {
		if strings.EqualFold(h, id) {
			return true
		}
	}
	return false
}

var (
	// "HPE Data Protector A.09.09: INET, internal build 114, built on ..."
	reVersion = regexp.MustCompile(`(?i)data\s+protector\s+(A\.\d{2}\.\d{2})(?::\s*([A-Za-z0-9_.]+))?`)
	// OpenText releases print "Data Protector 24.4"; not sampled, accepted by pattern.
	reNewVersion = regexp.MustCompile(`(?i)data\s+protector\s+(\d{2}\.\d{1,2})\b`)
	rePatch      = regexp.MustCompile(`\b(?:DPWIN|DPLNX|DPSOL|DPUX)_\d{5}\b|\bPHSS_\d{5}\b`)
	reHotfix     = regexp.MustCompile(`(?i)\bQCCR\d[A-Z]\d{4,6}\b`)
	reKeyValue   = regexp.MustCompile(`^\s*([A-Za-z_]+)\s*[=:]\s*(.*?)\s*$`)
)

const (
	MaxPatchLine  = 8192
	MaxPatchBytes = 16 << 20
	maxEvidence   = 50
)

// ErrNoVersion is returned when the input names no Data Protector version.
var ErrNoVersion = errors.New("no Data Protector version found (expected output of omnicheck -version / omnicheck -patches, or a version= line)")

// Parse extracts versions, patch IDs and hotfixes by pattern from the outputs
// of omnicheck -version, omnicc -version, omnisv -version and
// omnicheck -patches (whose layout is not documented), and from a simple
// key=value file: version=, patch_bundle=, patch=, hotfix=.
func Parse(r io.Reader, path string) (*Install, error) {
	dec, _, err := textio.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	in := &Install{Path: path, Patches: []string{}, Hotfixes: []string{}}
	seen := map[string]bool{}
	add := func(list *[]string, v string) {
		if !seen[v] {
			seen[v] = true
			*list = append(*list, v)
		}
	}
	var bundle Level
	lines := textio.NewLines(dec, MaxPatchLine, MaxPatchBytes)
	for {
		b, err := lines.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &textio.LineError{File: path, Line: lines.Line(), Err: err}
		}
		line := strings.TrimSpace(string(b))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.IndexByte(line, 0) >= 0 {
			return nil, &textio.LineError{File: path, Line: lines.Line(), Err: errors.New("NUL byte: binary data, not a text output")}
		}
		// Cheap necessary conditions of each pattern keep the regexps off
		// the many lines that cannot match (BenchmarkParseLongOutput: 8.8 -> 274 MB/s).
		lower := strings.ToLower(line)
		mentionsDP := strings.Contains(lower, "protector")
		useful := false
		if k, v, ok := keyValue(line); ok {
			switch k {
			case "version":
				if l, err := ParseLevel(v); err == nil {
					add(&in.Versions, l.Vendor())
					useful = true
				} else {
					return nil, &textio.LineError{File: path, Line: lines.Line(), Err: err}
				}
			case "patch_bundle", "bundle":
				l, err := ParseLevel(v)
				if err != nil {
					return nil, &textio.LineError{File: path, Line: lines.Line(), Err: err}
				}
				if bundle.Less(l) {
					bundle = l
				}
				useful = true
			}
		}
		if mentionsDP {
			old := reVersion.FindAllStringSubmatch(line, -1)
			for _, m := range old {
				add(&in.Versions, strings.ToUpper(m[1][:1])+m[1][1:])
				if m[2] != "" {
					add(&in.Programs, strings.ToUpper(m[2]))
				}
				useful = true
			}
			if len(in.Versions) == 0 || old == nil {
				for _, m := range reNewVersion.FindAllStringSubmatch(line, -1) {
					if l, err := ParseLevel(m[1]); err == nil {
						add(&in.Versions, l.Vendor())
						useful = true
					}
				}
			}
		}
		if strings.IndexByte(line, '_') >= 0 {
			for _, p := range rePatch.FindAllString(line, -1) {
				add(&in.Patches, p)
				useful = true
			}
		}
		if strings.Contains(lower, "qccr") && isHotfixLine(line) {
			for _, h := range reHotfix.FindAllString(line, -1) {
				add(&in.Hotfixes, strings.ToUpper(h))
				useful = true
			}
		}
		if useful && len(in.Evidence) < maxEvidence {
			in.Evidence = append(in.Evidence, fmt.Sprintf("%s:%d: %s", path, lines.Line(), line))
		}
	}
	if len(in.Versions) == 0 {
		return nil, fmt.Errorf("%s: %w", path, ErrNoVersion)
	}
	sort.Slice(in.Versions, func(i, j int) bool {
		a, _ := ParseLevel(in.Versions[i])
		b, _ := ParseLevel(in.Versions[j])
		return a.Less(b)
	})
	in.Version = in.Versions[0]
	if !bundle.IsZero() {
		in.PatchBundle = bundle.String()
	} else if l, err := ParseLevel(in.Version); err == nil && l.Minor > 0 {
		in.PatchBundle = l.String()
	}
	return in, nil
}

func keyValue(line string) (string, string, bool) {
	if !strings.ContainsAny(line, "=:") {
		return "", "", false
	}
	m := reKeyValue.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	return strings.ToLower(m[1]), m[2], true
}

// isHotfixLine keeps QCCR numbers that a patch description merely mentions
// from counting as installed: the line must say hotfix, or be a hotfix= line,
// or start with the ID (one ID per line, as support sends them).
func isHotfixLine(line string) bool {
	l := strings.ToLower(line)
	if strings.Contains(l, "hotfix") {
		return true
	}
	loc := reHotfix.FindStringIndex(line)
	return loc != nil && loc[0] == 0
}
