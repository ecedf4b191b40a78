// Package collect runs the collectors (files, AD, DNS, Data Protector) side by
// side, each with its own deadline, and assembles one inventory. It records
// every source's target, hash, duration and error; it never judges.
package collect

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/omni"
)

// Config says what to collect. Empty paths are not collected.
type Config struct {
	Omnidb  string
	Omnirc  string
	Patches string
	// CellInfo is cell_info, omnicellinfo -cell output or omni_info;
	// CellInfoAuto looks at the Cell Manager's own when it is empty.
	CellInfo     string
	CellInfoAuto bool
	// OmnircAuto looks for omnirc at the platform default when Omnirc is
	// empty (see omni.DefaultRCPaths).
	OmnircAuto bool
	DAGNames   []string // --dag: names only, no directory
	Standalone []string // --standalone: known standalone Exchange servers
	// LDAP reads the directory; ADLDIF reads an export instead.
	LDAP   *dag.Config
	ADLDIF string
	// DNS runs when the directory is read or DNSServers are given:
	// offline runs on a customer's files never query the local resolver.
	DNSServers []string // --dns-server: the authoritative set, no NS walk
	DNSNames   []string // extra names to verify
	// VerifyName (dns verify --name) judges just this name as a DAG's,
	// expecting Expect when given, else what the directory says.
	VerifyName string
	Expect     []string
	DNSPort    string // port of walked authoritative servers (tests)
	NoDNS      bool   // never ask DNS (dag list --no-resolve)
	Bootstrap  func() ([]string, error)
	Timeout    time.Duration
	Stdin      io.Reader // for a path of "-"
	// Progress, when set, hears about each source as it starts and ends
	// (the CLI shows it on a terminal only).
	Progress func(msg string)
	Getenv   func(string) string
	Stat     func(string) (os.FileInfo, error)
}

// job is one collector: it fills its part of the inventory and returns the
// source record. Jobs write to disjoint fields, so they may run together.
type job func(ctx context.Context, inv *inventory.Inventory) inventory.Source

// Collect runs every configured collector concurrently and returns the
// inventory; failures are recorded in the sources, not returned.
func Collect(ctx context.Context, cfg Config) *inventory.Inventory {
	cfg.defaults()
	inv := inventory.New()
	var jobs []job
	if cfg.Omnidb != "" {
		jobs = append(jobs, fileJob(cfg, inventory.SourceOmnidb, cfg.Omnidb, func(r io.Reader, name string) error {
			l, err := omni.ParseListing(r, name)
			inv.Omnidb = l
			return err
		}))
	}
	if j := omnircJob(cfg, inv); j != nil {
		jobs = append(jobs, j)
	}
	if cfg.Patches != "" {
		jobs = append(jobs, patchesJob(cfg, inv))
	}
	if p := cellInfoPath(cfg); p != "" {
		jobs = append(jobs, fileJob(cfg, inventory.SourceCell, p, func(r io.Reader, name string) error {
			c, err := omni.ParseCell(r, name)
			inv.Cell = c
			return err
		}))
	}
	directory := cfg.LDAP != nil || cfg.ADLDIF != ""
	switch {
	case cfg.LDAP != nil:
		jobs = append(jobs, ldapJob(cfg))
	case cfg.ADLDIF != "":
		jobs = append(jobs, ldifJob(cfg))
	case len(cfg.DAGNames) > 0 || len(cfg.Standalone) > 0:
		jobs = append(jobs, namesJob(cfg))
	}
	runJobs(ctx, cfg, inv, jobs)
	if directory {
		if ws := restrictDAGs(inv, cfg.DAGNames); len(ws) > 0 {
			src := inv.Source(inventory.SourceLDAP)
			if src == nil {
				src = inv.Source(inventory.SourceLDIF)
			}
			src.Warnings = append(src.Warnings, ws...)
		}
	}
	if cfg.VerifyName != "" {
		focusOn(inv, cfg.VerifyName, cfg.Expect)
		if !directory {
			inv.AddSource(inventory.Source{Name: inventory.SourceDAGFlag, Target: cfg.VerifyName})
		}
		cfg.DNSNames = append(cfg.DNSNames, cfg.VerifyName)
	}
	// DNS needs the DAGs and the listing's clients: a second phase.
	adOK := directory && inv.AD != nil && !inv.AD.NoExchange
	if !cfg.NoDNS && (adOK || len(cfg.DNSServers) > 0 || len(cfg.DNSNames) > 0) {
		runJobs(ctx, cfg, inv, []job{dnsJob(cfg)})
	}
	return inv
}

// runJobs runs jobs side by side, each under its own deadline, and records
// their sources in the order given.
func runJobs(ctx context.Context, cfg Config, inv *inventory.Inventory, jobs []job) {
	srcs := make([]inventory.Source, len(jobs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i, j := range jobs {
		wg.Go(func() {
			jctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
			defer cancel()
			start := time.Now()
			srcs[i] = j(jctx, inv)
			srcs[i].DurationMS = time.Since(start).Milliseconds()
			if cfg.Progress != nil {
				mu.Lock()
				done++
				state := "done"
				if srcs[i].Error != "" {
					state = "FAILED"
				}
				cfg.Progress(fmt.Sprintf("collecting: %d/%d, %s %s in %d ms", done, len(jobs), srcs[i].Name, state, srcs[i].DurationMS))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, s := range srcs {
		inv.AddSource(s)
	}
}

func (c *Config) defaults() {
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.Stdin == nil {
		c.Stdin = os.Stdin
	}
	if c.Getenv == nil {
		c.Getenv = os.Getenv
	}
	if c.Stat == nil {
		c.Stat = os.Stat
	}
	if c.Bootstrap == nil {
		c.Bootstrap = dnscheck.SystemResolvers
	}
}

func omnircJob(cfg Config, inv *inventory.Inventory) job {
	path := cfg.Omnirc
	if path == "" && cfg.OmnircAuto {
		var missing bool
		path, missing = DefaultOmnirc(runtime.GOOS, cfg.Getenv, cfg.Stat)
		if missing {
			return func(context.Context, *inventory.Inventory) inventory.Source {
				inv.Omnirc = &omni.RC{Path: path, Missing: true, Vars: map[string]string{}}
				return inventory.Source{Name: inventory.SourceOmnirc, Target: path + " (absent: all defaults)"}
			}
		}
	}
	if path == "" {
		return nil
	}
	return fileJob(cfg, inventory.SourceOmnirc, path, func(r io.Reader, name string) error {
		rc, err := omni.ParseRC(r, name)
		inv.Omnirc = rc
		return err
	})
}

// DefaultOmnirc finds the omnirc the local agents read. It returns "" when
// Data Protector is not installed here; missing is true when it is installed
// but has no omnirc (normal: every option at its default).
func DefaultOmnirc(goos string, getenv func(string) string, stat func(string) (os.FileInfo, error)) (path string, missing bool) {
	paths := omni.DefaultRCPaths(goos, getenv)
	for _, p := range paths {
		if fi, err := stat(p); err == nil && !fi.IsDir() {
			return p, false
		}
	}
	dir := filepath.Dir(paths[0])
	if goos == "windows" {
		dir = paths[0][:len(paths[0])-len(`\omnirc`)]
	}
	if fi, err := stat(dir); err == nil && fi.IsDir() {
		return paths[0], true
	}
	return "", false
}

// cellInfoPath is --cell-info, or the Cell Manager's own cell_info when
// dpgre runs on one.
func cellInfoPath(cfg Config) string {
	if cfg.CellInfo != "" || !cfg.CellInfoAuto {
		return cfg.CellInfo
	}
	for _, p := range omni.DefaultCellInfoPaths(runtime.GOOS, cfg.Getenv) {
		if fi, err := cfg.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}
