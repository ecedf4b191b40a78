package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/preflight"
)

// notYet is the answer of commands whose collectors are not built yet: a
// clear message and exit 3 (could not evaluate), never a silent pass.
func notYet(e *env, what string) cli.ActionFunc {
	return func(c *cli.Context) error {
		fmt.Fprintf(e.stderr, "dpgre: %s is not available yet in dpgre %s\n", what, toolVersion())
		return exitCode(preflight.ExitUnknown)
	}
}

func reportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:   "report",
		Usage:  "re-judge and re-render a saved inventory (--from inv.json)",
		Flags:  generalFlags(),
		Before: e.before,
		Action: notYet(e, "re-rendering a saved inventory (report --from)"),
	}
}

func fixPlanCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:   "fix-plan",
		Usage:  "the ordered remediation plan, printed, never executed",
		Flags:  generalFlags(),
		Before: e.before,
		Action: notYet(e, "the remediation plan (fix-plan)"),
	}
}
