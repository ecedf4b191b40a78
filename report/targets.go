package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/internal/atomicfile"
)

// Target is one requested report: a format and where it goes ("" = stdout).
type Target struct {
	Format string
	Path   string
}

// ParseTarget reads FORMAT[=PATH].
func ParseTarget(s string) (Target, error) {
	f, p, _ := strings.Cut(s, "=")
	f = strings.ToLower(strings.TrimSpace(f))
	if _, ok := renderers[f]; !ok {
		return Target{}, fmt.Errorf("unknown report format %q (known: %s)", f, strings.Join(Formats(), ", "))
	}
	if p == "-" {
		p = ""
	}
	return Target{Format: f, Path: p}, nil
}

// WriteFile renders d into path atomically, so a monitoring agent never
// reads half a report.
func WriteFile(path, format string, d *Document, o Options) error {
	return atomicfile.Write(path, func(w io.Writer) error { return Render(w, format, d, o) })
}
