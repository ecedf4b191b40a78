package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/patches"
)

var specDP001 = Spec{
	ID:      "DP-001",
	Title:   "Data Protector at or above the critical patch level",
	Judges:  "version / patch bundle below the supported or critical level of the knowledge base",
	Inputs:  []string{inventory.SourcePatches},
	Worst:   Fail,
	Subject: "cell or host",
}

func dpSubject(in *patches.Install) string {
	if in.Path != "" {
		return in.Path
	}
	return "cell"
}

func checkDP001(kb *patches.KB) func(*inventory.Inventory, Spec) []Finding {
	return func(inv *inventory.Inventory, s Spec) []Finding {
		if f, ok := gate(inv, s); !ok {
			return []Finding{f}
		}
		in := inv.DataProtector
		subj := dpSubject(in)
		lvl, err := in.Level()
		if err != nil {
			f := s.finding(Error, subj, "cannot read the installed level: "+err.Error())
			f.Evidence = map[string]any{"version": in.Version, "patch_bundle": in.PatchBundle}
			return []Finding{f}
		}
		ev := map[string]any{"version": in.Version, "patch_bundle": in.PatchBundle, "level": lvl.String(),
			"kb_version": kb.Version, "lines": in.Evidence}
		min, ok := kb.MinimumFor(lvl)
		if !ok {
			f := s.finding(Info, subj, fmt.Sprintf("level %s: the knowledge base has no minimum for Data Protector %d", lvl, lvl.Major))
			f.Evidence = ev
			return []Finding{f}
		}
		want, _ := patches.ParseLevel(min.Level)
		ev["minimum"] = want.String()
		ev["source"] = min.Source
		if lvl.Less(want) {
			f := s.finding(Fail, subj, fmt.Sprintf("level %s (version %s) is below %s: %s", lvl, in.Version, want, min.Reason))
			f.Evidence = ev
			f.Remediation = min.Remediation
			return []Finding{f}
		}
		f := s.finding(Pass, subj, fmt.Sprintf("level %s is at or above %s", lvl, want))
		if !kb.KnowsLevel(lvl) {
			f.Detail += fmt.Sprintf(" (%s is not a release the knowledge base %s lists)", lvl, kb.Version)
		}
		f.Evidence = ev
		return []Finding{f}
	}
}

var specDP002 = Spec{
	ID:      "DP-002",
	Title:   "No known QCCR issue without its fix",
	Judges:  "a known QCCR issue applies to the installed level and its hotfix or fix is missing",
	Inputs:  []string{inventory.SourcePatches},
	Worst:   Warn,
	Subject: "cell or host",
}

func checkDP002(kb *patches.KB) func(*inventory.Inventory, Spec) []Finding {
	return func(inv *inventory.Inventory, s Spec) []Finding {
		if f, ok := gate(inv, s); !ok {
			return []Finding{f}
		}
		in := inv.DataProtector
		subj := dpSubject(in)
		lvl, err := in.Level()
		if err != nil {
			return []Finding{s.finding(Error, subj, "cannot read the installed level: "+err.Error())}
		}
		var out []Finding
		for _, is := range kb.Issues {
			if !is.AffectsLevel(lvl) {
				continue
			}
			ev := map[string]any{"issue": is.ID, "level": lvl.String(), "source": is.Source,
				"hotfixes_installed": in.Hotfixes}
			title := fmt.Sprintf("%s (%s)", is.ID, is.Title)
			var f Finding
			switch {
			case is.Hotfix != "" && in.HasHotfix(is.Hotfix):
				f = s.finding(Pass, subj, fmt.Sprintf("%s: hotfix %s is installed", title, is.Hotfix))
			case is.Workaround != nil && rcHas(inv, is.Workaround.Name, is.Workaround.Value):
				f = s.finding(Info, subj, fmt.Sprintf("%s applies to %s but omnirc sets %s=%s, the documented workaround", title, lvl, is.Workaround.Name, is.Workaround.Value))
			case is.Condition != "":
				f = s.finding(Info, subj, fmt.Sprintf("%s applies to %s %s", title, lvl, is.Condition))
				f.Remediation = is.Remediation
			default:
				what := "update to " + is.FixedIn
				if is.Hotfix != "" {
					what = "hotfix " + is.Hotfix
					ev["hotfix"] = is.Hotfix
				}
				f = s.finding(Warn, subj, fmt.Sprintf("%s applies to %s and %s is missing: %s", title, lvl, what, is.Symptom))
				f.Remediation = is.Remediation
			}
			f.Evidence = ev
			out = append(out, f)
		}
		if len(out) == 0 {
			out = append(out, s.finding(Pass, subj, fmt.Sprintf("no issue of knowledge base %s applies to %s", kb.Version, lvl)))
		}
		return out
	}
}

func rcHas(inv *inventory.Inventory, name, value string) bool {
	if inv.Omnirc == nil {
		return false
	}
	v, ok := inv.Omnirc.Vars[name]
	return ok && strings.TrimSpace(v) == value
}
