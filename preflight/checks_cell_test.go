package preflight

import (
	"sort"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

// The cell issue's acceptance: one node missing from the cell, one without
// the Exchange integration, the DAG imported under an alias, one node on an
// older agent: exactly CELL-001, CELL-002, CELL-003 and CELL-004 for those
// hosts, in UTF-8 and UTF-16LE alike.
func TestCellAcceptance(t *testing.T) {
	for _, file := range []string{"acceptance-cell_info", "acceptance-cell_info-utf16le"} {
		inv := inventory.New()
		inv.AD = &inventory.AD{Server: "lab"}
		inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "lab"})
		inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "lab"})
		d := dag.DAG{Name: "customer-dag1", FQDN: "customer-dag1.domain.tld", IPLess: true, IPMode: dag.ModeIPLess, Origin: "ldap"}
		for i, n := range []string{"ex1", "ex2", "ex3", "ex4"} {
			d.Members = append(d.Members, dag.Member{Name: strings.ToUpper(n), FQDN: n + ".domain.tld", IPs: []string{"10.0.0.1" + string(rune('1'+i))}})
		}
		inv.DAGs = []dag.DAG{d}
		inv.DNS = []dnscheck.NameResult{dnsName("dag-backup.domain.tld", "10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.14")}
		c, err := omni.ParseCell(fixture(t, "cell", file), file)
		if err != nil {
			t.Fatal(err)
		}
		inv.Cell = c
		inv.AddSource(inventory.Source{Name: inventory.SourceCell, Target: file})
		res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"CELL-001", "CELL-002", "CELL-003", "CELL-004"}})
		var got []string
		for _, f := range res.Findings {
			if f.Status != Pass {
				got = append(got, f.ID+" "+string(f.Status)+" "+f.Subject)
			}
		}
		sort.Strings(got)
		want := "CELL-001 fail ex3.domain.tld|CELL-002 warn ex2.domain.tld|CELL-003 fail customer-dag1.domain.tld|CELL-004 warn customer-dag1.domain.tld"
		if strings.Join(got, "|") != want {
			t.Errorf("%s:\n got %s\nwant %s", file, strings.Join(got, "|"), want)
		}
		for _, f := range res.Findings {
			if f.ID == "CELL-004" && f.Status == Warn {
				mustContain(t, f.Detail, "ex4.domain.tld A.09.07")
				mustContain(t, f.Remediation, "ex4.domain.tld to A.09.08")
			}
			if f.ID == "CELL-003" && f.Status == Fail {
				mustContain(t, f.Remediation, "omnicc -export_host dag-backup.domain.tld", "confirm the cluster/virtual import flag")
			}
		}
	}
}
