package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/preflight"
)

// The fix plan orders remediation the way it has to be done: DNS first
// (the name must exist before Data Protector imports it), then the cell's
// clients and agents, then backups, then omnirc and patches.
var planPhases = []struct {
	title string
	ids   []string
}{
	{"DNS: the DAG's own round-robin record", []string{"DNS-001", "DNS-002", "DNS-003", "DNS-004"}},
	{"Data Protector clients: the DAG under its own name", []string{"OMNI-001", "CELL-003"}},
	{"Data Protector agents on the DAG nodes", []string{"CELL-001", "CELL-002", "CELL-004"}},
	{"Backups", []string{"OMNI-002", "OMNI-003"}},
	{"omnirc", []string{"RC-001", "RC-002"}},
	{"Patches and hotfixes to request", []string{"DP-001", "DP-002"}},
	{"Directory", []string{"AD-001", "DAG-001", "DAG-002"}},
}

// renderFixPlan prints the ordered remediation plan. It is text for a
// change request: nothing in dpgre executes it.
func renderFixPlan(w io.Writer, d *Document, _ Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "dpgre remediation plan — %s, %s %s (knowledge base %s)\n", d.GeneratedAt.Format("2006-01-02 15:04:05Z"), d.Tool.Name, d.Tool.Version, d.KB.Version)
	b.WriteString("Printed, never executed: review each step and run it yourself, in this order.\n")
	seen := map[string]bool{}
	step := 0
	for _, ph := range planPhases {
		var items []string
		for _, id := range ph.ids {
			for _, st := range []preflight.Status{preflight.Fail, preflight.Warn, preflight.Error} {
				for _, f := range d.Findings {
					if f.ID != id || f.Status != st || f.Remediation == "" || seen[f.Remediation] {
						continue
					}
					seen[f.Remediation] = true
					step++
					items = append(items, fmt.Sprintf("%d. [%s %s] %s\n   %s", step, f.ID, f.Subject, oneLine(f.Detail),
						strings.ReplaceAll(f.Remediation, "\n", "\n   ")))
				}
			}
		}
		if len(items) > 0 {
			fmt.Fprintf(&b, "\n== %s ==\n\n%s\n", ph.title, strings.Join(items, "\n\n"))
		}
	}
	if step == 0 {
		b.WriteString("\nNothing to fix: no failure or warning.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
