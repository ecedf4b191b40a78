package preflight

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

const greError = `"Either parsing of command builder output failed or no databases were backed up."`

var specOMNI001 = Spec{
	ID:    "OMNI-001",
	Title: "Exchange databases backed up under the DAG's own name",
	Judges: "every client holding E2010 objects of a DAG database is the DAG's own name; an alias client breaks GRE restores. " +
		"With only --dag names (no AD to map database GUIDs), another client fails on signs of an alias (a virtual client in cell_info, " +
		"several DNS addresses, \"dag\" in its name, the only candidate), is info when the cell shows a physical client, and a warning otherwise",
	Inputs:  []string{inventory.SourceOmnidb, inventory.SourceLDAP + "|" + inventory.SourceLDIF + "|" + inventory.SourceDAGFlag},
	Worst:   Fail,
	Subject: "Data Protector client FQDN",
}

func checkOMNI001(inv *inventory.Inventory, s Spec) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	byClient := exchangeObjectsByClient(inv.Omnidb)
	if len(byClient) == 0 {
		return []Finding{s.finding(Info, inv.Omnidb.Path, "the listing holds no E2010 (Exchange 2010+) objects")}
	}
	idx := newADIndex(inv)
	var out []Finding
	for _, client := range sortedKeys(byClient) {
		out = append(out, judgeExchangeClient(inv, s, idx, client, byClient[client]))
	}
	return out
}

func judgeExchangeClient(inv *inventory.Inventory, s Spec, idx adIndex, client string, objs []omni.Object) Finding {
	if d, short := dagNamed(inv, client); d != nil {
		f := s.finding(Pass, client, fmt.Sprintf("%d Exchange database(s) backed up under the DAG's own name %s", len(objs), dagFQDN(d)))
		f.Evidence = map[string]any{"dag": dagFQDN(d), "databases": dbNames(objs)}
		if short {
			f.Detail += " (matched by short name: assumed to be the same host)"
		}
		return f
	}
	if sa := standaloneNamed(inv, client); sa != nil {
		f := s.finding(Pass, client, "a standalone Exchange server backed up under its own name")
		f.Evidence = map[string]any{"server": sa.FQDN, "databases": dbNames(objs)}
		return f
	}
	perDAG := map[*dag.DAG][]omni.Object{}
	var unknown []omni.Object
	for _, o := range objs {
		if r, ok := idx.byGUID[o.GUID]; ok && r.dag != nil {
			perDAG[r.dag] = append(perDAG[r.dag], o)
		} else {
			unknown = append(unknown, o)
		}
	}
	switch {
	case len(perDAG) > 0 && alsoUnderOwnName(inv, perDAG):
		return legacyAliasFinding(s, client, perDAG)
	case len(perDAG) > 0:
		return aliasFinding(inv, s, client, perDAG, unknown)
	case !idx.details:
		return namesOnlyFinding(inv, s, client, objs)
	default:
		f := s.finding(Info, client, fmt.Sprintf("%d Exchange database(s) under %s are not in Active Directory (deleted databases or another organisation): not judged",
			len(unknown), client))
		f.Evidence = map[string]any{"databases": dbNames(unknown), "guids": guids(unknown)}
		return f
	}
}

// aliasFinding is the field report's failure: DAG databases under a name
// that is not the DAG's.
func aliasFinding(inv *inventory.Inventory, s Spec, client string, perDAG map[*dag.DAG][]omni.Object, unknown []omni.Object) Finding {
	dags := make([]*dag.DAG, 0, len(perDAG))
	for d := range perDAG {
		dags = append(dags, d)
	}
	sort.Slice(dags, func(i, j int) bool { return dagFQDN(dags[i]) < dagFQDN(dags[j]) })
	var parts, names []string
	var all []omni.Object
	for _, d := range dags {
		parts = append(parts, fmt.Sprintf("%s of DAG %s", strings.Join(dbNames(perDAG[d]), ", "), d.Name))
		names = append(names, dagFQDN(d))
		all = append(all, perDAG[d]...)
	}
	d := dags[0]
	f := s.finding(Fail, client, fmt.Sprintf(
		"databases %s are backed up under client %s, not under the DAG's own name %s. The GRE looks for backups under the DAG name Exchange reports and fails with %s",
		strings.Join(parts, "; "), client, strings.Join(names, ", "), greError))
	ev := map[string]any{
		"client": client, "dag": dagFQDN(d), "databases": dbNames(all), "guids": guids(all),
		"objects": len(all), "first_lines": lines(all),
	}
	if len(dags) > 1 {
		ev["dags"] = names
	}
	if len(unknown) > 0 {
		ev["databases_not_in_ad"] = dbNames(unknown)
	}
	if rec := dnsRecord(inv, client); rec != "" {
		ev["alias_record"] = rec
	}
	f.Evidence = ev
	f.Remediation = aliasRemediation(client, d, nodeIPs(inv, d, client), dbNames(perDAG[d]))
	return f
}

// alsoUnderOwnName tells whether every database found under the alias also
// has objects under its DAG's own name: the DAG was re-imported and backed
// up again, and the alias objects are the old backups that stay behind.
func alsoUnderOwnName(inv *inventory.Inventory, perDAG map[*dag.DAG][]omni.Object) bool {
	own := map[string]bool{}
	for _, o := range inv.Omnidb.Objects {
		if o.Type != "E2010" {
			continue
		}
		if d, _ := dagNamed(inv, o.Client); d != nil {
			own[o.GUID] = true
		}
	}
	for _, objs := range perDAG {
		for _, o := range objs {
			if !own[o.GUID] {
				return false
			}
		}
	}
	return true
}

func legacyAliasFinding(s Spec, client string, perDAG map[*dag.DAG][]omni.Object) Finding {
	var all []omni.Object
	var names []string
	for d, objs := range perDAG {
		all = append(all, objs...)
		names = append(names, dagFQDN(d))
	}
	sort.Strings(names)
	f := s.finding(Info, client, fmt.Sprintf("older backups of %s remain under the former alias %s; every one of these databases is also backed up under the DAG's own name %s, which the GRE uses",
		strings.Join(dbNames(all), ", "), client, strings.Join(names, ", ")))
	f.Evidence = map[string]any{"client": client, "databases": dbNames(all), "dags": names}
	f.Remediation = fmt.Sprintf("nothing to do for the GRE; remove the client %s once its last backups have expired", client)
	return f
}

func aliasRemediation(client string, d *dag.DAG, ips []string, dbs []string) string {
	name := dagFQDN(d)
	ipText := "every DAG member node's IP"
	if len(ips) > 0 {
		ipText = "every node IP (" + strings.Join(ips, ", ") + ")"
	}
	zone := hostname.Domain(name)
	label := hostname.Short(name)
	steps := []string{
		fmt.Sprintf("1. DNS: create the round-robin A record %s with %s, the set %s carries now", name, ipText, client),
	}
	if zone != "" && len(ips) > 0 {
		for _, ip := range ips {
			steps = append(steps, fmt.Sprintf("   Add-DnsServerResourceRecordA -ZoneName %s -Name %s -IPv4Address %s", zone, label, ip))
		}
	}
	steps = append(steps,
		fmt.Sprintf("2. Data Protector: remove the client %s from the cell (GUI Clients > Delete, or omnicc -export_host %s)", client, client),
		fmt.Sprintf("3. Import the DAG under its own name %s as a virtual client (GUI Import Client > Virtual host; CLI omnicc -import_host %s -virtual — confirm the -virtual flag in the CLI reference of your version)", name, name),
		fmt.Sprintf("4. Point the Exchange 2010+ backup specification for %s at %s and run a new full backup", strings.Join(dbs, ", "), name),
		fmt.Sprintf("5. Backups made before stay under %s: the GRE cannot use them; keep them for whole-database restores until they expire", client),
	)
	return strings.Join(steps, "\n")
}

// nodeIPs is the IP set the DAG's own record must carry: the members' IPs
// from AD/DNS, else the alias record's A set.
func nodeIPs(inv *inventory.Inventory, d *dag.DAG, alias string) []string {
	set := map[string]bool{}
	for _, m := range d.Members {
		for _, ip := range m.IPs {
			set[ip] = true
		}
	}
	if len(set) == 0 {
		return resolvedIPs(inv, alias, false)
	}
	return sortedKeys(set)
}

// dnsRecord describes what DNS says about name, for evidence.
func dnsRecord(inv *inventory.Inventory, name string) string {
	if ips := resolvedIPs(inv, name, false); len(ips) > 0 {
		return fmt.Sprintf("%s A %s", name, strings.Join(ips, ", "))
	}
	return ""
}

// resolvedIPs is the union of what every server answered for name (A, and
// AAAA when withAAAA).
func resolvedIPs(inv *inventory.Inventory, name string, withAAAA bool) []string {
	set := map[string]bool{}
	for i := range inv.DNS {
		if ok, _ := hostname.Match(inv.DNS[i].Name, name); ok {
			for _, ip := range inv.DNS[i].Addresses(withAAAA) {
				set[ip] = true
			}
		}
	}
	return sortedKeys(set)
}

var specOMNI002 = Spec{
	ID:      "OMNI-002",
	Title:   "Every DAG database has an Exchange backup object",
	Judges:  "a DAG mailbox database with no E2010 object under any client",
	Inputs:  []string{inventory.SourceOmnidb, inventory.SourceLDAP + "|" + inventory.SourceLDIF},
	Worst:   Warn,
	Subject: "database name (the DAG FQDN for the roll-up pass)",
}

func checkOMNI002(inv *inventory.Inventory, s Spec) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	backed := map[string]bool{}
	for _, o := range inv.Omnidb.Objects {
		if o.Type == "E2010" {
			backed[o.GUID] = true
		}
	}
	var out []Finding
	for i := range inv.DAGs {
		d := &inv.DAGs[i]
		if !d.HasDetails() {
			continue
		}
		missing := 0
		for _, db := range d.Databases {
			if backed[db.GUID] {
				continue
			}
			missing++
			f := s.finding(Warn, db.Name, fmt.Sprintf("database %s of DAG %s has no Exchange backup object in the listing: it has never been backed up (or the listing is from another cell)", db.Name, d.Name))
			f.Evidence = map[string]any{"dag": dagFQDN(d), "database": db.Name, "guid": db.GUID, "listing": inv.Omnidb.Path}
			f.Remediation = fmt.Sprintf("add %s to the Exchange 2010+ backup specification of client %s and run a full backup", db.Name, dagFQDN(d))
			out = append(out, f)
		}
		if missing == 0 {
			f := s.finding(Pass, dagFQDN(d), fmt.Sprintf("all %d databases of DAG %s have backup objects", len(d.Databases), d.Name))
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = append(out, s.finding(Info, "", "no DAG with databases in the directory"))
	}
	return out
}

var specOMNI003 = Spec{
	ID:      "OMNI-003",
	Title:   "Every omnidb listing line parsed",
	Judges:  "listing lines that could not be parsed, with their line numbers",
	Inputs:  []string{inventory.SourceOmnidb},
	Worst:   Warn,
	Subject: "listing file",
}

func checkOMNI003(inv *inventory.Inventory, s Spec) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	l := inv.Omnidb
	if l.ProblemsTotal == 0 {
		return []Finding{s.finding(Pass, l.Path, fmt.Sprintf("%d lines, %d distinct objects, every line parsed", l.Lines, len(l.Objects)))}
	}
	var lines []string
	for _, p := range l.Problems {
		lines = append(lines, fmt.Sprintf("%s:%d: %s: %q", l.Path, p.Line, p.Reason, p.Text))
	}
	f := s.finding(Warn, l.Path, fmt.Sprintf("%d of %d lines could not be parsed; the objects on them were not judged (first at line %d: %s)",
		l.ProblemsTotal, l.Lines, l.Problems[0].Line, l.Problems[0].Reason))
	f.Evidence = map[string]any{"problems": lines, "problems_total": l.ProblemsTotal, "encoding": l.Encoding}
	if l.ProblemsTotal > len(l.Problems) {
		f.Evidence["problems_shown"] = len(l.Problems)
	}
	f.Remediation = "re-create the listing on the Cell Manager (omnidb -filesystem / the Exchange object listing redirected to a file) and send it unedited; the lines above were cut or corrupted"
	return []Finding{f}
}

func exchangeObjectsByClient(l *omni.Listing) map[string][]omni.Object {
	m := map[string][]omni.Object{}
	for _, o := range l.Objects {
		if o.Type == "E2010" {
			m[o.Client] = append(m[o.Client], o)
		}
	}
	return m
}

func dbNames(objs []omni.Object) []string {
	set := map[string]bool{}
	for _, o := range objs {
		set[o.Database] = true
	}
	return sortedKeys(set)
}

func guids(objs []omni.Object) []string {
	set := map[string]bool{}
	for _, o := range objs {
		set[o.GUID] = true
	}
	return sortedKeys(set)
}

func lines(objs []omni.Object) []int {
	out := make([]int, 0, len(objs))
	for _, o := range objs {
		out = append(out, o.Line)
	}
	sort.Ints(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
