package dag

import (
	"strings"

	"github.com/go-ldap/ldap/v3"
)

// Entry is a directory object as LDAP or an LDIF export returns it;
// attribute names are lower-case, values raw bytes (objectGUID is binary).
type Entry struct {
	DN    string
	Attrs map[string][][]byte
}

// FromLDAP converts a go-ldap entry.
func FromLDAP(e *ldap.Entry) Entry {
	out := Entry{DN: e.DN, Attrs: make(map[string][][]byte, len(e.Attributes))}
	for _, a := range e.Attributes {
		k := strings.ToLower(a.Name)
		out.Attrs[k] = append(out.Attrs[k], a.ByteValues...)
	}
	return out
}

// First returns the first value of an attribute as a string.
func (e Entry) First(name string) string {
	if v := e.Attrs[strings.ToLower(name)]; len(v) > 0 {
		return string(v[0])
	}
	return ""
}

// All returns every value of an attribute as strings.
func (e Entry) All(name string) []string {
	vs := e.Attrs[strings.ToLower(name)]
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// Bytes returns the first raw value of an attribute.
func (e Entry) Bytes(name string) []byte {
	if v := e.Attrs[strings.ToLower(name)]; len(v) > 0 {
		return v[0]
	}
	return nil
}

// HasClass tells whether objectClass includes class (case-insensitive).
func (e Entry) HasClass(class string) bool {
	for _, c := range e.All("objectClass") {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

// dnKey is a canonical, case-insensitive form of a DN for map keys, built
// from go-ldap's parser so escaping and spacing differences do not matter.
// An unparseable DN falls back to its lower-cased text.
func dnKey(dn string) string {
	p, err := ldap.ParseDN(dn)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(dn))
	}
	var b strings.Builder
	for i, rdn := range p.RDNs {
		if i > 0 {
			b.WriteByte(0)
		}
		for j, a := range rdn.Attributes {
			if j > 0 {
				b.WriteByte(1)
			}
			b.WriteString(strings.ToLower(a.Type))
			b.WriteByte('=')
			b.WriteString(strings.ToLower(a.Value))
		}
	}
	return b.String()
}

// SameDN compares two DNs the way the directory does.
func SameDN(a, b string) bool {
	pa, err1 := ldap.ParseDN(a)
	pb, err2 := ldap.ParseDN(b)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
	}
	return pa.EqualFold(pb)
}

// FirstRDNValue is the value of the leftmost RDN ("customer-dag1" for
// CN=customer-dag1,CN=Database Availability Groups,...).
func FirstRDNValue(dn string) string {
	p, err := ldap.ParseDN(dn)
	if err != nil || len(p.RDNs) == 0 || len(p.RDNs[0].Attributes) == 0 {
		return ""
	}
	return p.RDNs[0].Attributes[0].Value
}

// domainOfNC turns DC=domain,DC=tld into domain.tld.
func domainOfNC(nc string) string {
	p, err := ldap.ParseDN(nc)
	if err != nil {
		return ""
	}
	var labels []string
	for _, rdn := range p.RDNs {
		for _, a := range rdn.Attributes {
			if strings.EqualFold(a.Type, "DC") {
				labels = append(labels, strings.ToLower(a.Value))
			}
		}
	}
	return strings.Join(labels, ".")
}
