package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/preflight"
)

// renderPrometheus writes the node_exporter textfile format: gauges, no
// sample timestamps. Every check gets a series per status (zeros included)
// so alerts never depend on a series appearing. Per-DAG numbers are counted
// from the findings' evidence, never judged here.
func renderPrometheus(w io.Writer, d *Document, _ Options) error {
	var b strings.Builder
	gauge := func(name, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
	}
	gauge("dpgre_findings", "Findings of the last dpgre run, by check and status.")
	counts := map[string]map[preflight.Status]int{}
	var ids []string
	for _, f := range d.Findings {
		if counts[f.ID] == nil {
			counts[f.ID] = map[preflight.Status]int{}
			ids = append(ids, f.ID)
		}
		counts[f.ID][f.Status]++
	}
	for _, id := range ids {
		for _, st := range preflight.Statuses {
			fmt.Fprintf(&b, "dpgre_findings{check=%q,status=%q} %d\n", id, st, counts[id][st])
		}
	}
	gauge("dpgre_exit_code", "Exit code of the last run: 0 ok, 1 warning, 2 failure, 3 could not evaluate.")
	fmt.Fprintf(&b, "dpgre_exit_code %d\n", d.ExitCode)
	gauge("dpgre_last_run_seconds", "Unix time the last run's report was generated.")
	fmt.Fprintf(&b, "dpgre_last_run_seconds %d\n", d.GeneratedAt.Unix())
	gauge("dpgre_source_up", "1 when the source was read without error.")
	for _, s := range d.Sources {
		up := 1
		if s.Error != "" {
			up = 0
		}
		fmt.Fprintf(&b, "dpgre_source_up{source=%q} %d\n", s.Name, up)
	}
	gauge("dpgre_source_duration_seconds", "Time spent collecting each source.")
	for _, s := range d.Sources {
		fmt.Fprintf(&b, "dpgre_source_duration_seconds{source=%q} %.3f\n", s.Name, float64(s.DurationMS)/1000)
	}
	type dagStats struct{ nodes, dbs, missing, stale, unbacked int }
	stats := map[string]*dagStats{}
	for _, g := range d.Inventory.DAGs {
		stats[g.FQDN] = &dagStats{nodes: len(g.Members), dbs: len(g.Databases)}
	}
	for _, f := range d.Findings {
		st := stats[f.Subject]
		switch {
		case f.ID == "DNS-002" && f.Status == preflight.Fail && st != nil:
			st.missing = evidenceLen(f.Evidence["missing"])
		case f.ID == "DNS-002" && f.Status == preflight.Warn && st != nil:
			st.stale = evidenceLen(f.Evidence["stale"])
		case f.ID == "OMNI-002" && f.Status == preflight.Warn:
			if dag, ok := f.Evidence["dag"].(string); ok && stats[dag] != nil {
				stats[dag].unbacked++
			}
		}
	}
	dags := make([]string, 0, len(stats))
	for k := range stats {
		dags = append(dags, k)
	}
	sort.Strings(dags)
	for _, m := range []struct {
		name, help string
		v          func(*dagStats) int
	}{
		{"dpgre_dag_nodes", "Member nodes of the DAG in AD.", func(s *dagStats) int { return s.nodes }},
		{"dpgre_dag_databases", "Mailbox databases of the DAG (recovery databases excluded).", func(s *dagStats) int { return s.dbs }},
		{"dpgre_dag_dns_missing_addresses", "Node addresses missing from the DAG's own A record (DNS-002).", func(s *dagStats) int { return s.missing }},
		{"dpgre_dag_dns_stale_addresses", "Addresses of no member in the DAG's own A record (DNS-002).", func(s *dagStats) int { return s.stale }},
		{"dpgre_dag_databases_without_backup", "DAG databases with no Exchange backup object (OMNI-002).", func(s *dagStats) int { return s.unbacked }},
	} {
		gauge(m.name, m.help)
		for _, dag := range dags {
			fmt.Fprintf(&b, "%s{dag=%q} %d\n", m.name, dag, m.v(stats[dag]))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func evidenceLen(v any) int {
	switch x := v.(type) {
	case []string:
		return len(x)
	case []any:
		return len(x)
	}
	return 0
}
