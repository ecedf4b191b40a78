package config

import (
	"reflect"
	"strings"
	"testing"
)

var known = []string{"ldap-url", "dns-server", "timeout", "bind-password-file"}

func TestParse(t *testing.T) {
	v, err := Parse([]byte("ldap-url: ldaps://dc1\ndns-server: [10.0.0.1, 10.0.0.2]\ntimeout: 10s\nbind-password-file: /etc/pw\n"), "c.yaml", known)
	if err != nil {
		t.Fatal(err)
	}
	want := Values{"ldap-url": {"ldaps://dc1"}, "dns-server": {"10.0.0.1", "10.0.0.2"}, "timeout": {"10s"}, "bind-password-file": {"/etc/pw"}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("%v", v)
	}
	if v, err := Parse(nil, "empty.yaml", known); err != nil || len(v) != 0 {
		t.Errorf("empty file: %v %v", v, err)
	}
}

func TestParseErrors(t *testing.T) {
	for doc, want := range map[string]string{
		"ldap-ur: x\n":               "c.yaml:1: unknown setting \"ldap-ur\" (did you mean ldap-url?)",
		"timeout: 1s\ntimeout: 2s\n": "c.yaml:2: \"timeout\" is set twice",
		"- a\n- b\n":                 "want a mapping",
		"ldap-url: {a: b}\n":         "want a value",
		"dns-server: [[a]]\n":        "plain values",
		"bind-password: hunter2\n":   "never read from the config file",
		"ldap-url: [unclosed\n":      "c.yaml",
	} {
		_, err := Parse([]byte(doc), "c.yaml", known)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", doc, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error echoes a password: %v", err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("ldap-url: ldaps://dc1\ndns-server: [a, b]\n"))
	f.Add([]byte("timeout: 3s\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := Parse(b, "fuzz.yaml", known)
		if err != nil {
			return
		}
		for k := range v {
			found := false
			for _, n := range known {
				found = found || n == k
			}
			if !found {
				t.Fatalf("unknown key %q accepted", k)
			}
		}
	})
}
