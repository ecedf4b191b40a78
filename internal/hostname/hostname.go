// Package hostname holds the one way dpgre compares host names: DNS names are
// case-insensitive, a trailing dot is the same name, and Data Protector
// clients are sometimes imported by short name.
package hostname

import "strings"

// Normalize lower-cases a host name and drops surrounding space and a
// trailing dot: the form every FQDN takes in the inventory.
func Normalize(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
}

// Short is the first label of a normalized name.
func Short(h string) string {
	s, _, _ := strings.Cut(Normalize(h), ".")
	return s
}

// Match tells whether a and b name the same host. Exact is false when they
// only match because one of them is a short name whose first label equals
// the other's: callers report that as an assumption.
func Match(a, b string) (match, exact bool) {
	a, b = Normalize(a), Normalize(b)
	if a == "" || b == "" {
		return false, false
	}
	if a == b {
		return true, true
	}
	if !strings.Contains(a, ".") || !strings.Contains(b, ".") {
		return Short(a) == Short(b), false
	}
	return false, false
}

// Domain is everything after the first label ("" for a short name).
func Domain(h string) string {
	_, d, _ := strings.Cut(Normalize(h), ".")
	return d
}
