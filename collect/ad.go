package collect

import (
	"context"
	"errors"
	"io"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
)

// ldapJob reads the directory over LDAP.
func ldapJob(cfg Config) job {
	return func(ctx context.Context, inv *inventory.Inventory) inventory.Source {
		lc := *cfg.LDAP
		lc.Timeout = cfg.Timeout
		src := inventory.Source{Name: inventory.SourceLDAP, Target: lc.URL}
		if src.Target == "" {
			src.Target = "DCs of " + lc.Domain + " (SRV)"
		}
		res, err := dag.Discover(ctx, lc)
		if res != nil {
			src.Warnings = res.Warnings
			if res.Server != "" {
				src.Target = res.Server
			}
			inv.AD = &inventory.AD{Server: src.Target, RootDSE: res.RootDSE, Searches: res.Searches, Timings: res.Timings, Tried: res.Tried, Organizations: []string{}}
		}
		if err != nil {
			src.Error = err.Error()
			if inv.AD != nil && errors.Is(err, dag.ErrNoExchange) {
				inv.AD.NoExchange = true
			}
			return src
		}
		fillDirectory(inv, res.Directory)
		return src
	}
}

// ldifJob reads the directory from an LDIF export.
func ldifJob(cfg Config) job {
	return func(ctx context.Context, inv *inventory.Inventory) inventory.Source {
		src := inventory.Source{Name: inventory.SourceLDIF, Target: cfg.ADLDIF}
		var d *dag.Directory
		sum, err := readHashed(ctx, cfg, cfg.ADLDIF, func(r io.Reader, name string) error {
			var err error
			d, err = dag.ReadLDIF(r, name)
			return err
		})
		src.SHA256 = sum
		if err != nil {
			src.Error = err.Error()
			return src
		}
		inv.AD = &inventory.AD{Server: cfg.ADLDIF}
		fillDirectory(inv, d)
		return src
	}
}

func fillDirectory(inv *inventory.Inventory, d *dag.Directory) {
	inv.AD.Organizations = d.Organizations
	inv.AD.Notes = d.Notes
	inv.DAGs = d.DAGs
	inv.Standalone = d.Standalone
}

// restrictDAGs keeps only the DAGs named with --dag when the directory was
// read too, and reports names the directory does not know.
func restrictDAGs(inv *inventory.Inventory, names []string) []string {
	if len(names) == 0 {
		return nil
	}
	var kept = inv.DAGs[:0]
	found := map[string]bool{}
	for _, d := range inv.DAGs {
		for _, n := range names {
			if ok, _ := hostname.Match(n, d.FQDN); ok || hostname.Normalize(n) == hostname.Normalize(d.Name) {
				kept = append(kept, d)
				found[n] = true
				break
			}
		}
	}
	inv.DAGs = kept
	var warns []string
	for _, n := range names {
		if !found[n] {
			warns = append(warns, "--dag "+n+" is not a DAG in the directory")
		}
	}
	return warns
}

// focusOn keeps only the DAG named name (adding a name-only one when the
// directory does not know it) and sets its expected addresses.
func focusOn(inv *inventory.Inventory, name string, expect []string) {
	name = hostname.Normalize(name)
	var d *dag.DAG
	for i := range inv.DAGs {
		if ok, _ := hostname.Match(inv.DAGs[i].FQDN, name); ok {
			d = &inv.DAGs[i]
			break
		}
	}
	if d == nil {
		inv.DAGs = append(inv.DAGs, nameOnlyDAG(name))
		d = &inv.DAGs[len(inv.DAGs)-1]
	}
	if len(expect) > 0 {
		d.ExpectedIPs = expect
	}
	inv.DAGs = []dag.DAG{*d}
}
