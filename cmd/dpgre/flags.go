package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/dpgre/dpgre/internal/config"
	"github.com/dpgre/dpgre/patches"
)

// envName is the environment variable of a flag: DPGRE_LDAP_URL for ldap-url.
func envName(flag string) []string {
	return []string{"DPGRE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))}
}

func stringFlag(name, usage string, cat string) *cli.StringFlag {
	return &cli.StringFlag{Name: name, Usage: usage, EnvVars: envName(name), Category: cat}
}

func sliceFlag(name, usage, cat string) *cli.StringSliceFlag {
	return &cli.StringSliceFlag{Name: name, Usage: usage, EnvVars: envName(name), Category: cat}
}

func boolFlag(name, usage, cat string) *cli.BoolFlag {
	return &cli.BoolFlag{Name: name, Usage: usage, EnvVars: envName(name), Category: cat}
}

const (
	catGeneral = "General"
	catInputs  = "Data Protector inputs"
	catAD      = "Active Directory"
	catOutput  = "Report"
)

func generalFlags() []cli.Flag {
	return []cli.Flag{
		stringFlag("config", "read settings from this YAML `FILE` (keys are flag names; flags and DPGRE_* variables win)", catGeneral),
		&cli.StringFlag{Name: "log-level", Value: "warning", Usage: "log `LEVEL` on stderr: debug, info, warning, error", EnvVars: envName("log-level"), Category: catGeneral},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log `FORMAT` on stderr: text or json", EnvVars: envName("log-format"), Category: catGeneral},
		boolFlag("no-color", "never colour the output (NO_COLOR is honoured too)", catGeneral),
		&cli.DurationFlag{Name: "timeout", Value: 30 * time.Second, Usage: "deadline for each source (LDAP, DNS, a file)", EnvVars: envName("timeout"), Category: catGeneral},
		stringFlag("kb", "judge against this knowledge-base YAML `FILE` instead of the built-in one", catGeneral),
	}
}

func outputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Value: "text", Usage: "report `FORMAT` on stdout: text, json, junit, markdown, html, nagios, prometheus, fixplan", EnvVars: envName("format"), Category: catOutput},
		sliceFlag("report", "write a report as `FORMAT[=PATH]` (repeatable, several from one run; files are written atomically; no PATH or - means stdout)", catOutput),
		stringFlag("save", "save the collected inventory to `FILE` (JSON) to judge again later with --from", catOutput),
		stringFlag("from", "judge a saved inventory `FILE` instead of collecting (offline: audits, support cases)", catOutput),
		stringFlag("waivers", "accept known findings listed in this YAML `FILE` (id, subject, justification, expires)", catOutput),
		sliceFlag("only", "run only these check `ID`s (repeatable, e.g. OMNI-001)", catOutput),
		sliceFlag("ignore", "do not run these check `ID`s (repeatable)", catOutput),
	}
}

func dpInputFlags() []cli.Flag {
	return []cli.Flag{
		stringFlag("omnidb", "Exchange/file-system object listing saved from omnidb (`FILE`, - for stdin; UTF-8 or UTF-16)", catInputs),
		stringFlag("omnirc", "omnirc `FILE` (default: the agents' own, /opt/omni/.omnirc or %ProgramData%\\OmniBack\\omnirc, when Data Protector is installed here)", catInputs),
		stringFlag("patches", "output of omnicheck -version / omnicheck -patches, or a version=/hotfix= file (`FILE`)", catInputs),
		stringFlag("cell-info", "the Cell Manager's cell_info, omnicellinfo -cell output or a client's omni_info (`FILE`; default: the Cell Manager's own when dpgre runs on one)", catInputs),
	}
}

func dagNameFlags() []cli.Flag {
	return []cli.Flag{
		sliceFlag("dag", "a DAG's own `FQDN` (repeatable); without AD this is how dpgre knows the DAG names", catAD),
		sliceFlag("standalone", "a standalone (non-DAG) Exchange Mailbox server `FQDN` whose databases are backed up under its own name (repeatable)", catAD),
	}
}

func flagSet(groups ...[]cli.Flag) []cli.Flag {
	var out []cli.Flag
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// before applies the config file and sets up logging for a command.
func (e *env) before(c *cli.Context) error {
	if path := c.String("config"); path != "" {
		var names []string
		for _, f := range c.Command.Flags {
			names = append(names, f.Names()[0])
		}
		vals, err := config.Load(path, names)
		if err != nil {
			return usagef("config: %v", err)
		}
		for name, vs := range vals {
			if c.IsSet(name) {
				continue // flag or DPGRE_* variable wins
			}
			for _, v := range vs {
				if err := c.Set(name, v); err != nil {
					return usagef("config %s: %s: %v", path, name, err)
				}
			}
		}
	}
	lvl, err := logrus.ParseLevel(c.String("log-level"))
	if err != nil {
		return usagef("--log-level: %v", err)
	}
	e.log.SetLevel(lvl)
	switch c.String("log-format") {
	case "json":
		e.log.SetFormatter(&logrus.JSONFormatter{})
	case "text":
		e.log.SetFormatter(&logrus.TextFormatter{DisableColors: !e.colorOn(c, e.stderr), FullTimestamp: true})
	default:
		return usagef("--log-format must be text or json, not %q", c.String("log-format"))
	}
	return nil
}

// colorOn: colour only on a terminal, and never with NO_COLOR or --no-color.
func (e *env) colorOn(c *cli.Context, w any) bool {
	if c.Bool("no-color") || e.getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

func isTerminal(w any) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

func (e *env) loadKB(c *cli.Context) (*patches.KB, error) {
	if p := c.String("kb"); p != "" {
		kb, err := patches.LoadKB(p)
		if err != nil {
			return nil, usagef("--kb: %v", err)
		}
		return kb, nil
	}
	kb, err := patches.EmbeddedKB()
	if err != nil {
		return nil, fmt.Errorf("built-in knowledge base: %w", err)
	}
	return kb, nil
}
