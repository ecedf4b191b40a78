package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
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
			switch c.String("format") {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(kb)
			case "text":
			default:
				return usagef("--format must be text or json")
			}
			src := "built in"
			if kb.Path != "" {
				src = kb.Path
			}
			w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintf(w, "Knowledge base %s (%s, %s)\n\nRELEASE\tDATE\tCRITICAL\tNOTE\tSOURCE\n", kb.Version, kb.Date, src)
			for _, r := range kb.Releases {
				crit := ""
				if r.Critical {
					crit = "yes"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Level, r.Date, crit, r.Note, r.Source)
			}
			fmt.Fprintf(w, "\nMAJOR\tMINIMUM\tREASON\tSOURCE\n")
			for _, m := range kb.Minimums {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", m.Major, m.Level, m.Reason, m.Source)
			}
			fmt.Fprintf(w, "\nISSUE\tAFFECTS\tFIX\tTITLE\tSOURCE\n")
			for _, is := range kb.Issues {
				aff := fmt.Sprint(is.Affects.Versions)
				if is.Affects.From != "" || is.Affects.Before != "" {
					aff = fmt.Sprintf("%s ≤ v < %s", is.Affects.From, is.Affects.Before)
				}
				fix := is.Hotfix
				if fix == "" {
					fix = "update to " + is.FixedIn
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", is.ID, aff, fix, is.Title, is.Source)
			}
			return w.Flush()
		},
	}
}
