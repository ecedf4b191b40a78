// Package dnscheck verifies a DAG's round-robin A record on every
// authoritative DNS server of its zone, with miekg/dns.
package dnscheck

import "sort"

// NameResult is what every server said about one name.
type NameResult struct {
	Name    string         `json:"name"`
	Zone    string         `json:"zone,omitempty"`
	Servers []ServerAnswer `json:"servers"`
	Error   string         `json:"error,omitempty"` // the authoritative servers could not be found
}

// ServerAnswer is one server's answer for one name.
type ServerAnswer struct {
	Server    string   `json:"server"`
	Rcode     string   `json:"rcode"`
	AA        bool     `json:"aa"`
	A         []string `json:"a"`
	AAAA      []string `json:"aaaa"`
	CNAME     string   `json:"cname"`
	TTL       uint32   `json:"ttl"`
	TCP       bool     `json:"tcp,omitempty"`        // the answer came over TCP after truncation
	Error     string   `json:"error"`                // the A query failed: nothing to judge
	AAAAError string   `json:"aaaa_error,omitempty"` // only the AAAA query failed
	// Stray holds answer records for names that were not asked (nor reached
	// through the CNAME chain): ignored, kept as evidence of a lying server.
	Stray []string `json:"stray,omitempty"`
}

// Addresses is the sorted union of the A answers of every server, and of
// the AAAA answers too when withAAAA.
func (r *NameResult) Addresses(withAAAA bool) []string {
	set := map[string]bool{}
	for _, sa := range r.Servers {
		for _, ip := range sa.A {
			set[ip] = true
		}
		if withAAAA {
			for _, ip := range sa.AAAA {
				set[ip] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for ip := range set {
		out = append(out, ip)
	}
	sort.Strings(out)
	return out
}
