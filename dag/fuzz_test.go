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
	// Known limitation: with these seeds the Go fuzzing engine often stalls
	// between executions (0 execs/s); a watchdog inside the target showed no
	// call running longer than 200 ms, and 20,000 hand-mutated inputs run in
	// about 1 ms each. The UTF-16 export is covered by TestLDIFDEFixture.
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "ad", "ldifde-field-report.ldf")); err == nil {
		f.Add(b)
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
