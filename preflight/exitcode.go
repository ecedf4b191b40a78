package preflight

// Exit codes, Nagios compatible (DESIGN.md §3).
const (
	ExitOK      = 0
	ExitWarning = 1
	ExitFail    = 2
	ExitUnknown = 3  // could not evaluate: an error finding and no fail
	ExitUsage   = 64 // EX_USAGE; 3 in Nagios plugin mode
)

// ExitCode maps a summary to the process exit code: a failure outranks an
// error (the failure is certain), an error outranks a warning (the run could
// not look everywhere), waived findings count for nothing.
func ExitCode(s Summary) int {
	switch {
	case s.Fail > 0:
		return ExitFail
	case s.Error > 0:
		return ExitUnknown
	case s.Warn > 0:
		return ExitWarning
	}
	return ExitOK
}

// Worst returns the worst status of findings (Pass when there are none).
func Worst(fs []Finding) Status {
	w := Pass
	for _, f := range fs {
		if f.Status.severity() > w.severity() {
			w = f.Status
		}
	}
	return w
}
