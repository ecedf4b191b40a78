//go:build integration

package testenv_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// artifacts is where browser screenshots are kept (DPGRE_ARTIFACTS, else
// ../artifacts): CI keeps them as test artefacts.
func artifacts(t *testing.T) string {
	dir := os.Getenv("DPGRE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// demoReports runs the demo once, writing the HTML and JUnit reports.
func demoReports(t *testing.T) (html, junit, jsonDoc string) {
	dir := t.TempDir()
	html, junit, jsonDoc = filepath.Join(dir, "demo.html"), filepath.Join(dir, "demo.xml"), filepath.Join(dir, "demo.json")
	code, out := dpgre(t, "demo", "--report", "html="+html, "--report", "junit="+junit, "--report", "json="+jsonDoc)
	if code != 2 {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	return
}

func TestJUnitValidatesAgainstXSD(t *testing.T) {
	_, junit, _ := demoReports(t)
	out, err := exec.Command("xmllint", "--noout", "--schema", "junit.xsd", junit).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// The demo's HTML report rendered by headless Chromium shows every finding
// ID; the screenshot is kept.
func TestHTMLInChromium(t *testing.T) {
	html, _, jsonDoc := demoReports(t)
	b, _ := os.ReadFile(jsonDoc)
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`"id": "([A-Z]+-\d{3})"`).FindAllStringSubmatch(string(b), -1) {
		ids[m[1]] = true
	}
	if len(ids) < 10 {
		t.Fatalf("only %d finding IDs in the demo", len(ids))
	}
	profile := t.TempDir()
	chrome := func(args ...string) []byte {
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}
		cmd := exec.Command("chromium", append(base, args...)...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v", args, err)
		}
		return out
	}
	dom := string(chrome("--dump-dom", "file://"+html))
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(dom, " ")
	for id := range ids {
		if !strings.Contains(text, id) {
			t.Errorf("finding %s not visible in the rendered page", id)
		}
	}
	shot := filepath.Join(artifacts(t), "demo-report.png")
	chrome("--screenshot="+shot, "--window-size=1280,2400", "file://"+html)
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10000 {
		t.Errorf("screenshot %s: %v", shot, err)
	}
}
