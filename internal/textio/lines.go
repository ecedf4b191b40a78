package textio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// Lines reads a stream line by line without copying: the returned slice is
// valid until the next call. Every line is bounded; an over-long line is
// reported once (ErrLineTooLong) and skipped, so one bad line does not hide
// the rest of a listing.
type Lines struct {
	r        *bufio.Reader
	n        int   // current line number, 1-based
	read     int64 // bytes consumed
	maxBytes int64
	// Terminated is false when the last line returned had no newline: the
	// sign of a file cut off mid-write.
	Terminated bool
}

// NewLines reads r with lines of at most maxLine bytes and at most maxBytes in
// total (0 means no total bound).
func NewLines(r io.Reader, maxLine int, maxBytes int64) *Lines {
	return &Lines{r: bufio.NewReaderSize(r, maxLine), maxBytes: maxBytes}
}

// ErrTooLarge is returned when the input exceeds its total bound.
var ErrTooLarge = errors.New("input too large")

// Line is the number of the line last returned.
func (l *Lines) Line() int { return l.n }

// Next returns the next line without its line ending (LF or CRLF). It returns
// io.EOF after the last line.
func (l *Lines) Next() ([]byte, error) {
	b, err := l.r.ReadSlice('\n')
	if err != nil && len(b) == 0 {
		return nil, err
	}
	l.n++
	l.read += int64(len(b))
	if l.maxBytes > 0 && l.read > l.maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, l.maxBytes)
	}
	switch {
	case err == nil:
		l.Terminated = true
		b = b[:len(b)-1]
	case errors.Is(err, bufio.ErrBufferFull):
		if skipErr := l.skipRest(); skipErr != nil && !errors.Is(skipErr, io.EOF) {
			return nil, skipErr
		}
		return nil, ErrLineTooLong
	case errors.Is(err, io.EOF):
		l.Terminated = false
	default:
		return nil, err
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, nil
}

func (l *Lines) skipRest() error {
	for {
		b, err := l.r.ReadSlice('\n')
		l.read += int64(len(b))
		if l.maxBytes > 0 && l.read > l.maxBytes {
			return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, l.maxBytes)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}
