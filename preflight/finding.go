// Package preflight holds the check model: statuses, findings, the Check
// interface, the catalogue of checks and the runner. Checks are pure
// functions of an inventory: no I/O happens here.
package preflight

import "fmt"

// Status of a finding.
type Status string

const (
	Pass   Status = "pass"
	Info   Status = "info"
	Warn   Status = "warn"
	Fail   Status = "fail"
	Error  Status = "error" // could not evaluate
	Skip   Status = "skip"  // no input; Detail says which
	Waived Status = "waived"
)

// Statuses in report order, worst first.
var Statuses = []Status{Fail, Error, Warn, Waived, Info, Pass, Skip}

// Valid tells whether s is one of the statuses.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// severity orders statuses for "worst of": fail > error > warn > the rest.
func (s Status) severity() int {
	switch s {
	case Fail:
		return 4
	case Error:
		return 3
	case Warn:
		return 2
	case Info, Waived:
		return 1
	}
	return 0
}

// Finding is one judgement about one subject.
type Finding struct {
	ID          string         `json:"id"`
	Status      Status         `json:"status"`
	Subject     string         `json:"subject"`
	Title       string         `json:"title"`
	Detail      string         `json:"detail"`
	Evidence    map[string]any `json:"evidence,omitempty"`
	Remediation string         `json:"remediation,omitempty"`
	Waiver      *WaiverRef     `json:"waiver,omitempty"`
}

// WaiverRef is attached to a waived finding: why and until when.
type WaiverRef struct {
	Justification string `json:"justification"`
	Expires       string `json:"expires,omitempty"`
	WasStatus     Status `json:"was_status"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s %s: %s", f.ID, f.Status, f.Subject, f.Title)
}

// Summary counts findings per status.
type Summary struct {
	Pass   int `json:"pass"`
	Info   int `json:"info"`
	Warn   int `json:"warn"`
	Fail   int `json:"fail"`
	Error  int `json:"error"`
	Skip   int `json:"skip"`
	Waived int `json:"waived"`
}

// Summarize counts findings.
func Summarize(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Status {
		case Pass:
			s.Pass++
		case Info:
			s.Info++
		case Warn:
			s.Warn++
		case Fail:
			s.Fail++
		case Error:
			s.Error++
		case Skip:
			s.Skip++
		case Waived:
			s.Waived++
		}
	}
	return s
}

// Count returns the number of findings with status st.
func (s Summary) Count(st Status) int {
	switch st {
	case Pass:
		return s.Pass
	case Info:
		return s.Info
	case Warn:
		return s.Warn
	case Fail:
		return s.Fail
	case Error:
		return s.Error
	case Skip:
		return s.Skip
	case Waived:
		return s.Waived
	}
	return 0
}
