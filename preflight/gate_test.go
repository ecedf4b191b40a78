package preflight

import (
	"strings"
	"testing"

	"github.com/dpgre/dpgre/inventory"
)

// Never a silent pass: whichever single source the user gave fails to be
// read, the run has an error finding naming it and exits 3 — even when
// every check that reads that source also needs another, absent source.
func TestFailedSourceIsNeverSilent(t *testing.T) {
	for _, name := range []string{
		inventory.SourceLDAP, inventory.SourceLDIF, inventory.SourceDNS, inventory.SourceOmnidb,
		inventory.SourceOmnirc, inventory.SourcePatches, inventory.SourceCell,
	} {
		inv := inventory.New()
		inv.AddSource(inventory.Source{Name: name, Target: "input-" + name, Error: "unreadable"})
		res := Run(inv, Catalogue(testKB(t)), Options{})
		named := false
		for _, f := range res.Findings {
			if f.Status == Error && f.Subject == "input-"+name {
				named = true
				// A remediation that says what to check on this source.
				if strings.HasPrefix(f.Remediation, "fix access to") || !strings.Contains(f.Remediation, "input-"+name) {
					t.Errorf("%s: remediation %q", name, f.Remediation)
				}
			}
		}
		if !named || res.ExitCode != ExitUnknown {
			t.Errorf("%s failed: exit %d, an error finding naming it: %v", name, res.ExitCode, named)
		}
	}
}

// A failed input outranks a missing one in the same check.
func TestGateErrorBeforeSkip(t *testing.T) {
	s := Spec{ID: "T-001", Inputs: []string{inventory.SourceLDAP, inventory.SourceCell}}
	inv := inventory.New()
	inv.AddSource(inventory.Source{Name: inventory.SourceCell, Target: "cell_info", Error: "line 1: binary"})
	f, ok := gate(inv, s)
	if ok || f.Status != Error || f.Subject != "cell_info" {
		t.Fatalf("got %+v", f)
	}
	inv = inventory.New()
	if f, ok = gate(inv, s); ok || f.Status != Skip || f.Detail != "not evaluated: needs Active Directory (--ldap-url or --domain)" {
		t.Fatalf("got %+v", f)
	}
}
