package dag

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-ldap/ldap/v3"
	"github.com/go-ldap/ldif"

	"github.com/dpgre/dpgre/internal/textio"
)

// MaxLDIFBytes bounds an LDIF export (a forest with thousands of databases
// is a few tens of MB).
const MaxLDIFBytes = 1 << 30

// ReadLDIF builds the directory from an export made with ldifde or
// ldapsearch (base64 values, folded lines, "changetype: add" records,
// UTF-16 from ldifde -u). Export the Exchange configuration subtree and, for
// the FQDN cross-check, the Exchange servers' computer accounts.
func ReadLDIF(r io.Reader, name string) (*Directory, error) {
	dec, _, err := textio.Decode(io.LimitReader(r, MaxLDIFBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var exch, computers []Entry
	var defaultNC string
	l := &ldif.LDIF{}
	n := 0
	guard := newLDIFGuard(dec, name)
	for e, err := range ldif.UnmarshalEntries(guard, l) {
		if err != nil {
			var pe *ldif.ParseError
			var le *textio.LineError
			if errors.As(err, &le) || strings.Contains(err.Error(), name+":") {
				return nil, err
			}
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %s", name, guard.physicalLine(pe.Line), pe.Message)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		ent, ok := ldifEntry(e)
		if !ok {
			continue
		}
		n++
		switch {
		case ent.HasClass("computer"):
			computers = append(computers, ent)
		case ent.HasClass(ClassDAG), ent.HasClass(ClassServer), ent.HasClass(ClassDatabase), ent.HasClass(ClassOrg):
			exch = append(exch, ent)
		}
		if defaultNC == "" {
			defaultNC = ncOf(ent.DN)
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no LDIF entries (expected dn: records from ldifde or ldapsearch)", name)
	}
	if len(exch) == 0 {
		return nil, fmt.Errorf("%s: no Exchange objects (%s, %s, %s): export the subtree CN=Microsoft Exchange,CN=Services,CN=Configuration of the forest",
			name, ClassDAG, ClassServer, ClassDatabase)
	}
	return Build(exch, computers, defaultNC, "ldif"), nil
}

func ldifEntry(e *ldif.Entry) (Entry, bool) {
	switch {
	case e == nil:
		return Entry{}, false
	case e.Entry != nil:
		return FromLDAP(e.Entry), true
	case e.Add != nil:
		out := Entry{DN: e.Add.DN, Attrs: map[string][][]byte{}}
		for _, a := range e.Add.Attributes {
			k := strings.ToLower(a.Type)
			for _, v := range a.Vals {
				out.Attrs[k] = append(out.Attrs[k], []byte(v))
			}
		}
		return out, true
	}
	return Entry{}, false
}

// ncOf returns the DC=... suffix of a DN: the domain naming context.
func ncOf(dn string) string {
	p, err := ldap.ParseDN(dn)
	if err != nil {
		return ""
	}
	var parts []string
	for _, rdn := range p.RDNs {
		if len(rdn.Attributes) == 1 && strings.EqualFold(rdn.Attributes[0].Type, "DC") {
			parts = append(parts, "DC="+ldap.EscapeDN(rdn.Attributes[0].Value))
		}
	}
	return strings.Join(parts, ",")
}
