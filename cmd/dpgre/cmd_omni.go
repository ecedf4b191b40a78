package main

import (
	"runtime"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
)

func omnidbCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "omnidb",
		Usage: "judge an omnidb object listing",
		Subcommands: []*cli.Command{{
			Name:      "scan",
			Usage:     "Exchange objects per client; clients that are not DAG names (OMNI-001..003)",
			ArgsUsage: "[FILE|-]",
			Description: `Reads an object listing saved on the Cell Manager (UTF-8 or PowerShell's
UTF-16) and reports every client that holds Exchange (E2010) objects but is
not one of the DAG names: the GRE cannot restore from those backups.

Example:
  dpgre omnidb scan listing.txt --dag customer-dag1.domain.tld`,
			Flags:  flagSet(generalFlags(), dagNameFlags(), outputFlags()),
			Before: e.before,
			Action: func(c *cli.Context) error {
				path, err := oneFileArg(c, "")
				if err != nil {
					return err
				}
				if path == "" {
					return usagef("omnidb scan needs a listing FILE (or - for stdin)")
				}
				return e.judge(c, collect.Config{
					Omnidb: path, DAGNames: c.StringSlice("dag"), Standalone: c.StringSlice("standalone"),
				}, prefixed("OMNI-"))
			},
		}},
	}
}

func omnircCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "omnirc",
		Usage: "judge an omnirc file",
		Subcommands: []*cli.Command{{
			Name:      "lint",
			Usage:     "OB2DBG, malformed lines, duplicates and unknown variables (RC-001, RC-002)",
			ArgsUsage: "[FILE]",
			Description: `Without FILE, lints the omnirc the local agents read: /opt/omni/.omnirc on
UNIX (/usr/omni/.omnirc on AIX), %ProgramData%\OmniBack\omnirc on Windows.`,
			Flags:  flagSet(generalFlags(), outputFlags()),
			Before: e.before,
			Action: func(c *cli.Context) error {
				path, err := oneFileArg(c, "")
				if err != nil {
					return err
				}
				if path == "" {
					def, missing := collect.DefaultOmnirc(runtime.GOOS, e.getenv, nil)
					if def == "" && !missing {
						return usagef("no omnirc FILE given and Data Protector is not installed here; name the file to lint")
					}
				}
				return e.judge(c, collect.Config{Omnirc: path, OmnircAuto: path == ""}, prefixed("RC-"))
			},
		}},
	}
}

// oneFileArg returns the optional single FILE argument.
func oneFileArg(c *cli.Context, def string) (string, error) {
	switch c.NArg() {
	case 0:
		return def, nil
	case 1:
		return c.Args().First(), nil
	}
	return "", usagef("%s takes one FILE, got %d arguments", c.Command.Name, c.NArg())
}
