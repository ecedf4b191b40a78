package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

var specRC001 = Spec{
	ID:      "RC-001",
	Title:   "omnirc sets OB2DBG=0 explicitly",
	Judges:  "OB2DBG not explicitly 0: debug logs fill the disk (QCCR2A68100)",
	Inputs:  []string{inventory.SourceOmnirc},
	Worst:   Warn,
	Subject: "omnirc file",
}

func checkRC001(inv *inventory.Inventory, s Spec) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	rc := inv.Omnirc
	fix := fmt.Sprintf("set OB2DBG=0 on a line of its own in %s (no spaces around =); the agents read it at their next start", rc.Path)
	var last *omni.RCEntry
	for i := range rc.Entries {
		if rc.Entries[i].Name == "OB2DBG" {
			last = &rc.Entries[i]
		}
	}
	var f Finding
	switch {
	case rc.Missing:
		f = s.finding(Warn, rc.Path, "no omnirc file: OB2DBG is not set, so components that log unless told otherwise (the VMware GRE before 9.08, QCCR2A68100) write debug logs")
		f.Evidence = map[string]any{"file": rc.Path, "exists": false}
		f.Remediation = "create " + rc.Path + " containing the line OB2DBG=0"
	case last == nil:
		f = s.finding(Warn, rc.Path, "OB2DBG is not set: components that log unless told otherwise (the VMware GRE before 9.08, QCCR2A68100) write debug logs that fill the disk")
		f.Evidence = map[string]any{"file": rc.Path}
		f.Remediation = fix
	case last.Value == "0" && !last.Spaced:
		f = s.finding(Pass, rc.Path, fmt.Sprintf("OB2DBG=0 at line %d", last.Line))
		f.Evidence = map[string]any{"file": rc.Path, "line": last.Line}
	default:
		f = s.finding(Warn, rc.Path, fmt.Sprintf("OB2DBG is %q at line %d, not 0: debug logging is on and fills the disk", last.Value, last.Line))
		if last.Spaced {
			f.Detail = fmt.Sprintf("OB2DBG at line %d has spaces around '=': the agents may not read it as 0", last.Line)
		}
		f.Evidence = map[string]any{"file": rc.Path, "line": last.Line, "value": last.Value}
		f.Remediation = fmt.Sprintf("change line %d of %s to OB2DBG=0 (debug logging is for a support case only; remove it when the case is closed)", last.Line, rc.Path)
	}
	return []Finding{f}
}

var specRC002 = Spec{
	ID:      "RC-002",
	Title:   "omnirc is well-formed",
	Judges:  "malformed lines, duplicate variables, unknown variable names (with the nearest known one)",
	Inputs:  []string{inventory.SourceOmnirc},
	Worst:   Warn,
	Subject: "omnirc file",
}

func checkRC002(inv *inventory.Inventory, s Spec) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	rc := inv.Omnirc
	var out []Finding
	for _, p := range rc.Problems {
		f := s.finding(Warn, rc.Path, fmt.Sprintf("line %d is malformed: %s", p.Line, p.Reason))
		f.Evidence = map[string]any{"file": rc.Path, "line": p.Line, "text": p.Text}
		f.Remediation = fmt.Sprintf("fix line %d of %s to VARIABLE=value, or comment it out with #", p.Line, rc.Path)
		out = append(out, f)
	}
	seen := map[string][]int{}
	var order []string
	for _, e := range rc.Entries {
		if seen[e.Name] == nil {
			order = append(order, e.Name)
		}
		seen[e.Name] = append(seen[e.Name], e.Line)
		if e.Spaced {
			f := s.finding(Warn, rc.Path, fmt.Sprintf("line %d: spaces around '=' in %s; every documented example is VARIABLE=value", e.Line, e.Name))
			f.Evidence = map[string]any{"file": rc.Path, "line": e.Line, "variable": e.Name}
			f.Remediation = fmt.Sprintf("write line %d as %s=%s", e.Line, e.Name, e.Value)
			out = append(out, f)
		}
	}
	for _, name := range order {
		if ls := seen[name]; len(ls) > 1 {
			f := s.finding(Warn, rc.Path, fmt.Sprintf("%s is set %d times (lines %s); only the last one (line %d, %s=%s) takes effect",
				name, len(ls), joinInts(ls), ls[len(ls)-1], name, rc.Vars[name]))
			f.Evidence = map[string]any{"file": rc.Path, "variable": name, "lines": ls}
			f.Remediation = fmt.Sprintf("keep one %s line in %s and delete the others", name, rc.Path)
			out = append(out, f)
		}
		out = append(out, judgeVarName(s, rc, name, seen[name][0])...)
	}
	if len(out) == 0 {
		return []Finding{s.finding(Pass, rc.Path, fmt.Sprintf("%d variables, every line well-formed and known", len(order)))}
	}
	return out
}

func judgeVarName(s Spec, rc *omni.RC, name string, line int) []Finding {
	if v, ok := omni.LookupRCVar(name); ok {
		if v.Verified {
			return nil
		}
		f := s.finding(Info, rc.Path, fmt.Sprintf("line %d: %s (%s) is used in practice but no vendor document confirms it", line, name, v.Meaning))
		f.Evidence = map[string]any{"file": rc.Path, "line": line, "variable": name, "source": v.Source}
		return []Finding{f}
	}
	f := s.finding(Warn, rc.Path, fmt.Sprintf("line %d: %s is not a known Data Protector variable: the agents ignore it", line, name))
	f.Evidence = map[string]any{"file": rc.Path, "line": line, "variable": name}
	if sug := omni.SuggestRCVar(name); sug != "" {
		v, _ := omni.LookupRCVar(sug)
		f.Detail += fmt.Sprintf("; did you mean %s (%s)?", sug, v.Meaning)
		f.Evidence["suggestion"] = sug
		f.Remediation = fmt.Sprintf("rename %s to %s at line %d of %s", name, sug, line, rc.Path)
	} else {
		f.Remediation = fmt.Sprintf("remove line %d of %s unless a vendor document names %s", line, rc.Path, name)
	}
	return []Finding{f}
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ", ")
}
