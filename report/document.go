// Package report renders a judged inventory. Renderers only format: every
// status and count they print comes from the Document.
package report

import (
	"time"

	"github.com/dpgre/dpgre/inventory"
	"github.com/dpgre/dpgre/preflight"
)

// Schema of the JSON report; fields are added, never renamed, within v1.
const Schema = "dpgre.report/v1"

// Tool identifies the producer.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// KBRef identifies the knowledge base the findings were judged against.
type KBRef struct {
	Version string `json:"version"`
	Date    string `json:"date"`
	Path    string `json:"path,omitempty"`
}

// Document is the report contract (DESIGN.md §4).
type Document struct {
	Schema      string               `json:"schema"`
	Tool        Tool                 `json:"tool"`
	GeneratedAt time.Time            `json:"generated_at"`
	KB          KBRef                `json:"kb"`
	Sources     []inventory.Source   `json:"sources"`
	Inventory   *inventory.Inventory `json:"inventory"`
	Findings    []preflight.Finding  `json:"findings"`
	Summary     preflight.Summary    `json:"summary"`
	ExitCode    int                  `json:"exit_code"`
	// Warnings about the run itself, e.g. TLS verification switched off.
	Warnings []string `json:"warnings,omitempty"`
}

// New assembles a document from an inventory and its judgement.
func New(tool Tool, kb KBRef, inv *inventory.Inventory, res preflight.Result, now time.Time) *Document {
	srcs := inv.Sources
	if srcs == nil {
		srcs = []inventory.Source{}
	}
	var warns []string
	for _, s := range srcs {
		warns = append(warns, s.Warnings...)
	}
	return &Document{
		Schema:      Schema,
		Tool:        tool,
		GeneratedAt: now.UTC().Truncate(time.Second),
		KB:          kb,
		Sources:     srcs,
		Inventory:   inv,
		Findings:    res.Findings,
		Summary:     res.Summary,
		ExitCode:    res.ExitCode,
		Warnings:    warns,
	}
}

// Verdict is the one-word outcome of the exit code.
func (d *Document) Verdict() string {
	switch d.ExitCode {
	case preflight.ExitOK:
		return "OK"
	case preflight.ExitWarning:
		return "WARNING"
	case preflight.ExitFail:
		return "CRITICAL"
	}
	return "UNKNOWN"
}
