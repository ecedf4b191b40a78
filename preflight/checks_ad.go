package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/inventory"
)

const adInputs = inventory.SourceLDAP + "|" + inventory.SourceLDIF

var specAD001 = Spec{
	ID:      "AD-001",
	Title:   "Directory reachable and Exchange organisation found",
	Judges:  "the directory was reached and bound, and holds an Exchange organisation",
	Inputs:  []string{adInputs},
	Worst:   Fail,
	Subject: "directory server or LDIF file",
}

func checkAD001(inv *inventory.Inventory, s Spec) []Finding {
	if inv.AD != nil && inv.AD.NoExchange {
		src := adSource(inv)
		f := s.finding(Fail, inv.AD.Server, "the directory answered but has no Exchange organisation under CN=Microsoft Exchange,CN=Services of its configuration naming context")
		f.Evidence = map[string]any{"server": inv.AD.Server, "configuration_nc": inv.AD.RootDSE.ConfigNC}
		if src != nil {
			f.Evidence["error"] = src.Error
		}
		f.Remediation = "point dpgre at a domain controller of the forest that hosts Exchange (--ldap-url or --domain), or export CN=Microsoft Exchange,CN=Services,CN=Configuration,... with ldifde for --ad-ldif"
		return []Finding{f}
	}
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	ad := inv.AD
	if ad == nil {
		return []Finding{s.finding(Error, "", "the directory source left no record (internal error)")}
	}
	f := s.finding(Pass, ad.Server, fmt.Sprintf("read %s: organisation %s, %d DAG(s), %d standalone server(s) in %d searches",
		ad.Server, strings.Join(ad.Organizations, ", "), len(inv.DAGs), len(inv.Standalone), ad.Searches))
	f.Evidence = map[string]any{"server": ad.Server, "organizations": ad.Organizations, "searches": ad.Searches}
	if len(ad.Timings) > 0 {
		var ts []string
		for _, t := range ad.Timings {
			ts = append(ts, fmt.Sprintf("%s: %d entries, %d ms", t.Search, t.Entries, t.MS))
		}
		f.Evidence["timings"] = ts
	}
	if len(ad.Tried) > 1 {
		f.Evidence["tried"] = ad.Tried
	}
	if len(ad.Notes) > 0 {
		f.Status = Warn
		f.Detail += fmt.Sprintf("; %d inconsistencies in the directory", len(ad.Notes))
		f.Evidence["notes"] = ad.Notes
		f.Remediation = "review the notes: links between servers, DAGs and databases disagree; Get-DatabaseAvailabilityGroup and Get-MailboxDatabase show what Exchange itself believes"
	}
	return []Finding{f}
}

func adSource(inv *inventory.Inventory) *inventory.Source {
	if s := inv.Source(inventory.SourceLDAP); s != nil {
		return s
	}
	return inv.Source(inventory.SourceLDIF)
}

var specDAG001 = Spec{
	ID:      "DAG-001",
	Title:   "DAGs listed, IP-less ones recognised",
	Judges:  "each DAG with its IP mode (IP-less, DHCP, static; a mixed setting is inconsistent), members and databases",
	Inputs:  []string{adInputs},
	Worst:   Warn,
	Subject: "DAG FQDN",
}

func checkDAG001(inv *inventory.Inventory, s Spec) []Finding {
	return eachDAG(inv, s, false, "the directory holds no DAG", func(d *dag.DAG) (out []Finding) {
		what := map[string]string{
			dag.ModeIPLess: "IP-less (no administrative access point: no cluster name object, no IP, no DNS record of its own; the round-robin record must be made by hand)",
			dag.ModeDHCP:   "with a DHCP cluster IP",
			dag.ModeStatic: "with static cluster IP(s) " + strings.Join(d.IPv4, ", "),
		}[d.IPMode]
		st := Info
		if d.IPMode == dag.ModeInconsistent {
			st = Warn
			what = "with an inconsistent IP setting (255.255.255.255 mixed with addresses " + strings.Join(d.IPv4, ", ") + ")"
		}
		f := s.finding(st, dagFQDN(d), fmt.Sprintf("DAG %s is %s; %d member(s), %d database(s)", d.Name, what, len(d.Members), len(d.Databases)))
		var members []string
		for _, m := range d.Members {
			members = append(members, m.FQDN)
		}
		f.Evidence = map[string]any{"ip_mode": d.IPMode, "members": members, "databases": len(d.Databases)}
		if d.Witness != "" {
			f.Evidence["witness"] = d.Witness
		}
		if len(d.Notes) > 0 {
			f.Evidence["notes"] = d.Notes
		}
		if st == Warn {
			f.Remediation = fmt.Sprintf("set the DAG's IP addresses consistently: Set-DatabaseAvailabilityGroup %s -DatabaseAvailabilityGroupIPAddresses ([System.Net.IPAddress]::None) for IP-less, or the cluster IPs for an access point", d.Name)
		}
		out = append(out, f)
		return out
	})
}

var specDAG002 = Spec{
	ID:      "DAG-002",
	Title:   "DAG members resolvable",
	Judges:  "a DAG with no members, or a member without a resolvable DNS host name",
	Inputs:  []string{adInputs, inventory.SourceDNS},
	Worst:   Warn,
	Subject: "DAG FQDN",
}

func checkDAG002(inv *inventory.Inventory, s Spec) []Finding {
	return eachDAG(inv, s, false, "the directory holds no DAG", func(d *dag.DAG) (out []Finding) {
		if len(d.Members) == 0 {
			f := s.finding(Warn, dagFQDN(d), fmt.Sprintf("DAG %s has no member servers: nothing to back up, and no node set for its DNS record", d.Name))
			f.Evidence = map[string]any{"dag": d.DN}
			f.Remediation = fmt.Sprintf("add the Mailbox servers (Add-DatabaseAvailabilityGroupServer -Identity %s -MailboxServer <server>) or remove the empty DAG", d.Name)
			return []Finding{f}
		}
		var bad []string
		for _, m := range d.Members {
			switch {
			case m.FQDN == "":
				bad = append(bad, m.Name+": no FQDN in networkAddress and no computer account")
			case m.ResolveErr != "":
				bad = append(bad, m.FQDN+": "+m.ResolveErr)
			}
		}
		if len(bad) > 0 {
			f := s.finding(Warn, dagFQDN(d), fmt.Sprintf("%d of %d member(s) of DAG %s have no resolvable DNS host name: the round-robin record cannot be checked against them", len(bad), len(d.Members), d.Name))
			f.Evidence = map[string]any{"members": bad}
			f.Remediation = "register the members' A records in DNS (each server registers itself with ipconfig /registerdns) and check networkAddress / dNSHostName in AD"
			return []Finding{f}
		}
		f := s.finding(Pass, dagFQDN(d), fmt.Sprintf("all %d member(s) resolve", len(d.Members)))
		ips := map[string][]string{}
		for _, m := range d.Members {
			ips[m.FQDN] = m.IPs
		}
		f.Evidence = map[string]any{"members": ips}
		out = append(out, f)
		return out
	})
}
