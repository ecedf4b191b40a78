package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/inventory"
)

// inputHelp says how a user supplies each source; used in skip details.
var inputHelp = map[string]string{
	inventory.SourceLDAP:    "Active Directory (--ldap-url or --domain)",
	inventory.SourceLDIF:    "an AD LDIF export (--ad-ldif)",
	inventory.SourceDAGFlag: "DAG names (--dag)",
	inventory.SourceDNS:     "DNS (--dns-server, or AD for the names)",
	inventory.SourceOmnidb:  "an omnidb object listing (--omnidb)",
	inventory.SourceOmnirc:  "an omnirc file (--omnirc)",
	inventory.SourcePatches: "Data Protector version/patch output (--patches)",
	inventory.SourceCell:    "a cell_info file (--cell-info)",
}

// gate checks the inputs a spec needs. Each Inputs entry is one required
// input; "a|b" means either source will do. It returns the skip or error
// finding to emit when an input is missing or failed.
func gate(inv *inventory.Inventory, s Spec) (Finding, bool) {
	for _, need := range s.Inputs {
		alts := strings.Split(need, "|")
		var failed []*inventory.Source
		ok := false
		for _, a := range alts {
			src := inv.Source(a)
			if src == nil {
				continue
			}
			if src.Error == "" {
				ok = true
				break
			}
			failed = append(failed, src)
		}
		if ok {
			continue
		}
		if len(failed) > 0 {
			src := failed[0]
			f := s.finding(Error, src.Target, fmt.Sprintf("could not read %s: %s", src.Name, src.Error))
			f.Evidence = map[string]any{"source": src.Name, "target": src.Target, "error": src.Error}
			f.Remediation = "fix access to " + describe(alts) + " and run again; the other checks ran without it"
			return f, false
		}
		return s.finding(Skip, "", "not evaluated: needs "+describe(alts)), false
	}
	return Finding{}, true
}

func describe(alts []string) string {
	parts := make([]string, len(alts))
	for i, a := range alts {
		if h, ok := inputHelp[a]; ok {
			parts[i] = h
		} else {
			parts[i] = a
		}
	}
	return strings.Join(parts, " or ")
}
