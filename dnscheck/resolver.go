package dnscheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"

	"github.com/miekg/dns"

	"github.com/dpgre/dpgre/internal/hostname"
)

// Resolver finds each name's authoritative servers and asks every one of
// them, concurrently and within deadlines.
type Resolver struct {
	Client Client
	// Bootstrap are recursive resolvers (resolv.conf, the Windows adapters'
	// servers, or --dns-server) used to walk SOA/NS and to resolve node names.
	Bootstrap []string
	// Override, when set (--dns-server), is the authoritative set for every
	// name: no NS walk.
	Override []string
	// Port of the authoritative servers found by the NS walk (default 53).
	Port        string
	Concurrency int

	mu    sync.Mutex
	zones map[string]*zoneInfo // by parent domain of the names asked for
	sem   chan struct{}
	once  sync.Once
}

type zoneInfo struct {
	zone    string
	servers []string
	err     error
	ready   chan struct{}
}

func (r *Resolver) init() {
	r.once.Do(func() {
		if r.Concurrency <= 0 {
			r.Concurrency = 64
		}
		if r.Port == "" {
			r.Port = "53"
		}
		r.sem = make(chan struct{}, r.Concurrency)
		r.zones = map[string]*zoneInfo{}
	})
}

// exchange is Client.Exchange under the concurrency bound.
func (r *Resolver) exchange(ctx context.Context, server, name string, qtype uint16, rd bool) (Answer, error) {
	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return Answer{}, explain(ctx.Err(), r.Client.Timeout)
	}
	defer func() { <-r.sem }()
	return r.Client.Exchange(ctx, server, name, qtype, rd)
}

// Authoritative returns the zone of name and its authoritative servers.
// Names in the same parent domain share one walk.
func (r *Resolver) Authoritative(ctx context.Context, name string) (string, []string, error) {
	r.init()
	name = hostname.Normalize(name)
	key := hostname.Domain(name)
	r.mu.Lock()
	zi, ok := r.zones[key]
	if !ok {
		zi = &zoneInfo{ready: make(chan struct{})}
		r.zones[key] = zi
	}
	r.mu.Unlock()
	if !ok {
		zi.zone, zi.servers, zi.err = r.walk(ctx, name)
		close(zi.ready)
	}
	select {
	case <-zi.ready:
	case <-ctx.Done():
		return "", nil, explain(ctx.Err(), r.Client.Timeout)
	}
	return zi.zone, zi.servers, zi.err
}

func (r *Resolver) walk(ctx context.Context, name string) (string, []string, error) {
	asked := r.Bootstrap
	rd := true
	if len(r.Override) > 0 {
		asked, rd = r.Override, false
	}
	if len(asked) == 0 {
		return "", nil, errors.New("no DNS server to ask: give --dns-server")
	}
	zone, err := r.findZone(ctx, asked, name, rd)
	if err != nil {
		return "", nil, err
	}
	if len(r.Override) > 0 {
		return zone, r.Override, nil
	}
	a, err := r.firstAnswer(ctx, asked, zone, dns.TypeNS, true)
	if err != nil {
		return zone, nil, fmt.Errorf("NS of %s: %w", zone, err)
	}
	glue := map[string][]string{}
	for _, rr := range a.Msg.Extra {
		switch x := rr.(type) {
		case *dns.A:
			glue[hostname.Normalize(x.Hdr.Name)] = append(glue[hostname.Normalize(x.Hdr.Name)], x.A.String())
		case *dns.AAAA:
			glue[hostname.Normalize(x.Hdr.Name)] = append(glue[hostname.Normalize(x.Hdr.Name)], x.AAAA.String())
		}
	}
	var servers []string
	var errs []error
	for _, rr := range a.Msg.Answer {
		ns, ok := rr.(*dns.NS)
		if !ok {
			continue
		}
		host := hostname.Normalize(ns.Ns)
		ips := glue[host]
		if len(ips) == 0 {
			ips, err = r.lookup(ctx, asked, host, true)
			if err != nil {
				errs = append(errs, fmt.Errorf("name server %s: %w", host, err))
				continue
			}
		}
		for _, ip := range ips {
			servers = append(servers, net.JoinHostPort(ip, r.Port))
		}
	}
	sort.Strings(servers)
	if len(servers) == 0 {
		return zone, nil, fmt.Errorf("no reachable name server for zone %s: %w", zone, errors.Join(errs...))
	}
	return zone, servers, nil
}

// findZone reads the zone apex from the SOA in the answer or authority
// section (NXDOMAIN and NODATA answers carry it too). A name that answers
// without one (a CNAME, say) is retried one label up.
func (r *Resolver) findZone(ctx context.Context, servers []string, name string, rd bool) (string, error) {
	q := name
	for q != "" {
		a, err := r.firstAnswer(ctx, servers, q, dns.TypeSOA, rd)
		if err != nil {
			return "", fmt.Errorf("SOA of %s: %w", q, err)
		}
		for _, sec := range [][]dns.RR{a.Msg.Answer, a.Msg.Ns} {
			for _, rr := range sec {
				if soa, ok := rr.(*dns.SOA); ok {
					return hostname.Normalize(soa.Hdr.Name), nil
				}
			}
		}
		q = hostname.Domain(q)
	}
	return "", fmt.Errorf("SOA of %s: no server named a zone for it", name)
}

// firstAnswer asks servers in order until one answers (any rcode but
// SERVFAIL/REFUSED).
func (r *Resolver) firstAnswer(ctx context.Context, servers []string, name string, qtype uint16, rd bool) (Answer, error) {
	var errs []error
	for _, s := range servers {
		a, err := r.exchange(ctx, s, name, qtype, rd)
		if err == nil && (a.Msg.Rcode == dns.RcodeServerFailure || a.Msg.Rcode == dns.RcodeRefused) {
			err = errors.New(dns.RcodeToString[a.Msg.Rcode])
		}
		if err == nil {
			return a, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", s, err))
	}
	return Answer{}, errors.Join(errs...)
}

// LookupHost resolves a node's A and AAAA records, asking the override
// servers (authoritative) or the bootstrap resolvers.
func (r *Resolver) LookupHost(ctx context.Context, name string) ([]string, error) {
	r.init()
	if len(r.Override) > 0 {
		return r.lookup(ctx, r.Override, name, false)
	}
	return r.lookup(ctx, r.Bootstrap, name, true)
}

func (r *Resolver) lookup(ctx context.Context, servers []string, name string, rd bool) ([]string, error) {
	if len(servers) == 0 {
		return nil, errors.New("no DNS server to ask")
	}
	var out []string
	var nx bool
	for _, qt := range []uint16{dns.TypeA, dns.TypeAAAA} {
		a, err := r.firstAnswer(ctx, servers, name, qt, rd)
		if err != nil {
			return nil, err
		}
		nx = nx || a.Msg.Rcode == dns.RcodeNameError
		owners := chainOwners(a.Msg, name)
		for _, rr := range a.Msg.Answer {
			if !owners.holds(rr) {
				continue // a record for another name: never a node's address
			}
			switch x := rr.(type) {
			case *dns.A:
				out = append(out, x.A.String())
			case *dns.AAAA:
				out = append(out, x.AAAA.String())
			}
		}
	}
	if len(out) == 0 {
		if nx {
			return nil, fmt.Errorf("%s: no such name (NXDOMAIN)", name)
		}
		return nil, fmt.Errorf("%s: no A or AAAA record", name)
	}
	sort.Strings(out)
	return out, nil
}

// Verify asks every authoritative server of each name for its A and AAAA
// records; all names and servers are queried concurrently under the bound.
func (r *Resolver) Verify(ctx context.Context, names []string) []NameResult {
	r.init()
	out := make([]NameResult, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() {
			out[i] = r.verifyName(ctx, hostname.Normalize(n))
		})
	}
	wg.Wait()
	return out
}

func (r *Resolver) verifyName(ctx context.Context, name string) NameResult {
	res := NameResult{Name: name, Servers: []ServerAnswer{}}
	zone, servers, err := r.Authoritative(ctx, name)
	res.Zone = zone
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Servers = make([]ServerAnswer, len(servers))
	var wg sync.WaitGroup
	for i, s := range servers {
		wg.Go(func() { res.Servers[i] = r.askServer(ctx, s, name) })
	}
	wg.Wait()
	return res
}

func (r *Resolver) askServer(ctx context.Context, server, name string) ServerAnswer {
	sa := ServerAnswer{Server: server, A: []string{}, AAAA: []string{}}
	var a, aaaa Answer
	var errA, errAAAA error
	var wg sync.WaitGroup
	wg.Go(func() { a, errA = r.exchange(ctx, server, name, dns.TypeA, false) })
	wg.Go(func() { aaaa, errAAAA = r.exchange(ctx, server, name, dns.TypeAAAA, false) })
	wg.Wait()
	if errA != nil {
		sa.Error = errA.Error()
		return sa
	}
	sa.Rcode = dns.RcodeToString[a.Msg.Rcode]
	sa.AA = a.Msg.Authoritative
	sa.TCP = a.TCP
	if a.Msg.Rcode == dns.RcodeServerFailure || a.Msg.Rcode == dns.RcodeRefused {
		sa.Error = "server answered " + sa.Rcode
	}
	var ttl uint32
	owners := chainOwners(a.Msg, name)
	for _, rr := range a.Msg.Answer {
		if !owners.holds(rr) {
			sa.Stray = append(sa.Stray, rr.String())
			continue
		}
		switch x := rr.(type) {
		case *dns.A:
			sa.A = append(sa.A, x.A.String())
			ttl = minTTL(ttl, x.Hdr.Ttl)
		case *dns.AAAA:
			sa.AAAA = append(sa.AAAA, x.AAAA.String())
		case *dns.CNAME:
			if strings.EqualFold(dns.Fqdn(x.Hdr.Name), dns.Fqdn(name)) && sa.CNAME == "" {
				sa.CNAME = hostname.Normalize(x.Target)
				ttl = minTTL(ttl, x.Hdr.Ttl)
			}
		}
	}
	if errAAAA == nil {
		owners := chainOwners(aaaa.Msg, name)
		for _, rr := range aaaa.Msg.Answer {
			x, ok := rr.(*dns.AAAA)
			switch {
			case !owners.holds(rr):
				sa.Stray = append(sa.Stray, rr.String())
			case ok:
				sa.AAAA = append(sa.AAAA, x.AAAA.String())
			}
		}
	} else {
		sa.AAAAError = errAAAA.Error()
	}
	sa.TTL = ttl
	sort.Strings(sa.A)
	sort.Strings(sa.AAAA)
	return sa
}

// ownerSet holds the owner names an answer may carry for a question:
// lower-case FQDNs.
type ownerSet map[string]bool

func canonical(name string) string { return strings.ToLower(dns.Fqdn(name)) }

// holds tells whether rr belongs to the question (or its CNAME chain).
func (o ownerSet) holds(rr dns.RR) bool { return o[canonical(rr.Header().Name)] }

// chainOwners is the set of owner names an answer may carry for name: the
// name and the targets of CNAMEs reached from it.
func chainOwners(m *dns.Msg, name string) ownerSet {
	owners := ownerSet{canonical(name): true}
	for range m.Answer { // one CNAME hop per pass at most
		grew := false
		for _, rr := range m.Answer {
			if c, ok := rr.(*dns.CNAME); ok && owners.holds(c) && !owners[canonical(c.Target)] {
				owners[canonical(c.Target)] = true
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	return owners
}

func minTTL(cur, v uint32) uint32 {
	if cur == 0 || v < cur {
		return v
	}
	return cur
}
