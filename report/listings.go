package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/patches"
)

// RenderDAGs prints `dag list`: a table, or {"dags": [...]} with the
// inventory objects (plus the standalone servers).
func RenderDAGs(w io.Writer, inv *inventory.Inventory, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			DAGs       []dag.DAG        `json:"dags"`
			Standalone []dag.Standalone `json:"standalone_servers"`
		}{inv.DAGs, inv.Standalone})
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DAG\tFQDN\tIP MODE\tMEMBERS (NODE IPS)\tDATABASES")
	for _, d := range inv.DAGs {
		var ms []string
		for _, m := range d.Members {
			ips := strings.Join(m.IPs, " ")
			if ips == "" {
				ips = "unresolved"
			}
			ms = append(ms, fmt.Sprintf("%s (%s)", m.FQDN, ips))
		}
		mode := d.IPMode
		if len(d.IPv4) > 0 {
			mode += " " + strings.Join(d.IPv4, ",")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", d.Name, d.FQDN, mode, strings.Join(ms, ", "), len(d.Databases))
	}
	if len(inv.Standalone) > 0 {
		fmt.Fprintln(tw, "\nSTANDALONE SERVER\tFQDN\t\tIPS\tDATABASES")
		for _, s := range inv.Standalone {
			fmt.Fprintf(tw, "%s\t%s\t\t%s\t%d\n", s.Name, s.FQDN, strings.Join(s.IPs, " "), len(s.Databases))
		}
	}
	return tw.Flush()
}

// RenderKB prints `dpgre kb`: releases, minimum levels, known issues and
// component keys, each with its source; or the knowledge base as JSON.
func RenderKB(w io.Writer, kb *patches.KB, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(kb)
	}
	src := "built in"
	if kb.Path != "" {
		src = kb.Path
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Knowledge base %s (%s, %s)\n\nRELEASE\tDATE\tCRITICAL\tNOTE\tSOURCE\n", kb.Version, kb.Date, src)
	for _, r := range kb.Releases {
		crit := ""
		if r.Critical {
			crit = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Level, r.Date, crit, r.Note, r.Source)
	}
	fmt.Fprintf(tw, "\nMAJOR\tMINIMUM\tREASON\tSOURCE\n")
	for _, m := range kb.Minimums {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", m.Major, m.Level, m.Reason, m.Source)
	}
	fmt.Fprintf(tw, "\nISSUE\tAFFECTS\tFIX\tTITLE\tSOURCE\n")
	for _, is := range kb.Issues {
		aff := strings.Join(is.Affects.Versions, ", ")
		if is.Affects.From != "" || is.Affects.Before != "" {
			aff = fmt.Sprintf("%s ≤ v < %s", is.Affects.From, is.Affects.Before)
		}
		fix := is.Hotfix
		if fix == "" {
			fix = "update to " + is.FixedIn
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", is.ID, aff, fix, is.Title, is.Source)
	}
	fmt.Fprintf(tw, "\nCOMPONENT\tKEY\tVERIFIED\tSOURCE\n")
	for _, c := range kb.Components {
		fmt.Fprintf(tw, "%s\t%s\t%v\t%s\n", c.Name, strings.Join(c.Keys(), ", "), c.Verified, c.Source)
	}
	return tw.Flush()
}
