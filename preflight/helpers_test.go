package preflight

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
	"github.com/dpgre/dpgre/patches"
)

func testKB(t *testing.T) *patches.KB {
	t.Helper()
	kb, err := patches.EmbeddedKB()
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

func fixture(t *testing.T, parts ...string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func withListing(t *testing.T, inv *inventory.Inventory, name string) {
	t.Helper()
	l, err := omni.ParseListing(fixture(t, "omnidb", name), name)
	if err != nil {
		t.Fatal(err)
	}
	inv.Omnidb = l
	inv.AddSource(inventory.Source{Name: inventory.SourceOmnidb, Target: name})
}

func withRC(t *testing.T, inv *inventory.Inventory, name string) {
	t.Helper()
	rc, err := omni.ParseRC(fixture(t, "omnirc", name), name)
	if err != nil {
		t.Fatal(err)
	}
	inv.Omnirc = rc
	inv.AddSource(inventory.Source{Name: inventory.SourceOmnirc, Target: name})
}

func withPatches(t *testing.T, inv *inventory.Inventory, name string) {
	t.Helper()
	in, err := patches.Parse(fixture(t, "patches", name), name)
	if err != nil {
		t.Fatal(err)
	}
	inv.DataProtector = in
	inv.AddSource(inventory.Source{Name: inventory.SourcePatches, Target: name})
}

// fieldReportAD is the directory behind the field report: IP-less DAG
// customer-dag1 (DB01, DB02, DB03) and standalone exchange-2010 (DB3).
func fieldReportAD(inv *inventory.Inventory) {
	inv.DAGs = append(inv.DAGs, dag.DAG{
		Name: "customer-dag1", FQDN: "customer-dag1.domain.tld", IPLess: true, IPMode: dag.ModeIPLess, Origin: "ldap",
		Members: []dag.Member{
			{Name: "EX1", FQDN: "ex1.domain.tld", IPs: []string{"10.0.0.11"}},
			{Name: "EX2", FQDN: "ex2.domain.tld", IPs: []string{"10.0.0.12"}},
		},
		Databases: []dag.Database{
			{Name: "DB01", GUID: "5d3faa67-6fd9-493e-bf56-5044f75620a8"},
			{Name: "DB02", GUID: "0d9a4c1e-2b3f-4d5e-8f60-718293a4b5c6"},
			{Name: "DB03", GUID: "c7982a7e-76cd-4759-9d03-019c0c410957"},
		},
	})
	inv.Standalone = append(inv.Standalone, dag.Standalone{
		Member:    dag.Member{Name: "EXCHANGE-2010", FQDN: "exchange-2010.domain.tld"},
		Databases: []dag.Database{{Name: "DB3", GUID: "25e0d4ac-5a63-4035-b718-09d07bbbba47"}},
		Origin:    "ldap",
	})
	inv.AD = &inventory.AD{Server: "ldaps://dc1.domain.tld", Organizations: []string{"Customer Org"}, Searches: 3}
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "ldaps://dc1.domain.tld"})
}

// fullInventory feeds every check of the catalogue.
func fullInventory(t *testing.T) *inventory.Inventory {
	inv := inventory.New()
	fieldReportAD(inv)
	withListing(t, inv, "field-report.txt")
	withRC(t, inv, "lint-acceptance")
	withPatches(t, inv, "907-no-hotfix.txt")
	inv.DNS = append(inv.DNS, dnsName("customer-dag1.domain.tld", "10.0.0.11", "10.0.0.12"))
	inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "127.0.0.1:53"})
	c, err := omni.ParseCell(fixture(t, "cell", "acceptance-cell_info"), "cell_info")
	if err != nil {
		t.Fatal(err)
	}
	inv.Cell = c
	inv.AddSource(inventory.Source{Name: inventory.SourceCell, Target: "cell_info"})
	return inv
}

func findings(fs []Finding, id string, st Status) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.ID == id && (st == "" || f.Status == st) {
			out = append(out, f)
		}
	}
	return out
}

func runAll(t *testing.T, inv *inventory.Inventory) Result {
	t.Helper()
	return Run(inv, Catalogue(testKB(t)), Options{})
}

func mustContain(t *testing.T, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%q\ndoes not contain %q", s, sub)
		}
	}
}

func omniRC(s string) (*omni.RC, error) { return omni.ParseRC(strings.NewReader(s), "rc") }

func dnsName(name string, ips ...string) dnscheck.NameResult {
	return dnscheck.NameResult{Name: name, Servers: []dnscheck.ServerAnswer{{Server: "127.0.0.1:53", Rcode: "NOERROR", AA: true, A: ips}}}
}
