package dnscheck

import (
	"errors"
	"net"

	"github.com/miekg/dns"
)

// ResolvConf reads the nameservers of a resolv.conf file as host:port.
func ResolvConf(path string) ([]string, error) {
	cc, err := dns.ClientConfigFromFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range cc.Servers {
		out = append(out, net.JoinHostPort(s, cc.Port))
	}
	if len(out) == 0 {
		return nil, errors.New(path + ": no nameserver")
	}
	return out, nil
}

// WithPort adds :53 to servers given without a port.
func WithPort(servers []string) []string {
	out := make([]string, 0, len(servers))
	for _, s := range servers {
		if _, _, err := net.SplitHostPort(s); err != nil {
			s = net.JoinHostPort(s, "53")
		}
		out = append(out, s)
	}
	return out
}
