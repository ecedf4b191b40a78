package main

import (
	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
	"github.com/dpgre/dpgre/dag"
)

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "check",
		Usage: "run every check that has inputs and print the report",
		Description: `Collects from every source you name (AD, DNS, the omnidb listing, omnirc, the
patch output), judges it with the whole check catalogue and prints one report.
Checks whose inputs are missing are listed as "skip" with the flag that would
feed them.

Examples:
  dpgre check --ldap-url ldaps://dc1.domain.tld --bind-user admin@domain.tld \
              --omnidb listing.txt --patches omnicheck.txt
  dpgre check --dag customer-dag1.domain.tld --omnidb listing.txt   (offline, no AD)

DNS is asked only when AD is read or --dns-server is given, so an offline run
on a customer's files never queries your own resolver.`,
		Flags:  flagSet(generalFlags(), adFlags(), dagNameFlags(), dpInputFlags(), outputFlags()),
		Before: e.before,
		Action: checkAction(e),
	}
}

// checkAction collects from every source named by the flags and judges.
func checkAction(e *env) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.Args().Present() {
			return usagef("check takes no arguments (got %q); give inputs with flags", c.Args().First())
		}
		if c.String("ldap-url") != "" && c.String("ad-ldif") != "" {
			return usagef("give --ldap-url or --ad-ldif, not both")
		}
		var ldap *dag.Config
		if c.String("from") == "" {
			var err error
			if ldap, err = e.ldapConfig(c); err != nil {
				return err
			}
		}
		return e.judge(c, collect.Config{
			LDAP:         ldap,
			ADLDIF:       c.String("ad-ldif"),
			DNSServers:   c.StringSlice("dns-server"),
			Omnidb:       c.String("omnidb"),
			Omnirc:       c.String("omnirc"),
			OmnircAuto:   true,
			Patches:      c.String("patches"),
			CellInfo:     c.String("cell-info"),
			CellInfoAuto: true,
			DAGNames:     c.StringSlice("dag"),
			Standalone:   c.StringSlice("standalone"),
		}, nil)
	}
}
