// Package lab is the embedded demo: the field report's case as files (and,
// with the directory and DNS servers, as a live lab), so `dpgre demo` works
// from a bare `go install`.
package lab

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed scenario
var scenarios embed.FS

// Scenario is one embedded case written out to disk for `check` to read.
type Scenario struct {
	Dir        string
	Listing    string
	Omnirc     string
	Patches    string
	DAGs       []string // the DAGs' own FQDNs
	Standalone []string // standalone Exchange servers' FQDNs
}

// FieldReport is the incident dpgre exists for: IP-less DAG customer-dag1
// backed up under the alias dag-backup.domain.tld, a standalone Exchange 2010
// server, debug logging on, Data Protector 9.07 without the critical bundle.
const FieldReport = "field-report"

// Write copies the named scenario into dir and returns its file paths.
func Write(name, dir string) (*Scenario, error) {
	sub, err := fs.Sub(scenarios, "scenario/"+name)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(sub, "listing.txt"); err != nil {
		return nil, fmt.Errorf("no scenario %q", name)
	}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		return nil, err
	}
	return &Scenario{
		Dir:        dir,
		Listing:    filepath.Join(dir, "listing.txt"),
		Omnirc:     filepath.Join(dir, "omnirc"),
		Patches:    filepath.Join(dir, "patches.txt"),
		DAGs:       []string{"customer-dag1.domain.tld"},
		Standalone: []string{"exchange-2010.domain.tld"},
	}, nil
}
