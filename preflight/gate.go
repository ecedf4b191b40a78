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

// sourceFixes says what to look at when a source could not be read; %s is
// the source's target.
var sourceFixes = map[string]string{
	inventory.SourceLDAP:    "check that the domain controller in %s answers (Test-NetConnection <dc> -Port 636, or 389 with --start-tls), that its certificate chains to --ca-file or the system roots, and that the bind account may read the configuration partition",
	inventory.SourceLDIF:    "re-export %s with ldifde -f export.ldf -d \"CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=…\" (or ldapsearch) and send it unedited",
	inventory.SourceDNS:     "check that the DNS servers %s answer on port 53 (Resolve-DnsName <dag> -Server <server>, or dig @<server> <dag>), or name the zone's servers with --dns-server",
	inventory.SourceOmnidb:  "check %s: it must be the unedited omnidb object listing saved on the Cell Manager (UTF-8 or UTF-16)",
	inventory.SourceOmnirc:  "check %s: it must be the agents' omnirc as a text file (VAR=value lines)",
	inventory.SourcePatches: "check %s: it must be the output of omnicheck -patches / omnicc -ver, or a version= file",
	inventory.SourceCell:    "check %s: it must be the Cell Manager's cell_info, omnicellinfo -cell output or omni_info",
}

func sourceFix(src *inventory.Source) string {
	if f, ok := sourceFixes[src.Name]; ok {
		return fmt.Sprintf(f, src.Target)
	}
	return "fix access to " + src.Target
}

// gate checks the inputs a spec needs. Each Inputs entry is one required
// input; "a|b" means either source will do. It returns the skip or error
// finding to emit when an input is missing or failed. A failed input wins
// over a missing one: a file the user gave that could not be read must turn
// the run to "could not evaluate", not hide behind a skip.
func gate(inv *inventory.Inventory, s Spec) (Finding, bool) {
	var missing []string
	for _, need := range s.Inputs {
		alts := strings.Split(need, "|")
		ok, failed := satisfied(inv, alts)
		switch {
		case ok:
		case failed != nil:
			f := s.finding(Error, failed.Target, fmt.Sprintf("could not read %s: %s", failed.Name, failed.Error))
			f.Evidence = map[string]any{"source": failed.Name, "target": failed.Target, "error": failed.Error}
			f.Remediation = sourceFix(failed) + "; then run again (the other checks ran without it)"
			return f, false
		case missing == nil:
			missing = alts
		}
	}
	if missing != nil {
		return s.finding(Skip, "", "not evaluated: needs "+describe(missing)), false
	}
	return Finding{}, true
}

// satisfied tells whether one of alts was read; if none was, it returns the
// first that was tried and failed.
func satisfied(inv *inventory.Inventory, alts []string) (bool, *inventory.Source) {
	var failed *inventory.Source
	for _, a := range alts {
		src := inv.Source(a)
		switch {
		case src == nil:
		case src.Error == "":
			return true, nil
		case failed == nil:
			failed = src
		}
	}
	return false, failed
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
