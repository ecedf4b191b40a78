package main

import (
	"os"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/lab"
)

func demoCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "run `check` against the embedded field-report case (no setup needed)",
		Description: `Writes the embedded scenario (the incident dpgre exists for: an IP-less DAG
backed up under the alias dag-backup.domain.tld) to a temporary directory and
runs exactly "dpgre check" on it. Expect exit 2: the GRE would fail.`,
		Flags:  flagSet(generalFlags(), outputFlags()),
		Before: e.before,
		Action: func(c *cli.Context) error {
			dir, err := os.MkdirTemp("", "dpgre-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			sc, err := lab.Write(lab.FieldReport, dir)
			if err != nil {
				return err
			}
			args := []string{"dpgre", "check",
				"--omnidb", sc.Listing, "--omnirc", sc.Omnirc, "--patches", sc.Patches}
			for _, d := range sc.DAGs {
				args = append(args, "--dag", d)
			}
			for _, s := range sc.Standalone {
				args = append(args, "--standalone", s)
			}
			args = append(args, passThrough(c)...)
			code := run(args, e.stdin, e.stdout, e.stderr)
			return exitCode(code)
		},
	}
}

// passThrough forwards the output and general flags the user gave to demo.
func passThrough(c *cli.Context) []string {
	var out []string
	for _, name := range []string{"format", "log-level", "log-format", "kb", "timeout"} {
		if c.IsSet(name) {
			out = append(out, "--"+name, c.String(name))
		}
	}
	for _, name := range []string{"report", "only", "ignore"} {
		for _, v := range c.StringSlice(name) {
			out = append(out, "--"+name, v)
		}
	}
	if c.Bool("no-color") {
		out = append(out, "--no-color")
	}
	return out
}
