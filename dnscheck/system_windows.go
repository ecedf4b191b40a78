//go:build windows

package dnscheck

import (
	"errors"
	"net"
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

// SystemResolvers are the DNS servers of the machine's network adapters
// that are up, as Windows itself would use them.
func SystemResolvers() ([]string, error) {
	size := uint32(15000)
	for tries := 0; tries < 3; tries++ {
		buf := make([]byte, size)
		aa := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0]))
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, windows.GAA_FLAG_SKIP_ANYCAST|windows.GAA_FLAG_SKIP_MULTICAST, 0, aa, &size)
		if err == windows.ERROR_BUFFER_OVERFLOW {
			continue
		}
		if err != nil {
			return nil, os.NewSyscallError("GetAdaptersAddresses", err)
		}
		var out []string
		seen := map[string]bool{}
		for a := aa; a != nil; a = a.Next {
			if a.OperStatus != windows.IfOperStatusUp {
				continue
			}
			for d := a.FirstDnsServerAddress; d != nil; d = d.Next {
				ip := d.Address.IP()
				if ip == nil || ip.To4() == nil && len(ip) == 16 && ip[0] == 0xfe && ip[1] == 0xc0 {
					continue // deprecated site-local defaults
				}
				if !seen[ip.String()] {
					seen[ip.String()] = true
					out = append(out, net.JoinHostPort(ip.String(), "53"))
				}
			}
		}
		if len(out) == 0 {
			return nil, errors.New("no DNS server configured on any network adapter")
		}
		return out, nil
	}
	return nil, errors.New("GetAdaptersAddresses: buffer kept growing")
}
