package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dpgre/dpgre/collect"
	"github.com/dpgre/dpgre/internal/atomicfile"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/preflight"
	"github.com/dpgre/dpgre/report"
)

// judge is the one pipeline every judging command shares:
// collect → judge → render. keep selects the checks of the command.
func (e *env) judge(c *cli.Context, cfg collect.Config, keep func(preflight.Spec) bool) error {
	kb, err := e.loadKB(c)
	if err != nil {
		return err
	}
	targets, err := reportTargets(c)
	if err != nil {
		return err
	}
	var waivers []preflight.Waiver
	if p := c.String("waivers"); p != "" {
		if waivers, err = preflight.LoadWaivers(p); err != nil {
			return usagef("--waivers: %v", err)
		}
	}
	var inv *inventory.Inventory
	if p := c.String("from"); p != "" {
		// An unreadable or foreign inventory is an input that could not be
		// evaluated (exit 3), like an unreadable listing; not a usage error.
		if inv, _, err = inventory.LoadSnapshot(p); err != nil {
			return fmt.Errorf("--from: %w", err)
		}
	} else {
		cfg.Timeout = c.Duration("timeout")
		cfg.Stdin = e.stdin
		cfg.Progress = e.progress()
		inv = collect.Collect(c.Context, cfg)
		if cfg.Progress != nil {
			cfg.Progress("")
		}
	}
	if p := c.String("save"); p != "" {
		if err := saveSnapshot(p, inv); err != nil {
			return fmt.Errorf("--save: %w", err)
		}
		e.log.WithField("path", p).Info("inventory saved")
	}
	for _, s := range inv.Sources {
		if s.Error != "" {
			e.log.WithField("source", s.Name).WithField("target", s.Target).Warn(s.Error)
		}
		for _, w := range s.Warnings {
			e.log.WithField("source", s.Name).Warn(w)
		}
	}
	var checks []preflight.Check
	for _, ch := range preflight.Catalogue(kb) {
		if keep == nil || keep(ch.Spec()) {
			checks = append(checks, ch)
		}
	}
	now := time.Now()
	res := preflight.Run(inv, checks, preflight.Options{Only: c.StringSlice("only"), Ignore: c.StringSlice("ignore")})
	fs, warns := preflight.ApplyWaivers(res.Findings, waivers, now)
	res = preflight.Finish(fs)
	for _, w := range warns {
		e.log.Warn(w)
	}
	doc := report.New(report.Tool{Name: "dpgre", Version: toolVersion()},
		report.KBRef{Version: kb.Version, Date: kb.Date, Path: kb.Path}, inv, res, now)
	doc.Warnings = append(doc.Warnings, warns...)
	if err := e.emit(c, doc, targets); err != nil {
		return err
	}
	e.code = doc.ExitCode
	return nil
}

// saveSnapshot writes the inventory atomically.
func saveSnapshot(path string, inv *inventory.Inventory) error {
	return atomicfile.Write(path, inventory.NewSnapshot(inv, "dpgre "+toolVersion(), time.Now()).Write)
}

func reportTargets(c *cli.Context) ([]report.Target, error) {
	var ts []report.Target
	for _, s := range c.StringSlice("report") {
		t, err := report.ParseTarget(s)
		if err != nil {
			return nil, usagef("--report: %v", err)
		}
		ts = append(ts, t)
	}
	if len(ts) == 0 {
		t, err := report.ParseTarget(c.String("format"))
		if err != nil {
			return nil, usagef("--format: %v", err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func (e *env) emit(c *cli.Context, doc *report.Document, ts []report.Target) error {
	for _, t := range ts {
		if t.Path == "" {
			if err := report.Render(e.stdout, t.Format, doc, report.Options{Color: e.colorOn(c, e.stdout)}); err != nil {
				return err
			}
			continue
		}
		if err := report.WriteFile(t.Path, t.Format, doc, report.Options{}); err != nil {
			return err
		}
		e.log.WithField("path", t.Path).Infof("%s report written", t.Format)
	}
	return nil
}

func prefixed(prefixes ...string) func(preflight.Spec) bool {
	return func(s preflight.Spec) bool {
		for _, p := range prefixes {
			if len(s.ID) >= len(p) && s.ID[:len(p)] == p {
				return true
			}
		}
		return false
	}
}

// progress shows collection progress on one stderr line, only when stderr
// is a terminal: pipes, cron and monitoring get nothing.
func (e *env) progress() func(string) {
	if !isTerminal(e.stderr) {
		return nil
	}
	return func(msg string) {
		fmt.Fprintf(e.stderr, "\r\x1b[K%s", msg)
	}
}
