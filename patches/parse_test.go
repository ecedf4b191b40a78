package patches

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func parseFixture(t *testing.T, name string) *Install {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "patches", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := Parse(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestParseFixtures(t *testing.T) {
	for _, tc := range []struct {
		file     string
		version  string
		bundle   string
		patches  []string
		hotfixes []string
		programs []string
	}{
		{"907-no-hotfix.txt", "A.09.07", "9.07", []string{}, []string{}, []string{"OMNICHECK"}},
		{"907-hotfix.txt", "A.09.07", "9.07", []string{"DPWIN_00811", "DPWIN_00812"}, []string{"QCCR2A69802", "QCCR2A69192", "QCCR2A69318"}, []string{"OMNICHECK"}},
		{"909.txt", "A.09.09", "9.09", []string{}, []string{}, []string{"INET"}},
		{"1003-de.txt", "A.10.03", "10.03", []string{}, []string{}, []string{"INET"}},
		{"keyvalue.txt", "A.09.00", "9.08", []string{}, []string{"QCCR2A69802"}, nil},
		// Fixed-defect lists are not installed hotfixes; the lowest version wins.
		{"mixed-hosts.txt", "A.09.00", "", []string{"DPLNX_00123", "PHSS_44567"}, []string{}, []string{"OMNICHECK"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			in := parseFixture(t, tc.file)
			if in.Version != tc.version || in.PatchBundle != tc.bundle {
				t.Errorf("version %s bundle %s, want %s %s", in.Version, in.PatchBundle, tc.version, tc.bundle)
			}
			if !reflect.DeepEqual(in.Patches, tc.patches) || !reflect.DeepEqual(in.Hotfixes, tc.hotfixes) || !reflect.DeepEqual(in.Programs, tc.programs) {
				t.Errorf("patches %v hotfixes %v programs %v", in.Patches, in.Hotfixes, in.Programs)
			}
			if len(in.Evidence) == 0 || !strings.HasPrefix(in.Evidence[0], tc.file+":") {
				t.Errorf("evidence must cite file and line: %v", in.Evidence)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "no Data Protector version",
		"nothing useful here\n":      "no Data Protector version",
		"version=banana\n":           "keyvalue.txt:1",
		"patch_bundle=9\n":           "keyvalue.txt:1",
		"Data Protector A.09.07\x00": "NUL byte",
	} {
		_, err := Parse(strings.NewReader(in), "keyvalue.txt")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", in, err, want)
		}
	}
	_, err := Parse(strings.NewReader("x"), "a")
	if !errors.Is(err, ErrNoVersion) {
		t.Errorf("want ErrNoVersion, got %v", err)
	}
}

func TestLevel(t *testing.T) {
	for in, want := range map[string]Level{"A.09.07": {9, 7}, "9.08": {9, 8}, "10.03": {10, 3}, "24.4": {24, 4}, "09.00": {9, 0}} {
		got, err := ParseLevel(in)
		if err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "9", "A.9", "x.y", "9.-1", "100.1"} {
		if _, err := ParseLevel(bad); err == nil {
			t.Errorf("ParseLevel(%q) accepted", bad)
		}
	}
	if !(Level{9, 7}).Less(Level{9, 8}) || (Level{10, 0}).Less(Level{9, 9}) {
		t.Error("ordering")
	}
	in := &Install{Version: "A.09.00", PatchBundle: "9.08"}
	if l, _ := in.Level(); l != (Level{9, 8}) {
		t.Errorf("a bundle raises the effective level: %v", l)
	}
}

func TestEmbeddedKB(t *testing.T) {
	kb, err := EmbeddedKB()
	if err != nil {
		t.Fatal(err)
	}
	if kb.Version == "" || len(kb.Issues) == 0 || len(kb.Minimums) == 0 {
		t.Fatalf("kb incomplete: %+v", kb)
	}
	is := map[string]Issue{}
	for _, x := range kb.Issues {
		is[x.ID] = x
	}
	if !is["QCCR2A69192"].AffectsLevel(Level{9, 7}) || is["QCCR2A69192"].Hotfix != "QCCR2A69802" {
		t.Error("QCCR2A69192 must apply to 9.07 with hotfix QCCR2A69802")
	}
	if is["QCCR2A68100"].AffectsLevel(Level{9, 8}) || !is["QCCR2A68100"].AffectsLevel(Level{9, 0}) {
		t.Error("QCCR2A68100 is fixed in 9.08")
	}
}

func TestKBRejectsBadEdits(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown key": "version: x\ndate: y\nreleses: []\n",
		"no source":   "version: x\ndate: y\nreleases: [{level: '9.00'}]\n",
		"bad level":   "version: x\ndate: y\nminimums: [{major: 9, level: nine, source: s, remediation: r}]\n",
		"duplicate":   "version: x\ndate: y\nissues: [{id: A, affects: {versions: ['9.07']}, source: s, remediation: r}, {id: A, affects: {versions: ['9.07']}, source: s, remediation: r}]\n",
		"no affects":  "version: x\ndate: y\nissues: [{id: A, source: s, remediation: r}]\n",
	} {
		if _, err := ParseKB([]byte(doc), "kb.yaml"); err == nil || !strings.Contains(err.Error(), "kb.yaml") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// A long omnicheck -patches run over many hosts: mostly lines no pattern
// matches, which the cheap pre-checks keep away from the regexps.
func BenchmarkParseLongOutput(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("HPE Data Protector A.09.07: OMNICHECK, internal build 105\n")
	for i := range 100000 {
		if i%1000 == 0 {
			fmt.Fprintf(&sb, "host%04d.domain.tld: DPWIN_%05d Core Component, Hotfix QCCR2A%05d\n", i/1000, i%99999, i%99999)
			continue
		}
		sb.WriteString("  Checking component installed on client ......................... OK\n")
	}
	in := sb.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Parse(strings.NewReader(in), "omnicheck.txt"); err != nil {
			b.Fatal(err)
		}
	}
}
