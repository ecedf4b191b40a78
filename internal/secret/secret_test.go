package secret

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

const pw = "Tr0ub4dor&3"

// A Secret must not leak through any way Go code prints or encodes a value.
func TestSecretNeverPrints(t *testing.T) {
	s := New(pw)
	holder := struct {
		User string
		Pass Secret
		Ptr  *Secret
	}{"admin", s, &s}
	outs := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
		outs["Sprintf "+verb] = fmt.Sprintf(verb, s)
		outs["Sprintf struct "+verb] = fmt.Sprintf(verb, holder)
	}
	outs["Sprint"] = fmt.Sprint(s, &s)
	outs["error wrap"] = fmt.Errorf("bind with %v: %w", s, errors.New("refused")).Error()
	j, err := json.Marshal(holder)
	if err != nil {
		t.Fatal(err)
	}
	outs["json"] = string(j)
	var buf bytes.Buffer
	log := logrus.New()
	log.SetOutput(&buf)
	log.SetLevel(logrus.TraceLevel)
	log.WithField("password", s).Debug("binding")
	log.SetFormatter(&logrus.JSONFormatter{})
	log.WithField("password", s).WithField("holder", holder).Trace("binding")
	outs["logrus"] = buf.String()

	for how, out := range outs {
		if strings.Contains(out, pw) || strings.Contains(out, fmt.Sprintf("%x", pw)) {
			t.Errorf("%s leaks the password: %s", how, out)
		}
		if !strings.Contains(out, redacted) {
			t.Errorf("%s does not say [redacted]: %s", how, out)
		}
	}
	if s.Reveal() != pw || s.Empty() || !New("").Empty() {
		t.Error("Reveal/Empty")
	}
}

func TestGetPrecedenceAndFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	prompt := func() (string, error) { return "from-prompt", nil }
	cases := []struct {
		name    string
		src     Sources
		want    string
		wantErr string
	}{
		{"file beats env and prompt", Sources{File: write("crlf", pw+"\r\nsecond line\r\n"), Env: "from-env", Prompt: prompt}, pw, ""},
		{"file without newline", Sources{File: write("bare", pw)}, pw, ""},
		{"env beats prompt", Sources{Env: "from-env", Prompt: prompt}, "from-env", ""},
		{"prompt last", Sources{Prompt: prompt}, "from-prompt", ""},
		{"nothing", Sources{}, "", "no password"},
		{"empty file", Sources{File: write("empty", "\r\n")}, "", "is empty"},
		{"missing file", Sources{File: filepath.Join(dir, "nope")}, "", "password file"},
		{"empty prompt", Sources{Prompt: func() (string, error) { return "", nil }}, "", "no password"},
		{"prompt error", Sources{Prompt: func() (string, error) { return "", errors.New("no tty") }}, "", "password prompt: no tty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Get(c.src)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil || got.Reveal() != c.want {
				t.Fatalf("got %q, %v; want %q", got.Reveal(), err, c.want)
			}
		})
	}
}

// Only the first MaxFileBytes are read: a password file pointing at a huge
// or endless file (a device, a log) cannot exhaust memory.
func TestGetBoundsTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 3*MaxFileBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Get(Sources{File: p})
	if err != nil || len(got.Reveal()) != MaxFileBytes {
		t.Fatalf("len = %d, err = %v", len(got.Reveal()), err)
	}
}
