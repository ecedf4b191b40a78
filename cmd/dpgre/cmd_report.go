package main

import (
	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
)

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "re-judge and re-render a saved inventory (--from inv.json)",
		Description: `Judges an inventory saved with "dpgre check --save inv.json" again, offline,
with the current checks and knowledge base, and writes the reports asked for.

Example:
  dpgre report --from inv.json --report html=report.html --report junit=junit.xml`,
		Flags:  flagSet(generalFlags(), outputFlags()),
		Before: e.before,
		Action: func(c *cli.Context) error {
			if c.String("from") == "" {
				return usagef("report needs --from FILE (an inventory saved with check --save)")
			}
			return e.judge(c, collect.Config{}, nil)
		},
	}
}

func fixPlanCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "fix-plan",
		Usage: "the ordered remediation plan, printed, never executed",
		Description: `Runs the same collection and checks as "check" (or judges --from inv.json)
and prints the remediation of every failure and warning in the order it has
to be done: DNS, Data Protector clients, agents, backups, omnirc, patches.
Nothing is executed.`,
		Flags:  flagSet(generalFlags(), adFlags(), dagNameFlags(), dpInputFlags(), outputFlags()),
		Before: e.before,
		Action: func(c *cli.Context) error {
			if !c.IsSet("format") && !c.IsSet("report") {
				if err := c.Set("format", "fixplan"); err != nil {
					return err
				}
			}
			return checkAction(e)(c)
		},
	}
}
