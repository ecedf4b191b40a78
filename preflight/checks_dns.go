package preflight

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
)

const dagInputs = inventory.SourceLDAP + "|" + inventory.SourceLDIF + "|" + inventory.SourceDAGFlag

// expectation is the A set a DAG's own name must carry, and which node each
// address belongs to.
type expectation struct {
	ips    []string
	owner  map[string]string // ip -> member FQDN ("" for a cluster IP)
	reason string
	known  bool
}

func expected(d *dag.DAG) expectation {
	e := expectation{owner: map[string]string{}}
	switch {
	case len(d.ExpectedIPs) > 0:
		for _, ip := range d.ExpectedIPs {
			e.owner[ip] = ""
		}
		e.reason, e.known = "the addresses given with --expect", true
	case d.IPMode == dag.ModeStatic:
		for _, ip := range d.IPv4 {
			e.owner[ip] = ""
		}
		e.reason, e.known = "the DAG's static cluster IP(s) from AD", true
	case d.IPMode == dag.ModeIPLess || d.IPMode == dag.ModeInconsistent:
		for _, m := range d.Members {
			for _, ip := range m.IPs {
				if !strings.Contains(ip, ":") {
					e.owner[ip] = m.FQDN
				}
			}
		}
		e.reason, e.known = "every member node's IPv4 address (IP-less DAG: round-robin over the nodes)", len(e.owner) > 0
	}
	e.ips = sortedKeys(e.owner)
	return e
}

// dnsOf returns what DNS said about name.
func dnsOf(inv *inventory.Inventory, name string) *dnscheck.NameResult {
	for i := range inv.DNS {
		if ok, exact := hostname.Match(inv.DNS[i].Name, name); ok && exact {
			return &inv.DNS[i]
		}
	}
	return nil
}

// dnsTargets lists the DAGs whose names were looked up, with their results.
func dnsTargets(inv *inventory.Inventory) ([]*dag.DAG, []*dnscheck.NameResult) {
	var ds []*dag.DAG
	var rs []*dnscheck.NameResult
	for i := range inv.DAGs {
		d := &inv.DAGs[i]
		if d.FQDN == "" {
			continue
		}
		if r := dnsOf(inv, d.FQDN); r != nil {
			ds = append(ds, d)
			rs = append(rs, r)
		}
	}
	return ds, rs
}

// eachDNSTarget gates s, then judges every DAG whose name was looked up;
// a run that looked up none says so instead of passing silently.
func eachDNSTarget(inv *inventory.Inventory, s Spec, judge func(d *dag.DAG, r *dnscheck.NameResult) []Finding) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	ds, rs := dnsTargets(inv)
	var out []Finding
	for i, d := range ds {
		out = append(out, judge(d, rs[i])...)
	}
	if len(out) == 0 {
		out = append(out, s.finding(Info, "", "no DAG name was looked up in DNS"))
	}
	return out
}

func recordLabel(fqdn, zone string) string {
	if zone == "" {
		zone = hostname.Domain(fqdn)
	}
	if fqdn == zone {
		return "@"
	}
	return strings.TrimSuffix(fqdn, "."+zone)
}

func zoneOf(r *dnscheck.NameResult) string {
	if r.Zone != "" {
		return r.Zone
	}
	return hostname.Domain(r.Name)
}

func addCommands(r *dnscheck.NameResult, ips []string) string {
	zone, label := zoneOf(r), recordLabel(r.Name, r.Zone)
	var lines []string
	for _, ip := range ips {
		lines = append(lines, fmt.Sprintf("Add-DnsServerResourceRecordA -ZoneName %s -Name %s -IPv4Address %s", zone, label, ip))
	}
	for _, ip := range ips {
		lines = append(lines, fmt.Sprintf("dnscmd /RecordAdd %s %s A %s", zone, label, ip))
	}
	return strings.Join(lines, "\n")
}

func removeCommands(r *dnscheck.NameResult, ips []string) string {
	zone, label := zoneOf(r), recordLabel(r.Name, r.Zone)
	var lines []string
	for _, ip := range ips {
		lines = append(lines, fmt.Sprintf("Remove-DnsServerResourceRecord -ZoneName %s -RRType A -Name %s -RecordData %s -Force", zone, label, ip))
	}
	for _, ip := range ips {
		lines = append(lines, fmt.Sprintf("dnscmd /RecordDelete %s %s A %s /f", zone, label, ip))
	}
	return strings.Join(lines, "\n")
}

func serverAnswers(r *dnscheck.NameResult) map[string]string {
	out := map[string]string{}
	for _, sa := range r.Servers {
		switch {
		case sa.Error != "":
			out[sa.Server] = "error: " + sa.Error
		case sa.CNAME != "":
			out[sa.Server] = fmt.Sprintf("CNAME %s → A %s", sa.CNAME, strings.Join(sa.A, ", "))
		case len(sa.A) == 0:
			out[sa.Server] = sa.Rcode + ", no A record"
		default:
			out[sa.Server] = fmt.Sprintf("A %s (TTL %d)", strings.Join(sa.A, ", "), sa.TTL)
		}
		if sa.Error == "" && !sa.AA {
			out[sa.Server] += "; not authoritative (no AA flag)"
		}
		if len(sa.Stray) > 0 {
			out[sa.Server] += fmt.Sprintf("; ignored %d record(s) for names not asked: %s", len(sa.Stray), strings.Join(sa.Stray, " | "))
		}
	}
	return out
}

var specDNS001 = Spec{
	ID:      "DNS-001",
	Title:   "The DAG's own name has an A record on every authoritative server",
	Judges:  "an A record under the DAG's own name on each authoritative server (the GRE finds backups by that name)",
	Inputs:  []string{dagInputs, inventory.SourceDNS},
	Worst:   Fail,
	Subject: "DAG FQDN",
}

func checkDNS001(inv *inventory.Inventory, s Spec) []Finding {
	return eachDNSTarget(inv, s, func(d *dag.DAG, r *dnscheck.NameResult) []Finding {
		name := dagFQDN(d)
		if r.Error != "" {
			f := s.finding(Error, name, "could not find the authoritative servers of "+name+": "+r.Error)
			f.Evidence = map[string]any{"name": name, "error": r.Error}
			f.Remediation = "give the zone's DNS servers with --dns-server"
			return []Finding{f}
		}
		var out []Finding
		var missing []string
		answered := 0
		for _, sa := range r.Servers {
			if sa.Error != "" {
				f := s.finding(Error, name, fmt.Sprintf("authoritative server %s could not be asked about %s: %s; the other servers were judged", sa.Server, name, sa.Error))
				f.Evidence = map[string]any{"server": sa.Server, "error": sa.Error}
				f.Remediation = fmt.Sprintf("check that %s is up and answers for zone %s (or leave it out with --dns-server)", sa.Server, zoneOf(r))
				out = append(out, f)
				continue
			}
			answered++
			if len(sa.A) == 0 {
				missing = append(missing, fmt.Sprintf("%s (%s)", sa.Server, sa.Rcode))
			}
		}
		exp := expected(d)
		switch {
		case len(missing) > 0:
			f := s.finding(Fail, name, fmt.Sprintf("%s has no A record on %d of %d authoritative server(s): the GRE looks for the DAG under this name and fails with %s",
				name, len(missing), len(r.Servers), greError))
			f.Evidence = map[string]any{"name": name, "zone": zoneOf(r), "missing_on": missing, "answers": serverAnswers(r)}
			if alias := aliasCarrying(inv, d, exp); alias != "" {
				f.Evidence["alias_with_node_set"] = alias
			}
			if exp.known {
				f.Remediation = fmt.Sprintf("create the A record %s with %s:\n%s", name, exp.reason, addCommands(r, exp.ips))
			} else {
				f.Remediation = fmt.Sprintf("create the A record %s with every DAG member node's IPv4 address (Add-DnsServerResourceRecordA -ZoneName %s -Name %s -IPv4Address <node IP>, once per node)", name, zoneOf(r), recordLabel(name, r.Zone))
			}
			out = append(out, f)
		case answered > 0:
			f := s.finding(Pass, name, fmt.Sprintf("%s has an A record on all %d answering authoritative server(s)", name, answered))
			f.Evidence = map[string]any{"answers": serverAnswers(r)}
			out = append(out, f)
		}
		return out
	})
}

var specDNS002 = Spec{
	ID:      "DNS-002",
	Title:   "The DAG's A record set equals its node set",
	Judges:  "the A set under the DAG's name vs the member nodes' IPs (IP-less) or cluster IPs (static): a missing IP fails, an extra one is stale",
	Inputs:  []string{dagInputs, inventory.SourceDNS},
	Worst:   Fail,
	Subject: "DAG FQDN",
}

func checkDNS002(inv *inventory.Inventory, s Spec) []Finding {
	return eachDNSTarget(inv, s, func(d *dag.DAG, r *dnscheck.NameResult) []Finding {
		name, exp := dagFQDN(d), expected(d)
		if !exp.known {
			return []Finding{s.finding(Info, name, "no expected address set: "+unknownWhy(d))}
		}
		missing := map[string][]string{} // ip -> servers lacking it
		stale := map[string][]string{}
		compared := 0
		for _, sa := range r.Servers {
			if sa.Error != "" || len(sa.A) == 0 {
				continue // DNS-001 reports these
			}
			compared++
			have := toSet(sa.A)
			for _, ip := range exp.ips {
				if !have[ip] {
					missing[ip] = append(missing[ip], sa.Server)
				}
			}
			for _, ip := range sa.A {
				if _, ok := exp.owner[ip]; !ok {
					stale[ip] = append(stale[ip], sa.Server)
				}
			}
		}
		if compared == 0 {
			return []Finding{s.finding(Info, name, "no server returned an A record to compare (see DNS-001)")}
		}
		ev := map[string]any{"expected": exp.ips, "expected_from": exp.reason, "answers": serverAnswers(r)}
		var out []Finding
		if len(missing) > 0 {
			var parts []string
			for _, ip := range sortedKeys(missing) {
				who := exp.owner[ip]
				if who == "" {
					who = "cluster IP"
				}
				parts = append(parts, fmt.Sprintf("%s (%s) missing on %s", ip, who, strings.Join(missing[ip], ", ")))
			}
			f := s.finding(Fail, name, fmt.Sprintf("the A record %s lacks %d expected address(es): %s. Backups and GRE restores through it miss those nodes", name, len(missing), strings.Join(parts, "; ")))
			f.Evidence = withKey(ev, "missing", sortedKeys(missing))
			f.Remediation = "add the missing addresses:\n" + addCommands(r, sortedKeys(missing))
			out = append(out, f)
		}
		if len(stale) > 0 {
			var parts []string
			for _, ip := range sortedKeys(stale) {
				parts = append(parts, fmt.Sprintf("%s on %s", ip, strings.Join(stale[ip], ", ")))
			}
			f := s.finding(Warn, name, fmt.Sprintf("the A record %s carries %d address(es) of no member (stale): %s", name, len(stale), strings.Join(parts, "; ")))
			f.Evidence = withKey(ev, "stale", sortedKeys(stale))
			f.Remediation = "remove the stale addresses:\n" + removeCommands(r, sortedKeys(stale))
			out = append(out, f)
		}
		if len(out) == 0 {
			f := s.finding(Pass, name, fmt.Sprintf("the A set of %s equals %s on every answering server", name, exp.reason))
			f.Evidence = ev
			out = append(out, f)
		}
		return out
	})
}

func unknownWhy(d *dag.DAG) string {
	switch {
	case d.Origin == "cli":
		return "the DAG was named with --dag, so its nodes are unknown (give AD access or --expect)"
	case d.IPMode == dag.ModeDHCP:
		return "the DAG takes its cluster IP from DHCP; only its presence is checked (DNS-001)"
	}
	return "no member address could be resolved (see DAG-002)"
}

var specDNS003 = Spec{
	ID:      "DNS-003",
	Title:   "Authoritative servers agree",
	Judges:  "authoritative servers returning different A sets for the DAG's name (replication delay or a stale server), or answering without the AA flag (not authoritative: lame delegation or a caching resolver)",
	Inputs:  []string{dagInputs, inventory.SourceDNS},
	Worst:   Warn,
	Subject: "DAG FQDN",
}

func checkDNS003(inv *inventory.Inventory, s Spec) []Finding {
	return eachDNSTarget(inv, s, func(d *dag.DAG, r *dnscheck.NameResult) []Finding {
		name := dagFQDN(d)
		sets := map[string][]string{}
		var lame []string
		for _, sa := range r.Servers {
			if sa.Error != "" {
				continue
			}
			k := strings.Join(sa.A, ",") + "|" + sa.CNAME
			sets[k] = append(sets[k], sa.Server)
			if !sa.AA {
				lame = append(lame, sa.Server)
			}
		}
		var out []Finding
		if len(lame) > 0 {
			f := s.finding(Warn, name, fmt.Sprintf("%s answered for %s without the AA flag: not authoritative for zone %s, so the answer may be stale (a lame delegation, or --dns-server names a caching resolver)",
				strings.Join(lame, ", "), name, zoneOf(r)))
			f.Evidence = map[string]any{"not_authoritative": lame, "answers": serverAnswers(r)}
			f.Remediation = fmt.Sprintf("ask the zone's own servers: check the NS records of %s (Resolve-DnsName %s -Type NS) and remove servers that do not host the zone, or give --dns-server the DCs that host it", zoneOf(r), zoneOf(r))
			out = append(out, f)
		}
		switch {
		case len(sets) > 1:
			f := s.finding(Warn, name, fmt.Sprintf("the %d answering authoritative servers give %d different answers for %s: a restore may work or fail depending on the server asked",
				countServers(sets), len(sets), name))
			f.Evidence = map[string]any{"answers": serverAnswers(r)}
			f.Remediation = fmt.Sprintf("make the servers agree: on AD-integrated zones wait for replication (servers poll AD every 180 s) or force it (repadmin /syncall); on a secondary, transfer the zone again (dnscmd <server> /ZoneRefresh %s)", zoneOf(r))
			out = append(out, f)
		case countServers(sets) > 1 && len(lame) == 0:
			f := s.finding(Pass, name, fmt.Sprintf("all %d answering authoritative servers agree", countServers(sets)))
			f.Evidence = map[string]any{"answers": serverAnswers(r)}
			out = append(out, f)
		case len(lame) == 0:
			out = append(out, s.finding(Info, name, "fewer than two servers answered: nothing to compare"))
		}
		return out
	})
}

func countServers(sets map[string][]string) int {
	n := 0
	for _, v := range sets {
		n += len(v)
	}
	return n
}

var specDNS004 = Spec{
	ID:      "DNS-004",
	Title:   "The round-robin set lives under the DAG's own name",
	Judges:  "a CNAME at the DAG's name, or another name (an alias client) carrying the DAG's node set",
	Inputs:  []string{dagInputs, inventory.SourceDNS},
	Worst:   Warn,
	Subject: "DAG FQDN",
}

func checkDNS004(inv *inventory.Inventory, s Spec) []Finding {
	return eachDNSTarget(inv, s, func(d *dag.DAG, r *dnscheck.NameResult) []Finding {
		name, exp := dagFQDN(d), expected(d)
		var out []Finding
		var cnames []string
		for _, sa := range r.Servers {
			if sa.CNAME != "" {
				cnames = append(cnames, sa.Server+" → "+sa.CNAME)
			}
		}
		if len(cnames) > 0 {
			f := s.finding(Warn, name, fmt.Sprintf("%s is a CNAME (%s): whether the GRE accepts an alias is unverified", name, strings.Join(cnames, "; ")))
			f.Evidence = map[string]any{"cname": cnames}
			f.Remediation = fmt.Sprintf("replace the CNAME by A records under %s itself:\nRemove-DnsServerResourceRecord -ZoneName %s -RRType CName -Name %s -Force\n%s",
				name, zoneOf(r), recordLabel(name, r.Zone), addCommands(r, exp.ips))
			out = append(out, f)
		}
		if alias := aliasCarrying(inv, d, exp); alias != "" {
			f := s.finding(Warn, name, fmt.Sprintf("%s carries the node set of DAG %s: the DAG was probably imported into Data Protector under that alias, and the GRE will not find its backups", alias, d.Name))
			f.Evidence = map[string]any{"alias": alias, "node_set": exp.ips}
			if rec := dnsRecord(inv, alias); rec != "" {
				f.Evidence["alias_record"] = rec
			}
			f.Remediation = fmt.Sprintf("give the round-robin set to %s itself (see DNS-001) and re-import the DAG under that name (see OMNI-001); keep %s only until old backups expire", name, alias)
			out = append(out, f)
		}
		if len(out) == 0 {
			out = append(out, s.finding(Pass, name, "no CNAME at the DAG's name and no other name looked up carries its node set"))
		}
		return out
	})
}

// aliasCarrying finds another looked-up name whose A set equals the DAG's
// expected node set.
func aliasCarrying(inv *inventory.Inventory, d *dag.DAG, exp expectation) string {
	if !exp.known {
		return ""
	}
	want := strings.Join(exp.ips, ",")
	for _, n := range inv.DNS {
		if ok, _ := hostname.Match(n.Name, dagFQDN(d)); ok {
			continue
		}
		if ips := n.Addresses(false); len(ips) > 0 && strings.Join(ips, ",") == want {
			return n.Name
		}
	}
	return ""
}

func toSet(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// withKey copies ev and adds one key, so findings sharing evidence do not
// share a map.
func withKey(ev map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(ev)+1)
	for a, b := range ev {
		out[a] = b
	}
	out[k] = v
	return out
}
