package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bind password never appears: not at --log-level debug, not in any
// report format, not in a saved inventory, not in error messages. It comes
// from a file or DPGRE_BIND_PASSWORD, never from a flag.
func TestPasswordNeverLeaks(t *testing.T) {
	flags, _ := fieldLab(t, nil)
	const pw = "Lab-Passw0rd!"
	dir := t.TempDir()
	var files []string
	args := []string{"check", "--log-level", "debug", "--omnidb", td("omnidb", "field-report.txt"), "--save", filepath.Join(dir, "inv.json")}
	for _, f := range []string{"json", "junit", "markdown", "html", "nagios", "prometheus", "fixplan", "text"} {
		p := filepath.Join(dir, "r."+f)
		files = append(files, p)
		args = append(args, "--report", f+"="+p)
	}
	files = append(files, filepath.Join(dir, "inv.json"))
	r := dpgre(t, append(args, flags...)...)
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	all := r.stdout + r.stderr
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all += string(b)
	}
	if strings.Contains(all, pw) {
		t.Error("the password appears in dpgre's output")
	}

	// From the environment, with a wrong password: the error does not echo it.
	var noFile []string
	for i := 0; i < len(flags); i++ {
		if flags[i] == "--bind-password-file" {
			i++
			continue
		}
		noFile = append(noFile, flags[i])
	}
	t.Setenv("DPGRE_BIND_PASSWORD", "Wr0ng-Secret-42")
	r = dpgre(t, append([]string{"dag", "list", "--log-level", "debug"}, noFile...)...)
	if r.code != 3 || !strings.Contains(r.stderr, "invalid credentials") || strings.Contains(r.stdout+r.stderr, "Wr0ng-Secret-42") {
		t.Errorf("wrong password: exit %d\n%s", r.code, r.stderr)
	}
	t.Setenv("DPGRE_BIND_PASSWORD", pw)
	if r := dpgre(t, append([]string{"dag", "list"}, noFile...)...); r.code != 0 {
		t.Errorf("password from the environment: exit %d %s", r.code, r.stderr)
	}
}

func TestNoPasswordFlag(t *testing.T) {
	for _, f := range []string{"--bind-password", "--password", "--bind-pw"} {
		if r := dpgre(t, "dag", "list", "--ldap-url", "ldaps://x", f, "s3cret"); r.code != 64 || strings.Contains(r.stderr, "s3cret") {
			t.Errorf("%s: exit %d %s", f, r.code, r.stderr)
		}
	}
}
