package lab

import (
	"bytes"
	"fmt"
	"strings"

	ber "github.com/go-asn1-ber/asn1-ber"
	"github.com/go-ldap/ldap/v3"

	"github.com/dpgre/dpgre/dag"
)

// matchFilter evaluates a compiled LDAP filter against an entry with AD's
// semantics where dpgre relies on them: case-insensitive strings, binary
// objectGUID compared byte for byte, objectCategory=computer matching the
// category DN's first RDN.
func matchFilter(p *ber.Packet, e dag.Entry) (bool, error) {
	switch p.Tag {
	case ldap.FilterAnd:
		for _, c := range p.Children {
			ok, err := matchFilter(c, e)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case ldap.FilterOr:
		for _, c := range p.Children {
			ok, err := matchFilter(c, e)
			if err != nil {
				return false, err
			}
			if ok {
				return true, nil
			}
		}
		return false, nil
	case ldap.FilterNot:
		if len(p.Children) != 1 {
			return false, fmt.Errorf("NOT with %d children", len(p.Children))
		}
		ok, err := matchFilter(p.Children[0], e)
		return !ok, err
	case ldap.FilterPresent:
		attr := strings.ToLower(p.Data.String())
		if attr == "objectclass" {
			return true, nil
		}
		return len(e.Attrs[attr]) > 0, nil
	case ldap.FilterEqualityMatch, ldap.FilterApproxMatch, ldap.FilterGreaterOrEqual, ldap.FilterLessOrEqual:
		if len(p.Children) != 2 {
			return false, fmt.Errorf("comparison with %d children", len(p.Children))
		}
		attr := strings.ToLower(p.Children[0].Data.String())
		want := p.Children[1].Data.Bytes()
		for _, v := range e.Attrs[attr] {
			if compare(p.Tag, attr, v, want) {
				return true, nil
			}
		}
		return false, nil
	case ldap.FilterSubstrings:
		if len(p.Children) != 2 {
			return false, fmt.Errorf("substrings with %d children", len(p.Children))
		}
		attr := strings.ToLower(p.Children[0].Data.String())
		for _, v := range e.Attrs[attr] {
			if substr(bytes.ToLower(v), p.Children[1].Children) {
				return true, nil
			}
		}
		return false, nil
	}
	return false, fmt.Errorf("unsupported filter component %d", p.Tag)
}

func compare(tag ber.Tag, attr string, have, want []byte) bool {
	switch {
	case attr == "objectguid":
		return tag == ldap.FilterEqualityMatch && bytes.Equal(have, want)
	case attr == "objectcategory" && bytes.IndexByte(want, '=') < 0:
		if v := dag.FirstRDNValue(string(have)); v != "" {
			have = []byte(v)
		}
	}
	c := bytes.Compare(bytes.ToLower(have), bytes.ToLower(want))
	switch tag {
	case ldap.FilterGreaterOrEqual:
		return c >= 0
	case ldap.FilterLessOrEqual:
		return c <= 0
	}
	return c == 0
}

func substr(v []byte, parts []*ber.Packet) bool {
	for i, part := range parts {
		s := bytes.ToLower(part.Data.Bytes())
		switch part.Tag {
		case ldap.FilterSubstringsInitial:
			if !bytes.HasPrefix(v, s) {
				return false
			}
			v = v[len(s):]
		case ldap.FilterSubstringsAny:
			j := bytes.Index(v, s)
			if j < 0 {
				return false
			}
			v = v[j+len(s):]
		case ldap.FilterSubstringsFinal:
			if i != len(parts)-1 || !bytes.HasSuffix(v, s) {
				return false
			}
		}
	}
	return true
}
