package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/preflight"
)

// renderNagios follows the Nagios plugin guidelines: one status line
// "DPGRE <STATE> - <summary> | <perfdata>", then long output, one line per
// finding that needs attention. The exit code is the document's.
func renderNagios(w io.Writer, d *Document, _ Options) error {
	s := d.Summary
	var worst []string
	for _, st := range []preflight.Status{preflight.Fail, preflight.Error, preflight.Warn} {
		for _, f := range d.Findings {
			if f.Status == st && len(worst) < 3 {
				worst = append(worst, f.ID+" "+f.Subject)
			}
		}
	}
	summary := fmt.Sprintf("%d fail, %d error, %d warn, %d pass", s.Fail, s.Error, s.Warn, s.Pass)
	if len(worst) > 0 {
		summary += ": " + strings.Join(worst, ", ")
		if n := s.Fail + s.Error + s.Warn; n > len(worst) {
			summary += fmt.Sprintf(" (+%d more)", n-len(worst))
		}
	}
	perf := fmt.Sprintf("fail=%d;;;0 error=%d;;;0 warn=%d;;;0 pass=%d;;;0 info=%d;;;0 skip=%d;;;0 waived=%d;;;0 dags=%d;;;0",
		s.Fail, s.Error, s.Warn, s.Pass, s.Info, s.Skip, s.Waived, len(d.Inventory.DAGs))
	for _, src := range d.Sources {
		perf += fmt.Sprintf(" '%s_ms'=%dms;;;0", src.Name, src.DurationMS)
	}
	fmt.Fprintf(w, "DPGRE %s - %s | %s\n", d.Verdict(), sanitize(summary), perf)
	for _, st := range []preflight.Status{preflight.Fail, preflight.Error, preflight.Warn, preflight.Waived} {
		for _, f := range d.Findings {
			if f.Status == st {
				fmt.Fprintf(w, "[%s] %s %s: %s\n", strings.ToUpper(string(st)), f.ID, f.Subject, sanitize(oneLine(f.Detail)))
			}
		}
	}
	return nil
}

// sanitize keeps the plugin output parseable: '|' starts perfdata.
func sanitize(s string) string { return strings.ReplaceAll(s, "|", "/") }
