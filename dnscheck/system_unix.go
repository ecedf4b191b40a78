//go:build !windows

package dnscheck

// SystemResolvers are the resolvers this machine is configured with.
func SystemResolvers() ([]string, error) { return ResolvConf("/etc/resolv.conf") }
