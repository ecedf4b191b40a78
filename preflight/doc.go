package preflight

import (
	"fmt"
	"strings"
)

// CatalogueMarkdown documents the catalogue; docs/checks.md is this output.
func CatalogueMarkdown() string {
	var b strings.Builder
	b.WriteString("# dpgre check catalogue\n\n")
	b.WriteString("Generated from the code (`go test ./preflight -update`); do not edit by hand.\n")
	b.WriteString("Every check emits at least one finding per run: a judgement, or `skip` naming the missing input.\n\n")
	b.WriteString("| ID | worst status | judges |\n|---|---|---|\n")
	for _, s := range Specs() {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", s.ID, strings.ToLower(s.ID), s.Worst, s.Judges)
	}
	for _, s := range Specs() {
		fmt.Fprintf(&b, "\n## %s\n\n**%s**\n\n- Judges: %s\n- Subject: %s\n- Inputs: %s\n- Worst status: `%s`\n",
			s.ID, s.Title, s.Judges, s.Subject, inputsText(s.Inputs), s.Worst)
	}
	return b.String()
}

func inputsText(in []string) string {
	parts := make([]string, len(in))
	for i, need := range in {
		parts[i] = describe(strings.Split(need, "|"))
	}
	return strings.Join(parts, "; and ")
}
