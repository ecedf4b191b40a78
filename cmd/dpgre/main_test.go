package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/report"
)

type result struct {
	code           int
	stdout, stderr string
}

func dpgre(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"dpgre"}, args...), strings.NewReader(""), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func td(p ...string) string { return filepath.Join(append([]string{"..", "..", "testdata"}, p...)...) }

func jsonDoc(t *testing.T, r result) report.Document {
	t.Helper()
	var d report.Document
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("not JSON (%v): %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return d
}

func statuses(d report.Document, id string) []string {
	var out []string
	for _, f := range d.Findings {
		if f.ID == id {
			out = append(out, string(f.Status)+" "+f.Subject)
		}
	}
	return out
}

// The acceptance command as written, and with the standalone server
// named: one OMNI-001 fail, for the alias, naming DB01 and DB03; exit 2.
func TestOmnidbScanAcceptance(t *testing.T) {
	runs := []struct {
		extra []string
		want  string
	}{
		{nil, "fail dag-backup.domain.tld; warn exchange-2010.domain.tld"},
		{[]string{"--standalone", "exchange-2010.domain.tld"}, "fail dag-backup.domain.tld; pass exchange-2010.domain.tld"},
	}
	for _, file := range []string{"field-report.txt", "field-report-utf16le.txt"} {
		for _, run := range runs {
			args := append([]string{"omnidb", "scan", td("omnidb", file), "--dag", "customer-dag1.domain.tld", "--format", "json"}, run.extra...)
			r := dpgre(t, args...)
			if r.code != 2 {
				t.Fatalf("%s: exit %d, stderr %s", file, r.code, r.stderr)
			}
			if got := strings.Join(statuses(jsonDoc(t, r), "OMNI-001"), "; "); got != run.want {
				t.Errorf("%s %v: OMNI-001 = %s, want %s", file, run.extra, got, run.want)
			}
		}
		r := dpgre(t, "omnidb", "scan", td("omnidb", file), "--dag", "customer-dag1.domain.tld", "--format", "json")
		d := jsonDoc(t, r)
		for _, f := range d.Findings {
			if f.ID != "OMNI-001" && f.ID != "OMNI-002" && f.ID != "OMNI-003" {
				t.Errorf("omnidb scan ran %s", f.ID)
			}
			if f.ID == "OMNI-001" && f.Status == "fail" {
				dbs, _ := json.Marshal(f.Evidence["databases"])
				if string(dbs) != `["DB01","DB03"]` {
					t.Errorf("databases %s", dbs)
				}
			}
		}
		if d.Sources[0].SHA256 == "" {
			t.Error("input hash missing")
		}
	}
}

func TestOmnidbScanTextAndStdin(t *testing.T) {
	b, err := os.ReadFile(td("omnidb", "field-report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"dpgre", "omnidb", "scan", "-", "--dag", "customer-dag1", "--no-color"}, bytes.NewReader(b), &out, &errb)
	if code != 2 || !strings.Contains(out.String(), "VERDICT: CRITICAL") || !strings.Contains(out.String(), "<stdin>") {
		t.Errorf("exit %d\n%s\n%s", code, out.String(), errb.String())
	}
}

func TestOmnircLint(t *testing.T) {
	r := dpgre(t, "omnirc", "lint", td("omnirc", "lint-acceptance"), "--format", "json")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	d := jsonDoc(t, r)
	if s := statuses(d, "RC-001"); len(s) != 1 || !strings.HasPrefix(s[0], "warn") {
		t.Errorf("RC-001: %v", s)
	}
	var sawSuggestion bool
	for _, f := range d.Findings {
		if f.ID == "RC-002" && f.Evidence["suggestion"] == "OB2DBG" {
			sawSuggestion = true
		}
	}
	if !sawSuggestion {
		t.Error("OB2DGB must be answered with OB2DBG")
	}

	r = dpgre(t, "omnirc", "lint", td("omnirc", "random.bin"))
	if r.code != 3 || !strings.Contains(r.stdout, "random.bin") || !strings.Contains(r.stdout, "not an omnirc text file") {
		t.Errorf("binary input: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = dpgre(t, "omnirc", "lint", td("omnirc", "does-not-exist"))
	if r.code != 3 || !strings.Contains(r.stdout, "no such file") {
		t.Errorf("missing file: exit %d\n%s", r.code, r.stdout)
	}
}

func TestPatches(t *testing.T) {
	r := dpgre(t, "patches", td("patches", "907-no-hotfix.txt"), "--format", "json")
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	d := jsonDoc(t, r)
	if s := statuses(d, "DP-001"); len(s) != 1 || !strings.HasPrefix(s[0], "fail") {
		t.Errorf("DP-001: %v", s)
	}
	named := false
	for _, f := range d.Findings {
		if f.ID == "DP-002" && f.Status == "warn" && strings.Contains(f.Remediation, "QCCR2A69802") {
			named = true
		}
	}
	if !named {
		t.Error("DP-002 must name hotfix QCCR2A69802")
	}
	if d.KB.Version == "" {
		t.Error("report must carry the KB version")
	}
}

func TestKB(t *testing.T) {
	r := dpgre(t, "kb")
	if r.code != 0 || !strings.Contains(r.stdout, "QCCR2A69802") || !strings.Contains(r.stdout, "9.08") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = dpgre(t, "kb", "--format", "json")
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil || m["version"] == nil {
		t.Errorf("kb json: %v %s", err, r.stdout)
	}
	bad := filepath.Join(t.TempDir(), "kb.yaml")
	os.WriteFile(bad, []byte("version: x\n"), 0o644)
	if r := dpgre(t, "kb", "--kb", bad); r.code != 64 || !strings.Contains(r.stderr, "kb.yaml") {
		t.Errorf("bad kb: exit %d %s", r.code, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--no-such-flag"},
		{"check", "stray-arg"},
		{"omnidb", "scan"},
		{"omnidb", "scan", "a", "b"},
		{"check", "--format", "pdf"},
		{"check", "--log-level", "loud"},
		{"check", "--bind-password", "secret"},
	} {
		r := dpgre(t, args...)
		if r.code != 64 {
			t.Errorf("%v: exit %d, want 64 (%s)", args, r.code, r.stderr)
		}
		if strings.Contains(r.stderr+r.stdout, "secret") {
			t.Errorf("%v: echoed a secret", args)
		}
	}
}

func TestConfigFileAndEnv(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "dpgre.yaml")
	os.WriteFile(cfg, []byte("omnidb: "+td("omnidb", "field-report.txt")+"\ndag: [customer-dag1.domain.tld]\nstandalone:\n  - exchange-2010.domain.tld\nformat: json\n"), 0o644)
	r := dpgre(t, "check", "--config", cfg)
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if s := statuses(jsonDoc(t, r), "OMNI-001"); len(s) != 2 {
		t.Errorf("config values not applied: %v", s)
	}

	t.Setenv("DPGRE_FORMAT", "text")
	r = dpgre(t, "check", "--config", cfg)
	if !strings.Contains(r.stdout, "VERDICT") {
		t.Errorf("DPGRE_FORMAT must win over the config file: %s", r.stdout)
	}
	r = dpgre(t, "check", "--config", cfg, "--format", "json")
	jsonDoc(t, r) // the flag wins over the environment

	os.WriteFile(cfg, []byte("omnidbb: x\n"), 0o644)
	if r := dpgre(t, "check", "--config", cfg); r.code != 64 || !strings.Contains(r.stderr, "dpgre.yaml:1") || !strings.Contains(r.stderr, "omnidb") {
		t.Errorf("typo in config: exit %d %s", r.code, r.stderr)
	}
	os.WriteFile(cfg, []byte("bind-password: hunter2\n"), 0o644)
	if r := dpgre(t, "check", "--config", cfg); r.code != 64 || strings.Contains(r.stderr, "hunter2") {
		t.Errorf("password in config: exit %d %s", r.code, r.stderr)
	}
}

func TestReportTargets(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := dpgre(t, "omnidb", "scan", td("omnidb", "field-report.txt"), "--dag", "customer-dag1.domain.tld", "--report", "json="+out, "--report", "text")
	if r.code != 2 || !strings.Contains(r.stdout, "VERDICT") {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !json.Valid(b) {
		t.Errorf("json report file: %v", err)
	}
}

func TestDemo(t *testing.T) {
	r := dpgre(t, "demo", "--format", "json")
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	d := jsonDoc(t, r)
	if s := statuses(d, "OMNI-001"); len(s) == 0 || !strings.HasPrefix(s[0], "fail dag-backup.domain.tld") {
		t.Errorf("demo must show the GRE mismatch: %v", s)
	}
}

func TestInterspersed(t *testing.T) {
	app := newApp(&env{})
	got := strings.Join(interspersed(app, []string{"dpgre", "omnidb", "scan", "f.txt", "--dag", "x", "--no-color", "--format=json"}), " ")
	if got != "dpgre omnidb scan --dag x --no-color --format=json f.txt" {
		t.Errorf("got %s", got)
	}
}
