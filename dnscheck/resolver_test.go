package dnscheck_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dnscheck"
	"github.com/dpgre/dpgre/lab"
)

func baseZone() *lab.Zone {
	z := lab.NewZone("domain.tld")
	z.NS["ns1.domain.tld"] = []string{"127.0.0.1"}
	z.NS["ns2.domain.tld"] = []string{"127.0.0.2"}
	z.NS["ns3.domain.tld"] = []string{"127.0.0.3"}
	z.A["ex1.domain.tld"] = []string{"10.0.0.11"}
	z.A["ex2.domain.tld"] = []string{"10.0.0.12"}
	z.A["customer-dag1.domain.tld"] = []string{"10.0.0.12", "10.0.0.11"}
	z.CNAME["dag-alias.domain.tld"] = "customer-dag1.domain.tld"
	return z
}

func group(t *testing.T, modes []lab.DNSMode, edit func(i int, z *lab.Zone)) lab.DNSGroup {
	t.Helper()
	srvs, err := lab.StartDNSGroup(3, modes, func(i int) []*lab.Zone {
		z := baseZone()
		if edit != nil {
			edit(i, z)
		}
		return []*lab.Zone{z}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srvs.Close)
	return srvs
}

func TestWalkFindsEveryAuthoritativeServer(t *testing.T) {
	srvs := group(t, nil, nil)
	port := strings.Split(srvs[0].Addr, ":")[1]
	r := &dnscheck.Resolver{Client: dnscheck.Client{Timeout: time.Second}, Bootstrap: []string{srvs[0].Addr}, Port: port}
	res := r.Verify(context.Background(), []string{"customer-dag1.domain.tld", "missing.domain.tld"})
	if res[0].Zone != "domain.tld" || len(res[0].Servers) != 3 {
		t.Fatalf("%+v", res[0])
	}
	for _, sa := range res[0].Servers {
		if !sa.AA || sa.Rcode != "NOERROR" || strings.Join(sa.A, ",") != "10.0.0.11,10.0.0.12" || sa.TTL != 900 || sa.Error != "" {
			t.Errorf("%+v", sa)
		}
	}
	for _, sa := range res[1].Servers {
		if sa.Rcode != "NXDOMAIN" || len(sa.A) != 0 || sa.Error != "" {
			t.Errorf("missing name: %+v", sa)
		}
	}
	ips, err := r.LookupHost(context.Background(), "ex1.domain.tld")
	if err != nil || strings.Join(ips, ",") != "10.0.0.11" {
		t.Errorf("LookupHost: %v %v", ips, err)
	}
	if _, err := r.LookupHost(context.Background(), "nope.domain.tld"); err == nil || !strings.Contains(err.Error(), "NXDOMAIN") {
		t.Errorf("LookupHost of a missing name: %v", err)
	}
}

func TestDisagreeingServersAndCNAME(t *testing.T) {
	srvs := group(t, nil, func(i int, z *lab.Zone) {
		if i == 2 {
			z.A["customer-dag1.domain.tld"] = []string{"10.0.0.11"} // replication lag
		}
	})
	r := &dnscheck.Resolver{Client: dnscheck.Client{Timeout: time.Second}, Override: srvs.Addrs()}
	res := r.Verify(context.Background(), []string{"customer-dag1.domain.tld", "dag-alias.domain.tld"})
	got := []string{}
	for _, sa := range res[0].Servers {
		got = append(got, strings.Join(sa.A, "+"))
	}
	if strings.Join(got, " ") != "10.0.0.11+10.0.0.12 10.0.0.11+10.0.0.12 10.0.0.11" || res[0].Zone != "domain.tld" {
		t.Errorf("answers %v zone %q err %q", got, res[0].Zone, res[0].Error)
	}
	if c := res[1].Servers[0]; c.CNAME != "customer-dag1.domain.tld" || len(c.A) != 2 {
		t.Errorf("CNAME: %+v", c)
	}
}

func TestMisbehavingServers(t *testing.T) {
	srvs := group(t, []lab.DNSMode{lab.DNSTruncate, lab.DNSServFail, lab.DNSWrongID}, nil)
	silent, err := lab.StartDNS("127.0.0.4", "0", lab.DNSSilent, baseZone())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	r := &dnscheck.Resolver{Client: dnscheck.Client{Timeout: 300 * time.Millisecond, Retries: 1},
		Override: append(srvs.Addrs(), silent.Addr)}
	// The zone is found through the first (truncating) server over TCP.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	res := r.Verify(ctx, []string{"customer-dag1.domain.tld"})[0]
	if el := time.Since(start); el > 1100*time.Millisecond {
		t.Errorf("took %s with a silent server", el)
	}
	if len(res.Servers) != 4 {
		t.Fatalf("%+v", res)
	}
	tr, sf, wid, sil := res.Servers[0], res.Servers[1], res.Servers[2], res.Servers[3]
	if !tr.TCP || len(tr.A) != 2 || tr.Error != "" {
		t.Errorf("truncating server must be asked again over TCP: %+v", tr)
	}
	if !strings.Contains(sf.Error, "SERVFAIL") {
		t.Errorf("SERVFAIL: %+v", sf)
	}
	if !strings.Contains(wid.Error, "wrong message ID") {
		t.Errorf("wrong ID: %+v", wid)
	}
	if !strings.Contains(sil.Error, "no answer within") {
		t.Errorf("silent: %+v", sil)
	}
}

// Servers that answer but lie: a reply to another question is dropped like
// a spoofed one and reported; records under another owner name are never
// taken for the DAG's addresses; a missing AA flag is recorded for the
// checks. The CNAME chain still counts.
func TestLyingServers(t *testing.T) {
	srvs := group(t, []lab.DNSMode{lab.DNSWrongQuestion, lab.DNSStray, lab.DNSNotAuthoritative}, nil)
	r := &dnscheck.Resolver{Client: dnscheck.Client{Timeout: 300 * time.Millisecond, Retries: 0}, Override: srvs.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	res := r.Verify(ctx, []string{"customer-dag1.domain.tld", "dag-alias.domain.tld"})
	wq, stray, lame := res[0].Servers[0], res[0].Servers[1], res[0].Servers[2]
	if !strings.Contains(wq.Error, "different question") || len(wq.A) != 0 {
		t.Errorf("wrong question: %+v", wq)
	}
	if len(stray.A) != 0 || len(stray.Stray) != 2 || !strings.HasPrefix(stray.Stray[0], "stray.customer-dag1.domain.tld.") || stray.Error != "" {
		t.Errorf("stray owner names must not count: %+v", stray)
	}
	if lame.AA || len(lame.A) != 2 || lame.Error != "" {
		t.Errorf("non-authoritative answer is kept and marked: %+v", lame)
	}
	if c := res[1].Servers[2]; c.CNAME != "customer-dag1.domain.tld" || len(c.A) != 2 || len(c.Stray) != 0 {
		t.Errorf("the CNAME target's records belong to the chain: %+v", c)
	}
	// Node lookups ignore stray records too.
	only := &dnscheck.Resolver{Client: r.Client, Override: srvs.Addrs()[1:2]}
	if ips, err := only.LookupHost(ctx, "ex1.domain.tld"); err == nil {
		t.Errorf("a node address taken from a record for another name: %v", ips)
	}
}
