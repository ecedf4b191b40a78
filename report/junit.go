package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/preflight"
)

// JUnit XML (the common Jenkins/Ant schema): a testsuite per check, a
// testcase per check × subject. fail and warn are failures (of type fail
// or warn), error is an error, skip and waived are skipped with their
// reason; pass and info pass with their detail in system-out.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Properties *junitProps     `xml:"properties,omitempty"`
	Cases      []junitTestcase `xml:"testcase"`
}

type junitProps struct {
	Props []junitProp `xml:"property"`
}

type junitProp struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

func renderJUnit(w io.Writer, d *Document, _ Options) error {
	root := junitSuites{Name: "dpgre", Time: "0"}
	idx := map[string]int{}
	ts := d.GeneratedAt.Format("2006-01-02T15:04:05")
	for _, f := range d.Findings {
		i, ok := idx[f.ID]
		if !ok {
			i = len(root.Suites)
			idx[f.ID] = i
			root.Suites = append(root.Suites, junitSuite{Name: f.ID + " " + f.Title, Time: "0", Timestamp: ts, Hostname: "dpgre"})
			if i == 0 {
				root.Suites[0].Properties = &junitProps{Props: []junitProp{
					{"tool", d.Tool.Name + " " + d.Tool.Version}, {"kb", d.KB.Version}, {"exit_code", fmt.Sprint(d.ExitCode)}}}
			}
		}
		s := &root.Suites[i]
		subject := f.Subject
		if subject == "" {
			subject = "-"
		}
		tc := junitTestcase{Name: f.ID + " " + subject, Classname: "dpgre." + f.ID, Time: "0"}
		body := findingBody(f)
		switch f.Status {
		case preflight.Fail, preflight.Warn:
			tc.Failure = &junitMessage{Message: oneLine(f.Detail), Type: string(f.Status), Body: body}
			s.Failures++
		case preflight.Error:
			tc.Error = &junitMessage{Message: oneLine(f.Detail), Type: "error", Body: body}
			s.Errors++
		case preflight.Skip:
			tc.Skipped = &junitMessage{Message: oneLine(f.Detail)}
			s.Skipped++
		case preflight.Waived:
			tc.Skipped = &junitMessage{Message: fmt.Sprintf("waived until %s (was %s): %s", f.Waiver.Expires, f.Waiver.WasStatus, f.Waiver.Justification), Body: body}
			s.Skipped++
		default:
			tc.SystemOut = string(f.Status) + ": " + f.Detail
		}
		s.Tests++
		s.Cases = append(s.Cases, tc)
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// findingBody is the detail, evidence and remediation as plain text.
func findingBody(f preflight.Finding) string {
	var b strings.Builder
	b.WriteString(f.Detail)
	if ev := evidenceText(f.Evidence); ev != "" {
		b.WriteString("\nevidence: " + ev)
	}
	if f.Remediation != "" {
		b.WriteString("\nremediation:\n" + f.Remediation)
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 300 {
		s = s[:297] + "..."
	}
	return s
}
