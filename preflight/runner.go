package preflight

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/dpgre/dpgre/inventory"
)

// Options select checks, kubeadm-style: Only runs just these IDs, Ignore
// drops them (their findings are not produced at all).
type Options struct {
	Only   []string
	Ignore []string
}

// Result is the judgement of one inventory.
type Result struct {
	Findings []Finding `json:"findings"`
	Summary  Summary   `json:"summary"`
	ExitCode int       `json:"exit_code"`
}

// Run judges inv with checks. A check that panics yields an error finding
// naming it instead of taking the whole report down.
func Run(inv *inventory.Inventory, checks []Check, opt Options) Result {
	var fs []Finding
	for _, c := range checks {
		sp := c.Spec()
		if !selected(sp.ID, opt) {
			continue
		}
		fs = append(fs, runOne(c, sp, inv)...)
	}
	return Finish(fs)
}

// Finish computes the summary and exit code of findings.
func Finish(fs []Finding) Result {
	if fs == nil {
		fs = []Finding{}
	}
	s := Summarize(fs)
	return Result{Findings: fs, Summary: s, ExitCode: ExitCode(s)}
}

func runOne(c Check, sp Spec, inv *inventory.Inventory) (out []Finding) {
	defer func() {
		if r := recover(); r != nil {
			out = []Finding{sp.finding(Error, "", fmt.Sprintf("internal error in check %s: %v (please report with the saved inventory)", sp.ID, r))}
			out[0].Evidence = map[string]any{"stack": string(debug.Stack())}
		}
	}()
	out = c.Run(inv)
	if len(out) == 0 {
		out = []Finding{sp.finding(Error, "", "check returned no finding (internal error)")}
	}
	for i := range out {
		if out[i].ID == "" {
			out[i].ID = sp.ID
		}
		if out[i].Title == "" {
			out[i].Title = sp.Title
		}
	}
	return out
}

func selected(id string, opt Options) bool {
	match := func(list []string) bool {
		for _, x := range list {
			if strings.EqualFold(strings.TrimSpace(x), id) {
				return true
			}
		}
		return false
	}
	if len(opt.Only) > 0 && !match(opt.Only) {
		return false
	}
	return !match(opt.Ignore)
}
