package dag

import (
	"encoding/base64"
	"testing"
)

// The lab example of FACTS.md §2: AD's bytes are little-endian in the first
// three fields; a naive big-endian decode gives 136d8d8f-a2b1-0d43-....
func TestDecodeGUIDGolden(t *testing.T) {
	b, _ := base64.StdEncoding.DecodeString("E22Nj6KxDUOgS4OGSLUKYQ==")
	got, err := DecodeGUID(b)
	if err != nil || got != "8f8d6d13-b1a2-430d-a04b-838648b50a61" {
		t.Fatalf("DecodeGUID = %s, %v", got, err)
	}
	back, err := EncodeGUID(got)
	if err != nil || string(back) != string(b) {
		t.Errorf("EncodeGUID round trip: %x", back)
	}
	if _, err := DecodeGUID(b[:15]); err == nil {
		t.Error("15 bytes accepted")
	}
	if _, err := EncodeGUID("8f8d6d13-b1a2-430d-a04b-838648b50a6"); err == nil {
		t.Error("short GUID accepted")
	}
}

// DNs with spaces and escaped commas compare as the directory compares them.
func TestDNGolden(t *testing.T) {
	a := `CN=Mailbox Database 0423741893,CN=Databases,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso\, Ltd,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=domain,DC=tld`
	b := `cn=mailbox database 0423741893, cn=databases,cn=exchange administrative group (FYDIBOHF23SPDLT),cn=administrative groups,cn=Contoso\2C Ltd,cn=microsoft exchange,cn=services,cn=configuration,dc=DOMAIN,dc=tld`
	if !SameDN(a, b) || dnKey(a) != dnKey(b) {
		t.Errorf("equal DNs differ:\n%q\n%q", dnKey(a), dnKey(b))
	}
	if SameDN(a, `CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=domain,DC=tld`) {
		t.Error("different DNs equal")
	}
	if got := FirstRDNValue(`CN=Contoso\, Ltd,CN=Microsoft Exchange`); got != "Contoso, Ltd" {
		t.Errorf("FirstRDNValue = %q", got)
	}
	if got := domainOfNC("DC=Domain,DC=TLD"); got != "domain.tld" {
		t.Errorf("domainOfNC = %q", got)
	}
}

func TestClassifyIPs(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		mode string
		n    int
	}{
		{[]string{"255.255.255.255"}, ModeIPLess, 0},
		{nil, ModeDHCP, 0},
		{[]string{""}, ModeDHCP, 0},
		{[]string{"0.0.0.0"}, ModeDHCP, 0},
		{[]string{"10.0.0.5", "10.1.0.5"}, ModeStatic, 2},
		{[]string{"255.255.255.255", "10.0.0.5"}, ModeInconsistent, 1},
		{[]string{"not-an-ip"}, ModeInconsistent, 0},
	} {
		mode, ips := ClassifyIPs(tc.in)
		if mode != tc.mode || len(ips) != tc.n {
			t.Errorf("%v: %s %v", tc.in, mode, ips)
		}
	}
}
