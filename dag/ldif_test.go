package dag_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/lab"
)

// The LDIF path and the LDAP path build the same inventory.
func TestLDIFMatchesLDAP(t *testing.T) {
	spec := lab.AcceptanceSpec()
	entries, err := spec.Entries()
	if err != nil {
		t.Fatal(err)
	}
	text, err := lab.LDIF(entries)
	if err != nil {
		t.Fatal(err)
	}
	fromLDIF, err := dag.ReadLDIF(strings.NewReader(text), "export.ldf")
	if err != nil {
		t.Fatal(err)
	}
	srv := startLab(t, spec, lab.LDAPOptions{AllowAnonymous: true})
	res, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(stripOrigin(fromLDIF))
	b, _ := json.Marshal(stripOrigin(res.Directory))
	if string(a) != string(b) {
		t.Errorf("LDIF and LDAP differ:\n%s\n%s", a[:min(len(a), 600)], b[:min(len(b), 600)])
	}
}

func stripOrigin(d *dag.Directory) *dag.Directory {
	for i := range d.DAGs {
		d.DAGs[i].Origin = ""
	}
	for i := range d.Standalone {
		d.Standalone[i].Origin = ""
	}
	return d
}

// An ldifde export: changetype add, folded lines, base64 GUIDs, UTF-16.
func TestLDIFDEFixture(t *testing.T) {
	for _, name := range []string{"ldifde-field-report.ldf", "ldifde-field-report-utf16.ldf"} {
		f, err := os.Open(filepath.Join("..", "testdata", "ad", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := dag.ReadLDIF(f, name)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(d.DAGs) != 1 {
			t.Fatalf("%s: %+v", name, d)
		}
		g := d.DAGs[0]
		if g.Name != "customer-dag1" || g.FQDN != "customer-dag1.domain.tld" || !g.IPLess || len(g.Members) != 2 {
			t.Errorf("%s: DAG %+v", name, g)
		}
		var dbs []string
		for _, db := range g.Databases {
			dbs = append(dbs, db.Name+"="+db.GUID)
		}
		if strings.Join(dbs, " ") != "DB01=5d3faa67-6fd9-493e-bf56-5044f75620a8 DB03=c7982a7e-76cd-4759-9d03-019c0c410957" {
			t.Errorf("%s: databases %v", name, dbs)
		}
		if len(d.Standalone) != 1 || d.Standalone[0].Databases[0].GUID != "25e0d4ac-5a63-4035-b718-09d07bbbba47" {
			t.Errorf("%s: standalone %+v", name, d.Standalone)
		}
	}
}

func TestLDIFErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "no LDIF entries",
		"dn: CN=x,DC=a\ncn: x\n":            "no Exchange objects",
		"dn: CN=x,DC=a\nobjectGUID:: !!!\n": "bad.ldf",
	} {
		_, err := dag.ReadLDIF(strings.NewReader(in), "bad.ldf")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "bad.ldf") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// An LDIF must never make dpgre read a local file or a URL.
func TestLDIFRefusesURLValues(t *testing.T) {
	for _, in := range []string{
		"dn: CN=x,DC=a\ncn:< file:///etc/passwd\n",
		"dn: CN=x,DC=a\ncn:\n < file:///dev/zero\n",
		"dn: CN=x,DC=a\nobjectClass: msExchPrivateMDB\nmsExchEDBFile:< file:///dev/stdin\n",
	} {
		_, err := dag.ReadLDIF(strings.NewReader(in), "evil.ldf")
		if err == nil || !strings.Contains(err.Error(), "URL value") || !strings.Contains(err.Error(), "evil.ldf:") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// Folded lines are unfolded before parsing; errors still name the file's
// physical line, not the parser's count of logical lines.
func TestLDIFFoldedLines(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "ad", "ldifde-field-report.ldf"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := dag.ReadLDIF(strings.NewReader(string(raw)), "plain.ldf")
	if err != nil {
		t.Fatal(err)
	}
	// Refold every line at 7 characters: DNs, names and base64 GUIDs are
	// all cut mid-value.
	var folded strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n") {
		folded.WriteString(line[:min(7, len(line))])
		for rest := line[min(7, len(line)):]; rest != ""; rest = rest[min(6, len(rest)):] {
			folded.WriteString("\n " + rest[:min(6, len(rest))])
		}
		folded.WriteString("\n")
	}
	got, err := dag.ReadLDIF(strings.NewReader(folded.String()), "folded.ldf")
	if err != nil {
		t.Fatal(err)
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) || len(want.DAGs) == 0 || len(want.DAGs[0].Databases) == 0 {
		t.Fatalf("folded export reads differently:\n%s\nvs\n%s", gj, wj)
	}
	for in, want := range map[string]string{
		// The bad value is on physical line 8 (logical line 6).
		"dn: CN=x,\n DC=a\nobjectClass: msExch\n PrivateMDB\n\ndn: CN=y,DC=a\ncn: y\nobjectGUID:: !!!\n": "bad.ldf:8: illegal base64",
		// The entry ends at the blank physical line 9.
		"dn: CN=x,\n DC=a\nobjectClass: msExch\n PrivateMDB\n\ndn: CN=y,DC=a\ncn: y\nobjectGUID:: !!!\n\ndn: CN=z,DC=a\n": "bad.ldf:9: illegal base64",
		// A URL marker folded onto the next line starts at line 2.
		"dn: CN=x,DC=a\ncn:\n < file:///dev/zero\n": "bad.ldf:2: attribute \"cn\" has a URL value",
	} {
		if _, err := dag.ReadLDIF(strings.NewReader(in), "bad.ldf"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

// go-ldap/ldif joins folded lines by string concatenation (quadratic); the
// guard unfolds them first. A 1 MB value folded over 60,000 lines.
func BenchmarkReadLDIFFoldedValue(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("dn: CN=DB01,DC=a\nobjectClass: msExchPrivateMDB\nobjectGUID:: Z6r6XdlvPkm/VlBE91YgqA==\ndescription: x\n")
	for range 60000 {
		sb.WriteString(" 0123456789abcdef\n")
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := dag.ReadLDIF(strings.NewReader(in), "big.ldf"); err != nil {
			b.Fatal(err)
		}
	}
}
