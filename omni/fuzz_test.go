package omni

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func addSeeds(f *testing.F, dir string) {
	f.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64*1024 {
			f.Add(b)
		}
	}
}

// FuzzParseListing: any input yields a listing or an error, never a panic,
// and every object found satisfies the parser's own invariants.
func FuzzParseListing(f *testing.F) {
	addSeeds(f, "omnidb")
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseListing(strings.NewReader(string(b)), "fuzz")
		if err != nil {
			return
		}
		for _, o := range l.Objects {
			if o.Client == "" || o.Type == "" || o.Line < 1 || o.Count < 1 {
				t.Fatalf("bad object %+v", o)
			}
			if o.Type == "E2010" && (len(o.GUID) != 36 || o.Database == "") {
				t.Fatalf("bad E2010 object %+v", o)
			}
		}
		if len(l.Problems) > maxProblemsKept || l.ProblemsTotal < len(l.Problems) {
			t.Fatalf("problem bookkeeping: %d kept, %d total", len(l.Problems), l.ProblemsTotal)
		}
	})
}

func FuzzParseRC(f *testing.F) {
	addSeeds(f, "omnirc")
	f.Fuzz(func(t *testing.T, b []byte) {
		rc, err := ParseRC(strings.NewReader(string(b)), "fuzz")
		if err != nil {
			return
		}
		for _, e := range rc.Entries {
			if !isVarName(e.Name) || e.Line < 1 {
				t.Fatalf("bad entry %+v", e)
			}
			if _, ok := rc.Vars[e.Name]; !ok {
				t.Fatalf("entry %s missing from vars", e.Name)
			}
		}
	})
}
