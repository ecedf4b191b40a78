package dag

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dpgre/dpgre/internal/textio"
)

// MaxLDIFLine bounds one physical LDIF line.
const MaxLDIFLine = 1 << 20

// ldifGuard passes an LDIF through line by line and refuses URL values
// ("attr:< file:///..."): go-ldap/ldif would read the named file, so an
// export sent by someone else could make dpgre read (or block on) any local
// file. Folded lines are joined before the check.
type ldifGuard struct {
	lines  *textio.Lines
	name   string
	buf    []byte
	err    error
	head   strings.Builder // start of the current logical line
	headAt int             // its line number
	done   bool            // the current logical line has been judged
}

func newLDIFGuard(r io.Reader, name string) *ldifGuard {
	return &ldifGuard{lines: textio.NewLines(r, MaxLDIFLine, MaxLDIFBytes), name: name}
}

func (g *ldifGuard) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		b, err := g.lines.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				g.err = g.judge(true)
				if g.err == nil {
					g.err = io.EOF
				}
				continue
			}
			g.err = &textio.LineError{File: g.name, Line: g.lines.Line(), Err: err}
			continue
		}
		line := string(b)
		if strings.HasPrefix(line, " ") {
			if !g.done && g.head.Len() < 512 {
				g.head.WriteString(line[1:])
			}
		} else {
			if err := g.judge(true); err != nil {
				g.err = err
				continue
			}
			g.head.Reset()
			g.head.WriteString(line)
			g.headAt, g.done = g.lines.Line(), false
		}
		if err := g.judge(false); err != nil {
			g.err = err
			continue
		}
		g.buf = append(append(g.buf[:0], b...), '\n')
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// judge checks the logical line's attribute description once its value
// marker is visible (or the line is complete).
func (g *ldifGuard) judge(complete bool) error {
	if g.done || g.head.Len() == 0 {
		return nil
	}
	h := g.head.String()
	if strings.HasPrefix(h, "#") {
		g.done = true
		return nil
	}
	i := strings.IndexByte(h, ':')
	if i < 0 || i+1 >= len(h) {
		if complete {
			g.done = true
		}
		return nil
	}
	g.done = true
	if h[i+1] == '<' {
		return fmt.Errorf("%s:%d: attribute %q has a URL value (:<): dpgre never reads files or URLs named in an LDIF", g.name, g.headAt, h[:i])
	}
	return nil
}
