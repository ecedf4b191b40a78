package dag

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/dpgre/dpgre/internal/hostname"
)

// Object classes and attributes of the Exchange schema dpgre reads.
const (
	ClassDAG      = "msExchMDBAvailabilityGroup"
	ClassServer   = "msExchExchangeServer"
	ClassDatabase = "msExchPrivateMDB"
	ClassOrg      = "msExchOrganizationContainer"

	attrDAGIPv4     = "msExchMDBAvailabilityGroupIPv4Addresses"
	attrDAGBackLink = "msExchMDBAvailabilityGroupBL"
	attrDAGLink     = "msExchMDBAvailabilityGroupLink"
	attrWitness     = "msExchFileShareWitness"
	attrWitnessDir  = "msExchFileShareWitnessDirectory"
	attrNetAddr     = "networkAddress"
	attrRoles       = "msExchCurrentServerRoles"
	attrMaster      = "msExchMasterServerOrAvailabilityGroup"
	attrOwner       = "msExchOwningServer"
	attrEDB         = "msExchEDBFile"
	attrRestore     = "msExchRestore"

	roleMailbox = 2
)

// ExchangeAttributes are requested in the one Exchange search.
var ExchangeAttributes = []string{"objectClass", "cn", "name", "objectGUID",
	attrDAGIPv4, attrDAGBackLink, attrDAGLink, attrWitness, attrWitnessDir,
	attrNetAddr, attrRoles, "serialNumber", attrMaster, attrOwner, attrEDB, attrRestore}

// ExchangeFilter selects every object Build needs in one search.
var ExchangeFilter = fmt.Sprintf("(|(objectClass=%s)(objectClass=%s)(objectClass=%s)(objectClass=%s))",
	ClassDAG, ClassServer, ClassDatabase, ClassOrg)

// Directory is what Build makes of the directory's Exchange objects.
type Directory struct {
	Organizations []string     `json:"organizations"`
	DAGs          []DAG        `json:"dags"`
	Standalone    []Standalone `json:"standalone_servers"`
	// Notes are findings of the linking itself: disagreeing links, bad
	// GUIDs, assumptions about FQDNs. They travel as evidence.
	Notes []string `json:"notes,omitempty"`
}

type server struct {
	Member
	dagLink string // DN from msExchMDBAvailabilityGroupLink
	dag     *DAG
}

// Build links DAGs, servers and databases from the Exchange search, and the
// computer accounts from the domain search. defaultNC supplies the DNS
// domain when a DAG has no member to take it from. origin is "ldap" or
// "ldif". It does no I/O.
func Build(exch, computers []Entry, defaultNC, origin string) *Directory {
	d := &Directory{Organizations: []string{}, DAGs: []DAG{}, Standalone: []Standalone{}}
	dagByDN := map[string]int{}
	var dagEntries []Entry
	servers := map[string]*server{}
	var serverOrder []string
	var dbs []Entry
	for _, e := range exch {
		switch {
		case e.HasClass(ClassDAG):
			dagEntries = append(dagEntries, e)
		case e.HasClass(ClassServer):
			s := &server{Member: memberOf(e), dagLink: e.First(attrDAGLink)}
			k := dnKey(e.DN)
			if _, dup := servers[k]; !dup {
				serverOrder = append(serverOrder, k)
			}
			servers[k] = s
		case e.HasClass(ClassDatabase):
			dbs = append(dbs, e)
		case e.HasClass(ClassOrg):
			d.Organizations = append(d.Organizations, nameOf(e))
		}
	}
	for _, e := range dagEntries {
		g := DAG{Name: nameOf(e), DN: e.DN, IPv4: []string{}, Members: []Member{}, Databases: []Database{}, Origin: origin,
			Witness: e.First(attrWitness), WitnessDir: e.First(attrWitnessDir)}
		if b := e.Bytes("objectGUID"); b != nil {
			g.GUID, _ = DecodeGUID(b)
		}
		g.IPMode, g.IPv4 = ClassifyIPs(e.All(attrDAGIPv4))
		g.IPLess = g.IPMode == ModeIPLess
		if g.IPMode == ModeInconsistent {
			g.Notes = append(g.Notes, fmt.Sprintf("%s mixes 255.255.255.255 (IP-less) with addresses %v", attrDAGIPv4, g.IPv4))
		}
		dagByDN[dnKey(e.DN)] = len(d.DAGs)
		d.DAGs = append(d.DAGs, g)
	}
	// Membership from both sides: the server's link and the DAG's back-link.
	backLinked := map[string]map[int]bool{}
	for _, e := range dagEntries {
		i := dagByDN[dnKey(e.DN)]
		for _, bl := range e.All(attrDAGBackLink) {
			k := dnKey(bl)
			if backLinked[k] == nil {
				backLinked[k] = map[int]bool{}
			}
			backLinked[k][i] = true
			if _, ok := servers[k]; !ok {
				d.DAGs[i].Notes = append(d.DAGs[i].Notes, fmt.Sprintf("back-link names %s, which is not an Exchange server in the directory", bl))
			}
		}
	}
	for _, k := range serverOrder {
		s := servers[k]
		linked := -1
		if s.dagLink != "" {
			if i, ok := dagByDN[dnKey(s.dagLink)]; ok {
				linked = i
			} else {
				d.Notes = append(d.Notes, fmt.Sprintf("server %s links to DAG %s, which is not in the directory", s.Name, s.dagLink))
			}
		}
		for i := range backLinked[k] {
			if i != linked {
				d.DAGs[i].Notes = append(d.DAGs[i].Notes, fmt.Sprintf("%s lists %s as a member but the server does not link back to the DAG", attrDAGBackLink, s.Name))
				if linked < 0 {
					linked = i
				}
			}
		}
		if linked >= 0 && len(backLinked[k]) > 0 && !backLinked[k][linked] {
			d.DAGs[linked].Notes = append(d.DAGs[linked].Notes, fmt.Sprintf("server %s links to the DAG but is missing from its %s", s.Name, attrDAGBackLink))
		}
		if linked >= 0 {
			s.dag = &d.DAGs[linked]
		}
	}
	crossCheckComputers(servers, computers, d)
	for _, k := range serverOrder {
		if s := servers[k]; s.dag != nil {
			s.dag.Members = append(s.dag.Members, s.Member)
		}
	}
	standalone := map[string]int{}
	for _, k := range serverOrder {
		s := servers[k]
		if s.dag == nil && (s.Roles&roleMailbox != 0 || s.Roles == 0) {
			standalone[k] = len(d.Standalone)
			d.Standalone = append(d.Standalone, Standalone{Member: s.Member, Databases: []Database{}, Origin: origin})
		}
	}
	linkDatabases(d, dbs, dagByDN, servers, standalone)
	for i := range d.DAGs {
		deriveFQDN(&d.DAGs[i], defaultNC)
		sortDAG(&d.DAGs[i])
	}
	sort.Slice(d.DAGs, func(i, j int) bool { return d.DAGs[i].Name < d.DAGs[j].Name })
	sort.Slice(d.Standalone, func(i, j int) bool { return d.Standalone[i].Name < d.Standalone[j].Name })
	for i := range d.Standalone {
		sort.Slice(d.Standalone[i].Databases, func(a, b int) bool { return d.Standalone[i].Databases[a].Name < d.Standalone[i].Databases[b].Name })
	}
	sort.Strings(d.Organizations)
	return d
}

func nameOf(e Entry) string {
	if n := e.First("cn"); n != "" {
		return n
	}
	if n := e.First("name"); n != "" {
		return n
	}
	return FirstRDNValue(e.DN)
}

func memberOf(e Entry) Member {
	m := Member{Name: nameOf(e), DN: e.DN, Version: e.First("serialNumber"), IPs: []string{}}
	fmt.Sscan(e.First(attrRoles), &m.Roles)
	for _, na := range e.All(attrNetAddr) {
		proto, addr, ok := strings.Cut(na, ":")
		if ok && strings.EqualFold(proto, "ncacn_ip_tcp") && addr != "" {
			m.FQDN = hostname.Normalize(addr)
			break
		}
	}
	return m
}

// crossCheckComputers fills dNSHostName from the computer accounts and uses
// it as the FQDN when networkAddress had none.
func crossCheckComputers(servers map[string]*server, computers []Entry, d *Directory) {
	byHost := map[string]string{}
	byCN := map[string]string{}
	for _, c := range computers {
		h := hostname.Normalize(c.First("dNSHostName"))
		if h == "" {
			continue
		}
		byHost[h] = h
		byCN[strings.ToLower(nameOf(c))] = h
	}
	for _, s := range servers {
		switch {
		case s.FQDN != "" && byHost[s.FQDN] != "":
			s.DNSHost = byHost[s.FQDN]
		case s.FQDN == "" && byCN[strings.ToLower(s.Name)] != "":
			s.DNSHost = byCN[strings.ToLower(s.Name)]
			s.FQDN = s.DNSHost
			note := fmt.Sprintf("server %s has no ncacn_ip_tcp networkAddress: FQDN %s taken from its computer account", s.Name, s.FQDN)
			addNote(s, d, note)
		case s.FQDN != "" && byCN[strings.ToLower(s.Name)] != "" && byCN[strings.ToLower(s.Name)] != s.FQDN:
			s.DNSHost = byCN[strings.ToLower(s.Name)]
			addNote(s, d, fmt.Sprintf("server %s: networkAddress says %s but its computer account's dNSHostName is %s", s.Name, s.FQDN, s.DNSHost))
		case len(computers) > 0 && s.FQDN != "":
			addNote(s, d, fmt.Sprintf("server %s: no computer account with dNSHostName %s in the domain searched", s.Name, s.FQDN))
		}
	}
}

func addNote(s *server, d *Directory, note string) {
	if s.dag != nil {
		s.dag.Notes = append(s.dag.Notes, note)
		return
	}
	d.Notes = append(d.Notes, note)
}

func linkDatabases(d *Directory, dbs []Entry, dagByDN map[string]int, servers map[string]*server, standalone map[string]int) {
	for _, e := range dbs {
		if strings.EqualFold(e.First(attrRestore), "TRUE") {
			continue // a recovery database is never a backup target
		}
		db := Database{Name: nameOf(e), DN: e.DN, EDB: e.First(attrEDB)}
		guid, err := DecodeGUID(e.Bytes("objectGUID"))
		if err != nil {
			d.Notes = append(d.Notes, fmt.Sprintf("database %s: %v; not listed", db.Name, err))
			continue
		}
		db.GUID = guid
		if o := e.First(attrOwner); o != "" {
			if s, ok := servers[dnKey(o)]; ok {
				db.Server = s.Name
			} else {
				db.Server = FirstRDNValue(o)
			}
		}
		master := dnKey(e.First(attrMaster))
		if i, ok := dagByDN[master]; ok {
			d.DAGs[i].Databases = append(d.DAGs[i].Databases, db)
			continue
		}
		if i, ok := standalone[master]; ok {
			d.Standalone[i].Databases = append(d.Standalone[i].Databases, db)
			continue
		}
		if s, ok := servers[master]; ok && s.dag != nil {
			s.dag.Databases = append(s.dag.Databases, db)
			s.dag.Notes = append(s.dag.Notes, fmt.Sprintf("database %s names member server %s, not the DAG, as its master", db.Name, s.Name))
			continue
		}
		d.Notes = append(d.Notes, fmt.Sprintf("database %s: master %q is neither a DAG nor a server in the directory", db.Name, e.First(attrMaster)))
	}
}

// deriveFQDN: the DAG's DNS name is its name in its members' AD DNS domain
// (FACTS.md §2; unverified for multi-domain forests, hence the note).
func deriveFQDN(g *DAG, defaultNC string) {
	count := map[string]int{}
	for _, m := range g.Members {
		if dom := hostname.Domain(m.FQDN); dom != "" {
			count[dom]++
		}
	}
	best, n := "", 0
	for dom, c := range count {
		if c > n || c == n && dom < best {
			best, n = dom, c
		}
	}
	switch {
	case best != "" && len(count) > 1:
		g.Notes = append(g.Notes, fmt.Sprintf("members are in %d DNS domains; the DAG FQDN assumes %s, the most common", len(count), best))
	case best == "":
		best = domainOfNC(defaultNC)
		if best != "" {
			g.Notes = append(g.Notes, "no member with an FQDN: the DAG FQDN assumes the directory's domain "+best)
		}
	}
	g.FQDN = strings.ToLower(g.Name)
	if best != "" {
		g.FQDN += "." + best
	}
}

func sortDAG(g *DAG) {
	sort.Slice(g.Members, func(i, j int) bool { return g.Members[i].Name < g.Members[j].Name })
	sort.Slice(g.Databases, func(i, j int) bool { return g.Databases[i].Name < g.Databases[j].Name })
	sort.Strings(g.Notes)
}

// ClassifyIPs reads msExchMDBAvailabilityGroupIPv4Addresses (FACTS.md §2)
// and returns the mode and the real addresses.
func ClassifyIPs(vals []string) (mode string, ipv4 []string) {
	ipv4 = []string{}
	var none, zero, bad int
	for _, v := range vals {
		v = strings.TrimSpace(v)
		switch v {
		case "":
			continue
		case "255.255.255.255":
			none++
		case "0.0.0.0":
			zero++
		default:
			if a, err := netip.ParseAddr(v); err == nil && a.Is4() {
				ipv4 = append(ipv4, a.String())
			} else {
				bad++
			}
		}
	}
	sort.Strings(ipv4)
	switch {
	case none > 0 && (len(ipv4) > 0 || zero > 0 || bad > 0):
		return ModeInconsistent, ipv4
	case none > 0:
		return ModeIPLess, ipv4
	case bad > 0:
		return ModeInconsistent, ipv4
	case len(ipv4) > 0:
		return ModeStatic, ipv4
	}
	return ModeDHCP, ipv4
}
