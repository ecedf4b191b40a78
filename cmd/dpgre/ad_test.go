package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/lab"
)

// fieldLab starts the field report's directory (LDAPS) and three DNS
// servers for domain.tld, and returns the flags that point at them.
func fieldLab(t *testing.T, edit func(i int, z *lab.Zone)) (flags []string, dns lab.DNSGroup) {
	t.Helper()
	sc, err := lab.LoadScenario(lab.FieldReport)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := lab.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := sc.AD.Entries()
	if err != nil {
		t.Fatal(err)
	}
	ldapSrv, err := lab.StartLDAP(entries, lab.AttrNames(), lab.LDAPOptions{LDAPS: true, CA: ca, RootDSE: sc.AD.RootDSE(),
		Users: map[string]string{"admin@domain.tld": "Lab-Passw0rd!"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ldapSrv.Close() })
	srvs, err := lab.StartDNSGroup(3, nil, func(i int) []*lab.Zone {
		z := sc.Zone()
		if edit != nil {
			edit(i, z)
		}
		return []*lab.Zone{z}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srvs.Close)
	dir := t.TempDir()
	caPath, pwPath := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "pw")
	os.WriteFile(caPath, ca.PEM, 0o644)
	os.WriteFile(pwPath, []byte("Lab-Passw0rd!\n"), 0o600)
	flags = []string{"--ldap-url", ldapSrv.URL, "--ca-file", caPath, "--bind-user", "admin@domain.tld", "--bind-password-file", pwPath}
	for _, a := range srvs.Addrs() {
		flags = append(flags, "--dns-server", a)
	}
	return flags, srvs
}

func TestDagList(t *testing.T) {
	flags, _ := fieldLab(t, nil)
	r := dpgre(t, append([]string{"dag", "list", "--format", "json"}, flags...)...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		DAGs []struct {
			Name, FQDN string
			IPLess     bool `json:"ip_less"`
			Members    []struct {
				FQDN string
				IPs  []string
			}
			Databases []struct{ Name, GUID string }
		} `json:"dags"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.DAGs) != 1 || out.DAGs[0].FQDN != "customer-dag1.domain.tld" || !out.DAGs[0].IPLess ||
		len(out.DAGs[0].Members) != 2 || strings.Join(out.DAGs[0].Members[1].IPs, ",") != "10.0.0.12" {
		t.Errorf("%s", r.stdout)
	}
	r = dpgre(t, append([]string{"dag", "list"}, flags...)...)
	if r.code != 0 || !strings.Contains(r.stdout, "ex1.domain.tld (10.0.0.11)") {
		t.Errorf("table:\n%s\n%s", r.stdout, r.stderr)
	}
}

// A hung directory: dag list --timeout 3s ends within 4 s with exit 3 and a
// message naming the server and the operation.
func TestDagListHungServer(t *testing.T) {
	hung, err := lab.StartHungServer()
	if err != nil {
		t.Fatal(err)
	}
	defer hung.Close()
	start := time.Now()
	r := dpgre(t, "dag", "list", "--ldap-url", "ldap://"+hung.Addr, "--timeout", "3s")
	if el := time.Since(start); el > 4*time.Second {
		t.Errorf("took %s", el)
	}
	if r.code != 3 || !strings.Contains(r.stderr, hung.Addr) || !strings.Contains(r.stderr, "rootDSE search") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// check with a hung directory: the files are judged anyway, the checks that
// needed AD say why they could not run, and the run ends within its
// per-source timeout — the collectors run side by side, not one after the
// other.
func TestCheckWithHungDirectory(t *testing.T) {
	hung, err := lab.StartHungServer()
	if err != nil {
		t.Fatal(err)
	}
	defer hung.Close()
	start := time.Now()
	r := dpgre(t, "check", "--ldap-url", "ldap://"+hung.Addr, "--timeout", "2s", "--format", "json",
		"--omnidb", td("omnidb", "field-report.txt"), "--omnirc", td("omnirc", "lint-acceptance"),
		"--patches", td("patches", "907-no-hotfix.txt"))
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("took %s with a 2 s timeout", el)
	}
	if r.code != 2 {
		t.Fatalf("exit %d (a DP-001 fail outranks the errors): %s", r.code, r.stderr)
	}
	d := jsonDoc(t, r)
	for id, want := range map[string]string{
		"AD-001":   "error ldap://" + hung.Addr,
		"OMNI-001": "error ldap://" + hung.Addr,
		"OMNI-003": "pass " + td("omnidb", "field-report.txt"),
		"RC-001":   "warn " + td("omnirc", "lint-acceptance"),
		"DP-001":   "fail " + td("patches", "907-no-hotfix.txt"),
	} {
		if got := strings.Join(statuses(d, id), "; "); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
}

func TestDNSVerify(t *testing.T) {
	flags, srvs := fieldLab(t, func(i int, z *lab.Zone) {
		z.A["customer-dag1.domain.tld"] = []string{"10.0.0.11", "10.0.0.12"}
	})
	var dnsFlags []string
	for _, a := range srvs.Addrs() {
		dnsFlags = append(dnsFlags, "--dns-server", a)
	}
	r := dpgre(t, append([]string{"dns", "verify", "--name", "customer-dag1.domain.tld", "--expect", "10.0.0.11,10.0.0.12"}, dnsFlags...)...)
	if r.code != 0 {
		t.Errorf("correct set: exit %d\n%s", r.code, r.stdout)
	}
	r = dpgre(t, append([]string{"dns", "verify", "--name", "customer-dag1.domain.tld", "--expect", "10.0.0.11", "--expect", "10.0.0.12,10.0.0.13"}, dnsFlags...)...)
	if r.code != 2 || !strings.Contains(r.stdout, "10.0.0.13") {
		t.Errorf("missing IP: exit %d\n%s", r.code, r.stdout)
	}
	// Expected set from AD.
	r = dpgre(t, append([]string{"dns", "verify", "--name", "customer-dag1.domain.tld", "--format", "json"}, flags...)...)
	if r.code != 0 {
		t.Errorf("from AD: exit %d\n%s", r.code, r.stdout)
	}
	// One of three servers dead: judged within timeout + 1 s, the dead one an error.
	srvs[2].SetMode(lab.DNSSilent)
	start := time.Now()
	r = dpgre(t, append([]string{"dns", "verify", "--name", "customer-dag1.domain.tld", "--expect", "10.0.0.11,10.0.0.12", "--timeout", "2s", "--format", "json"}, dnsFlags...)...)
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("took %s", el)
	}
	d := jsonDoc(t, r)
	var errs, passes int
	for _, f := range d.Findings {
		if f.ID == "DNS-001" && f.Status == "error" && strings.Contains(f.Detail, srvs[2].Addr) {
			errs++
		}
		if f.ID == "DNS-002" && f.Status == "pass" {
			passes++
		}
	}
	if errs != 1 || passes != 1 || r.code != 3 {
		t.Errorf("dead server: exit %d errors %d passes %d\n%s", r.code, errs, passes, r.stdout)
	}
	if r := dpgre(t, "dns", "verify", "--name", "x.tld", "--expect", "not-an-ip"); r.code != 64 {
		t.Errorf("bad --expect: exit %d", r.code)
	}
}

// The field report against the live lab: OMNI-001 names the DAG from the
// GUIDs, DNS-001 fails, DNS-004 finds the alias.
func TestCheckAgainstLab(t *testing.T) {
	flags, _ := fieldLab(t, nil)
	sc, _ := lab.LoadScenario(lab.FieldReport)
	dir := t.TempDir()
	paths, err := sc.WriteFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := dpgre(t, append([]string{"check", "--omnidb", paths.Listing, "--format", "json"}, flags...)...)
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("stderr must stay clean when it is no terminal (cron, monitoring): %q", r.stderr)
	}
	d := jsonDoc(t, r)
	got := map[string]string{}
	for _, f := range d.Findings {
		if f.Status == "fail" || f.Status == "warn" {
			got[f.ID] = f.Subject
		}
		if f.ID == "OMNI-001" && f.Status == "fail" && f.Evidence["dag"] != "customer-dag1.domain.tld" {
			t.Errorf("OMNI-001 must name the DAG: %v", f.Evidence)
		}
	}
	for id, subj := range map[string]string{"OMNI-001": "dag-backup.domain.tld", "DNS-001": "customer-dag1.domain.tld", "DNS-004": "customer-dag1.domain.tld"} {
		if got[id] != subj {
			t.Errorf("%s: %q, want %q (all: %v)", id, got[id], subj, got)
		}
	}
}
