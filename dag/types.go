// Package dag discovers Exchange Database Availability Groups, their member
// servers and mailbox databases from Active Directory (LDAP or an LDIF
// export) and fills the inventory with them. It never judges.
package dag

// IP modes of a DAG, from msExchMDBAvailabilityGroupIPv4Addresses.
const (
	ModeIPLess       = "ip-less"      // exactly 255.255.255.255
	ModeDHCP         = "dhcp"         // absent, empty or 0.0.0.0
	ModeStatic       = "static"       // real addresses
	ModeInconsistent = "inconsistent" // 255.255.255.255 mixed with others
)

// DAG is one Database Availability Group.
type DAG struct {
	Name       string     `json:"name"`
	FQDN       string     `json:"fqdn"`
	DN         string     `json:"dn,omitempty"`
	GUID       string     `json:"guid,omitempty"`
	IPLess     bool       `json:"ip_less"`
	IPMode     string     `json:"ip_mode,omitempty"`
	IPv4       []string   `json:"ipv4"`
	Witness    string     `json:"witness,omitempty"`
	WitnessDir string     `json:"witness_directory,omitempty"`
	Members    []Member   `json:"members"`
	Databases  []Database `json:"databases"`
	// ExpectedIPs, when set (dns verify --expect), is the address set the
	// DAG's own A record must carry, instead of one derived from AD.
	ExpectedIPs []string `json:"expected_ips,omitempty"`
	// Origin says where the DAG came from: "ldap", "ldif" or "cli" (--dag,
	// a name only, without members or databases).
	Origin string `json:"origin,omitempty"`
	// Notes record assumptions and disagreements found while linking, e.g.
	// how the FQDN was derived or a back-link that does not match.
	Notes []string `json:"notes,omitempty"`
}

// Member is a DAG member (or standalone) Exchange server.
type Member struct {
	Name       string   `json:"name"`
	FQDN       string   `json:"fqdn"`
	DN         string   `json:"dn,omitempty"`
	DNSHost    string   `json:"dns_host_name,omitempty"` // the computer account's dNSHostName
	Version    string   `json:"version,omitempty"`       // serialNumber
	Roles      int      `json:"roles,omitempty"`         // msExchCurrentServerRoles
	IPs        []string `json:"ips"`
	ResolveErr string   `json:"resolve_error,omitempty"`
}

// Database is a mailbox database; recovery databases are never listed.
type Database struct {
	Name   string `json:"name"`
	GUID   string `json:"guid"`
	DN     string `json:"dn,omitempty"`
	Server string `json:"server,omitempty"` // owning server name
	EDB    string `json:"edb_file,omitempty"`
}

// Standalone is an Exchange server that is in no DAG, with its databases.
type Standalone struct {
	Member
	Databases []Database `json:"databases"`
	Origin    string     `json:"origin,omitempty"` // "ldap", "ldif" or "cli" (--standalone)
}

// HasDetails tells whether the DAG came from the directory (members and
// databases known) rather than a bare name on the command line.
func (d *DAG) HasDetails() bool { return d.Origin != "cli" }
