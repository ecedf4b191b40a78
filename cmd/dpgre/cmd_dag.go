package main

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/preflight"
	"github.com/dpgre/dpgre/report"
)

func dagCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "dag",
		Usage: "Exchange DAGs from Active Directory",
		Subcommands: []*cli.Command{{
			Name:  "list",
			Usage: "DAGs from AD: name, FQDN, IP-less?, members, node IPs, databases",
			Description: `Reads the DAGs, their member servers and mailbox databases from AD (or an
LDIF export) and resolves the members' addresses in DNS.

Examples:
  dpgre dag list --ldap-url ldaps://dc1.domain.tld --bind-user admin@domain.tld --bind-password-file pw.txt
  dpgre dag list --domain domain.tld --kerberos --format json`,
			Flags: flagSet(generalFlags(), adFlags(), []cli.Flag{
				&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json ({\"dags\": [...]})", EnvVars: envName("format"), Category: catOutput},
				&cli.BoolFlag{Name: "no-resolve", Usage: "do not resolve the members' addresses in DNS (directory only)", EnvVars: envName("no-resolve"), Category: catAD},
			}),
			Before: e.before,
			Action: func(c *cli.Context) error {
				if c.Args().Present() {
					return usagef("dag list takes no arguments")
				}
				format := c.String("format")
				if format != "text" && format != "json" {
					return usagef("--format must be text or json")
				}
				ldap, err := e.ldapConfig(c)
				if err != nil {
					return err
				}
				if ldap == nil && c.String("ad-ldif") == "" {
					return usagef("dag list needs --ldap-url, --domain or --ad-ldif")
				}
				inv := collect.Collect(c.Context, collect.Config{LDAP: ldap, ADLDIF: c.String("ad-ldif"), NoDNS: c.Bool("no-resolve"),
					DNSServers: c.StringSlice("dns-server"), Timeout: c.Duration("timeout"), Stdin: e.stdin})
				if inv.AD != nil {
					e.log.Infof("read %d DAG(s) from %s in %d LDAP search(es)", len(inv.DAGs), inv.AD.Server, inv.AD.Searches)
					for _, t := range inv.AD.Timings {
						e.log.Debugf("%s: %d entries in %d ms", t.Search, t.Entries, t.MS)
					}
				}
				for _, s := range inv.Sources {
					for _, w := range s.Warnings {
						e.log.Warn(w)
					}
					if s.Error != "" && s.Name == inventory.SourceDNS {
						e.log.Warnf("member addresses not resolved: %s", s.Error)
					}
				}
				for _, name := range []string{inventory.SourceLDAP, inventory.SourceLDIF} {
					if s := inv.Source(name); s != nil && s.Error != "" {
						fmt.Fprintf(e.stderr, "dpgre: %s\n", s.Error)
						return exitCode(preflight.ExitUnknown)
					}
				}
				return report.RenderDAGs(e.stdout, inv, format)
			},
		}},
	}
}

func dnsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "dns",
		Usage: "DNS checks of the DAG's round-robin record",
		Subcommands: []*cli.Command{{
			Name:  "verify",
			Usage: "the round-robin record on every authoritative server (DNS-001..004)",
			Description: `Finds the zone's authoritative servers (or takes --dns-server), asks each for
the name's A/AAAA records and compares the set with --expect, or with the DAG's
node set from AD when AD flags are given.

Examples:
  dpgre dns verify --name customer-dag1.domain.tld --expect 10.0.0.11,10.0.0.12
  dpgre dns verify --name customer-dag1.domain.tld --ldap-url ldaps://dc1.domain.tld --bind-user admin@domain.tld`,
			Flags: flagSet(generalFlags(), []cli.Flag{
				stringFlag("name", "the DAG's own `FQDN`", catAD),
				sliceFlag("expect", "expected `IP`s (comma-separated or repeated)", catAD),
			}, adFlags(), outputFlags()),
			Before: e.before,
			Action: func(c *cli.Context) error {
				name := c.String("name")
				if name == "" || !strings.Contains(name, ".") {
					return usagef("dns verify needs --name FQDN")
				}
				var expect []string
				for _, v := range c.StringSlice("expect") {
					for _, ip := range strings.Split(v, ",") {
						ip = strings.TrimSpace(ip)
						if ip == "" {
							continue
						}
						a, err := netip.ParseAddr(ip)
						if err != nil || !a.Is4() {
							return usagef("--expect %q is not an IPv4 address", ip)
						}
						expect = append(expect, a.String())
					}
				}
				ldap, err := e.ldapConfig(c)
				if err != nil {
					return err
				}
				return e.judge(c, collect.Config{LDAP: ldap, ADLDIF: c.String("ad-ldif"), DNSServers: c.StringSlice("dns-server"),
					VerifyName: name, Expect: expect}, prefixed("DNS-"))
			},
		}},
	}
}
