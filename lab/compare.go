package lab

import (
	"fmt"
	"strings"

	"github.com/dpgre/dpgre/dag"
)

// Differences lists every way d departs from the spec: DAG names, FQDNs,
// IP modes and addresses, members and their FQDNs, database names and
// GUIDs (recovery databases must be absent), standalone servers. An empty
// result means exact.
func (s ADSpec) Differences(d *dag.Directory) []string {
	var diffs []string
	add := func(f string, a ...any) { diffs = append(diffs, fmt.Sprintf(f, a...)) }
	if len(d.Organizations) != 1 || d.Organizations[0] != s.Organization {
		add("organizations %q, want [%q]", d.Organizations, s.Organization)
	}
	if len(d.DAGs) != len(s.DAGs) {
		add("%d DAGs, want %d", len(d.DAGs), len(s.DAGs))
		return diffs
	}
	for i, want := range s.DAGs {
		got := d.DAGs[i]
		if got.Name != want.Name || got.FQDN != s.FQDN(want.Name) {
			add("DAG %d is %s (%s), want %s (%s)", i, got.Name, got.FQDN, want.Name, s.FQDN(want.Name))
		}
		mode, ips := dag.ModeIPLess, []string{}
		switch {
		case want.IPLess:
		case len(want.IPs) == 1 && want.IPs[0] == "0.0.0.0":
			mode = dag.ModeDHCP
		default:
			mode, ips = dag.ModeStatic, want.IPs
		}
		if got.IPMode != mode || got.IPLess != want.IPLess || strings.Join(got.IPv4, ",") != strings.Join(ips, ",") {
			add("%s: mode %s %v ip-less=%v, want %s %v", got.Name, got.IPMode, got.IPv4, got.IPLess, mode, ips)
		}
		if len(got.Members) != len(want.Members) {
			add("%s: %d members, want %d", got.Name, len(got.Members), len(want.Members))
		} else {
			for j, m := range want.Members {
				gm := got.Members[j]
				if gm.Name != m.Name || gm.FQDN != s.FQDN(m.Name) || gm.DNSHost != gm.FQDN {
					add("%s member %d: %s %s (computer %s), want %s %s", got.Name, j, gm.Name, gm.FQDN, gm.DNSHost, m.Name, s.FQDN(m.Name))
				}
			}
		}
		wantDBs := map[string]string{}
		for _, db := range want.Databases {
			if !db.Recovery {
				wantDBs[db.Name] = db.GUID
			}
		}
		if len(got.Databases) != len(wantDBs) {
			add("%s: %d databases, want %d (recovery databases excluded)", got.Name, len(got.Databases), len(wantDBs))
		}
		for _, db := range got.Databases {
			if wantDBs[db.Name] != db.GUID {
				add("%s: database %q has GUID %s, want %q", got.Name, db.Name, db.GUID, wantDBs[db.Name])
			}
		}
		if len(got.Notes) > 0 {
			add("%s: notes %v", got.Name, got.Notes)
		}
	}
	if len(d.Standalone) != len(s.Standalone) {
		add("%d standalone servers, want %d", len(d.Standalone), len(s.Standalone))
		return diffs
	}
	for i, want := range s.Standalone {
		got := d.Standalone[i]
		var dbs []string
		for _, db := range want.Databases {
			if !db.Recovery {
				dbs = append(dbs, db.Name+"="+db.GUID)
			}
		}
		var gdbs []string
		for _, db := range got.Databases {
			gdbs = append(gdbs, db.Name+"="+db.GUID)
		}
		if got.FQDN != s.FQDN(want.Name) || strings.Join(gdbs, ",") != strings.Join(dbs, ",") {
			add("standalone %s %v, want %s %v", got.FQDN, gdbs, s.FQDN(want.Name), dbs)
		}
	}
	return diffs
}
