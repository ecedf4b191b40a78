package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// One run writes every format; save → from gives identical findings.
func TestAllFormatsAndSaveFrom(t *testing.T) {
	flags, _ := fieldLab(t, nil)
	dir := t.TempDir()
	out := func(n string) string { return filepath.Join(dir, n) }
	args := append([]string{"check", "--omnidb", td("omnidb", "field-report.txt"), "--save", out("inv.json"),
		"--report", "json=" + out("r.json"), "--report", "junit=" + out("r.xml"), "--report", "markdown=" + out("r.md"),
		"--report", "html=" + out("r.html"), "--report", "nagios=" + out("r.nagios"), "--report", "prometheus=" + out("r.prom"),
		"--report", "text"}, flags...)
	r := dpgre(t, args...)
	if r.code != 2 || !strings.Contains(r.stdout, "VERDICT") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, n := range []string{"inv.json", "r.json", "r.xml", "r.md", "r.html", "r.nagios", "r.prom"} {
		if fi, err := os.Stat(out(n)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", n, err)
		}
	}
	saved, _ := os.ReadFile(out("inv.json"))
	if strings.Contains(string(saved), "Lab-Passw0rd") {
		t.Error("the password is in the saved inventory")
	}
	r2 := dpgre(t, "report", "--from", out("inv.json"), "--format", "json")
	if r2.code != 2 {
		t.Fatalf("report --from: exit %d %s", r2.code, r2.stderr)
	}
	var a, b struct{ Findings []map[string]any }
	first, _ := os.ReadFile(out("r.json"))
	json.Unmarshal(first, &a)
	json.Unmarshal([]byte(r2.stdout), &b)
	if len(a.Findings) == 0 || !reflect.DeepEqual(a.Findings, b.Findings) {
		t.Errorf("findings differ after save → from:\n%v\n%v", a.Findings, b.Findings)
	}
	if r := dpgre(t, "report"); r.code != 64 {
		t.Errorf("report without --from: exit %d", r.code)
	}
	bad := out("bad.json")
	os.WriteFile(bad, []byte(`{"schema":"other"}`), 0o644)
	// A foreign or truncated inventory could not be evaluated: exit 3 (the
	// command line itself was right), with the file named.
	trunc := out("trunc.json")
	os.WriteFile(trunc, []byte(`{"schema":"dpgre.inventory/v1","dags":[{"name":`), 0o644)
	for _, f := range []string{bad, trunc} {
		if r := dpgre(t, "report", "--from", f); r.code != 3 || !strings.Contains(r.stderr, filepath.Base(f)) {
			t.Errorf("bad --from %s: exit %d %s", f, r.code, r.stderr)
		}
	}
}

func TestWaiversAndFixPlan(t *testing.T) {
	dir := t.TempDir()
	w := filepath.Join(dir, "waivers.yaml")
	os.WriteFile(w, []byte("- id: OMNI-001\n  subject: dag-backup.domain.tld\n  justification: re-import scheduled, CHG-42\n  expires: 2099-12-31\n"), 0o644)
	base := []string{"omnidb", "scan", td("omnidb", "field-report.txt"), "--dag", "customer-dag1.domain.tld", "--standalone", "exchange-2010.domain.tld"}
	r := dpgre(t, append(base, "--waivers", w, "--format", "json")...)
	if r.code != 0 {
		t.Fatalf("waived: exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, `"status": "waived"`) || !strings.Contains(r.stdout, "CHG-42") {
		t.Errorf("the waived finding must stay visible with its justification:\n%s", r.stdout)
	}
	r = dpgre(t, "fix-plan", "--omnidb", td("omnidb", "field-report.txt"), "--dag", "customer-dag1.domain.tld",
		"--patches", td("patches", "907-no-hotfix.txt"), "--omnirc", td("omnirc", "lint-acceptance"))
	if r.code != 2 || !strings.Contains(r.stdout, "remediation plan") || !strings.Contains(r.stdout, "omnicc -export_host dag-backup.domain.tld") ||
		!strings.Contains(r.stdout, "QCCR2A69802") {
		t.Errorf("fix-plan: exit %d\n%s", r.code, r.stdout)
	}
}

// The fix plan for an AD lab with a missing node IP and an alias-only DAG
// names the exact DNS commands and the DAG to re-import.
func TestFixPlanAgainstLab(t *testing.T) {
	flags, _ := fieldLab(t, nil)
	r := dpgre(t, append([]string{"fix-plan", "--omnidb", td("omnidb", "field-report.txt")}, flags...)...)
	for _, want := range []string{
		"Add-DnsServerResourceRecordA -ZoneName domain.tld -Name customer-dag1 -IPv4Address 10.0.0.11",
		"Add-DnsServerResourceRecordA -ZoneName domain.tld -Name customer-dag1 -IPv4Address 10.0.0.12",
		"omnicc -import_host customer-dag1.domain.tld",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("fix-plan lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Index(r.stdout, "== DNS") > strings.Index(r.stdout, "== Data Protector clients") {
		t.Error("DNS steps come first")
	}
}
