package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/sirupsen/logrus"
	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/preflight"
)

// version is set at build time (-ldflags "-X main.version=..."); otherwise
// the module version from the build info is used.
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// env is what a run talks to; tests give it buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	log            *logrus.Logger
	code           int // the exit code an action decided
}

// usageError marks errors that are the caller's mistake (exit 64).
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// exitCode carries a report's exit code out of an action without a message.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, log: logrus.New()}
	e.log.SetOutput(stderr)
	app := newApp(e)
	err := app.Run(interspersed(app, args))
	usage := preflight.ExitUsage
	if nagiosMode(args, os.Getenv) {
		usage = preflight.ExitUnknown // plugins may only exit 0-3
	}
	var ec exitCode
	var ue usageError
	switch {
	case err == nil:
		return e.code
	case errors.As(err, &ec):
		return int(ec)
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "dpgre: %v\n", ue.error)
		return usage
	default:
		fmt.Fprintf(stderr, "dpgre: %v\n", err)
		if isFlagError(err) {
			return usage
		}
		return preflight.ExitUnknown
	}
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:    "dpgre",
		Usage:   "pre-flight checks for Data Protector's Exchange Granular Recovery Extension (GRE)",
		Version: toolVersion(),
		Description: `dpgre finds what makes a GRE restore fail before you need it: an IP-less DAG
backed up under a DNS alias instead of its own name, a round-robin record that is
missing a node, debug logging left on in omnirc, a patch bundle or hotfix missing.

It only reads: Active Directory over LDAP, DNS, and Data Protector's own files and
outputs. Every fix is printed, never executed.

Exit codes: 0 ok, 1 warning, 2 failure, 3 could not evaluate, 64 usage error.`,
		Writer:         e.stdout,
		ErrWriter:      e.stderr,
		Reader:         e.stdin,
		ExitErrHandler: func(*cli.Context, error) {}, // run() maps errors to codes
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		HideHelpCommand: true,
		Commands: []*cli.Command{
			checkCommand(e),
			dagCommand(e),
			dnsCommand(e),
			omnidbCommand(e),
			omnircCommand(e),
			patchesCommand(e),
			kbCommand(e),
			demoCommand(e),
			reportCommand(e),
			fixPlanCommand(e),
		},
	}
	quietUsageErrors(app.Commands)
	return app
}

// quietUsageErrors makes every command return flag errors to run() (one
// line on stderr, exit 64) instead of printing its help on stdout, which
// would corrupt a JSON report or a Nagios status line.
func quietUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		name := c.Name
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error {
			return usageError{fmt.Errorf("%w (see: dpgre %s --help)", err, name)}
		}
		quietUsageErrors(c.Subcommands)
	}
}

// isFlagError recognises urfave/cli's flag parsing errors, which it does not
// route through OnUsageError for subcommands in every case.
func isFlagError(err error) bool {
	for _, p := range []string{"flag provided but not defined", "invalid value", "flag needs an argument", "Required flag"} {
		if strings.Contains(err.Error(), p) {
			return true
		}
	}
	return false
}

// nagiosMode: a run asked for the Nagios format maps usage errors to 3, so
// the monitoring engine shows UNKNOWN instead of an invalid plugin state.
func nagiosMode(args []string, getenv func(string) string) bool {
	if getenv("DPGRE_FORMAT") == "nagios" {
		return true
	}
	for i, a := range args {
		switch {
		case a == "--format=nagios", strings.HasPrefix(a, "--report=nagios"):
			return true
		case (a == "--format" || a == "--report") && i+1 < len(args) && strings.HasPrefix(args[i+1], "nagios"):
			return true
		}
	}
	return false
}
