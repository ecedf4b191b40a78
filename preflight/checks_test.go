package preflight

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/inventory"
)

func namesOnly(inv *inventory.Inventory, dags, standalone []string) {
	for _, d := range dags {
		short, _, _ := strings.Cut(d, ".")
		fq := ""
		if strings.Contains(d, ".") {
			fq = d
		}
		inv.DAGs = append(inv.DAGs, dag.DAG{Name: short, FQDN: fq, Origin: "cli"})
	}
	for _, s := range standalone {
		inv.Standalone = append(inv.Standalone, dag.Standalone{Member: dag.Member{Name: s, FQDN: s}, Origin: "cli"})
	}
	inv.AddSource(inventory.Source{Name: inventory.SourceDAGFlag, Target: "cli"})
}

func TestOMNI001NamesOnly(t *testing.T) {
	for _, enc := range []string{"field-report.txt", "field-report-utf16le.txt"} {
		inv := inventory.New()
		withListing(t, inv, enc)
		namesOnly(inv, []string{"customer-dag1.domain.tld"}, []string{"exchange-2010.domain.tld"})
		res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"OMNI-001"}})
		fails := findings(res.Findings, "OMNI-001", Fail)
		if len(fails) != 1 || fails[0].Subject != "dag-backup.domain.tld" {
			t.Fatalf("%s: fails = %+v", enc, fails)
		}
		f := fails[0]
		mustContain(t, f.Detail, "DB01, DB03", "customer-dag1.domain.tld", "Either parsing of command builder output failed")
		mustContain(t, f.Remediation, "create the round-robin A record customer-dag1.domain.tld",
			"omnicc -export_host dag-backup.domain.tld", "-import_host customer-dag1.domain.tld", "new full backup")
		if len(findings(res.Findings, "OMNI-001", Pass)) != 1 || res.ExitCode != ExitFail {
			t.Errorf("%s: want a pass for the standalone server and exit 2: %+v", enc, res)
		}
	}
}

func TestOMNI001WithDirectory(t *testing.T) {
	inv := inventory.New()
	fieldReportAD(inv)
	withListing(t, inv, "field-report.txt")
	inv.DNS = append(inv.DNS, dnsName("dag-backup.domain.tld", "10.0.0.12", "10.0.0.11"))
	fs := runAll(t, inv).Findings
	fails := findings(fs, "OMNI-001", Fail)
	if len(fails) != 1 {
		t.Fatalf("fails = %+v", fails)
	}
	f := fails[0]
	if f.Subject != "dag-backup.domain.tld" || f.Evidence["dag"] != "customer-dag1.domain.tld" {
		t.Errorf("finding must name the alias client and the DAG: %+v", f)
	}
	if f.Evidence["alias_record"] != "dag-backup.domain.tld A 10.0.0.11, 10.0.0.12" {
		t.Errorf("alias record evidence: %v", f.Evidence["alias_record"])
	}
	mustContain(t, f.Remediation, "(10.0.0.11, 10.0.0.12)",
		"Add-DnsServerResourceRecordA -ZoneName domain.tld -Name customer-dag1 -IPv4Address 10.0.0.11")
	if p := findings(fs, "OMNI-001", Pass); len(p) != 1 || p[0].Subject != "exchange-2010.domain.tld" {
		t.Errorf("standalone server's own client is not OMNI-001: %+v", p)
	}
	warns := findings(fs, "OMNI-002", Warn)
	if len(warns) != 1 || warns[0].Subject != "DB02" {
		t.Errorf("OMNI-002 exactly for DB02: %+v", warns)
	}
}

func TestOMNI001CaseVariantAndShortNames(t *testing.T) {
	inv := inventory.New()
	withListing(t, inv, "crlf-1200.txt")
	namesOnly(inv, []string{"customer-dag1"}, nil)
	fs := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"OMNI-001", "OMNI-003"}}).Findings
	if len(fs) != 2 || fs[0].Status != Pass || fs[1].Status != Pass {
		t.Fatalf("findings = %+v", fs)
	}
	mustContain(t, fs[0].Detail, "1080 Exchange database(s)", "short name")
}

func TestOMNI003(t *testing.T) {
	inv := inventory.New()
	withListing(t, inv, "mixed-bad.txt")
	f := findings(runAll(t, inv).Findings, "OMNI-003", Warn)
	if len(f) != 1 {
		t.Fatalf("%+v", f)
	}
	probs := f[0].Evidence["problems"].([]string)
	if len(probs) != 4 || !strings.HasPrefix(probs[0], "mixed-bad.txt:3: ") {
		t.Errorf("problems must name file and line: %v", probs)
	}
}

func TestRCAcceptance(t *testing.T) {
	inv := inventory.New()
	withRC(t, inv, "lint-acceptance")
	res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"RC-001", "RC-002"}})
	if rc1 := findings(res.Findings, "RC-001", Warn); len(rc1) != 1 || rc1[0].Evidence["line"] != 2 {
		t.Errorf("RC-001: %+v", rc1)
	}
	var details []string
	for _, f := range findings(res.Findings, "RC-002", "") {
		details = append(details, string(f.Status)+": "+f.Detail)
	}
	all := strings.Join(details, "\n")
	mustContain(t, all,
		"warn: line 6 is malformed",
		"warn: OB2RECONNECT_ACK is set 2 times (lines 4, 5)",
		"warn: line 3: OB2DGB is not a known Data Protector variable: the agents ignore it; did you mean OB2DBG",
		"warn: line 7: spaces around '=' in OB2PORTRANGE",
		"warn: line 9: FOO_BAR is not a known",
		"info: line 8: OB2DNSCACHE")
	if res.ExitCode != ExitWarning {
		t.Errorf("exit = %d, want 1", res.ExitCode)
	}
}

func TestRC001States(t *testing.T) {
	for _, tc := range []struct {
		rc   string
		want Status
	}{
		{"OB2DBG=0\n", Pass},
		{"OB2DBG=1\nOB2DBG=0\n", Pass},
		{"OB2DBG=0\nOB2DBG=1\n", Warn},
		{"OB2DBG = 0\n", Warn},
		{"# nothing\n", Warn},
	} {
		inv := inventory.New()
		rc, err := omniRC(tc.rc)
		if err != nil {
			t.Fatal(err)
		}
		inv.Omnirc = rc
		inv.AddSource(inventory.Source{Name: inventory.SourceOmnirc, Target: "rc"})
		if fs := checkRC001(inv, specRC001); fs[0].Status != tc.want {
			t.Errorf("%q: %s, want %s (%s)", tc.rc, fs[0].Status, tc.want, fs[0].Detail)
		}
	}
}

func TestDP(t *testing.T) {
	for _, tc := range []struct {
		file   string
		dp001  Status
		dp002  map[Status]int
		hotfix bool // the warning names QCCR2A69802
	}{
		{"907-no-hotfix.txt", Fail, map[Status]int{Warn: 3, Info: 1}, true},
		{"907-hotfix.txt", Fail, map[Status]int{Warn: 1, Pass: 2, Info: 1}, false},
		{"909.txt", Pass, map[Status]int{Pass: 1}, false},
		{"keyvalue.txt", Pass, map[Status]int{Pass: 1}, false},
		{"1003-de.txt", Info, map[Status]int{Pass: 1}, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			inv := inventory.New()
			withPatches(t, inv, tc.file)
			fs := runAll(t, inv).Findings
			if f := findings(fs, "DP-001", ""); len(f) != 1 || f[0].Status != tc.dp001 {
				t.Errorf("DP-001 = %+v, want %s", f, tc.dp001)
			}
			got := map[Status]int{}
			named := false
			for _, f := range findings(fs, "DP-002", "") {
				got[f.Status]++
				if f.Status == Warn && strings.Contains(f.Detail, "QCCR2A69802") && strings.Contains(f.Remediation, "QCCR2A69802") {
					named = true
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.dp002) || named != tc.hotfix {
				t.Errorf("DP-002 statuses %v (want %v), names hotfix %v", got, tc.dp002, named)
			}
		})
	}
}

// The omnirc workaround of QCCR2A68100 turns its warning into info.
func TestDP002Workaround(t *testing.T) {
	inv := inventory.New()
	withPatches(t, inv, "907-hotfix.txt")
	withRC(t, inv, "clean")
	for _, f := range findings(runAll(t, inv).Findings, "DP-002", "") {
		if strings.Contains(f.Detail, "QCCR2A68100") && f.Status != Info {
			t.Errorf("OB2DBG=0 mitigates QCCR2A68100: %+v", f)
		}
	}
}

func TestGate(t *testing.T) {
	inv := inventory.New()
	inv.AddSource(inventory.Source{Name: inventory.SourceOmnidb, Target: "x.txt", Error: "x.txt: not an omnidb object listing"})
	res := runAll(t, inv)
	for _, f := range res.Findings {
		switch f.ID {
		case "OMNI-003":
			if f.Status != Error || f.Subject != "x.txt" || !strings.Contains(f.Detail, "not an omnidb") {
				t.Errorf("failed source must give an error finding: %+v", f)
			}
		case "RC-001", "DP-001":
			if f.Status != Skip || !strings.Contains(f.Detail, "--") {
				t.Errorf("missing input must give a skip naming the flag: %+v", f)
			}
		}
	}
	if res.ExitCode != ExitUnknown {
		t.Errorf("exit = %d, want 3", res.ExitCode)
	}
}

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		want int
	}{
		{Summary{}, 0},
		{Summary{Pass: 3, Info: 1, Skip: 2, Waived: 4}, 0},
		{Summary{Warn: 1}, 1},
		{Summary{Warn: 1, Error: 1}, 3},
		{Summary{Fail: 1, Error: 1, Warn: 1}, 2},
	} {
		if got := ExitCode(tc.s); got != tc.want {
			t.Errorf("%+v: %d, want %d", tc.s, got, tc.want)
		}
	}
}

type panicky struct{}

func (panicky) Spec() Spec                         { return Spec{ID: "X-001", Title: "x"} }
func (panicky) Run(*inventory.Inventory) []Finding { panic("boom") }

func TestRunnerRecovers(t *testing.T) {
	res := Run(inventory.New(), []Check{panicky{}}, Options{})
	if len(res.Findings) != 1 || res.Findings[0].Status != Error || !strings.Contains(res.Findings[0].Detail, "boom") {
		t.Errorf("%+v", res.Findings)
	}
}

func TestOptions(t *testing.T) {
	inv := fullInventory(t)
	res := Run(inv, Catalogue(testKB(t)), Options{Ignore: []string{"omni-001", "DP-002"}})
	for _, f := range res.Findings {
		if f.ID == "OMNI-001" || f.ID == "DP-002" {
			t.Errorf("ignored check ran: %s", f.ID)
		}
	}
}
