package dag_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/secret"
	"github.com/dpgre/dpgre/lab"
)

func startLab(t *testing.T, spec lab.ADSpec, opt lab.LDAPOptions) *lab.LDAPServer {
	t.Helper()
	entries, err := spec.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if opt.RootDSE == nil {
		opt.RootDSE = spec.RootDSE()
	}
	s, err := lab.StartLDAP(entries, lab.AttrNames(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func caFile(t *testing.T, ca *lab.CA) string {
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, ca.PEM, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func newCA(t *testing.T) *lab.CA {
	ca, err := lab.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

const adminPW = "S3cret-Pa55!"

func users(spec lab.ADSpec) map[string]string {
	return map[string]string{"admin@" + spec.Domain: adminPW}
}

// TestAcceptanceLab: five DAGs, an organisation name with a comma and
// spaces, 1,200 databases in one DAG, standalone and recovery databases:
// every DAG, flag, member and database GUID exact, over LDAPS with the lab
// CA verified.
func TestAcceptanceLab(t *testing.T) {
	spec := lab.AcceptanceSpec()
	ca := newCA(t)
	srv := startLab(t, spec, lab.LDAPOptions{LDAPS: true, CA: ca, Users: users(spec)})
	res, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, BindUser: "admin@" + spec.Domain,
		Password: secret.New(adminPW), CAFile: caFile(t, ca), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, diff := range spec.Differences(res.Directory) {
		t.Error(diff)
	}
	if res.Searches != 3 || !res.RootDSE.Paging || res.Server != srv.URL {
		t.Errorf("searches %d, paging %v, server %s", res.Searches, res.RootDSE.Paging, res.Server)
	}
	if srv.Writes() != 0 {
		t.Errorf("%d write attempts against the directory", srv.Writes())
	}
}

// TestSearchCountConstant: the searches issued do not grow with the
// directory, from 1 to 500 DAGs (pages do).
func TestSearchCountConstant(t *testing.T) {
	for _, n := range []int{1, 50, 500} {
		srv := startLab(t, lab.ScaleSpec(n), lab.LDAPOptions{AllowAnonymous: true})
		res, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, Timeout: 20 * time.Second, PageSize: 200})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Directory.DAGs) != n {
			t.Fatalf("%d DAGs, want %d", len(res.Directory.DAGs), n)
		}
		if srv.Searches() != 3 || res.Searches != 3 {
			t.Errorf("%d DAGs: %d searches on the server (%d counted by the client), want 3", n, srv.Searches(), res.Searches)
		}
		if n == 500 && srv.Requests() <= 3 {
			t.Errorf("500 DAGs must be paged: %d requests", srv.Requests())
		}
	}
}

func TestStartTLS(t *testing.T) {
	spec := lab.ScaleSpec(2)
	ca := newCA(t)
	srv := startLab(t, spec, lab.LDAPOptions{CA: ca, Users: users(spec)})
	res, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, StartTLS: true, CAFile: caFile(t, ca),
		BindUser: "admin@" + spec.Domain, Password: secret.New(adminPW), Timeout: 5 * time.Second})
	if err != nil || len(res.Directory.DAGs) != 2 {
		t.Fatalf("StartTLS: %v", err)
	}
	// The same server without the CA: the certificate must be rejected.
	_, err = dag.Discover(context.Background(), dag.Config{URL: srv.URL, StartTLS: true,
		BindUser: "admin@" + spec.Domain, Password: secret.New(adminPW), Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("unverified certificate accepted: %v", err)
	}
	// Opting out works and warns.
	res, err = dag.Discover(context.Background(), dag.Config{URL: srv.URL, StartTLS: true, Insecure: true,
		BindUser: "admin@" + spec.Domain, Password: secret.New(adminPW), Timeout: 5 * time.Second})
	if err != nil || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "verification is OFF") {
		t.Errorf("insecure: %v %v", err, res.Warnings)
	}
}

func TestBindErrors(t *testing.T) {
	spec := lab.ScaleSpec(1)
	ca := newCA(t)
	srv := startLab(t, spec, lab.LDAPOptions{CA: ca, Users: users(spec)})
	// A password never goes over plain ldap://.
	_, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, BindUser: "admin@" + spec.Domain, Password: secret.New(adminPW), Timeout: 5 * time.Second})
	if !errors.Is(err, dag.ErrPlainBind) || srv.Binds() != 0 {
		t.Errorf("plain bind: %v (binds seen by the server: %d)", err, srv.Binds())
	}
	_, err = dag.Discover(context.Background(), dag.Config{URL: srv.URL, StartTLS: true, CAFile: caFile(t, ca),
		BindUser: "admin@" + spec.Domain, Password: secret.New("Tr0ub4dor&3"), Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "invalid credentials") || strings.Contains(err.Error(), "Tr0ub4dor") {
		t.Errorf("wrong password: %v", err)
	}
	var op *dag.OpError
	if !errors.As(err, &op) || op.Server != srv.URL || !strings.HasPrefix(op.Op, "bind") {
		t.Errorf("error must name server and operation: %#v", err)
	}
}

// TestHungServer: a server that accepts and never answers ends within the
// timeout, naming the server and the operation.
func TestHungServer(t *testing.T) {
	hung, err := lab.StartHungServer()
	if err != nil {
		t.Fatal(err)
	}
	defer hung.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err = dag.Discover(ctx, dag.Config{URL: "ldap://" + hung.Addr, Timeout: time.Second})
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Errorf("took %s", el)
	}
	if err == nil || !strings.Contains(err.Error(), hung.Addr) || !strings.Contains(err.Error(), "rootDSE") {
		t.Errorf("err = %v", err)
	}
}

func TestNoExchange(t *testing.T) {
	spec := lab.ScaleSpec(1)
	srv := startLab(t, spec, lab.LDAPOptions{AllowAnonymous: true, RootDSE: map[string][]string{
		"configurationNamingContext": {"CN=Configuration,DC=other,DC=example"}, "defaultNamingContext": {"DC=other,DC=example"}}})
	_, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, Timeout: 5 * time.Second})
	if !errors.Is(err, dag.ErrNoExchange) {
		t.Errorf("err = %v", err)
	}
}

// DC discovery by SRV: the preferred DC is down, the next one answers, and
// the result says which one did and what was passed over.
func TestSRVFailover(t *testing.T) {
	spec := lab.ScaleSpec(2)
	ca, err := lab.NewCA("dc1."+spec.Domain, "dc2."+spec.Domain)
	if err != nil {
		t.Fatal(err)
	}
	srv := startLab(t, spec, lab.LDAPOptions{CA: ca, Users: users(spec)})
	_, livePort, _ := net.SplitHostPort(srv.Addr)
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	_, deadPort, _ := net.SplitHostPort(dead.Addr().String())
	dead.Close() // nothing listens there any more
	port := func(p string) uint16 { n, _ := strconv.Atoi(p); return uint16(n) }
	z := lab.NewZone(spec.Domain)
	z.A["dc1."+spec.Domain] = []string{"127.0.0.1"}
	z.A["dc2."+spec.Domain] = []string{"127.0.0.1"}
	z.SRV["_ldap._tcp.dc._msdcs."+spec.Domain] = []lab.SRV{
		{Target: "dc2." + spec.Domain, Port: port(livePort), Priority: 10, Weight: 100},
		{Target: "dc1." + spec.Domain, Port: port(deadPort), Priority: 0, Weight: 100},
	}
	var dnsSrv *lab.DNSServer
	dnsSrv, err = lab.StartDNS("127.0.0.1", "0", lab.DNSNormal, z)
	if err != nil {
		t.Fatal(err)
	}
	defer dnsSrv.Close()
	res, err := dag.Discover(context.Background(), dag.Config{Domain: spec.Domain, SRVServers: []string{dnsSrv.Addr}, StartTLS: true,
		CAFile: caFile(t, ca), BindUser: "admin@" + spec.Domain, Password: secret.New(adminPW), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if res.Server != "ldap://dc2."+spec.Domain+":"+livePort || len(res.Tried) != 2 || !strings.Contains(res.Tried[0], "dc1."+spec.Domain+":"+deadPort) {
		t.Errorf("server %s, tried %v", res.Server, res.Tried)
	}
	_, err = dag.Discover(context.Background(), dag.Config{Domain: "nowhere." + spec.Domain, SRVServers: []string{dnsSrv.Addr}, Timeout: 2 * time.Second})
	if !errors.Is(err, dag.ErrNoController) {
		t.Errorf("no SRV: %v", err)
	}
}
