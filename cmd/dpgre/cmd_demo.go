package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/lab"
)

func demoCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "start the embedded lab (AD + DNS + Data Protector files) and run `check` against it",
		Description: `Starts an in-process directory (LDAPS) and authoritative DNS servers on
loopback addresses, seeded with the incident dpgre exists for: the IP-less DAG
customer-dag1 backed up under the alias dag-backup.domain.tld. Then it runs
exactly "dpgre check" against them. Expect exit 2: the GRE would fail.

  --fixed   apply the remediation inside the lab first: the report is green
  --serve   keep the lab running and print the check flags that point at it`,
		Flags: flagSet(generalFlags(), outputFlags(), []cli.Flag{
			&cli.BoolFlag{Name: "fixed", Usage: "apply the remediation in the lab, then check"},
			&cli.BoolFlag{Name: "serve", Usage: "keep the lab running until Ctrl-C and print the check flags"},
		}),
		Before: e.before,
		Action: func(c *cli.Context) error {
			sc, err := lab.LoadScenario(lab.FieldReport)
			if err != nil {
				return err
			}
			dir, err := os.MkdirTemp("", "dpgre-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			d, err := lab.StartDemo(sc, dir, c.Bool("fixed"))
			if err != nil {
				return fmt.Errorf("starting the lab: %w", err)
			}
			defer d.Close()
			if c.Bool("serve") {
				// Listen before telling anyone the lab is up: a stop that comes
				// right after must still clean up. SIGTERM too: a service
				// manager or timeout(1) stops it that way, and the lab's temp
				// dir (CA, password file) must go with it.
				stop := make(chan os.Signal, 1)
				signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
				fmt.Fprintf(e.stdout, "Lab running (%s). In another terminal:\n\n  dpgre check %s\n\nCtrl-C stops it.\n",
					sc.Description, strings.Join(d.CheckFlags(), " "))
				<-stop
				return nil
			}
			args := append([]string{"dpgre", "check"}, d.CheckFlags()...)
			return exitCode(run(append(args, passThrough(c)...), e.stdin, e.stdout, e.stderr))
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
