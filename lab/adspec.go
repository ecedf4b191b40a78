package lab

import (
	"fmt"
	"sort"
	"strings"

	"github.com/go-ldap/ldap/v3"

	"github.com/dpgre/dpgre/dag"
)

// ADSpec describes an Exchange organisation in AD: the lab turns it into
// directory entries (for the in-process server) and LDIF (for Samba).
type ADSpec struct {
	Domain       string       `yaml:"domain" json:"domain"`
	Organization string       `yaml:"organization" json:"organization"`
	DAGs         []DAGSpec    `yaml:"dags" json:"dags"`
	Standalone   []ServerSpec `yaml:"standalone" json:"standalone"`
	// LegacyAdminGroup puts the servers in a second administrative group,
	// as after an upgrade from Exchange 2003.
	LegacyAdminGroup bool `yaml:"legacy_admin_group" json:"legacy_admin_group"`
}

// DAGSpec is one DAG. IPs empty and IPLess false means DHCP.
type DAGSpec struct {
	Name      string       `yaml:"name" json:"name"`
	IPLess    bool         `yaml:"ip_less" json:"ip_less"`
	IPs       []string     `yaml:"ips" json:"ips"`
	Members   []ServerSpec `yaml:"members" json:"members"`
	Databases []DBSpec     `yaml:"databases" json:"databases"`
}

// ServerSpec is an Exchange server; Databases only for standalone ones.
type ServerSpec struct {
	Name      string   `yaml:"name" json:"name"`
	IP        string   `yaml:"ip" json:"ip"`
	Databases []DBSpec `yaml:"databases" json:"databases"`
}

// DBSpec is a mailbox database; Recovery marks a recovery database.
type DBSpec struct {
	Name     string `yaml:"name" json:"name"`
	GUID     string `yaml:"guid" json:"guid"`
	Recovery bool   `yaml:"recovery" json:"recovery"`
	Owner    string `yaml:"owner" json:"owner"` // server name; default the first member
}

// FQDN of a server or DAG name in the spec's domain.
func (s ADSpec) FQDN(name string) string { return strings.ToLower(name) + "." + s.Domain }

// DomainNC is DC=domain,DC=tld.
func (s ADSpec) DomainNC() string {
	var parts []string
	for _, l := range strings.Split(s.Domain, ".") {
		parts = append(parts, "DC="+l)
	}
	return strings.Join(parts, ",")
}

// ConfigNC is CN=Configuration,<domain NC>.
func (s ADSpec) ConfigNC() string { return "CN=Configuration," + s.DomainNC() }

// ExchangeDN is the Exchange services container.
func (s ADSpec) ExchangeDN() string { return "CN=Microsoft Exchange,CN=Services," + s.ConfigNC() }

// attribute names as AD writes them, keyed by lower case
var attrNames = map[string]string{}

func init() {
	for _, n := range []string{"objectClass", "objectCategory", "cn", "name", "objectGUID", "dNSHostName", "sAMAccountName",
		"msExchMDBAvailabilityGroupIPv4Addresses", "msExchMDBAvailabilityGroupBL", "msExchMDBAvailabilityGroupLink",
		"msExchFileShareWitness", "msExchFileShareWitnessDirectory", "networkAddress", "msExchCurrentServerRoles",
		"serialNumber", "userAccountControl", "msExchMasterServerOrAvailabilityGroup", "msExchOwningServer", "msExchEDBFile", "msExchRestore",
		"configurationNamingContext", "defaultNamingContext", "dnsHostName", "highestCommittedUSN"} {
		attrNames[strings.ToLower(n)] = n
	}
}

// AttrNames maps lower-case attribute names to their AD spelling.
func AttrNames() map[string]string { return attrNames }

type entryBuilder struct{ out []dag.Entry }

func (b *entryBuilder) add(dn string, kv ...any) {
	e := dag.Entry{DN: dn, Attrs: map[string][][]byte{}}
	for i := 0; i+1 < len(kv); i += 2 {
		k := strings.ToLower(kv[i].(string))
		switch v := kv[i+1].(type) {
		case string:
			e.Attrs[k] = append(e.Attrs[k], []byte(v))
		case []string:
			for _, x := range v {
				e.Attrs[k] = append(e.Attrs[k], []byte(x))
			}
		case []byte:
			e.Attrs[k] = append(e.Attrs[k], v)
		}
	}
	b.out = append(b.out, e)
}

func cn(v string) string { return "CN=" + ldap.EscapeDN(v) }

// Entries builds the directory: configuration containers, the organisation,
// DAGs, servers, databases and the servers' computer accounts.
func (s ADSpec) Entries() ([]dag.Entry, error) {
	b := &entryBuilder{}
	dom, cfg := s.DomainNC(), s.ConfigNC()
	b.add(dom, "objectClass", []string{"top", "domain", "domainDNS"})
	b.add("CN=Computers,"+dom, "objectClass", []string{"top", "container"}, "cn", "Computers")
	b.add(cfg, "objectClass", []string{"top", "configuration"}, "cn", "Configuration")
	b.add("CN=Services,"+cfg, "objectClass", []string{"top", "container"}, "cn", "Services")
	b.add(s.ExchangeDN(), "objectClass", []string{"top", "container", "msExchConfigurationContainer"}, "cn", "Microsoft Exchange")
	org := cn(s.Organization) + "," + s.ExchangeDN()
	b.add(org, "objectClass", []string{"top", "container", dag.ClassOrg}, "cn", s.Organization)
	ags := "CN=Administrative Groups," + org
	b.add(ags, "objectClass", []string{"top", "container"}, "cn", "Administrative Groups")
	ag := "CN=Exchange Administrative Group (FYDIBOHF23SPDLT)," + ags
	b.add(ag, "objectClass", []string{"top", "container", "msExchAdminGroup"}, "cn", "Exchange Administrative Group (FYDIBOHF23SPDLT)")
	serversAG := ag
	if s.LegacyAdminGroup {
		serversAG = "CN=First Administrative Group," + ags
		b.add(serversAG, "objectClass", []string{"top", "container", "msExchAdminGroup"}, "cn", "First Administrative Group")
	}
	for _, c := range []string{"CN=Servers," + serversAG, "CN=Databases," + ag, "CN=Database Availability Groups," + ag} {
		b.add(c, "objectClass", []string{"top", "container"}, "cn", dag.FirstRDNValue(c))
	}
	serverDN := func(name string) string { return cn(name) + ",CN=Servers," + serversAG }
	dagDN := func(name string) string { return cn(name) + ",CN=Database Availability Groups," + ag }
	addServer := func(sv ServerSpec, dagName string) {
		kv := []any{"objectClass", []string{"top", "server", dag.ClassServer}, "cn", sv.Name,
			"networkAddress", []string{"ncacn_vns_spp:" + sv.Name, "ncacn_ip_tcp:" + s.FQDN(sv.Name), "netbios:" + sv.Name},
			"msExchCurrentServerRoles", "16439", "serialNumber", "Version 15.1 (Build 30225.42)"}
		if dagName != "" {
			kv = append(kv, "msExchMDBAvailabilityGroupLink", dagDN(dagName))
		}
		b.add(serverDN(sv.Name), kv...)
		b.add(cn(sv.Name)+",CN=Computers,"+dom, "objectClass", []string{"top", "person", "organizationalPerson", "user", "computer"},
			"objectCategory", "CN=Computer,CN=Schema,"+cfg, "cn", sv.Name, "dNSHostName", s.FQDN(sv.Name), "sAMAccountName", sv.Name+"$")
	}
	addDB := func(db DBSpec, master, owner string) error {
		g, err := dag.EncodeGUID(db.GUID)
		if err != nil {
			return fmt.Errorf("database %s: %w", db.Name, err)
		}
		kv := []any{"objectClass", []string{"top", "msExchMDB", dag.ClassDatabase}, "cn", db.Name, "objectGUID", g,
			"msExchMasterServerOrAvailabilityGroup", master, "msExchOwningServer", serverDN(owner),
			"msExchEDBFile", `D:\ExchangeDatabases\` + db.Name + `\` + db.Name + ".edb"}
		if db.Recovery {
			kv = append(kv, "msExchRestore", "TRUE")
		}
		b.add(cn(db.Name)+",CN=Databases,"+ag, kv...)
		return nil
	}
	for _, d := range s.DAGs {
		ips := d.IPs
		if d.IPLess {
			ips = []string{"255.255.255.255"}
		}
		var bl []string
		for _, m := range d.Members {
			bl = append(bl, serverDN(m.Name))
		}
		kv := []any{"objectClass", []string{"top", dag.ClassDAG}, "cn", d.Name, "objectGUID", guidBytes(d.Name),
			"msExchMDBAvailabilityGroupBL", bl, "msExchFileShareWitness", "fsw." + s.Domain, "msExchFileShareWitnessDirectory", `C:\DAGFileShareWitnesses\` + d.Name}
		if len(ips) > 0 {
			kv = append(kv, "msExchMDBAvailabilityGroupIPv4Addresses", ips)
		}
		b.add(dagDN(d.Name), kv...)
		for _, m := range d.Members {
			addServer(m, d.Name)
		}
		for _, db := range d.Databases {
			owner := db.Owner
			if owner == "" && len(d.Members) > 0 {
				owner = d.Members[0].Name
			}
			if err := addDB(db, dagDN(d.Name), owner); err != nil {
				return nil, err
			}
		}
	}
	for _, sv := range s.Standalone {
		addServer(sv, "")
		for _, db := range sv.Databases {
			if err := addDB(db, serverDN(sv.Name), sv.Name); err != nil {
				return nil, err
			}
		}
	}
	return b.out, nil
}

// guidBytes makes a stable objectGUID from a name, for objects whose GUID
// the scenario does not care about.
func guidBytes(name string) []byte {
	var g [16]byte
	h := uint64(1469598103934665603)
	for i := 0; i < 16; i++ {
		for _, c := range []byte(name) {
			h = (h ^ uint64(c)) * 1099511628211
		}
		h ^= uint64(i)
		g[i] = byte(h >> 24)
	}
	return g[:]
}

// NodeRecords are the A records every member and standalone server has.
func (s ADSpec) NodeRecords() map[string][]string {
	out := map[string][]string{}
	for _, d := range s.DAGs {
		for _, m := range d.Members {
			if m.IP != "" {
				out[s.FQDN(m.Name)] = append(out[s.FQDN(m.Name)], m.IP)
			}
		}
	}
	for _, m := range s.Standalone {
		if m.IP != "" {
			out[s.FQDN(m.Name)] = append(out[s.FQDN(m.Name)], m.IP)
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// RootDSE returns what the lab's rootDSE says for this spec.
func (s ADSpec) RootDSE() map[string][]string {
	return map[string][]string{
		"configurationNamingContext": {s.ConfigNC()},
		"defaultNamingContext":       {s.DomainNC()},
		"dnsHostName":                {"dc1." + s.Domain},
		"highestCommittedUSN":        {"4242"},
	}
}
