// Package textio turns the text files admins send (often saved on Windows) into
// a UTF-8 byte stream: PowerShell's ">" writes UTF-16LE with a BOM, cell_info is
// UTF-16 on Windows, and Notepad likes a UTF-8 BOM.
package textio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names what Decode detected; it is recorded as evidence.
type Encoding string

const (
	UTF8      Encoding = "utf-8"
	UTF8BOM   Encoding = "utf-8-bom"
	UTF16LE   Encoding = "utf-16le"
	UTF16BE   Encoding = "utf-16be"
	UTF16LENo Encoding = "utf-16le-nobom"
	UTF16BENo Encoding = "utf-16be-nobom"
)

// Decode sniffs the first bytes of r and returns a reader of UTF-8 text with
// any BOM removed. UTF-16 without a BOM is recognised by its NUL bytes in the
// first characters, which is how ASCII-heavy listings look in UTF-16.
func Decode(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, 512*1024)
	head, err := br.Peek(64)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return decodeUTF16(br, unicode.LittleEndian, unicode.ExpectBOM), UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return decodeUTF16(br, unicode.BigEndian, unicode.ExpectBOM), UTF16BE, nil
	}
	if enc, ok := sniffUTF16(head); ok {
		if enc == UTF16LENo {
			return decodeUTF16(br, unicode.LittleEndian, unicode.IgnoreBOM), enc, nil
		}
		return decodeUTF16(br, unicode.BigEndian, unicode.IgnoreBOM), enc, nil
	}
	return br, UTF8, nil
}

func decodeUTF16(r io.Reader, e unicode.Endianness, b unicode.BOMPolicy) io.Reader {
	return transform.NewReader(r, unicode.UTF16(e, b).NewDecoder())
}

// sniffUTF16 reports BOM-less UTF-16 when at least 3/4 of the even (BE) or odd
// (LE) bytes of the first characters are NUL and the others are not: plain
// text never contains NUL, so this cannot misfire on real UTF-8 listings.
func sniffUTF16(head []byte) (Encoding, bool) {
	n := len(head) &^ 1
	if n < 4 {
		return "", false
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			evenNUL++
		}
		if head[i+1] == 0 {
			oddNUL++
		}
	}
	pairs := n / 2
	switch {
	case oddNUL*4 >= pairs*3 && evenNUL == 0:
		return UTF16LENo, true
	case evenNUL*4 >= pairs*3 && oddNUL == 0:
		return UTF16BENo, true
	}
	return "", false
}

// ErrLineTooLong is returned by Lines when a line exceeds the bound.
var ErrLineTooLong = errors.New("line too long")

// LineError names the file and line a parser choked on.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }
