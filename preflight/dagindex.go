package preflight

import (
	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
)

// dbRef ties a database GUID to the DAG (or standalone server) that holds it.
type dbRef struct {
	dag        *dag.DAG
	standalone *dag.Standalone
	db         dag.Database
}

// adIndex is the directory knowledge the OMNI and CELL checks share.
type adIndex struct {
	byGUID  map[string]dbRef
	details bool // some DAG or server came from the directory, not --dag
}

func newADIndex(inv *inventory.Inventory) adIndex {
	x := adIndex{byGUID: map[string]dbRef{}}
	for i := range inv.DAGs {
		d := &inv.DAGs[i]
		if d.HasDetails() {
			x.details = true
		}
		for _, db := range d.Databases {
			x.byGUID[db.GUID] = dbRef{dag: d, db: db}
		}
	}
	for i := range inv.Standalone {
		s := &inv.Standalone[i]
		if s.Origin != "cli" {
			x.details = true
		}
		for _, db := range s.Databases {
			x.byGUID[db.GUID] = dbRef{standalone: s, db: db}
		}
	}
	return x
}

// dagNamed returns the DAG whose own name is client, and whether the match
// needed the short-name fallback.
func dagNamed(inv *inventory.Inventory, client string) (*dag.DAG, bool) {
	for i := range inv.DAGs {
		d := &inv.DAGs[i]
		for _, n := range []string{d.FQDN, d.Name} {
			if ok, exact := hostname.Match(client, n); ok {
				return d, !exact
			}
		}
	}
	return nil, false
}

// standaloneNamed returns the standalone server named client.
func standaloneNamed(inv *inventory.Inventory, client string) *dag.Standalone {
	for i := range inv.Standalone {
		s := &inv.Standalone[i]
		for _, n := range []string{s.FQDN, s.Name} {
			if ok, _ := hostname.Match(client, n); ok {
				return s
			}
		}
	}
	return nil
}

// dagFQDN is the name a DAG must be imported under: its FQDN when known.
func dagFQDN(d *dag.DAG) string {
	if d.FQDN != "" {
		return d.FQDN
	}
	return d.Name
}

// eachDAG gates s, then judges every DAG (only those with members when
// withMembers); a run that judged nothing says so in an info finding
// instead of passing silently.
func eachDAG(inv *inventory.Inventory, s Spec, withMembers bool, none string, judge func(d *dag.DAG) []Finding) []Finding {
	if f, ok := gate(inv, s); !ok {
		return []Finding{f}
	}
	var out []Finding
	for i := range inv.DAGs {
		if d := &inv.DAGs[i]; !withMembers || len(d.Members) > 0 {
			out = append(out, judge(d)...)
		}
	}
	if len(out) == 0 {
		out = append(out, s.finding(Info, "", none))
	}
	return out
}
