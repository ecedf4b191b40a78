package preflight

import (
	"strings"
	"testing"
	"time"
)

func TestWaivers(t *testing.T) {
	ws, err := ParseWaivers([]byte(`
- id: omni-001
  subject: dag-backup.*
  justification: "old client, re-import planned in change CHG-42"
  expires: 2027-01-31
- id: RC-001
  subject: "*"
  justification: debug on for support case 1234
  expires: 2026-11-30
- id: DP-001
  justification: every subject
  expires: 2026-12-04
`), "w.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fs := []Finding{
		{ID: "OMNI-001", Status: Fail, Subject: "dag-backup.domain.tld"},
		{ID: "OMNI-001", Status: Fail, Subject: "other.domain.tld"},
		{ID: "RC-001", Status: Warn, Subject: "/opt/omni/.omnirc"},
		{ID: "DP-001", Status: Fail, Subject: "patches.txt"},
		{ID: "DP-001", Status: Pass, Subject: "x"},
	}
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	fs, warns := ApplyWaivers(fs, ws, now)
	var got []string
	for _, f := range fs {
		got = append(got, string(f.Status))
	}
	if strings.Join(got, ",") != "waived,fail,warn,waived,pass" {
		t.Errorf("statuses %v", got)
	}
	if fs[0].Waiver == nil || fs[0].Waiver.WasStatus != Fail || !strings.Contains(fs[0].Waiver.Justification, "CHG-42") {
		t.Errorf("waiver ref %+v", fs[0].Waiver)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "expired on 2026-11-30") {
		t.Errorf("expired waiver must be reported: %v", warns)
	}
	if r := Finish(fs); r.ExitCode != ExitFail || r.Summary.Waived != 2 {
		t.Errorf("exit %d summary %+v", r.ExitCode, r.Summary)
	}
	if r := Finish(fs[:1]); r.ExitCode != ExitOK {
		t.Errorf("waived findings must not count: %d", r.ExitCode)
	}
}

func TestWaiverErrors(t *testing.T) {
	for doc, want := range map[string]string{
		"- id: X\n  justification: j\n":                                  "without expires",
		"- id: X\n  expires: 2027-01-01\n":                               "without justification",
		"- subject: s\n  justification: j\n  expires: 2027-01-01\n":      "without id",
		"- id: X\n  justification: j\n  expires: soon\n":                 "not YYYY-MM-DD",
		"- id: X\n  justification: j\n  expires: 2027-01-01\n  why: x\n": "unknown key",
		"id: X\n": "want a list",
		"- id: X\n  subject: '['\n  justification: j\n  expires: 2027-01-01\n": "pattern",
	} {
		_, err := ParseWaivers([]byte(doc), "w.yaml")
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "w.yaml:") {
			t.Errorf("%q: %v (want %q)", doc, err, want)
		}
	}
}

func FuzzParseWaivers(f *testing.F) {
	f.Add([]byte("- id: OMNI-001\n  subject: x\n  justification: j\n  expires: 2027-01-01\n"))
	f.Add([]byte("waivers:\n  - id: RC-001\n    justification: j\n    expires: 2027-01-01\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ws, err := ParseWaivers(b, "fuzz.yaml")
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.ID == "" || w.Justification == "" || w.Expires == "" {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
		}
		ApplyWaivers([]Finding{{ID: "OMNI-001", Status: Fail, Subject: "x"}}, ws, time.Now())
	})
}
