package omni

import (
	"bytes"
	"testing"

	"github.com/dpgre/dpgre/internal/gen"
)

// BenchmarkParseListing1M parses a 1M-line listing of 2,000 distinct objects
// (the scale target); b.SetBytes makes -bench print MB/s.
func BenchmarkParseListing1M(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.Listing(&buf, 1_000_000, 2000, false); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		l, err := ParseListing(bytes.NewReader(data), "bench")
		if err != nil || len(l.Objects) != 2000 {
			b.Fatalf("%v, %d objects", err, len(l.Objects))
		}
	}
}
