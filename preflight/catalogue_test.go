package preflight

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCatalogueIDs: every ID is unique, well-formed and fully specified.
func TestCatalogueIDs(t *testing.T) {
	seen := map[string]bool{}
	idRe := regexp.MustCompile(`^[A-Z]+-\d{3}$`)
	for _, s := range Specs() {
		if seen[s.ID] {
			t.Errorf("duplicate ID %s", s.ID)
		}
		seen[s.ID] = true
		if !idRe.MatchString(s.ID) {
			t.Errorf("ID %q is not AREA-NNN", s.ID)
		}
		if s.Title == "" || s.Judges == "" || s.Subject == "" || len(s.Inputs) == 0 || !s.Worst.Valid() {
			t.Errorf("%s: incomplete spec %+v", s.ID, s)
		}
	}
}

// TestCatalogueDocumented: docs/checks.md is generated from the catalogue
// (go test ./preflight -update) and must match it.
func TestCatalogueDocumented(t *testing.T) {
	path := filepath.Join("..", "docs", "checks.md")
	got := CatalogueMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./preflight -update)", err)
	}
	if string(want) != got {
		t.Errorf("docs/checks.md is stale: run go test ./preflight -update and review the diff")
	}
	for _, s := range Specs() {
		if !strings.Contains(string(want), "## "+s.ID) {
			t.Errorf("%s is not documented", s.ID)
		}
	}
}

// TestCatalogueImplemented: every check produces a real judgement (not a
// skip, not an error) on the fixture inventory that feeds it.
func TestCatalogueImplemented(t *testing.T) {
	kb := testKB(t)
	inv := fullInventory(t)
	for _, c := range Catalogue(kb) {
		fs := c.Run(inv)
		if len(fs) == 0 {
			t.Errorf("%s returned nothing", c.Spec().ID)
			continue
		}
		for _, f := range fs {
			if f.ID != c.Spec().ID {
				t.Errorf("%s emitted a finding with ID %s", c.Spec().ID, f.ID)
			}
			if f.Status == Skip || f.Status == Error {
				t.Errorf("%s is not implemented for its inputs: %+v", c.Spec().ID, f)
			}
			if (f.Status == Fail || f.Status == Warn) && (f.Remediation == "" || len(f.Evidence) == 0) {
				t.Errorf("%s %s without remediation or evidence: %+v", f.ID, f.Status, f)
			}
		}
	}
}
