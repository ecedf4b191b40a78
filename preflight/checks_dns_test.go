package preflight

import (
	"sort"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/inventory"
)

func ipLessDAG(name string, nodes ...string) dag.DAG {
	d := dag.DAG{Name: name, FQDN: name + ".lab.tld", IPLess: true, IPMode: dag.ModeIPLess, Origin: "ldap"}
	for i, ip := range nodes {
		d.Members = append(d.Members, dag.Member{Name: strings.ToUpper(name) + string(rune('A'+i)), FQDN: strings.ToLower(name) + string(rune('a'+i)) + ".lab.tld", IPs: []string{ip}})
	}
	return d
}

func answers(name string, perServer ...[]string) dnscheck.NameResult {
	r := dnscheck.NameResult{Name: name, Zone: "lab.tld"}
	for i, ips := range perServer {
		sa := dnscheck.ServerAnswer{Server: "127.0.0." + string(rune('1'+i)) + ":53", Rcode: "NOERROR", AA: true, A: ips, TTL: 900}
		if ips == nil {
			sa.Rcode = "NXDOMAIN"
		}
		r.Servers = append(r.Servers, sa)
	}
	return r
}

// The DNS issue's acceptance lab: a DAG missing one node IP, one with a
// stale extra IP, one with no record but an alias carrying its node set,
// a static-IP DAG and a correct one.
func TestDNSAcceptance(t *testing.T) {
	inv := inventory.New()
	inv.AD = &inventory.AD{Server: "lab"}
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "lab"})
	inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "lab"})
	static := dag.DAG{Name: "static", FQDN: "static.lab.tld", IPMode: dag.ModeStatic, IPv4: []string{"10.9.0.50"}, Origin: "ldap",
		Members: []dag.Member{{Name: "S1", FQDN: "s1.lab.tld", IPs: []string{"10.9.0.11"}}}}
	inv.DAGs = []dag.DAG{
		ipLessDAG("missing", "10.1.0.11", "10.1.0.12"),
		ipLessDAG("stale", "10.2.0.11", "10.2.0.12"),
		ipLessDAG("aliased", "10.3.0.11", "10.3.0.12"),
		static,
		ipLessDAG("good", "10.5.0.11", "10.5.0.12"),
	}
	three := func(name string, ips []string) dnscheck.NameResult { return answers(name, ips, ips, ips) }
	inv.DNS = []dnscheck.NameResult{
		three("missing.lab.tld", []string{"10.1.0.11"}),
		three("stale.lab.tld", []string{"10.2.0.11", "10.2.0.12", "10.2.0.99"}),
		three("aliased.lab.tld", nil),
		three("dag-backup.lab.tld", []string{"10.3.0.11", "10.3.0.12"}),
		three("static.lab.tld", []string{"10.9.0.50"}),
		three("good.lab.tld", []string{"10.5.0.12", "10.5.0.11"}),
	}
	res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"DNS-001", "DNS-002", "DNS-003", "DNS-004"}})
	var got []string
	for _, f := range res.Findings {
		if f.Status != Pass {
			got = append(got, f.ID+" "+string(f.Status)+" "+f.Subject)
		}
	}
	sort.Strings(got)
	want := []string{
		"DNS-001 fail aliased.lab.tld",
		"DNS-002 fail missing.lab.tld",
		"DNS-002 info aliased.lab.tld",
		"DNS-002 warn stale.lab.tld",
		"DNS-004 warn aliased.lab.tld",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range res.Findings {
		switch {
		case f.ID == "DNS-002" && f.Status == Fail:
			mustContain(t, f.Detail, "10.1.0.12 (missingb.lab.tld)")
			mustContain(t, f.Remediation, "Add-DnsServerResourceRecordA -ZoneName lab.tld -Name missing -IPv4Address 10.1.0.12", "dnscmd /RecordAdd lab.tld missing A 10.1.0.12")
		case f.ID == "DNS-002" && f.Status == Warn:
			mustContain(t, f.Detail, "10.2.0.99")
			mustContain(t, f.Remediation, "Remove-DnsServerResourceRecord -ZoneName lab.tld -RRType A -Name stale -RecordData 10.2.0.99 -Force")
		case f.ID == "DNS-001" && f.Status == Fail:
			mustContain(t, f.Remediation, "-Name aliased -IPv4Address 10.3.0.11", "-Name aliased -IPv4Address 10.3.0.12")
			if f.Evidence["alias_with_node_set"] != "dag-backup.lab.tld" {
				t.Errorf("DNS-001 must cite the alias: %v", f.Evidence)
			}
		case f.ID == "DNS-004" && f.Status == Warn:
			mustContain(t, f.Detail, "dag-backup.lab.tld carries the node set of DAG aliased")
		}
	}
	if res.ExitCode != ExitFail {
		t.Errorf("exit %d", res.ExitCode)
	}
}

// One of three servers dead: the others are judged, the dead one is an
// error finding; servers that disagree are DNS-003.
func TestDNSDeadAndDisagreeing(t *testing.T) {
	inv := inventory.New()
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "lab"})
	inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "lab"})
	inv.DAGs = []dag.DAG{ipLessDAG("good", "10.5.0.11", "10.5.0.12"), ipLessDAG("lag", "10.6.0.11", "10.6.0.12")}
	good := answers("good.lab.tld", []string{"10.5.0.11", "10.5.0.12"}, []string{"10.5.0.11", "10.5.0.12"}, nil)
	good.Servers[2] = dnscheck.ServerAnswer{Server: "127.0.0.3:53", Error: "no answer within 1s"}
	inv.DNS = []dnscheck.NameResult{good, answers("lag.lab.tld", []string{"10.6.0.11", "10.6.0.12"}, []string{"10.6.0.11"})}
	res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"DNS-001", "DNS-003"}})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.ID+" "+string(f.Status)+" "+f.Subject)
	}
	want := "DNS-001 error good.lab.tld|DNS-001 pass good.lab.tld|DNS-001 pass lag.lab.tld|DNS-003 pass good.lab.tld|DNS-003 warn lag.lab.tld"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestDAGChecks(t *testing.T) {
	inv := inventory.New()
	inv.AD = &inventory.AD{Server: "lab"}
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "lab"})
	inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "lab"})
	empty := dag.DAG{Name: "empty", FQDN: "empty.lab.tld", IPMode: dag.ModeIPLess, Origin: "ldap"}
	odd := ipLessDAG("odd", "10.7.0.11")
	odd.IPMode, odd.IPv4 = dag.ModeInconsistent, []string{"10.7.0.50"}
	unresolved := ipLessDAG("unres", "10.8.0.11")
	unresolved.Members[0].IPs, unresolved.Members[0].ResolveErr = nil, "NXDOMAIN"
	inv.DAGs = []dag.DAG{empty, odd, unresolved}
	res := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"DAG-001", "DAG-002"}})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.ID+" "+string(f.Status)+" "+f.Subject)
	}
	want := "DAG-001 info empty.lab.tld|DAG-001 warn odd.lab.tld|DAG-001 info unres.lab.tld|DAG-002 warn empty.lab.tld|DAG-002 pass odd.lab.tld|DAG-002 warn unres.lab.tld"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestAD001(t *testing.T) {
	inv := inventory.New()
	inv.AD = &inventory.AD{Server: "ldaps://dc1", NoExchange: true}
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "ldaps://dc1", Error: "no Exchange organisation"})
	if f := checkAD001(inv, specAD001); f[0].Status != Fail {
		t.Errorf("no Exchange: %+v", f)
	}
	inv = inventory.New()
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "ldaps://dc1", Error: "ldaps://dc1: bind: invalid credentials"})
	if f := checkAD001(inv, specAD001); f[0].Status != Error || !strings.Contains(f[0].Detail, "invalid credentials") {
		t.Errorf("bind failure: %+v", f)
	}
}

// A server that answers without the AA flag is not authoritative: its
// answer may be stale, and DNS-003 says so even when the sets agree.
// Records a server sent for names not asked show in the evidence.
func TestDNSNotAuthoritativeAndStray(t *testing.T) {
	inv := inventory.New()
	inv.AddSource(inventory.Source{Name: inventory.SourceLDAP, Target: "lab"})
	inv.AddSource(inventory.Source{Name: inventory.SourceDNS, Target: "lab"})
	inv.DAGs = []dag.DAG{ipLessDAG("good", "10.5.0.11", "10.5.0.12")}
	r := answers("good.lab.tld", []string{"10.5.0.11", "10.5.0.12"}, []string{"10.5.0.11", "10.5.0.12"}, []string{"10.5.0.11", "10.5.0.12"})
	r.Servers[1].AA = false
	r.Servers[2].Stray = []string{"evil.lab.tld.\t900\tIN\tA\t192.0.2.66"}
	inv.DNS = []dnscheck.NameResult{r}
	fs := Run(inv, Catalogue(testKB(t)), Options{Only: []string{"DNS-003"}}).Findings
	if len(fs) != 1 || fs[0].Status != Warn {
		t.Fatalf("findings: %+v", fs)
	}
	mustContain(t, fs[0].Detail, r.Servers[1].Server+" answered for good.lab.tld without the AA flag")
	ans := fs[0].Evidence["answers"].(map[string]string)
	mustContain(t, ans[r.Servers[1].Server], "not authoritative")
	mustContain(t, ans[r.Servers[2].Server], "ignored 1 record(s) for names not asked: evil.lab.tld.")
}
