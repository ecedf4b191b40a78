package lab

import (
	"errors"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/miekg/dns"
)

// DNSMode makes a lab DNS server misbehave the way real ones do.
type DNSMode int

const (
	DNSNormal   DNSMode = iota
	DNSSilent           // receives and never answers
	DNSServFail         // answers SERVFAIL to everything
	DNSTruncate         // UDP answers are empty with TC set; TCP answers in full
	DNSWrongID          // answers carry another message ID
	// Servers that lie rather than fail:
	DNSNotAuthoritative // answers without the AA flag (lame, or a caching resolver)
	DNSWrongQuestion    // right message ID, but the question echoed is another
	DNSStray            // the records carry another owner name than the one asked
)

// Zone is authoritative data for one zone. Names are FQDNs without the
// trailing dot; A and AAAA hold the addresses, CNAME the target.
type Zone struct {
	Origin string
	NS     map[string][]string // name server host -> its addresses (glue)
	A      map[string][]string
	AAAA   map[string][]string
	CNAME  map[string]string
	SRV    map[string][]SRV
	TTL    uint32
}

// SRV is a service record (DC discovery: _ldap._tcp.dc._msdcs.<domain>).
type SRV struct {
	Target                 string
	Port, Priority, Weight uint16
}

// NewZone starts an empty zone.
func NewZone(origin string) *Zone {
	return &Zone{Origin: strings.ToLower(origin), NS: map[string][]string{}, A: map[string][]string{},
		AAAA: map[string][]string{}, CNAME: map[string]string{}, SRV: map[string][]SRV{}, TTL: 900}
}

// DNSServer is an authoritative miekg/dns server on a loopback address,
// UDP and TCP on the same port.
type DNSServer struct {
	Addr    string
	mode    atomic.Int32
	mu      sync.RWMutex
	zones   []*Zone
	udp     *dns.Server
	tcp     *dns.Server
	queries atomic.Int64
}

// StartDNS serves zones on ip:port (port "0" picks a free one).
func StartDNS(ip, port string, mode DNSMode, zones ...*Zone) (*DNSServer, error) {
	s := &DNSServer{zones: zones}
	s.mode.Store(int32(mode))
	pc, err := net.ListenPacket("udp", net.JoinHostPort(ip, port))
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		pc.Close()
		return nil, err
	}
	s.Addr = pc.LocalAddr().String()
	h := dns.HandlerFunc(s.serve)
	s.udp = &dns.Server{PacketConn: pc, Handler: h}
	s.tcp = &dns.Server{Listener: l, Handler: h}
	var wg sync.WaitGroup
	wg.Add(2)
	s.udp.NotifyStartedFunc = wg.Done
	s.tcp.NotifyStartedFunc = wg.Done
	go s.udp.ActivateAndServe()
	go s.tcp.ActivateAndServe()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.Close()
		return nil, errors.New("lab DNS server did not start")
	}
	return s, nil
}

// DNSGroup is a zone's several authoritative servers.
type DNSGroup []*DNSServer

// Close stops every server of the group.
func (g DNSGroup) Close() {
	for _, s := range g {
		s.Close()
	}
}

// Addrs are the servers' host:port, as --dns-server takes them.
func (g DNSGroup) Addrs() []string {
	out := make([]string, len(g))
	for i, s := range g {
		out[i] = s.Addr
	}
	return out
}

// StartDNSGroup starts one server per loopback address on a common port,
// as a zone's several authoritative servers (127.0.0.1, 127.0.0.2, ...).
func StartDNSGroup(n int, modes []DNSMode, zones func(i int) []*Zone) (DNSGroup, error) {
	for attempt := 0; attempt < 20; attempt++ {
		var out DNSGroup
		port := "0"
		var err error
		for i := 0; i < n; i++ {
			mode := DNSNormal
			if i < len(modes) {
				mode = modes[i]
			}
			var s *DNSServer
			s, err = StartDNS(fmt.Sprintf("127.0.0.%d", i+1), port, mode, zones(i)...)
			if err != nil {
				break
			}
			_, port, _ = net.SplitHostPort(s.Addr)
			out = append(out, s)
		}
		if err == nil {
			return out, nil
		}
		out.Close()
	}
	return nil, errors.New("could not find a port free on every loopback address")
}

// Close stops the server.
func (s *DNSServer) Close() {
	s.udp.Shutdown()
	s.tcp.Shutdown()
}

// Queries counts the questions received.
func (s *DNSServer) Queries() int64 { return s.queries.Load() }

// SetMode changes the behaviour of a running server.
func (s *DNSServer) SetMode(m DNSMode) { s.mode.Store(int32(m)) }

// SetA replaces the A records of name (the demo's --fixed applies its
// remediation this way).
func (s *DNSServer) SetA(name string, ips []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	name = strings.ToLower(name)
	for _, z := range s.zones {
		if inZone(name, z.Origin) {
			z.A[name] = append([]string(nil), ips...)
		}
	}
}

func inZone(name, origin string) bool { return name == origin || strings.HasSuffix(name, "."+origin) }

func (s *DNSServer) serve(w dns.ResponseWriter, req *dns.Msg) {
	s.queries.Add(1)
	mode := DNSMode(s.mode.Load())
	if mode == DNSSilent || len(req.Question) != 1 {
		return
	}
	m := new(dns.Msg)
	m.SetReply(req)
	if o := req.IsEdns0(); o != nil {
		m.SetEdns0(o.UDPSize(), false)
	}
	_, isUDP := w.RemoteAddr().(*net.UDPAddr)
	switch {
	case mode == DNSServFail:
		m.Rcode = dns.RcodeServerFailure
	case mode == DNSTruncate && isUDP:
		m.Truncated = true
	default:
		s.answer(m, req.Question[0])
	}
	switch mode {
	case DNSWrongID:
		m.Id = req.Id + 1
	case DNSNotAuthoritative:
		m.Authoritative = false
	case DNSWrongQuestion:
		m.Question[0].Name = "spoofed." + m.Question[0].Name
	case DNSStray:
		for _, rr := range m.Answer {
			rr.Header().Name = "stray." + rr.Header().Name
		}
	}
	w.WriteMsg(m)
}

func (s *DNSServer) answer(m *dns.Msg, q dns.Question) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	name := strings.ToLower(strings.TrimSuffix(q.Name, "."))
	var z *Zone
	for _, c := range s.zones {
		if inZone(name, c.Origin) && (z == nil || len(c.Origin) > len(z.Origin)) {
			z = c
		}
	}
	if z == nil {
		m.Rcode = dns.RcodeRefused
		return
	}
	m.Authoritative = true
	hdr := func(t uint16) dns.RR_Header {
		return dns.RR_Header{Name: dns.Fqdn(name), Rrtype: t, Class: dns.ClassINET, Ttl: z.TTL}
	}
	soa := &dns.SOA{Hdr: dns.RR_Header{Name: dns.Fqdn(z.Origin), Rrtype: dns.TypeSOA, Class: dns.ClassINET, Ttl: z.TTL},
		Ns: dns.Fqdn(firstNS(z)), Mbox: dns.Fqdn("hostmaster." + z.Origin), Serial: 1, Refresh: 900, Retry: 600, Expire: 86400, Minttl: 3600}
	exists := name == z.Origin || len(z.A[name]) > 0 || len(z.AAAA[name]) > 0 || z.CNAME[name] != "" || len(z.NS[name]) > 0 || len(z.SRV[name]) > 0
	if !exists {
		m.Rcode = dns.RcodeNameError
		m.Ns = append(m.Ns, soa)
		return
	}
	if target := z.CNAME[name]; target != "" && q.Qtype != dns.TypeCNAME {
		m.Answer = append(m.Answer, &dns.CNAME{Hdr: hdr(dns.TypeCNAME), Target: dns.Fqdn(target)})
		if inZone(target, z.Origin) {
			for _, ip := range z.A[target] {
				if q.Qtype == dns.TypeA {
					m.Answer = append(m.Answer, &dns.A{Hdr: dns.RR_Header{Name: dns.Fqdn(target), Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: z.TTL}, A: net.ParseIP(ip)})
				}
			}
		}
		return
	}
	switch q.Qtype {
	case dns.TypeA:
		for _, ip := range z.A[name] {
			m.Answer = append(m.Answer, &dns.A{Hdr: hdr(dns.TypeA), A: net.ParseIP(ip)})
		}
	case dns.TypeAAAA:
		for _, ip := range z.AAAA[name] {
			m.Answer = append(m.Answer, &dns.AAAA{Hdr: hdr(dns.TypeAAAA), AAAA: net.ParseIP(ip)})
		}
	case dns.TypeSRV:
		for _, r := range z.SRV[name] {
			m.Answer = append(m.Answer, &dns.SRV{Hdr: hdr(dns.TypeSRV), Target: dns.Fqdn(r.Target), Port: r.Port, Priority: r.Priority, Weight: r.Weight})
		}
	case dns.TypeCNAME:
		if t := z.CNAME[name]; t != "" {
			m.Answer = append(m.Answer, &dns.CNAME{Hdr: hdr(dns.TypeCNAME), Target: dns.Fqdn(t)})
		}
	case dns.TypeSOA:
		if name == z.Origin {
			m.Answer = append(m.Answer, soa)
		}
	case dns.TypeNS:
		if name == z.Origin {
			hosts := make([]string, 0, len(z.NS))
			for h := range z.NS {
				hosts = append(hosts, h)
			}
			sort.Strings(hosts)
			for _, h := range hosts {
				m.Answer = append(m.Answer, &dns.NS{Hdr: hdr(dns.TypeNS), Ns: dns.Fqdn(h)})
				for _, ip := range z.NS[h] {
					m.Extra = append(m.Extra, &dns.A{Hdr: dns.RR_Header{Name: dns.Fqdn(h), Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: z.TTL}, A: net.ParseIP(ip)})
				}
			}
		}
	}
	if len(m.Answer) == 0 {
		m.Ns = append(m.Ns, soa)
	}
}

func firstNS(z *Zone) string {
	hosts := make([]string, 0, len(z.NS))
	for h := range z.NS {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	if len(hosts) == 0 {
		return "ns1." + z.Origin
	}
	return hosts[0]
}

// Clone copies a zone, so servers of one group can be given different data.
func (z *Zone) Clone() *Zone {
	c := NewZone(z.Origin)
	c.TTL = z.TTL
	for k, v := range z.NS {
		c.NS[k] = append([]string(nil), v...)
	}
	for k, v := range z.A {
		c.A[k] = append([]string(nil), v...)
	}
	for k, v := range z.AAAA {
		c.AAAA[k] = append([]string(nil), v...)
	}
	for k, v := range z.CNAME {
		c.CNAME[k] = v
	}
	for k, v := range z.SRV {
		c.SRV[k] = append([]SRV(nil), v...)
	}
	return c
}
