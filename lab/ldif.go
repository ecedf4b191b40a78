package lab

import (
	"sort"
	"strings"

	"github.com/go-ldap/ldap/v3"
	"github.com/go-ldap/ldif"

	"github.com/dpgre/dpgre/dag"
)

// LDIF renders entries as an LDIF export (binary values base64, long lines
// folded), the form ldapsearch and ldifde produce and Samba loads.
func LDIF(entries []dag.Entry) (string, error) {
	var les []*ldap.Entry
	for _, e := range entries {
		keys := make([]string, 0, len(e.Attrs))
		for k := range e.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		le := &ldap.Entry{DN: e.DN}
		for _, k := range keys {
			name := k
			if n, ok := attrNames[k]; ok {
				name = n
			}
			vals := make([]string, len(e.Attrs[k]))
			for i, v := range e.Attrs[k] {
				vals[i] = string(v)
			}
			le.Attributes = append(le.Attributes, &ldap.EntryAttribute{Name: name, Values: vals})
		}
		les = append(les, le)
	}
	l, err := ldif.ToLDIF(les)
	if err != nil {
		return "", err
	}
	l.FoldWidth = 76
	s, err := ldif.Marshal(l)
	return strings.TrimLeft(s, "\n"), err
}
