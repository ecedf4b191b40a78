package omni

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseRCAcceptance(t *testing.T) {
	rc, err := ParseRC(openFixture(t, "omnirc", "lint-acceptance"), "lint-acceptance")
	if err != nil {
		t.Fatal(err)
	}
	want := []RCEntry{
		{Name: "OB2DBG", Value: "1", Line: 2},
		{Name: "OB2DGB", Value: "0", Line: 3},
		{Name: "OB2RECONNECT_ACK", Value: "1200", Line: 4},
		{Name: "OB2RECONNECT_ACK", Value: "600", Line: 5},
		{Name: "OB2PORTRANGE", Value: "5000-5100", Line: 7, Spaced: true},
		{Name: "OB2DNSCACHE", Value: "1", Line: 8},
		{Name: "FOO_BAR", Value: "1", Line: 9},
	}
	if !reflect.DeepEqual(rc.Entries, want) {
		t.Errorf("entries:\n got %+v\nwant %+v", rc.Entries, want)
	}
	if len(rc.Problems) != 1 || rc.Problems[0].Line != 6 {
		t.Errorf("problems = %+v, want line 6", rc.Problems)
	}
	if rc.Vars["OB2RECONNECT_ACK"] != "600" {
		t.Errorf("last assignment must win: %q", rc.Vars["OB2RECONNECT_ACK"])
	}
}

func TestParseRCLines(t *testing.T) {
	for _, tc := range []struct {
		in       string
		vars     map[string]string
		problems int
	}{
		{"", map[string]string{}, 0},
		{"# only a comment\n\n   \n", map[string]string{}, 0},
		{"OB2DBG=0", map[string]string{"OB2DBG": "0"}, 0},
		{"\tOB2DBG=0\t\r\n", map[string]string{"OB2DBG": "0"}, 0},
		{"OB2PORTRANGESPEC=INET:5000-5100=x\n", map[string]string{"OB2PORTRANGESPEC": "INET:5000-5100=x"}, 0},
		{"OB2DBG=\n", map[string]string{"OB2DBG": ""}, 0},
		{"OB2DBG=0\n=1\n9X=1\n", map[string]string{"OB2DBG": "0"}, 2},
	} {
		rc, err := ParseRC(strings.NewReader(tc.in), "rc")
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if !reflect.DeepEqual(rc.Vars, tc.vars) || len(rc.Problems) != tc.problems {
			t.Errorf("%q: vars %v problems %v", tc.in, rc.Vars, rc.Problems)
		}
	}
}

func TestParseRCBinary(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "omnirc", "random.bin"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseRC(strings.NewReader(string(b)), "random.bin")
	if !errors.Is(err, ErrNotOmnirc) || !strings.Contains(err.Error(), "random.bin") {
		t.Errorf("err = %v, want ErrNotOmnirc naming the file", err)
	}
}

func TestSuggestRCVar(t *testing.T) {
	for in, want := range map[string]string{
		"OB2DGB":           "OB2DBG",
		"ob2dbg":           "OB2DBG",
		"OB2RECONECT_ACK":  "OB2RECONNECT_ACK",
		"OB2PORTRANG":      "OB2PORTRANGE",
		"COMPLETELY_OTHER": "",
		"PATH":             "",
	} {
		if got := SuggestRCVar(in); got != want {
			t.Errorf("SuggestRCVar(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookupRCVar(t *testing.T) {
	if v, ok := LookupRCVar("OB2BLKPADDING_3"); !ok || v.Verified {
		t.Errorf("OB2BLKPADDING_3: %+v %v", v, ok)
	}
	if _, ok := LookupRCVar("ob2dbg"); ok {
		t.Error("names are case-sensitive for the agents")
	}
	for _, v := range KnownRCVars {
		if v.Meaning == "" || v.Source == "" || v.Default == "" {
			t.Errorf("%s: every variable needs meaning, default and source", v.Name)
		}
	}
}

func TestDefaultRCPaths(t *testing.T) {
	env := func(k string) string {
		if k == "ProgramData" {
			return `D:\PD`
		}
		return ""
	}
	if got := DefaultRCPaths("windows", env); got[0] != `D:\PD\OmniBack\omnirc` {
		t.Errorf("windows: %v", got)
	}
	if got := DefaultRCPaths("linux", env); got[0] != "/opt/omni/.omnirc" {
		t.Errorf("linux: %v", got)
	}
	if got := DefaultRCPaths("aix", env); got[0] != "/usr/omni/.omnirc" {
		t.Errorf("aix: %v", got)
	}
}
