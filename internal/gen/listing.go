// Package gen generates large, realistic inputs for benchmarks and scale
// tests: listings with many lines over few distinct objects, as omnidb prints
// when objects repeat across sessions.
package gen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
)

// Listing writes an omnidb listing of lines rows cycling over distinct
// objects: 90% E2010 databases with Exchange's default names (spaces), the
// rest file systems, CRLF line ends when crlf is set.
func Listing(w io.Writer, lines, distinct int, crlf bool) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	r := rand.New(rand.NewPCG(1, 2))
	names := make([]string, distinct)
	for i := range names {
		if i%10 == 9 {
			names[i] = fmt.Sprintf("%-63s %s", fmt.Sprintf("fs%d.domain.tld:/data%d 'data%d'", i%7, i, i), "FileSystem")
			continue
		}
		g := fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint64()&0xffffffffffff)
		names[i] = fmt.Sprintf("%-63s %s", fmt.Sprintf("dag-backup.domain.tld:/%s/Mailbox Database %010d", g, r.IntN(1e10)), "E2010")
	}
	fmt.Fprintf(bw, "%-63s %s%s%s%s", "Object Name", "Object type", eol, "============================================================================", eol)
	for i := 0; i < lines-2; i++ {
		if _, err := io.WriteString(bw, names[i%distinct]); err != nil {
			return err
		}
		io.WriteString(bw, eol)
	}
	return bw.Flush()
}
