package dag

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadLDIF: any export yields a directory or an error naming the file,
// never a panic; every listed database has a canonical GUID.
func FuzzReadLDIF(f *testing.F) {
	// Seeds are exports of several KB: run with -fuzzminimizetime of a few
	// seconds, or the engine spends up to a minute minimizing each new
	// input and looks stalled (make fuzz-smoke does).
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "ad", "ldifde-*.ldf"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("dn: CN=x,DC=a\nobjectClass: msExchPrivateMDB\nobjectGUID:: AAAA\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := ReadLDIF(strings.NewReader(string(b)), "fuzz.ldf")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.ldf") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, g := range d.DAGs {
			for _, db := range g.Databases {
				if len(db.GUID) != 36 {
					t.Fatalf("bad GUID %q", db.GUID)
				}
			}
		}
	})
}
