package lab

import (
	"strings"

	"github.com/dpgre/dpgre/dag"
)

// SambaLDIF renders the spec for loading into a freshly provisioned Samba
// AD DC (ldbadd --relax, so the scenario's objectGUIDs are kept): the
// containers provisioning made are left out, each object names only its
// most specific class (Samba fills in the chain), back-links are left to
// Samba to compute, and computer accounts get what Samba requires.
func SambaLDIF(s ADSpec) (string, error) {
	entries, err := s.Entries()
	if err != nil {
		return "", err
	}
	skip := map[string]bool{}
	for _, dn := range []string{s.DomainNC(), "CN=Computers," + s.DomainNC(), s.ConfigNC(), "CN=Services," + s.ConfigNC()} {
		skip[strings.ToLower(dn)] = true
	}
	var out []dag.Entry
	for _, e := range entries {
		if skip[strings.ToLower(e.DN)] {
			continue
		}
		c := dag.Entry{DN: e.DN, Attrs: map[string][][]byte{}}
		for k, v := range e.Attrs {
			c.Attrs[k] = v
		}
		classes := c.Attrs["objectclass"]
		c.Attrs["objectclass"] = classes[len(classes)-1:]
		delete(c.Attrs, "msexchmdbavailabilitygroupbl")
		if e.HasClass("computer") {
			delete(c.Attrs, "objectcategory")
			c.Attrs["useraccountcontrol"] = [][]byte{[]byte("4096")}
		}
		out = append(out, c)
	}
	return LDIF(out)
}

// IntegrationSpec is the Samba lab's scenario: the AD issue's acceptance
// directory in the lab realm.
func IntegrationSpec() ADSpec { return AcceptanceSpec() }

// IntegrationAlias is the name dag01 was (wrongly) imported under in the
// integration scenario, written in another case to prove case-insensitivity.
const IntegrationAlias = "DAG01-Backup.Corp.Example"

// IntegrationUnbacked is the one DAG database the integration listing leaves
// out (OMNI-002).
const IntegrationUnbacked = "Mailbox Database 0000200001"

// IntegrationDNS returns "name A ip" lines for samba-tool: every node, the
// correct round-robin records of every DAG but dag01, and dag01's node set
// under the alias only (the field report's mistake).
func IntegrationDNS(s ADSpec) []string {
	var out []string
	add := func(name string, ips ...string) {
		for _, ip := range ips {
			out = append(out, strings.ToLower(name)+" A "+ip)
		}
	}
	nodes := s.NodeRecords()
	for _, d := range s.DAGs {
		for _, m := range d.Members {
			add(s.FQDN(m.Name), nodes[s.FQDN(m.Name)]...)
		}
	}
	for _, m := range s.Standalone {
		add(s.FQDN(m.Name), nodes[s.FQDN(m.Name)]...)
	}
	for i, d := range s.DAGs {
		var set []string
		for _, m := range d.Members {
			set = append(set, m.IP)
		}
		switch {
		case i == 0:
			add(IntegrationAlias, set...)
		case len(d.IPs) > 0 && d.IPs[0] == "0.0.0.0":
			add(s.FQDN(d.Name), "10.23.0.50") // the DHCP lease of its cluster IP
		case len(d.IPs) > 0:
			add(s.FQDN(d.Name), d.IPs...)
		default:
			add(s.FQDN(d.Name), set...)
		}
	}
	return out
}

// IntegrationListing is the omnidb listing of the integration scenario:
// dag01 backed up under the alias, the other DAGs under their own names in
// varying case, one database never backed up, the standalone server under
// its own name, file systems beside them; recovery databases never.
func IntegrationListing(s ADSpec) string {
	var b strings.Builder
	row := func(name, typ string) {
		if len(name) < 63 {
			name += strings.Repeat(" ", 63-len(name))
		}
		b.WriteString(name + " " + typ + "\r\n")
	}
	row("Object Name", "Object type")
	b.WriteString(strings.Repeat("=", 75) + "\r\n")
	for i, d := range s.DAGs {
		client := s.FQDN(d.Name)
		switch {
		case i == 0:
			client = IntegrationAlias
		case i%2 == 1:
			client = strings.ToUpper(client[:1]) + client[1:]
		}
		for _, db := range d.Databases {
			if db.Recovery || db.Name == IntegrationUnbacked {
				continue
			}
			row(client+":/"+db.GUID+"/"+db.Name, "E2010")
		}
	}
	for _, sv := range s.Standalone {
		for _, db := range sv.Databases {
			if !db.Recovery {
				row(s.FQDN(sv.Name)+":/"+db.GUID+"/"+db.Name, "E2010")
			}
		}
		row(s.FQDN(sv.Name)+":/C 'C:'", "FileSystem")
	}
	return b.String()
}
