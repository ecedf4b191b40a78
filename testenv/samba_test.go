//go:build integration

// Integration tests against the real Samba AD DC of testenv/samba-lab.sh.
// They run inside the lab's network namespace (make integration) and fail,
// never skip, when the lab is not there.
package testenv_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/secret"
	"github.com/dpgre/dpgre/lab"
)

func env(t *testing.T, k string) string {
	t.Helper()
	v := os.Getenv(k)
	if v == "" {
		t.Fatalf("%s is not set: run the integration tests with make integration (testenv/samba-lab.sh)", k)
	}
	return v
}

func password(t *testing.T) secret.Secret {
	b, err := os.ReadFile(env(t, "DPGRE_LAB_PWFILE"))
	if err != nil {
		t.Fatal(err)
	}
	return secret.New(strings.TrimSpace(string(b)))
}

func ldapsConfig(t *testing.T) dag.Config {
	return dag.Config{URL: "ldaps://" + env(t, "DPGRE_LAB_HOST"), CAFile: env(t, "DPGRE_LAB_CA"),
		BindUser: env(t, "DPGRE_LAB_ADMIN"), Password: password(t), Timeout: 20 * time.Second}
}

func TestLDAPSVerifiedExact(t *testing.T) {
	res, err := dag.Discover(context.Background(), ldapsConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range lab.IntegrationSpec().Differences(res.Directory) {
		t.Error(d)
	}
	if res.Searches != 3 || !res.RootDSE.Paging {
		t.Errorf("searches %d paging %v", res.Searches, res.RootDSE.Paging)
	}
}

func TestStartTLSAndPlainRefusal(t *testing.T) {
	cfg := ldapsConfig(t)
	cfg.URL, cfg.StartTLS = "ldap://"+env(t, "DPGRE_LAB_HOST"), true
	res, err := dag.Discover(context.Background(), cfg)
	if err != nil || len(res.Directory.DAGs) != 5 {
		t.Fatalf("StartTLS: %v", err)
	}
	cfg.StartTLS = false
	if _, err := dag.Discover(context.Background(), cfg); !errors.Is(err, dag.ErrPlainBind) {
		t.Errorf("plain simple bind must be refused before sending the password: %v", err)
	}
	// Without our CA the certificate is rejected.
	cfg = ldapsConfig(t)
	cfg.CAFile = ""
	if _, err := dag.Discover(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("unverified certificate accepted: %v", err)
	}
}

// Kerberos: a ticket from the lab's KDC, then a GSSAPI bind over LDAPS.
func TestKerberos(t *testing.T) {
	cc := filepath.Join(t.TempDir(), "ccache")
	kinit := exec.Command("kinit", "-c", cc, env(t, "DPGRE_LAB_ADMIN_PRINCIPAL"))
	kinit.Env = append(os.Environ(), "KRB5_CONFIG="+env(t, "DPGRE_LAB_KRB5"))
	kinit.Stdin = strings.NewReader(password(t).Reveal() + "\n")
	if out, err := kinit.CombinedOutput(); err != nil {
		t.Fatalf("kinit: %v: %s", err, out)
	}
	cfg := dag.Config{URL: "ldaps://" + env(t, "DPGRE_LAB_HOST"), CAFile: env(t, "DPGRE_LAB_CA"), Bind: dag.BindKerberos,
		Krb5Conf: env(t, "DPGRE_LAB_KRB5"), CCache: cc, Timeout: 20 * time.Second}
	res, err := dag.Discover(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Directory.DAGs) != 5 {
		t.Errorf("%d DAGs", len(res.Directory.DAGs))
	}
}

// DC discovery by SRV from the lab's DNS.
func TestSRVDiscovery(t *testing.T) {
	cfg := ldapsConfig(t)
	cfg.URL, cfg.Domain = "", env(t, "DPGRE_LAB_DOMAIN")
	res, err := dag.Discover(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Server, "ldaps://dc1.corp.example") {
		t.Errorf("answered by %s", res.Server)
	}
}

func highestUSN(t *testing.T) string {
	cfg := ldapsConfig(t)
	res, err := dag.Discover(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res.RootDSE.HighestUSN
}

func dpgre(t *testing.T, args ...string) (int, []byte) {
	t.Helper()
	cmd := exec.Command(env(t, "DPGRE_BIN"), args...)
	cmd.Dir = ".."
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out
}

func labFlags(t *testing.T) []string {
	return []string{"--ldap-url", "ldaps://" + env(t, "DPGRE_LAB_HOST"), "--ca-file", env(t, "DPGRE_LAB_CA"),
		"--bind-user", env(t, "DPGRE_LAB_ADMIN"), "--bind-password-file", env(t, "DPGRE_LAB_PWFILE")}
}

type finding struct {
	ID, Status, Subject string
	Evidence            map[string]any
}

// The end-to-end pre-flight against the independent lab: OMNI-001 exactly
// for the alias client naming its DAG, OMNI-002 exactly for the database
// without backup, DNS-001/DNS-004 for the alias-only DAG, nothing else,
// exit 2 — and AD unchanged (read-only).
func TestCheckEndToEndReadOnly(t *testing.T) {
	before := highestUSN(t)
	code, out := dpgre(t, append([]string{"check", "--omnidb", "testdata/omnidb/integration-listing.txt", "--format", "json"}, labFlags(t)...)...)
	if code != 2 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var doc struct{ Findings []finding }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, f := range doc.Findings {
		if f.Status == "fail" || f.Status == "warn" || f.Status == "error" {
			bad = append(bad, f.ID+" "+f.Status+" "+f.Subject)
		}
		if f.ID == "OMNI-001" && f.Status == "fail" && f.Evidence["dag"] != "dag01.corp.example" {
			t.Errorf("OMNI-001 must name dag01: %v", f.Evidence)
		}
	}
	want := "DNS-001 fail dag01.corp.example|DNS-004 warn dag01.corp.example|OMNI-001 fail dag01-backup.corp.example|OMNI-002 warn " + lab.IntegrationUnbacked
	if strings.Join(bad, "|") != want {
		t.Errorf("problems:\n %s\nwant\n %s", strings.Join(bad, "\n "), strings.ReplaceAll(want, "|", "\n "))
	}
	if after := highestUSN(t); after != before {
		t.Errorf("AD changed during the run: highestCommittedUSN %s -> %s", before, after)
	}
}

func TestDNSVerifyAgainstSamba(t *testing.T) {
	code, out := dpgre(t, append([]string{"dns", "verify", "--name", "dag03.corp.example"}, labFlags(t)...)...)
	if code != 0 {
		t.Errorf("dag03 from AD: exit %d\n%s", code, out)
	}
	code, out = dpgre(t, "dns", "verify", "--name", "dag03.corp.example", "--expect", "10.22.0.11,10.22.0.12,10.22.0.13,10.22.0.14,10.22.0.15")
	if code != 2 || !strings.Contains(string(out), "10.22.0.15") {
		t.Errorf("missing IP: exit %d\n%s", code, out)
	}
}

// The password never leaves: not in any output at debug level.
func TestNoPasswordInOutput(t *testing.T) {
	pw := password(t).Reveal()
	cmd := exec.Command(env(t, "DPGRE_BIN"), append([]string{"check", "--log-level", "debug", "--format", "json",
		"--omnidb", "testdata/omnidb/integration-listing.txt"}, labFlags(t)...)...)
	cmd.Dir = ".."
	out, _ := cmd.CombinedOutput()
	if strings.Contains(string(out), pw) {
		t.Error("the bind password appears in dpgre's output")
	}
}
