// Package lab is the embedded demo and the test bed: the field report's
// case as an AD spec, DNS records and Data Protector files, served by an
// in-process AD-like LDAP directory (gldap) and authoritative DNS servers
// (miekg/dns) on loopback addresses. `dpgre demo` and the tests use it.
package lab

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed scenario
var scenarios embed.FS

// FieldReport is the incident dpgre exists for.
const FieldReport = "field-report"

// Scenario is one embedded case.
type Scenario struct {
	Name        string     `yaml:"-"`
	Description string     `yaml:"description"`
	AD          ADSpec     `yaml:"ad"`
	DNS         DNSChanges `yaml:"dns"`
	Fixed       DNSChanges `yaml:"fixed"`
	files       fs.FS
}

// DNSChanges are records beyond the nodes' own (added), and names removed.
type DNSChanges struct {
	Records []Record `yaml:"records"`
	Remove  []string `yaml:"remove"`
}

// Record is a name with its A records.
type Record struct {
	Name string   `yaml:"name"`
	A    []string `yaml:"a"`
}

// Files are the Data Protector inputs of a scenario written to disk.
type Files struct {
	Listing, Omnirc, Patches, CellInfo string
}

// LoadScenario reads an embedded scenario.
func LoadScenario(name string) (*Scenario, error) {
	sub, err := fs.Sub(scenarios, path.Join("scenario", name))
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(sub, "scenario.yaml")
	if err != nil {
		return nil, fmt.Errorf("no scenario %q", name)
	}
	sc := &Scenario{Name: name, files: sub}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(sc); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", name, err)
	}
	return sc, nil
}

// Zone is the scenario's DNS zone: the nodes' records, the extra records,
// and name servers ns1..ns3 on 127.0.0.1..3.
func (sc *Scenario) Zone() *Zone {
	z := NewZone(sc.AD.Domain)
	for i := 1; i <= 3; i++ {
		z.NS[fmt.Sprintf("ns%d.%s", i, sc.AD.Domain)] = []string{fmt.Sprintf("127.0.0.%d", i)}
	}
	for name, ips := range sc.AD.NodeRecords() {
		z.A[name] = ips
	}
	apply(z, sc.DNS)
	return z
}

// FixedZone is Zone with the remediation applied.
func (sc *Scenario) FixedZone() *Zone {
	z := sc.Zone()
	apply(z, sc.Fixed)
	return z
}

func apply(z *Zone, c DNSChanges) {
	for _, r := range c.Records {
		z.A[strings.ToLower(r.Name)] = append([]string(nil), r.A...)
	}
	for _, n := range c.Remove {
		delete(z.A, strings.ToLower(n))
	}
}

// WriteFiles writes the scenario's listing, omnirc and patch output to dir.
func (sc *Scenario) WriteFiles(dir string) (*Files, error) { return sc.write(dir, ".") }

// WriteFixedFiles writes the files as they are after the remediation.
func (sc *Scenario) WriteFixedFiles(dir string) (*Files, error) { return sc.write(dir, "fixed") }

func (sc *Scenario) write(dir, sub string) (*Files, error) {
	f := &Files{Listing: filepath.Join(dir, "listing.txt"), Omnirc: filepath.Join(dir, "omnirc"), Patches: filepath.Join(dir, "patches.txt"),
		CellInfo: filepath.Join(dir, "cell_info")}
	for _, p := range [][2]string{{"listing.txt", f.Listing}, {"omnirc", f.Omnirc}, {"patches.txt", f.Patches}, {"cell_info", f.CellInfo}} {
		b, err := fs.ReadFile(sc.files, path.Join(sub, p[0]))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(p[1], b, 0o644); err != nil {
			return nil, err
		}
	}
	return f, nil
}
