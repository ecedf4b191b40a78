package report

import (
	_ "embed"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/preflight"
)

//go:embed report.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"upper":    strings.ToUpper,
	"evidence": evidenceRows,
	"join":     strings.Join,
}).Parse(htmlTemplate))

type htmlView struct {
	*Document
	DAGs   []dagView
	Groups []statusGroup
}

type statusGroup struct {
	Status   string
	Findings []preflight.Finding
}

type dagView struct {
	Name, FQDN, Mode string
	Members          []memberView
	DNS              []dnsRow
	Databases        []dbView
	Notes            []string
}

type memberView struct{ Name, FQDN, IPs string }
type dnsRow struct{ Server, Answer string }
type dbView struct{ Name, GUID, Clients string }

type kv struct{ Key, Value string }

// renderHTML writes one self-contained page: inline CSS, no scripts, no
// external assets; printable.
func renderHTML(w io.Writer, d *Document, _ Options) error {
	v := htmlView{Document: d}
	for _, st := range preflight.Statuses {
		var fs []preflight.Finding
		for _, f := range d.Findings {
			if f.Status == st {
				fs = append(fs, f)
			}
		}
		if len(fs) > 0 {
			v.Groups = append(v.Groups, statusGroup{Status: string(st), Findings: fs})
		}
	}
	clients := map[string]map[string]bool{} // GUID -> clients
	if d.Inventory.Omnidb != nil {
		for _, o := range d.Inventory.Omnidb.Objects {
			if o.Type == "E2010" {
				if clients[o.GUID] == nil {
					clients[o.GUID] = map[string]bool{}
				}
				clients[o.GUID][o.Client] = true
			}
		}
	}
	for _, g := range d.Inventory.DAGs {
		dv := dagView{Name: g.Name, FQDN: g.FQDN, Mode: g.IPMode, Notes: g.Notes}
		if len(g.IPv4) > 0 {
			dv.Mode += " " + strings.Join(g.IPv4, ", ")
		}
		for _, m := range g.Members {
			ips := strings.Join(m.IPs, ", ")
			if m.ResolveErr != "" {
				ips = "unresolved: " + m.ResolveErr
			}
			dv.Members = append(dv.Members, memberView{m.Name, m.FQDN, ips})
		}
		for _, n := range d.Inventory.DNS {
			if ok, exact := hostname.Match(n.Name, g.FQDN); ok && exact {
				for _, sa := range n.Servers {
					ans := "A " + strings.Join(sa.A, ", ")
					switch {
					case sa.Error != "":
						ans = "error: " + sa.Error
					case sa.CNAME != "":
						ans = "CNAME " + sa.CNAME + " → " + ans
					case len(sa.A) == 0:
						ans = sa.Rcode + ", no A record"
					}
					dv.DNS = append(dv.DNS, dnsRow{sa.Server, ans})
				}
			}
		}
		sort.Slice(dv.DNS, func(i, j int) bool { return dv.DNS[i].Server < dv.DNS[j].Server })
		for _, db := range g.Databases {
			var cs []string
			for c := range clients[db.GUID] {
				cs = append(cs, c)
			}
			sort.Strings(cs)
			text := strings.Join(cs, ", ")
			if d.Inventory.Omnidb == nil {
				text = "(no listing given)"
			} else if text == "" {
				text = "none"
			}
			dv.Databases = append(dv.Databases, dbView{db.Name, db.GUID, text})
		}
		v.DAGs = append(v.DAGs, dv)
	}
	return htmlTmpl.Execute(w, v)
}

func evidenceRows(ev map[string]any) []kv {
	keys := make([]string, 0, len(ev))
	for k := range ev {
		if k != "stack" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]kv, 0, len(keys))
	for _, k := range keys {
		out = append(out, kv{k, strings.TrimPrefix(valueText(ev[k]), "\n")})
	}
	return out
}
