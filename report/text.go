package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dpgre/dpgre/preflight"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
)

var statusColor = map[preflight.Status]string{
	preflight.Fail:   "\x1b[31m",
	preflight.Error:  "\x1b[35m",
	preflight.Warn:   "\x1b[33m",
	preflight.Waived: "\x1b[36m",
	preflight.Info:   "\x1b[34m",
	preflight.Pass:   "\x1b[32m",
	preflight.Skip:   "\x1b[90m",
}

// renderText prints an aligned table grouped by status, worst first, with
// detail, evidence and remediation under the problems, and a verdict line.
func renderText(w io.Writer, d *Document, o Options) error {
	bw := bufio.NewWriter(w)
	paint := func(st preflight.Status, s string) string {
		if !o.Color {
			return s
		}
		return statusColor[st] + s + ansiReset
	}
	bold := func(s string) string {
		if !o.Color {
			return s
		}
		return ansiBold + s + ansiReset
	}
	fmt.Fprintf(bw, "%s %s — GRE pre-flight report, %s (knowledge base %s)\n", d.Tool.Name, d.Tool.Version,
		d.GeneratedAt.Format("2006-01-02 15:04:05Z"), d.KB.Version)
	for _, s := range d.Sources {
		state := fmt.Sprintf("%d ms", s.DurationMS)
		if s.Error != "" {
			state = "ERROR: " + s.Error
		}
		fmt.Fprintf(bw, "  source %-10s %s (%s)\n", s.Name, s.Target, state)
	}
	for _, wmsg := range d.Warnings {
		fmt.Fprintf(bw, "  %s %s\n", paint(preflight.Warn, "WARNING:"), wmsg)
	}
	idW, subjW := 8, 7
	for _, f := range d.Findings {
		idW = max(idW, len(f.ID))
		subjW = max(subjW, min(utf8.RuneCountInString(f.Subject), 48))
	}
	indent := strings.Repeat(" ", 4+idW+2)
	for _, st := range preflight.Statuses {
		var group []preflight.Finding
		for _, f := range d.Findings {
			if f.Status == st {
				group = append(group, f)
			}
		}
		if len(group) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n%s\n", paint(st, bold(fmt.Sprintf("%s (%d)", strings.ToUpper(string(st)), len(group)))))
		for _, f := range group {
			subj := f.Subject
			if subj == "" {
				subj = "-"
			}
			fmt.Fprintf(bw, "  %s  %-*s  %-*s  %s\n", paint(st, "●"), idW, f.ID, subjW, subj, f.Title)
			if f.Detail != "" {
				fmt.Fprintf(bw, "%s%s\n", indent, f.Detail)
			}
			if f.Waiver != nil {
				fmt.Fprintf(bw, "%swaived (was %s): %s, expires %s\n", indent, f.Waiver.WasStatus, f.Waiver.Justification, f.Waiver.Expires)
			}
			if st == preflight.Pass || st == preflight.Skip || st == preflight.Info {
				continue
			}
			if ev := evidenceText(f.Evidence); ev != "" {
				fmt.Fprintf(bw, "%sevidence: %s\n", indent, strings.ReplaceAll(ev, "\n", "\n"+indent+"  "))
			}
			if f.Remediation != "" {
				fmt.Fprintf(bw, "%sfix: %s\n", indent, strings.ReplaceAll(f.Remediation, "\n", "\n"+indent+"     "))
			}
		}
	}
	s := d.Summary
	fmt.Fprintf(bw, "\n%s — %d fail, %d error, %d warn, %d waived, %d info, %d pass, %d skip (exit %d)\n",
		paint(verdictStatus(d.ExitCode), bold("VERDICT: "+d.Verdict())), s.Fail, s.Error, s.Warn, s.Waived, s.Info, s.Pass, s.Skip, d.ExitCode)
	return bw.Flush()
}

func verdictStatus(code int) preflight.Status {
	switch code {
	case preflight.ExitOK:
		return preflight.Pass
	case preflight.ExitWarning:
		return preflight.Warn
	case preflight.ExitFail:
		return preflight.Fail
	}
	return preflight.Error
}

// evidenceText prints evidence as key=value pairs in key order; lists are
// comma-joined, long lists of lines one per line.
func evidenceText(ev map[string]any) string {
	if len(ev) == 0 {
		return ""
	}
	keys := make([]string, 0, len(ev))
	for k := range ev {
		if k == "stack" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+valueText(ev[k]))
	}
	return strings.Join(parts, "; ")
}

func valueText(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) > 3 && len(strings.Join(x, ", ")) > 100 {
			return "\n" + strings.Join(x, "\n")
		}
		return strings.Join(x, ", ")
	case []int:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = fmt.Sprint(n)
		}
		return strings.Join(parts, ", ")
	case map[string]string:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + x[k]
		}
		if len(parts) > 1 {
			return "\n" + strings.Join(parts, "\n")
		}
		return strings.Join(parts, "")
	case []any:
		parts := make([]string, len(x))
		for i, n := range x {
			parts[i] = fmt.Sprint(n)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}
