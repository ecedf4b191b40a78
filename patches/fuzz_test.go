package patches

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "patches", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := Parse(strings.NewReader(string(b)), "fuzz")
		if err != nil {
			return
		}
		if _, err := in.Level(); err != nil {
			t.Fatalf("parsed install has no level: %+v: %v", in, err)
		}
	})
}

func FuzzParseKB(f *testing.F) {
	f.Add(embeddedKB)
	f.Fuzz(func(t *testing.T, b []byte) {
		kb, err := ParseKB(b, "fuzz.yaml")
		if err != nil {
			return
		}
		for _, is := range kb.Issues {
			is.AffectsLevel(Level{9, 7})
		}
	})
}
