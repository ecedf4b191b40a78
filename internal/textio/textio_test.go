package textio

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16le(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func TestDecode(t *testing.T) {
	text := "Object Name  Object type\r\nhost:/C 'C:' FileSystem\r\n"
	for _, tc := range []struct {
		in  string
		enc Encoding
	}{
		{text, UTF8},
		{"\xEF\xBB\xBF" + text, UTF8BOM},
		{utf16le(text, true), UTF16LE},
		{utf16le(text, false), UTF16LENo},
	} {
		r, enc, err := Decode(strings.NewReader(tc.in))
		if err != nil || enc != tc.enc {
			t.Fatalf("enc %s err %v, want %s", enc, err, tc.enc)
		}
		b, _ := io.ReadAll(r)
		if string(b) != text {
			t.Errorf("%s: decoded %q", tc.enc, b)
		}
	}
}

func TestLines(t *testing.T) {
	l := NewLines(strings.NewReader("a\r\nbb\n\nlast"), 16, 0)
	var got []string
	for {
		b, err := l.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b))
	}
	if strings.Join(got, "|") != "a|bb||last" || l.Terminated || l.Line() != 4 {
		t.Errorf("got %q terminated=%v line=%d", got, l.Terminated, l.Line())
	}
	l = NewLines(strings.NewReader(strings.Repeat("x", 40)+"\nok\n"), 16, 0)
	if _, err := l.Next(); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("want ErrLineTooLong, got %v", err)
	}
	if b, err := l.Next(); err != nil || string(b) != "ok" || l.Line() != 2 {
		t.Errorf("after a long line: %q %v line %d", b, err, l.Line())
	}
	l = NewLines(strings.NewReader("aaaa\nbbbb\n"), 16, 6)
	l.Next()
	if _, err := l.Next(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("want ErrTooLarge, got %v", err)
	}
}
