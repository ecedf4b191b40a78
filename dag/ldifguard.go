package dag

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/dpgre/dpgre/internal/textio"
)

// MaxLDIFLine bounds one physical LDIF line.
const MaxLDIFLine = 1 << 20

// ldifGuard sits between the file and go-ldap/ldif and does two jobs:
//
//   - It unfolds continuation lines (RFC 2849: a line starting with one
//     space continues the previous one). go-ldap/ldif joins them by string
//     concatenation, which is quadratic: a value folded over 40,000 lines
//     took 3 s and over a million would take half an hour. Unfolded here in
//     one buffer, the parser never sees a continuation.
//   - It refuses URL values ("attr:< file:///..."): go-ldap/ldif would read
//     the named file, so an export sent by someone else could make dpgre
//     read (or block on) any local file.
//
// It records where each logical line starts, so parse errors name the
// physical line of the file.
type ldifGuard struct {
	lines   *textio.Lines
	name    string
	pending bytes.Buffer // the logical line being unfolded
	started bool         // pending holds a line (possibly empty after a blank)
	at      int          // physical line where pending starts
	starts  []int32      // physical start line of every logical line emitted
	out     []byte
	err     error
}

func newLDIFGuard(r io.Reader, name string) *ldifGuard {
	return &ldifGuard{lines: textio.NewLines(r, MaxLDIFLine, MaxLDIFBytes), name: name}
}

func (g *ldifGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		g.err = g.fill()
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// fill reads physical lines until a logical line is complete and queues it.
func (g *ldifGuard) fill() error {
	for {
		b, err := g.lines.Next()
		if errors.Is(err, io.EOF) {
			if ferr := g.flush(); ferr != nil {
				return ferr
			}
			return io.EOF
		}
		if err != nil {
			return &textio.LineError{File: g.name, Line: g.lines.Line(), Err: err}
		}
		// A continuation joins a non-blank logical line; after a blank line
		// or at the start it is passed on as it is, for the parser to judge.
		if len(b) > 0 && b[0] == ' ' && g.started && g.pending.Len() > 0 {
			g.pending.Write(b[1:])
			continue
		}
		if err := g.flush(); err != nil {
			return err
		}
		g.pending.Write(b)
		g.started, g.at = true, g.lines.Line()
		if len(g.out) > 0 {
			return nil
		}
	}
}

// flush judges the pending logical line and queues it for the parser.
func (g *ldifGuard) flush() error {
	if !g.started {
		return nil
	}
	line := g.pending.Bytes()
	if err := g.judge(line); err != nil {
		return err
	}
	g.out = append(append(g.out, line...), '\n')
	g.starts = append(g.starts, int32(g.at))
	g.pending.Reset()
	g.started = false
	return nil
}

// judge refuses a URL value: the attribute description's colon followed
// by '<'. Comments are not attribute lines.
func (g *ldifGuard) judge(line []byte) error {
	if len(line) == 0 || line[0] == '#' {
		return nil
	}
	i := bytes.IndexByte(line, ':')
	if i >= 0 && i+1 < len(line) && line[i+1] == '<' {
		return fmt.Errorf("%s:%d: attribute %q has a URL value (:<): dpgre never reads files or URLs named in an LDIF", g.name, g.at, line[:i])
	}
	return nil
}

// physicalLine maps the parser's line number (it counts the logical lines
// it was given) to the file's line.
func (g *ldifGuard) physicalLine(logical int) int {
	if logical >= 1 && logical <= len(g.starts) {
		return int(g.starts[logical-1])
	}
	return g.lines.Line()
}
