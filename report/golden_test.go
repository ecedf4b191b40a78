package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
	"github.com/dpgre/dpgre/patches"
	"github.com/dpgre/dpgre/preflight"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fieldReportDoc judges the field report's files (names-only DAG) with a
// fixed clock, as `dpgre check` would.
func fieldReportDoc(t *testing.T) *Document {
	t.Helper()
	inv := inventory.New()
	open := func(p ...string) *os.File {
		f, err := os.Open(filepath.Join(append([]string{"..", "testdata"}, p...)...))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var err error
	if inv.Omnidb, err = omni.ParseListing(open("omnidb", "field-report.txt"), "testdata/omnidb/field-report.txt"); err != nil {
		t.Fatal(err)
	}
	if inv.Omnirc, err = omni.ParseRC(open("omnirc", "lint-acceptance"), "testdata/omnirc/lint-acceptance"); err != nil {
		t.Fatal(err)
	}
	if inv.DataProtector, err = patches.Parse(open("patches", "907-no-hotfix.txt"), "testdata/patches/907-no-hotfix.txt"); err != nil {
		t.Fatal(err)
	}
	inv.DAGs = []dag.DAG{{Name: "customer-dag1", FQDN: "customer-dag1.domain.tld", IPv4: []string{}, Members: []dag.Member{}, Databases: []dag.Database{}, Origin: "cli"}}
	inv.Standalone = []dag.Standalone{{Member: dag.Member{Name: "exchange-2010", FQDN: "exchange-2010.domain.tld", IPs: []string{}}, Databases: []dag.Database{}, Origin: "cli"}}
	inv.Sources = []inventory.Source{
		{Name: "omnidb", Target: "testdata/omnidb/field-report.txt", SHA256: "sha-of-listing", DurationMS: 1},
		{Name: "omnirc", Target: "testdata/omnirc/lint-acceptance", SHA256: "sha-of-omnirc", DurationMS: 1},
		{Name: "patches", Target: "testdata/patches/907-no-hotfix.txt", SHA256: "sha-of-patches", DurationMS: 1},
		{Name: "dag-names", Target: "customer-dag1.domain.tld,exchange-2010.domain.tld"},
	}
	kb, err := patches.EmbeddedKB()
	if err != nil {
		t.Fatal(err)
	}
	res := preflight.Run(inv, preflight.Catalogue(kb), preflight.Options{})
	return New(Tool{Name: "dpgre", Version: "test"}, KBRef{Version: kb.Version, Date: kb.Date}, inv, res,
		time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update and review the diff)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run go test ./report -update and review git diff\n--- got ---\n%s", name, got)
	}
}

func TestGoldenText(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "text", fieldReportDoc(t), Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "field-report.txt", b.Bytes())
	if bytes.Contains(b.Bytes(), []byte("\x1b[")) {
		t.Error("no colour unless asked")
	}
}

func TestGoldenJSON(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "json", fieldReportDoc(t), Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "field-report.json", b.Bytes())
}

// The JSON contract of DESIGN.md §4: the top-level keys and the inventory's.
func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "json", fieldReportDoc(t), Options{}); err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "tool", "generated_at", "kb", "sources", "inventory", "findings", "summary", "exit_code"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing top-level key %q", k)
		}
	}
	var inv map[string]json.RawMessage
	json.Unmarshal(m["inventory"], &inv)
	for _, k := range []string{"dags", "dns", "omnidb", "omnirc", "dataprotector"} {
		if _, ok := inv[k]; !ok {
			t.Errorf("missing inventory key %q", k)
		}
	}
	if _, ok := inv["sources"]; ok {
		t.Error("sources belong at the top level only")
	}
	var sum map[string]int
	json.Unmarshal(m["summary"], &sum)
	for _, k := range []string{"pass", "info", "warn", "fail", "error", "skip"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
}

// A failed source still yields a complete document.
func TestJSONCompleteWithFailedSource(t *testing.T) {
	inv := inventory.New()
	inv.Sources = []inventory.Source{{Name: "omnidb", Target: "gone.txt", Error: "open gone.txt: no such file or directory"}}
	kb, _ := patches.EmbeddedKB()
	res := preflight.Run(inv, preflight.Catalogue(kb), preflight.Options{})
	var b bytes.Buffer
	if err := Render(&b, "json", New(Tool{Name: "dpgre"}, KBRef{}, inv, res, time.Now()), Options{}); err != nil {
		t.Fatal(err)
	}
	var d Document
	if err := json.Unmarshal(b.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.ExitCode != preflight.ExitUnknown || len(d.Findings) == 0 || d.Sources[0].Error == "" || d.Inventory == nil {
		t.Errorf("incomplete: %s", b.String())
	}
}

func TestColor(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "text", fieldReportDoc(t), Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("\x1b[31m")) {
		t.Error("colour asked for but not used")
	}
}

func TestParseTarget(t *testing.T) {
	for in, want := range map[string]Target{"json": {"json", ""}, "text=-": {"text", ""}, "JSON=out/r.json": {"json", "out/r.json"}} {
		got, err := ParseTarget(in)
		if err != nil || got != want {
			t.Errorf("%q: %+v %v", in, got, err)
		}
	}
	if _, err := ParseTarget("pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.json")
	if err := WriteFile(p, "json", fieldReportDoc(t), Options{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "r.json"), "json", fieldReportDoc(t), Options{}); err == nil {
		t.Error("writing into a missing directory must fail")
	}
}
