package omni

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func parseCellFixture(t *testing.T, name string) (*Cell, error) {
	t.Helper()
	return ParseCell(openFixture(t, "cell", name), name)
}

func TestParseCellInfo(t *testing.T) {
	var prev []CellClient
	for _, name := range []string{"acceptance-cell_info", "acceptance-cell_info-utf16le"} {
		c, err := parseCellFixture(t, name)
		if err != nil {
			t.Fatal(err)
		}
		if c.Format != FormatCellInfo || len(c.Clients) != 6 || len(c.Problems) != 0 {
			t.Fatalf("%s: %+v", name, c)
		}
		ex1 := c.Clients[2]
		if ex1.Host != "ex1.domain.tld" || ex1.OS != "microsoft amd64 wNT-6.3-S" ||
			!reflect.DeepEqual(ex1.Components, map[string]string{"da": "A.09.08", "e2010": "A.09.08", "ts_core": "A.09.08"}) {
			t.Errorf("ex1: %+v", ex1)
		}
		if v := c.Clients[1]; v.Host != "dag-backup.domain.tld" || !reflect.DeepEqual(v.Other, []string{"-virtual"}) {
			t.Errorf("unknown tokens must be kept: %+v", v)
		}
		if prev != nil && !reflect.DeepEqual(prev, c.Clients) {
			t.Error("UTF-16 and UTF-8 differ")
		}
		prev = c.Clients
	}
}

func TestParseCellOtherFormats(t *testing.T) {
	c, err := parseCellFixture(t, "omnicellinfo.txt")
	if err != nil || c.Format != FormatOmniCellInfo || len(c.Clients) != 2 || c.Clients[1].Host != "ex1.domain.tld" {
		t.Errorf("omnicellinfo: %+v %v", c, err)
	}
	c, err = parseCellFixture(t, "omni_info")
	if err != nil || c.Format != FormatOmniInfo || c.Clients[0].Components["da"] != "A.09.08" {
		t.Errorf("omni_info: %+v %v", c, err)
	}
	c, err = parseCellFixture(t, "bad-lines")
	if err != nil || len(c.Clients) != 1 || len(c.Problems) != 2 || c.Problems[0].Line != 2 || c.Problems[1].Line != 3 {
		t.Errorf("bad lines: %+v %v", c, err)
	}
	_, err = ParseCell(strings.NewReader("\x00\x01\x02 binary\nmore junk\n"), "junk")
	if !errors.Is(err, ErrNotCellInfo) || !strings.Contains(err.Error(), "junk") {
		t.Errorf("junk: %v", err)
	}
}

func FuzzParseCell(f *testing.F) {
	addSeeds(f, "cell")
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCell(strings.NewReader(string(b)), "fuzz")
		if err != nil {
			return
		}
		for _, cl := range c.Clients {
			if cl.Components == nil {
				t.Fatalf("nil components: %+v", cl)
			}
		}
	})
}
