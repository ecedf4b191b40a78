package omni

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// openFixture opens testdata/<dir>/<name>, closed when the test ends.
func openFixture(t *testing.T, dir, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func parseFile(t *testing.T, name string) (*Listing, error) {
	t.Helper()
	return ParseListing(openFixture(t, "omnidb", name), name)
}

// fieldReport is the listing of FACTS.md §1, as every encoding must parse it.
var fieldReport = []Object{
	{Client: "exchange-2010.domain.tld", Name: "exchange-2010.domain.tld:/25e0d4ac-5a63-4035-b718-09d07bbbba47/DB3", Type: "E2010", GUID: "25e0d4ac-5a63-4035-b718-09d07bbbba47", Database: "DB3", Line: 2, Count: 1},
	{Client: "dag-backup.domain.tld", Name: "dag-backup.domain.tld:/c7982a7e-76cd-4759-9d03-019c0c410957/DB03", Type: "E2010", GUID: "c7982a7e-76cd-4759-9d03-019c0c410957", Database: "DB03", Line: 3, Count: 1},
	{Client: "dag-backup.domain.tld", Name: "dag-backup.domain.tld:/5d3faa67-6fd9-493e-bf56-5044f75620a8/DB01", Type: "E2010", GUID: "5d3faa67-6fd9-493e-bf56-5044f75620a8", Database: "DB01", Line: 4, Count: 1},
}

func TestParseListingEncodings(t *testing.T) {
	for _, tc := range []struct{ file, enc string }{
		{"field-report.txt", "utf-8"},
		{"field-report-utf16le.txt", "utf-16le"},
		{"utf16be.txt", "utf-16be"},
		{"utf16le-nobom.txt", "utf-16le-nobom"},
		{"utf8-bom.txt", "utf-8-bom"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			l, err := parseFile(t, tc.file)
			if err != nil {
				t.Fatal(err)
			}
			if l.Encoding != tc.enc {
				t.Errorf("encoding = %s, want %s", l.Encoding, tc.enc)
			}
			if l.HeaderLine != 1 || l.ProblemsTotal != 0 {
				t.Errorf("header line %d, problems %v", l.HeaderLine, l.Problems)
			}
			if !reflect.DeepEqual(l.Objects, fieldReport) {
				t.Errorf("objects:\n got %+v\nwant %+v", l.Objects, fieldReport)
			}
		})
	}
}

func TestParseListingCRLF1200(t *testing.T) {
	l, err := parseFile(t, "crlf-1200.txt")
	if err != nil {
		t.Fatal(err)
	}
	if l.ProblemsTotal != 0 {
		t.Fatalf("problems: %v", l.Problems)
	}
	if len(l.Objects) != 1200 {
		t.Fatalf("objects = %d, want 1200", len(l.Objects))
	}
	var e2010, upper int
	for _, o := range l.Objects {
		if o.Type != "E2010" {
			continue
		}
		e2010++
		if o.Client != "customer-dag1.domain.tld" {
			t.Fatalf("client not normalised: %q", o.Client)
		}
		if strings.HasPrefix(o.Name, "Customer-DAG1") {
			upper++
		}
		if !strings.HasPrefix(o.Database, "Mailbox Database ") || strings.HasSuffix(o.Database, "\r") {
			t.Fatalf("database name with spaces lost: %q", o.Database)
		}
	}
	if e2010 != 1080 || upper == 0 {
		t.Errorf("e2010 = %d (want 1080), case-variant names = %d", e2010, upper)
	}
}

func TestParseListingLines(t *testing.T) {
	hdr := "Object Name                                                     Object type\n"
	cases := []struct {
		name    string
		in      string
		objects []Object
		reasons []string // problem reasons, by prefix
	}{
		{
			name:    "wide name leaves one space",
			in:      hdr + "a-very-long-client-name-for-a-dag-alias.domain.tld:/5d3faa67-6fd9-493e-bf56-5044f75620a8/Mailbox Database 0423741893 E2010\n",
			objects: []Object{{Client: "a-very-long-client-name-for-a-dag-alias.domain.tld", Name: "a-very-long-client-name-for-a-dag-alias.domain.tld:/5d3faa67-6fd9-493e-bf56-5044f75620a8/Mailbox Database 0423741893", Type: "E2010", GUID: "5d3faa67-6fd9-493e-bf56-5044f75620a8", Database: "Mailbox Database 0423741893", Line: 2, Count: 1}},
		},
		{
			name:    "windows file system name has more colons",
			in:      hdr + "FS1.Domain.TLD.:/C 'C:'                                         FileSystem\r\n",
			objects: []Object{{Client: "fs1.domain.tld", Name: "FS1.Domain.TLD.:/C 'C:'", Type: "FileSystem", Line: 2, Count: 1}},
		},
		{
			name:    "repeated lines are one object",
			in:      hdr + "===\ncm:/ IDB\ncm:/ IDB\n\ncm:/ IDB\n",
			objects: []Object{{Client: "cm", Name: "cm:/", Type: "IDB", Line: 3, Count: 3}},
		},
		{
			name:    "upper-case GUID is canonicalised",
			in:      hdr + "dag.d.tld:/{5D3FAA67-6FD9-493E-BF56-5044F75620A8}/DB01 E2010\n",
			objects: []Object{{Client: "dag.d.tld", Name: "dag.d.tld:/{5D3FAA67-6FD9-493E-BF56-5044F75620A8}/DB01", Type: "E2010", GUID: "5d3faa67-6fd9-493e-bf56-5044f75620a8", Database: "DB01", Line: 2, Count: 1}},
		},
		{
			name:    "no objects found line",
			in:      hdr + "No objects of type E2010 have been found.\n",
			objects: []Object{},
		},
		{
			name:    "bad lines become problems",
			in:      hdr + "justone\nno colon here E2010\ndag:/nope/DB1 E2010\ndag:/5d3faa67-6fd9-493e-bf56-5044f75620a8/ E2010\nhost:/x bad*type\n",
			objects: []Object{},
			reasons: []string{"no object type column", "object name is not client:object", "E2010 object name", "E2010 object name", "object type"},
		},
		{
			name:    "truncated last line",
			in:      hdr + "dag:/5d3faa67-6fd9-493e-bf56-5044f75620a8/DB01 E2010\ndag:/5d3faa67-6fd9-493e-bf56-50",
			objects: []Object{{Client: "dag", Name: "dag:/5d3faa67-6fd9-493e-bf56-5044f75620a8/DB01", Type: "E2010", GUID: "5d3faa67-6fd9-493e-bf56-5044f75620a8", Database: "DB01", Line: 2, Count: 1}},
			reasons: []string{"no object type column"},
		},
		{
			name:    "truncated inside the type",
			in:      hdr + "dag:/5d3faa67-6fd9-493e-bf56-5044f75620a8/DB01 E20",
			objects: []Object{},
			reasons: []string{"last line has no line ending"},
		},
		{
			name:    "invalid UTF-8",
			in:      hdr + "host:/caf\xe9 FileSystem\n",
			objects: []Object{},
			reasons: []string{"not valid UTF-8"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseListing(strings.NewReader(tc.in), "x.txt")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(l.Objects, tc.objects) {
				t.Errorf("objects:\n got %+v\nwant %+v", l.Objects, tc.objects)
			}
			if len(l.Problems) != len(tc.reasons) {
				t.Fatalf("problems = %+v, want %d", l.Problems, len(tc.reasons))
			}
			for i, p := range l.Problems {
				if !strings.HasPrefix(p.Reason, tc.reasons[i]) {
					t.Errorf("problem %d reason %q, want prefix %q", i, p.Reason, tc.reasons[i])
				}
				if p.Line < 2 {
					t.Errorf("problem %d has line %d", i, p.Line)
				}
			}
		})
	}
}

func TestParseListingNotAListing(t *testing.T) {
	for _, in := range []string{"\x00\x01\x02garbage\xff\xfe\n\x00", "hello world\nthis is a letter\n"} {
		_, err := ParseListing(strings.NewReader(in), "x.bin")
		if !errors.Is(err, ErrNotListing) || !strings.Contains(err.Error(), "x.bin") {
			t.Errorf("err = %v, want ErrNotListing naming the file", err)
		}
	}
	l, err := ParseListing(strings.NewReader(""), "empty.txt")
	if err != nil || len(l.Objects) != 0 {
		t.Errorf("empty listing: %v %+v", err, l)
	}
}

func TestParseListingLongLine(t *testing.T) {
	in := "Object Name  Object type\n" + strings.Repeat("x", MaxListingLine+10) + " E2010\nhost:/ok FileSystem\n"
	l, err := ParseListing(strings.NewReader(in), "long.txt")
	if err != nil {
		t.Fatal(err)
	}
	if l.ProblemsTotal != 1 || l.Problems[0].Line != 2 || len(l.Objects) != 1 || l.Objects[0].Line != 3 {
		t.Errorf("got problems %+v objects %+v", l.Problems, l.Objects)
	}
}

func TestParseListingProblemsBounded(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Object Name  Object type\n")
	for i := 0; i < 1000; i++ {
		b.WriteString("garbage\n")
	}
	l, err := ParseListing(&b, "bad.txt")
	if err != nil {
		t.Fatal(err)
	}
	if l.ProblemsTotal != 1000 || len(l.Problems) != maxProblemsKept {
		t.Errorf("problems total %d kept %d", l.ProblemsTotal, len(l.Problems))
	}
}
