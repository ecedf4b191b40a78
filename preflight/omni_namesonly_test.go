package preflight

import (
	"strings"
	"testing"

	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

// The acceptance: the field report's listing with only the DAG's
// name gives one fail (the alias) and does not fail the standalone server.
func TestOMNI001NamesOnlyFieldReport(t *testing.T) {
	inv := inventory.New()
	withListing(t, inv, "field-report.txt")
	namesOnly(inv, []string{"customer-dag1.domain.tld"}, nil)
	res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"OMNI-001"}})
	fails := findings(res.Findings, "OMNI-001", Fail)
	if len(fails) != 1 || fails[0].Subject != "dag-backup.domain.tld" {
		t.Fatalf("fails = %+v", fails)
	}
	mustContain(t, fails[0].Detail, "DB01, DB03", `contains "dag"`, "--standalone dag-backup.domain.tld")
	warns := findings(res.Findings, "OMNI-001", Warn)
	if len(warns) != 1 || warns[0].Subject != "exchange-2010.domain.tld" {
		t.Fatalf("warns = %+v", warns)
	}
	mustContain(t, warns[0].Remediation, "--standalone exchange-2010.domain.tld", "Get-MailboxDatabase DB3")
	if res.ExitCode != ExitFail {
		t.Errorf("exit = %d", res.ExitCode)
	}
}

// Each source other than the directory moves an unknown client: a sign of
// a virtual client fails it, a physical host makes it an info, nothing
// leaves a warning.
func TestOMNI001NamesOnlySigns(t *testing.T) {
	listing := "Object Name                                        Object type\n" +
		"mbx-rr.corp.example:/5d3faa67-6fd9-493e-bf56-5044f75620a8/DB01 E2010\n" +
		"ex-old.corp.example:/25e0d4ac-5a63-4035-b718-09d07bbbba47/DB3 E2010\n"
	cell := func(lines ...string) *omni.Cell {
		c, err := omni.ParseCell(strings.NewReader(strings.Join(lines, "\n")+"\n"), "cell_info")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name   string
		dags   []string
		stand  []string
		setup  func(inv *inventory.Inventory)
		want   Status // for mbx-rr
		sign   string
		exOld  Status
		exSign string
	}{
		{name: "nothing known", dags: []string{"dag7.corp.example"}, want: Warn, exOld: Warn},
		{name: "cell virtual flag", dags: []string{"dag7.corp.example"}, want: Fail, sign: "virtual client (cell_info line 1)", exOld: Info, exSign: "installed components",
			setup: func(inv *inventory.Inventory) {
				inv.Cell = cell(`-host "mbx-rr.corp.example" -os "microsoft amd64 wNT-6.3-S" -virtual`,
					`-host "ex-old.corp.example" -os "microsoft amd64 wNT-6.1-S" -da A.09.08`)
			}},
		{name: "cell without components", dags: []string{"dag7.corp.example"}, want: Fail, sign: "no installed component", exOld: Warn,
			setup: func(inv *inventory.Inventory) {
				inv.Cell = cell(`-host "mbx-rr.corp.example" -os "microsoft amd64 wNT-6.3-S"`)
			}},
		{name: "DNS round robin", dags: []string{"dag7.corp.example"}, want: Fail, sign: "2 addresses (10.1.0.1, 10.1.0.2)", exOld: Warn,
			setup: func(inv *inventory.Inventory) {
				inv.DNS = append(inv.DNS, dnsName("mbx-rr.corp.example", "10.1.0.2", "10.1.0.1"), dnsName("ex-old.corp.example", "10.1.0.9"))
			}},
		{name: "sole other client", dags: []string{"dag7.corp.example"}, stand: []string{"ex-old.corp.example"}, want: Fail, sign: "only other client", exOld: Pass},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inv := inventory.New()
			l, err := omni.ParseListing(strings.NewReader(listing), "listing.txt")
			if err != nil {
				t.Fatal(err)
			}
			inv.Omnidb = l
			inv.AddSource(inventory.Source{Name: inventory.SourceOmnidb, Target: "listing.txt"})
			namesOnly(inv, c.dags, c.stand)
			if c.setup != nil {
				c.setup(inv)
			}
			got := map[string]Finding{}
			for _, f := range Run(inv, Catalogue(testKB(t)), Options{Only: []string{"OMNI-001"}}).Findings {
				got[f.Subject] = f
			}
			rr, old := got["mbx-rr.corp.example"], got["ex-old.corp.example"]
			if rr.Status != c.want || !strings.Contains(rr.Detail, c.sign) {
				t.Errorf("mbx-rr: %s %q, want %s with %q", rr.Status, rr.Detail, c.want, c.sign)
			}
			if old.Status != c.exOld || !strings.Contains(old.Detail, c.exSign) {
				t.Errorf("ex-old: %s %q, want %s with %q", old.Status, old.Detail, c.exOld, c.exSign)
			}
		})
	}
}
