package preflight

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
	"github.com/dpgre/dpgre/patches"
)

// cellClient finds a client by FQDN; short is true when only the first
// label matched (a client imported by short name).
func cellClient(c *omni.Cell, fqdn string) (*omni.CellClient, bool) {
	for i := range c.Clients {
		if c.Clients[i].Host == hostname.Normalize(fqdn) {
			return &c.Clients[i], false
		}
	}
	for i := range c.Clients {
		if ok, _ := hostname.Match(c.Clients[i].Host, fqdn); ok {
			return &c.Clients[i], true
		}
	}
	return nil, false
}

var specCELL001 = Spec{
	ID:      "CELL-001",
	Title:   "Every DAG node is a client of the cell",
	Judges:  "a DAG member node missing from the Cell Manager's clients (FQDN compared case-insensitively; a short-name match is reported as such)",
	Inputs:  []string{adInputs, inventory.SourceCell},
	Worst:   Fail,
	Subject: "node FQDN",
}

func checkCELL001(inv *inventory.Inventory, s Spec) []Finding {
	return eachDAG(inv, s, true, "no DAG with members in the directory", func(d *dag.DAG) (out []Finding) {
		for _, m := range d.Members {
			cl, short := cellClient(inv.Cell, m.FQDN)
			switch {
			case cl == nil:
				f := s.finding(Fail, m.FQDN, fmt.Sprintf("node %s of DAG %s is not a client of the cell: its databases cannot be backed up when they are active there", m.FQDN, d.Name))
				f.Evidence = map[string]any{"dag": dagFQDN(d), "cell_file": inv.Cell.Path, "clients": len(inv.Cell.Clients)}
				f.Remediation = fmt.Sprintf("install the Disk Agent and the Exchange Server 2010+ integration on %s and add it to the cell (GUI Clients > Add Clients, or omnicc -import_host %s), then re-import DAG %s so the virtual client knows all nodes", m.FQDN, m.FQDN, dagFQDN(d))
				out = append(out, f)
			case short:
				f := s.finding(Pass, m.FQDN, fmt.Sprintf("a client of the cell under the short name %s (assumed to be the same host)", cl.Host))
				f.Evidence = map[string]any{"client": cl.Host, "line": cl.Line}
				out = append(out, f)
			default:
				out = append(out, s.finding(Pass, m.FQDN, fmt.Sprintf("a client of the cell (line %d of %s)", cl.Line, inv.Cell.Path)))
			}
		}
		return out
	})
}

var specCELL002 = Spec{
	ID:      "CELL-002",
	Title:   "Every DAG node has the Disk Agent and the Exchange 2010+ integration",
	Judges:  "a DAG node without a component the knowledge base marks required on DAG nodes (fail; warn where the component's cell_info key is unverified)",
	Inputs:  []string{adInputs, inventory.SourceCell},
	Worst:   Fail,
	Subject: "node FQDN",
}

func checkCELL002(kb *patches.KB) func(*inventory.Inventory, Spec) []Finding {
	var required []patches.Component
	for _, c := range kb.Components {
		if c.RequiredOnDAGNodes {
			required = append(required, c)
		}
	}
	return func(inv *inventory.Inventory, s Spec) []Finding {
		return eachDAG(inv, s, true, "no DAG node is a client of the cell (see CELL-001)", func(d *dag.DAG) (out []Finding) {
			for _, m := range d.Members {
				cl, _ := cellClient(inv.Cell, m.FQDN)
				if cl == nil {
					continue // CELL-001
				}
				has := componentList(cl)
				var missing, unverified []patches.Component
				for _, c := range required {
					if componentVersion(cl, c) != "" {
						continue
					}
					if c.Verified {
						missing = append(missing, c)
					} else {
						unverified = append(unverified, c)
					}
				}
				ev := map[string]any{"dag": dagFQDN(d), "components": has, "line": cl.Line}
				switch {
				case len(missing) > 0:
					f := s.finding(Fail, m.FQDN, fmt.Sprintf("node %s lacks %s (it has: %s)", m.FQDN, componentNames(missing), strings.Join(has, ", ")))
					f.Evidence = ev
					f.Remediation = fmt.Sprintf("push %s to %s (GUI Clients > %s > Add Components, or an installation server) and check again", componentNames(append(missing, unverified...)), m.FQDN, m.FQDN)
					out = append(out, f)
				case len(unverified) > 0:
					f := s.finding(Warn, m.FQDN, fmt.Sprintf("node %s shows no %s under the keys dpgre knows (%s); it has: %s. The key is unverified, so check the node itself",
						m.FQDN, componentNames(unverified), strings.Join(unverified[0].Keys(), ", "), strings.Join(has, ", ")))
					ev["source"] = unverified[0].Source
					f.Evidence = ev
					f.Remediation = fmt.Sprintf("confirm in the GUI (Clients > %s > Properties > Components) that the Exchange Server 2010+ integration is installed; push it if not. Tell dpgre's knowledge base the key cell_info uses for it", m.FQDN)
					out = append(out, f)
				default:
					f := s.finding(Pass, m.FQDN, "has "+componentNames(required))
					f.Evidence = ev
					out = append(out, f)
				}
			}
			return out
		})
	}
}

func componentVersion(cl *omni.CellClient, c patches.Component) string {
	for _, k := range c.Keys() {
		for ck, v := range cl.Components {
			if strings.EqualFold(ck, k) {
				return v
			}
		}
	}
	return ""
}

func componentList(cl *omni.CellClient) []string {
	out := make([]string, 0, len(cl.Components))
	for k, v := range cl.Components {
		out = append(out, k+" "+v)
	}
	sort.Strings(out)
	return out
}

func componentNames(cs []patches.Component) string {
	var n []string
	for _, c := range cs {
		n = append(n, c.Name)
	}
	return strings.Join(n, " and ")
}

var specCELL003 = Spec{
	ID:      "CELL-003",
	Title:   "The DAG is a client of the cell under its own name",
	Judges:  "no client carries the DAG's own name while a client whose name resolves to the DAG's node set exists (the alias import)",
	Inputs:  []string{adInputs, inventory.SourceCell},
	Worst:   Fail,
	Subject: "DAG FQDN",
}

func checkCELL003(inv *inventory.Inventory, s Spec) []Finding {
	return eachDAG(inv, s, true, "no DAG with members in the directory", func(d *dag.DAG) (out []Finding) {
		name := dagFQDN(d)
		if cl, short := cellClient(inv.Cell, name); cl != nil {
			f := s.finding(Pass, name, fmt.Sprintf("the cell has a client named %s", cl.Host))
			if short {
				f.Detail += " (short name: assumed to be the DAG)"
			}
			out = append(out, f)
			return out
		}
		alias := ""
		if a := aliasCarrying(inv, d, expected(d)); a != "" {
			if cl, _ := cellClient(inv.Cell, a); cl != nil {
				alias = cl.Host
			}
		}
		if alias != "" {
			f := s.finding(Fail, name, fmt.Sprintf("no client of the cell is named %s, but client %s resolves to its node set: the DAG was imported under that alias, and the GRE will not find its backups (see OMNI-001, DNS-004)", name, alias))
			f.Evidence = map[string]any{"alias_client": alias, "node_set": expected(d).ips}
			if rec := dnsRecord(inv, alias); rec != "" {
				f.Evidence["alias_record"] = rec
			}
			f.Remediation = fmt.Sprintf("create the round-robin record %s (see DNS-001), remove client %s (omnicc -export_host %s) and import the DAG as a virtual client under %s (omnicc -import_host %s -virtual — confirm the cluster/virtual import flag in the CLI reference of your version), then run a new full backup", name, alias, alias, name, name)
			out = append(out, f)
			return out
		}
		f := s.finding(Warn, name, fmt.Sprintf("no client of the cell is named %s and none resolves to its node set: the DAG does not seem to be imported as a virtual client", name))
		f.Evidence = map[string]any{"clients": len(inv.Cell.Clients)}
		f.Remediation = fmt.Sprintf("create the round-robin record %s and import the DAG as a virtual client under that name (omnicc -import_host %s -virtual — confirm the flag in the CLI reference of your version)", name, name)
		out = append(out, f)
		return out
	})
}

var specCELL004 = Spec{
	ID:      "CELL-004",
	Title:   "Agent versions consistent across the DAG and with the Cell Manager",
	Judges:  "Disk Agent versions that differ across the DAG's nodes, or from the Cell Manager's version",
	Inputs:  []string{adInputs, inventory.SourceCell},
	Worst:   Warn,
	Subject: "DAG FQDN",
}

func checkCELL004(inv *inventory.Inventory, s Spec) []Finding {
	cm := ""
	if inv.DataProtector != nil {
		cm = inv.DataProtector.Version
	}
	return eachDAG(inv, s, true, "no DAG with members in the directory", func(d *dag.DAG) (out []Finding) {
		name := dagFQDN(d)
		versions := map[string]string{}
		distinct := map[string]bool{}
		for _, m := range d.Members {
			cl, _ := cellClient(inv.Cell, m.FQDN)
			if cl == nil || cl.Components["da"] == "" {
				continue
			}
			versions[m.FQDN] = cl.Components["da"]
			distinct[cl.Components["da"]] = true
		}
		if len(versions) == 0 {
			return []Finding{s.finding(Info, name, "no node of the DAG has a Disk Agent in the cell (see CELL-001/002)")}
		}
		ev := map[string]any{"agent_versions": versions}
		if cm != "" {
			ev["cell_manager"] = cm
		}
		want := cm
		if want == "" {
			want = newestVersion(distinct)
		}
		var odd []string
		for h, v := range versions {
			if !strings.EqualFold(v, want) {
				odd = append(odd, h+" "+v)
			}
		}
		sort.Strings(odd)
		if len(odd) > 0 {
			f := s.finding(Warn, name, fmt.Sprintf("agent versions differ (%s)%s: mixed versions break restores in ways no check shows", strings.Join(odd, ", "), cmText(cm)))
			f.Evidence = ev
			f.Remediation = fmt.Sprintf("upgrade the agents on %s to %s (push the patch bundle from the Cell Manager's installation server)", strings.Join(hostsOf(odd), ", "), want)
			return []Finding{f}
		}
		f := s.finding(Pass, name, fmt.Sprintf("all %d node(s) run Disk Agent %s%s", len(versions), sortedKeys(distinct)[0], cmText(cm)))
		f.Evidence = ev
		return []Finding{f}
	})
}

func cmText(cm string) string {
	if cm == "" {
		return ""
	}
	return "; Cell Manager " + cm
}

func hostsOf(entries []string) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i], _, _ = strings.Cut(e, " ")
	}
	return out
}

func newestVersion(set map[string]bool) string {
	best, bestLvl := "", patches.Level{}
	for v := range set {
		if l, err := patches.ParseLevel(v); err == nil && (best == "" || bestLvl.Less(l)) {
			best, bestLvl = v, l
		}
	}
	return best
}
