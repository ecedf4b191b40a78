package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/preflight"
)

// renderMarkdown writes a report for tickets and wikis.
func renderMarkdown(w io.Writer, d *Document, _ Options) error {
	var b strings.Builder
	s := d.Summary
	fmt.Fprintf(&b, "# dpgre GRE pre-flight: %s\n\n", d.Verdict())
	fmt.Fprintf(&b, "Generated %s by %s %s, knowledge base %s (%s). Exit code %d.\n\n",
		d.GeneratedAt.Format("2006-01-02 15:04:05Z"), d.Tool.Name, d.Tool.Version, d.KB.Version, d.KB.Date, d.ExitCode)
	fmt.Fprintf(&b, "| fail | error | warn | waived | info | pass | skip |\n|---|---|---|---|---|---|---|\n| %d | %d | %d | %d | %d | %d | %d |\n\n",
		s.Fail, s.Error, s.Warn, s.Waived, s.Info, s.Pass, s.Skip)
	b.WriteString("## Inputs\n\n| source | target | SHA-256 | ms | error |\n|---|---|---|---|---|\n")
	for _, src := range d.Sources {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s |\n", src.Name, mdCell(src.Target), src.SHA256, src.DurationMS, mdCell(src.Error))
	}
	for _, wmsg := range d.Warnings {
		fmt.Fprintf(&b, "\n> **Warning:** %s\n", wmsg)
	}
	b.WriteString("\n## Findings\n\n| status | check | subject | detail |\n|---|---|---|---|\n")
	for _, st := range preflight.Statuses {
		for _, f := range d.Findings {
			if f.Status == st {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", strings.ToUpper(string(st)), f.ID, mdCell(f.Subject), mdCell(f.Detail))
			}
		}
	}
	for _, st := range []preflight.Status{preflight.Fail, preflight.Error, preflight.Warn, preflight.Waived} {
		for _, f := range d.Findings {
			if f.Status != st {
				continue
			}
			fmt.Fprintf(&b, "\n### %s %s — %s\n\n%s\n", strings.ToUpper(string(st)), f.ID, f.Subject, f.Detail)
			if ev := evidenceText(f.Evidence); ev != "" {
				fmt.Fprintf(&b, "\n**Evidence:** %s\n", mdCell(ev))
			}
			if f.Waiver != nil {
				fmt.Fprintf(&b, "\n**Waived** until %s: %s\n", f.Waiver.Expires, f.Waiver.Justification)
			}
			if f.Remediation != "" {
				fmt.Fprintf(&b, "\n**Fix:**\n\n```\n%s\n```\n", f.Remediation)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", "<br>").Replace(s)
}
