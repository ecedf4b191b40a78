package main

import (
	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
	"github.com/dpgre/dpgre/report"
)

func patchesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "patches",
		Usage:     "version, patch bundle and hotfixes vs the knowledge base (DP-001, DP-002)",
		ArgsUsage: "[FILE|-]",
		Description: `Reads the output of omnicheck -version, omnicc -version, omnisv -version or
omnicheck -patches [-host H] (or a file of version=A.09.07 / hotfix=QCCR2A69802
lines) and judges it against the built-in knowledge base (see: dpgre kb).

Example:
  omnicheck -patches > patches.txt; dpgre patches patches.txt`,
		Flags:  flagSet(generalFlags(), []cli.Flag{dpInputFlags()[1], dpInputFlags()[2]}, outputFlags()),
		Before: e.before,
		Action: func(c *cli.Context) error {
			path, err := oneFileArg(c, c.String("patches"))
			if err != nil {
				return err
			}
			if path == "" {
				return usagef("patches needs a FILE (or - for stdin)")
			}
			return e.judge(c, collect.Config{Patches: path, Omnirc: c.String("omnirc")}, prefixed("DP-"))
		},
	}
}

func kbCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:   "kb",
		Usage:  "list the knowledge base: releases, critical levels, known QCCR issues",
		Flags:  flagSet(generalFlags(), []cli.Flag{&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json", EnvVars: envName("format")}}),
		Before: e.before,
		Action: func(c *cli.Context) error {
			kb, err := e.loadKB(c)
			if err != nil {
				return err
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usagef("--format must be text or json")
			}
			return report.RenderKB(e.stdout, kb, c.String("format"))
		},
	}
}
