package collect

import (
	"context"
	"strings"
	"sync"

	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/inventory"
)

// dnsJob resolves the member nodes and asks every authoritative server
// about the DAG names, any extra names, and the clients that hold Exchange
// objects under a name that is not a DAG's (candidate aliases).
func dnsJob(cfg Config) job {
	return func(ctx context.Context, inv *inventory.Inventory) inventory.Source {
		src := inventory.Source{Name: inventory.SourceDNS}
		r := &dnscheck.Resolver{Client: dnscheck.Client{Timeout: cfg.Timeout / 2, Retries: 1}, Port: cfg.DNSPort, Concurrency: 256}
		if len(cfg.DNSServers) > 0 {
			r.Override = dnscheck.WithPort(cfg.DNSServers)
			r.Bootstrap = r.Override
			src.Target = strings.Join(r.Override, ",")
		} else {
			boot, err := cfg.Bootstrap()
			if err != nil {
				src.Target = "system resolver"
				src.Error = "no DNS resolver to start from (" + err.Error() + "): give --dns-server"
				return src
			}
			r.Bootstrap = boot
			src.Target = "authoritative servers found via " + strings.Join(boot, ",")
		}
		resolveMembers(ctx, r, inv)
		names := dnsNames(inv, cfg.DNSNames)
		inv.DNS = r.Verify(ctx, names)
		return src
	}
}

func resolveMembers(ctx context.Context, r *dnscheck.Resolver, inv *inventory.Inventory) {
	var wg sync.WaitGroup
	for i := range inv.DAGs {
		for j := range inv.DAGs[i].Members {
			m := &inv.DAGs[i].Members[j]
			if m.FQDN == "" {
				continue
			}
			wg.Go(func() {
				ips, err := r.LookupHost(ctx, m.FQDN)
				m.IPs = ips
				if m.IPs == nil {
					m.IPs = []string{}
				}
				if err != nil {
					m.ResolveErr = err.Error()
				}
			})
		}
	}
	for i := range inv.Standalone {
		m := &inv.Standalone[i].Member
		if m.FQDN == "" {
			continue
		}
		wg.Go(func() {
			if ips, err := r.LookupHost(ctx, m.FQDN); err == nil {
				m.IPs = ips
			} else {
				m.ResolveErr = err.Error()
			}
		})
	}
	wg.Wait()
}

func dnsNames(inv *inventory.Inventory, extra []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		n = hostname.Normalize(n)
		if n != "" && strings.Contains(n, ".") && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, d := range inv.DAGs {
		add(d.FQDN)
	}
	for _, n := range extra {
		add(n)
	}
	// Cell clients that are no known server may be virtual clients: the
	// DAG's alias import shows up as one whose A set is the node set.
	known := map[string]bool{}
	for _, d := range inv.DAGs {
		for _, m := range d.Members {
			known[m.FQDN] = true
		}
	}
	for _, s := range inv.Standalone {
		known[s.FQDN] = true
	}
	if inv.Cell != nil {
		for _, c := range inv.Cell.Clients {
			if !known[c.Host] {
				add(c.Host)
			}
		}
	}
	if inv.Omnidb != nil {
		standalone := map[string]bool{}
		for _, s := range inv.Standalone {
			standalone[s.FQDN] = true
		}
		for _, o := range inv.Omnidb.Objects {
			if o.Type == "E2010" && !standalone[o.Client] {
				add(o.Client)
			}
		}
	}
	return out
}
