package lab

import (
	"os"
	"strings"
	"testing"

	"github.com/dpgre/dpgre/dag"
)

// Differences must notice each kind of departure, or the lab tests built
// on it could not fail.
func TestDifferencesNotices(t *testing.T) {
	spec := AcceptanceSpec()
	entries, err := spec.Entries()
	if err != nil {
		t.Fatal(err)
	}
	var exch, comps []dag.Entry
	for _, e := range entries {
		if e.HasClass("computer") {
			comps = append(comps, e)
		} else {
			exch = append(exch, e)
		}
	}
	fresh := func() *dag.Directory { return dag.Build(exch, comps, spec.DomainNC(), "ldap") }
	if d := spec.Differences(fresh()); len(d) != 0 {
		t.Fatalf("exact directory reported different: %v", d)
	}
	for name, mutate := range map[string]func(d *dag.Directory){
		"guid":       func(d *dag.Directory) { d.DAGs[0].Databases[7].GUID = "00000000-0000-0000-0000-000000000000" },
		"mode":       func(d *dag.Directory) { d.DAGs[1].IPMode = dag.ModeIPLess },
		"member":     func(d *dag.Directory) { d.DAGs[2].Members = d.DAGs[2].Members[1:] },
		"fqdn":       func(d *dag.Directory) { d.DAGs[3].FQDN = "dag04.other.example" },
		"recovery":   func(d *dag.Directory) { d.DAGs[4].Databases = append(d.DAGs[4].Databases, dag.Database{Name: "RDB05"}) },
		"standalone": func(d *dag.Directory) { d.Standalone = nil },
	} {
		d := fresh()
		mutate(d)
		if diffs := spec.Differences(d); len(diffs) == 0 {
			t.Errorf("%s: not noticed", name)
		}
	}
	if !strings.Contains(strings.Join(spec.Differences(&dag.Directory{}), " "), "0 DAGs") {
		t.Error("empty directory")
	}
}

// The committed Samba scenario files are the generator's output.
func TestIntegrationFilesCurrent(t *testing.T) {
	spec := IntegrationSpec()
	ldif, err := SambaLDIF(spec)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"../testdata/ad/samba-scenario.ldif":         ldif,
		"../testdata/ad/samba-dns.txt":               strings.Join(IntegrationDNS(spec), "\n") + "\n",
		"../testdata/omnidb/integration-listing.txt": IntegrationListing(spec),
	} {
		got, err := readFile(path)
		if err != nil || got != want {
			t.Errorf("%s is stale (%v): go run ./internal/gen/labldif -what ... > %s", path, err, path)
		}
	}
}

func readFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	return string(b), err
}
