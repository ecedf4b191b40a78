package lab

import (
	"errors"
	"os"
	"path/filepath"
)

// DemoPassword is the lab directory's bind password; it is written to a
// password file, exactly as an admin would pass one.
const DemoPassword = "Demo-Lab-Passw0rd!"

// Demo is a running lab for a scenario: an LDAPS directory with its own CA,
// authoritative DNS servers on loopback, and the Data Protector files.
type Demo struct {
	LDAP  *LDAPServer
	DNS   DNSGroup
	Files *Files
	Dir   string
	flags []string
}

// StartDemo serves sc in dir (which must exist and is left to the caller to
// remove). fixed serves the scenario with its remediation applied.
func StartDemo(sc *Scenario, dir string, fixed bool) (*Demo, error) {
	d := &Demo{Dir: dir}
	ca, err := NewCA()
	if err != nil {
		return nil, err
	}
	entries, err := sc.AD.Entries()
	if err != nil {
		return nil, err
	}
	user := "administrator@" + sc.AD.Domain
	d.LDAP, err = StartLDAP(entries, AttrNames(), LDAPOptions{LDAPS: true, CA: ca, RootDSE: sc.AD.RootDSE(),
		Users: map[string]string{user: DemoPassword}})
	if err != nil {
		return nil, err
	}
	zone := sc.Zone
	if fixed {
		zone = sc.FixedZone
	}
	// Three authoritative servers where the loopback range allows it
	// (Linux, Windows); one on 127.0.0.1 elsewhere.
	for _, n := range []int{3, 1} {
		d.DNS, err = StartDNSGroup(n, nil, func(int) []*Zone { return []*Zone{zone()} })
		if err == nil {
			break
		}
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	if fixed {
		d.Files, err = sc.WriteFixedFiles(dir)
	} else {
		d.Files, err = sc.WriteFiles(dir)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	caPath, pwPath := filepath.Join(dir, "lab-ca.pem"), filepath.Join(dir, "bind-password")
	if err := errors.Join(os.WriteFile(caPath, ca.PEM, 0o644), os.WriteFile(pwPath, []byte(DemoPassword+"\n"), 0o600)); err != nil {
		d.Close()
		return nil, err
	}
	d.flags = []string{"--ldap-url", d.LDAP.URL, "--ca-file", caPath, "--bind-user", user, "--bind-password-file", pwPath}
	for _, a := range d.DNS.Addrs() {
		d.flags = append(d.flags, "--dns-server", a)
	}
	d.flags = append(d.flags, "--omnidb", d.Files.Listing, "--omnirc", d.Files.Omnirc, "--patches", d.Files.Patches, "--cell-info", d.Files.CellInfo)
	return d, nil
}

// CheckFlags are the `dpgre check` flags that point at the lab.
func (d *Demo) CheckFlags() []string { return append([]string(nil), d.flags...) }

// Close stops the servers.
func (d *Demo) Close() {
	if d.LDAP != nil {
		d.LDAP.Close()
	}
	d.DNS.Close()
}
