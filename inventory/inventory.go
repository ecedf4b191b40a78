// Package inventory is the data between collectors and checks: a plain struct
// tree that round-trips through JSON, so a saved inventory can be judged again
// offline.
package inventory

import (
	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/omni"
	"github.com/dpgre/dpgre/patches"
)

// Source names.
const (
	SourceLDAP    = "ldap"
	SourceLDIF    = "ad-ldif"
	SourceDAGFlag = "dag-names"
	SourceDNS     = "dns"
	SourceOmnidb  = "omnidb"
	SourceOmnirc  = "omnirc"
	SourcePatches = "patches"
	SourceCell    = "cell_info"
)

// Source records one input: what was read, how long it took, what failed.
type Source struct {
	Name       string   `json:"name"`
	Target     string   `json:"target"`
	SHA256     string   `json:"sha256,omitempty"`
	DurationMS int64    `json:"duration_ms"`
	Error      string   `json:"error"`
	Warnings   []string `json:"warnings,omitempty"`
}

// AD is what the directory source reports about itself.
type AD struct {
	Server        string       `json:"server"`
	Organizations []string     `json:"organizations"`
	RootDSE       dag.RootDSE  `json:"root_dse"`
	Searches      int          `json:"searches"`
	Timings       []dag.Timing `json:"timings,omitempty"`
	Tried         []string     `json:"tried,omitempty"`
	Notes         []string     `json:"notes,omitempty"`
	// NoExchange: the directory answered but has no Exchange organisation.
	NoExchange bool `json:"no_exchange,omitempty"`
}

// Inventory is everything the collectors found.
type Inventory struct {
	Sources       []Source              `json:"-"`
	AD            *AD                   `json:"ad,omitempty"`
	DAGs          []dag.DAG             `json:"dags"`
	Standalone    []dag.Standalone      `json:"standalone_servers,omitempty"`
	DNS           []dnscheck.NameResult `json:"dns"`
	Omnidb        *omni.Listing         `json:"omnidb,omitempty"`
	Omnirc        *omni.RC              `json:"omnirc,omitempty"`
	DataProtector *patches.Install      `json:"dataprotector,omitempty"`
	Cell          *omni.Cell            `json:"cell,omitempty"`
}

// New returns an empty inventory whose lists marshal as [] not null.
func New() *Inventory {
	return &Inventory{DAGs: []dag.DAG{}, DNS: []dnscheck.NameResult{}}
}

// Source returns the named source, or nil when it was not collected.
func (inv *Inventory) Source(name string) *Source {
	for i := range inv.Sources {
		if inv.Sources[i].Name == name {
			return &inv.Sources[i]
		}
	}
	return nil
}

// AddSource records a source, replacing an earlier one of the same name.
func (inv *Inventory) AddSource(s Source) {
	if old := inv.Source(s.Name); old != nil {
		*old = s
		return
	}
	inv.Sources = append(inv.Sources, s)
}
