package report

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/dpgre/dpgre/preflight"
)

func render(t *testing.T, format string, d *Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, d, Options{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Golden files per format (goss-style), reviewed on -update.
func TestGoldenAllFormats(t *testing.T) {
	d := fieldReportDoc(t)
	for _, f := range []string{"junit", "markdown", "html", "nagios", "prometheus", "fixplan"} {
		ext := map[string]string{"junit": "xml", "markdown": "md", "html": "html", "nagios": "nagios.txt", "prometheus": "prom", "fixplan": "fixplan.txt"}[f]
		golden(t, "field-report."+ext, []byte(render(t, f, d)))
	}
}

func TestJUnitStructure(t *testing.T) {
	d := fieldReportDoc(t)
	var root junitSuites
	if err := xml.Unmarshal([]byte(render(t, "junit", d)), &root); err != nil {
		t.Fatal(err)
	}
	cases, fails, skips := 0, 0, 0
	for _, s := range root.Suites {
		for _, c := range s.Cases {
			cases++
			if c.Failure != nil {
				fails++
			}
			if c.Skipped != nil {
				skips++
				if c.Skipped.Message == "" {
					t.Errorf("skip without reason: %+v", c)
				}
			}
		}
	}
	if cases != len(d.Findings) || root.Tests != cases {
		t.Errorf("%d testcases, %d findings, tests=%d", cases, len(d.Findings), root.Tests)
	}
	if fails != d.Summary.Fail+d.Summary.Warn || root.Failures != fails || skips != d.Summary.Skip || root.Skipped != skips {
		t.Errorf("failures %d/%d skipped %d/%d", fails, root.Failures, skips, root.Skipped)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	d := fieldReportDoc(t)
	h := render(t, "html", d)
	for _, f := range d.Findings {
		if !strings.Contains(h, ">"+f.ID+"<") {
			t.Errorf("finding %s not shown", f.ID)
		}
	}
	for _, bad := range []string{"<script", "src=", "href=\"http", "@import", "url("} {
		if strings.Contains(strings.ToLower(h), bad) {
			t.Errorf("HTML is not self-contained: contains %q", bad)
		}
	}
	if !strings.Contains(h, "@media print") || !strings.Contains(h, "CRITICAL") {
		t.Error("no print styles or verdict")
	}
}

var nagiosLine = regexp.MustCompile(`^DPGRE (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+ \| (('?[a-z_-]+'?=\d+(ms)?;;;0) ?)+$`)

func TestNagios(t *testing.T) {
	d := fieldReportDoc(t)
	out := render(t, "nagios", d)
	first, rest, _ := strings.Cut(out, "\n")
	if !nagiosLine.MatchString(first) {
		t.Errorf("first line is not a plugin status line: %q", first)
	}
	if !strings.HasPrefix(first, "DPGRE CRITICAL") || !strings.Contains(rest, "[FAIL] OMNI-001 dag-backup.domain.tld") {
		t.Errorf("%s", out)
	}
}

func TestPrometheusParses(t *testing.T) {
	d := fieldReportDoc(t)
	out := render(t, "prometheus", d)
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(strings.NewReader(out))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	fam := mfs["dpgre_findings"]
	if fam == nil {
		t.Fatal("no dpgre_findings")
	}
	got := 0.0
	for _, m := range fam.Metric {
		if m.TimestampMs != nil {
			t.Error("samples must not carry timestamps")
		}
		labels := map[string]string{}
		for _, l := range m.Label {
			labels[l.GetName()] = l.GetValue()
		}
		if labels["check"] == "OMNI-001" && labels["status"] == "fail" {
			got = m.GetGauge().GetValue()
		}
	}
	if got != 1 || mfs["dpgre_exit_code"].Metric[0].GetGauge().GetValue() != 2 {
		t.Errorf("OMNI-001 fail = %v", got)
	}
}

func TestFixPlanOrder(t *testing.T) {
	out := render(t, "fixplan", fieldReportDoc(t))
	iOmni, iRC, iDP := strings.Index(out, "[OMNI-001"), strings.Index(out, "[RC-001"), strings.Index(out, "[DP-001")
	if iOmni < 0 || iRC < iOmni || iDP < iRC {
		t.Errorf("order: %d %d %d\n%s", iOmni, iRC, iDP, out)
	}
	if !strings.Contains(out, "never executed") {
		t.Error("the plan must say it is not executed")
	}
	clean := &Document{Tool: Tool{Name: "dpgre"}, Inventory: fieldReportDoc(t).Inventory, Findings: []preflight.Finding{{ID: "OMNI-001", Status: preflight.Pass}}}
	if !strings.Contains(render(t, "fixplan", clean), "Nothing to fix") {
		t.Error("an empty plan must say so")
	}
}
