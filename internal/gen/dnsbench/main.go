// Command dnsbench measures DNS verification speed: N DAGs (IP-less, two
// nodes each) served by three in-process authoritative servers on
// 127.0.0.1-3, verified by `dpgre check --ad-ldif ... --dns-server ...`
// versus sequential dig (one process, batch mode) asking the same
// questions: A and AAAA for every DAG name and every node, on every server.
//
//	dnsbench -dpgre ./dpgre -dags 1000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dpgre/dpgre/lab"
)

func main() {
	bin := flag.String("dpgre", "dpgre", "dpgre binary")
	n := flag.Int("dags", 1000, "DAGs")
	flag.Parse()
	if err := run(*bin, *n); err != nil {
		fmt.Fprintln(os.Stderr, "dnsbench:", err)
		os.Exit(1)
	}
}

func run(bin string, n int) error {
	spec := lab.ScaleSpec(n)
	zone := lab.NewZone(spec.Domain)
	var names []string
	for name, ips := range spec.NodeRecords() {
		zone.A[name] = ips
		names = append(names, name)
	}
	for _, d := range spec.DAGs {
		fq := spec.FQDN(d.Name)
		for _, m := range d.Members {
			zone.A[fq] = append(zone.A[fq], m.IP)
		}
		names = append(names, fq)
	}
	srvs, err := lab.StartDNSGroup(3, nil, func(int) []*lab.Zone { return []*lab.Zone{zone.Clone()} })
	if err != nil {
		return err
	}
	defer srvs.Close()
	dir, err := os.MkdirTemp("", "dnsbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	entries, err := spec.Entries()
	if err != nil {
		return err
	}
	ldif, err := lab.LDIF(entries)
	if err != nil {
		return err
	}
	ldifPath := filepath.Join(dir, "ad.ldf")
	if err := os.WriteFile(ldifPath, []byte(ldif), 0o644); err != nil {
		return err
	}
	var batch strings.Builder
	for _, s := range srvs {
		host, port, _ := strings.Cut(s.Addr, ":")
		for _, name := range names {
			for _, t := range []string{"A", "AAAA"} {
				fmt.Fprintf(&batch, "@%s -p %s %s %s +norecurse +tries=1 +time=2\n", host, port, name, t)
			}
		}
	}
	batchPath := filepath.Join(dir, "dig.batch")
	if err := os.WriteFile(batchPath, []byte(batch.String()), 0o644); err != nil {
		return err
	}
	args := []string{"check", "--ad-ldif", ldifPath, "--format", "json", "--only", "DNS-001", "--only", "DNS-002", "--only", "DAG-002"}
	for _, a := range srvs.Addrs() {
		args = append(args, "--dns-server", a)
	}
	queries := len(names) * 2 * len(srvs)
	fmt.Printf("%d DAGs × %d servers: %d names, %d queries (A+AAAA)\n", n, len(srvs), len(names), queries)
	cmd := exec.Command(bin, args...)
	var out strings.Builder
	cmd.Stdout = &out
	tD, err := timeCmd(cmd, 2)
	if err != nil {
		return err
	}
	var doc struct {
		Sources []struct {
			Name       string `json:"name"`
			DurationMS int64  `json:"duration_ms"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
		return err
	}
	var tDNS time.Duration
	for _, s := range doc.Sources {
		if s.Name == "dns" {
			tDNS = time.Duration(s.DurationMS) * time.Millisecond
		}
	}
	tDig, err := timeCmd(exec.Command("dig", "-f", batchPath), 0)
	if err != nil {
		return fmt.Errorf("dig: %w", err)
	}
	// The loop an admin writes: one dig per question, one after another
	// (a sample of 300 questions, scaled).
	lines := strings.Split(strings.TrimSpace(batch.String()), "\n")
	sample := min(300, len(lines))
	start := time.Now()
	for _, l := range lines[:sample] {
		if err := exec.Command("dig", strings.Fields(l)...).Run(); err != nil {
			return fmt.Errorf("dig %s: %w", l, err)
		}
	}
	tLoop := time.Duration(float64(time.Since(start)) * float64(len(lines)) / float64(sample))
	fmt.Printf("dpgre, DNS source (concurrent)         %8.0f ms  %8.0f DAG×server/s\n", ms(tDNS), float64(n*len(srvs))/tDNS.Seconds())
	fmt.Printf("dpgre, whole run (LDIF, DNS, checks)   %8.0f ms\n", ms(tD))
	fmt.Printf("dig -f batch (one process, sequential) %8.0f ms  %8.0f DAG×server/s\n", ms(tDig), float64(n*len(srvs))/tDig.Seconds())
	fmt.Printf("dig per question, sequential (scaled)  %8.0f ms  %8.0f DAG×server/s\n", ms(tLoop), float64(n*len(srvs))/tLoop.Seconds())
	fmt.Printf("ratios: DNS source %.1fx dig batch, %.0fx dig loop; whole run %.1fx dig batch\n",
		tDig.Seconds()/tDNS.Seconds(), tLoop.Seconds()/tDNS.Seconds(), tDig.Seconds()/tD.Seconds())
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// timeCmd runs cmd and returns its wall time; an exit code above okMax is
// an error (dpgre exits 0-2 on a clean run).
func timeCmd(cmd *exec.Cmd, okMax int) (time.Duration, error) {
	cmd.Stderr = os.Stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() <= okMax {
		err = nil
	}
	return d, err
}
