package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Options change presentation only.
type Options struct {
	Color bool // ANSI colour; the caller decides (TTY, NO_COLOR, --no-color)
}

// Renderer writes a document in one format.
type Renderer func(w io.Writer, d *Document, o Options) error

var renderers = map[string]Renderer{
	"text":       renderText,
	"json":       renderJSON,
	"junit":      renderJUnit,
	"markdown":   renderMarkdown,
	"html":       renderHTML,
	"nagios":     renderNagios,
	"prometheus": renderPrometheus,
	"fixplan":    renderFixPlan,
}

// Formats lists the format names, sorted.
func Formats() []string {
	out := make([]string, 0, len(renderers))
	for k := range renderers {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Render writes d in format.
func Render(w io.Writer, format string, d *Document, o Options) error {
	r, ok := renderers[strings.ToLower(format)]
	if !ok {
		return fmt.Errorf("unknown report format %q (known: %s)", format, strings.Join(Formats(), ", "))
	}
	return r(w, d, o)
}

func renderJSON(w io.Writer, d *Document, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(d)
}
