package preflight

import (
	"github.com/dpgre/dpgre/inventory"
)

// Spec documents a check: the catalogue is generated from these.
type Spec struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Judges  string   `json:"judges"`
	Inputs  []string `json:"inputs"` // source names it needs
	Worst   Status   `json:"worst"`
	Subject string   `json:"subject"` // what the subject of its findings is
}

// Check judges an inventory. Run must not do I/O and must return at least
// one finding: a pass, or a skip saying which input was missing.
type Check interface {
	Spec() Spec
	Run(inv *inventory.Inventory) []Finding
}

// checkFunc adapts a spec and a function to Check.
type checkFunc struct {
	spec Spec
	run  func(inv *inventory.Inventory, s Spec) []Finding
}

func (c checkFunc) Spec() Spec                             { return c.spec }
func (c checkFunc) Run(inv *inventory.Inventory) []Finding { return c.run(inv, c.spec) }

// finding starts a finding of spec s.
func (s Spec) finding(st Status, subject, detail string) Finding {
	return Finding{ID: s.ID, Status: st, Subject: subject, Title: s.Title, Detail: detail}
}
