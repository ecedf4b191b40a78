package dag

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-ldap/ldap/v3"

	"github.com/dpgre/dpgre/internal/hostname"
	"github.com/dpgre/dpgre/internal/secret"
)

// Bind methods.
const (
	BindAnonymous = "anonymous"
	BindSimple    = "simple"
	BindKerberos  = "kerberos"
	BindSSPI      = "sspi" // Windows: the current logon
	BindNTLM      = "ntlm" // best effort: no channel binding, Samba drops it
)

// Config says how to reach and read the directory.
type Config struct {
	URL      string // ldap://host[:port] or ldaps://host[:port]; else discovered from Domain
	Domain   string // AD DNS domain for DC discovery by SRV
	BaseDN   string // base of the computer-account search; default: defaultNamingContext
	Bind     string // one of the Bind* methods; "" means simple with a user, else anonymous
	BindUser string // UPN (admin@domain.tld) or DN
	Password secret.Secret
	StartTLS bool
	CAFile   string
	Insecure bool // skip TLS verification (warned about on every run)
	Krb5Conf string
	Keytab   string
	CCache   string
	Realm    string
	Timeout  time.Duration
	PageSize uint32
	// SRVServers are DNS servers (host:port) for DC discovery; empty means
	// the system resolver.
	SRVServers []string
}

// RootDSE is what dpgre reads from the directory's root.
type RootDSE struct {
	ConfigNC    string `json:"configuration_nc"`
	DefaultNC   string `json:"default_nc"`
	DNSHostName string `json:"dns_host_name"`
	HighestUSN  string `json:"highest_committed_usn"`
	Paging      bool   `json:"paging"`
}

// Result of a discovery.
type Result struct {
	Directory *Directory `json:"directory"`
	Server    string     `json:"server"`   // the URL that answered
	Tried     []string   `json:"tried"`    // every URL tried, with the reason it was passed over
	Searches  int        `json:"searches"` // LDAP searches issued (a paged search counts once)
	Timings   []Timing   `json:"timings"`  // per search: what, how many entries, how long
	RootDSE   RootDSE    `json:"root_dse"`
	Warnings  []string   `json:"warnings"`
}

// Timing records one search, for the report's evidence and for tuning.
type Timing struct {
	Search  string `json:"search"`
	Entries int    `json:"entries"`
	MS      int64  `json:"ms"`
}

// OpError names the server and the operation that failed.
type OpError struct {
	Server string
	Op     string
	Err    error
}

func (e *OpError) Error() string { return fmt.Sprintf("%s: %s: %v", e.Server, e.Op, e.Err) }
func (e *OpError) Unwrap() error { return e.Err }

// Errors a caller (AD-001) distinguishes.
var (
	ErrNoExchange   = errors.New("no Exchange organisation: CN=Microsoft Exchange,CN=Services is missing from the configuration naming context")
	ErrPlainBind    = errors.New("refusing to send a password over plain ldap://: use ldaps:// or --start-tls (hardened AD and Samba refuse it anyway)")
	ErrStrongAuth   = errors.New("the server requires a protected connection (\"Strong(er) authentication required\"): use ldaps:// or --start-tls")
	ErrNoController = errors.New("no domain controller found")
)

// Discover connects (failing over across discovered DCs on connection
// errors), binds and reads the Exchange objects with a constant number of
// searches: rootDSE, one paged Exchange search, one paged computer search.
func Discover(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.PageSize == 0 {
		cfg.PageSize = 1000
	}
	urls, err := serverURLs(ctx, cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Tried: []string{}, Warnings: []string{}}
	if cfg.Insecure {
		res.Warnings = append(res.Warnings, "TLS certificate verification is OFF (--insecure-skip-verify): the directory server's identity was not checked")
	}
	var lastErr error
	for _, u := range urls {
		conn, err := dial(ctx, cfg, u)
		if err != nil {
			res.Tried = append(res.Tried, fmt.Sprintf("%s (%v)", u, err))
			lastErr = err
			continue
		}
		res.Server = u
		res.Tried = append(res.Tried, u)
		err = read(ctx, cfg, conn, u, res)
		conn.Close()
		return res, err
	}
	return res, lastErr
}

// serverURLs is --ldap-url, or the DCs of --domain in SRV priority/weight order.
func serverURLs(ctx context.Context, cfg Config) ([]string, error) {
	if cfg.URL != "" {
		u, err := url.Parse(cfg.URL)
		if err != nil || (u.Scheme != "ldap" && u.Scheme != "ldaps") || u.Host == "" {
			return nil, fmt.Errorf("--ldap-url %q: want ldap://host[:port] or ldaps://host[:port]", cfg.URL)
		}
		return []string{cfg.URL}, nil
	}
	if cfg.Domain == "" {
		return nil, errors.New("give --ldap-url or --domain (to find a domain controller by SRV)")
	}
	r := resolver(cfg.SRVServers)
	sctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	name := "dc._msdcs." + hostname.Normalize(cfg.Domain)
	_, srvs, err := r.LookupSRV(sctx, "ldap", "tcp", name)
	if err != nil {
		return nil, fmt.Errorf("%w for %s: SRV _ldap._tcp.%s: %v", ErrNoController, cfg.Domain, name, err)
	}
	scheme, port := "ldaps", "636"
	if cfg.StartTLS {
		scheme, port = "ldap", "389"
	}
	var out []string
	for _, s := range srvs { // already sorted by priority, shuffled by weight (RFC 2782)
		host := strings.TrimSuffix(s.Target, ".")
		if scheme == "ldap" && s.Port != 0 {
			port = strconv.Itoa(int(s.Port))
		}
		out = append(out, scheme+"://"+net.JoinHostPort(host, port))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w for %s: SRV %s is empty", ErrNoController, cfg.Domain, name)
	}
	return out, nil
}

// resolver uses the given DNS servers, else the system's.
func resolver(servers []string) *net.Resolver {
	if len(servers) == 0 {
		return net.DefaultResolver
	}
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		var err error
		for _, s := range servers {
			var c net.Conn
			if c, err = d.DialContext(ctx, network, s); err == nil {
				return c, nil
			}
		}
		return nil, err
	}}
}

func tlsConfig(cfg Config, host string) (*tls.Config, error) {
	tc := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: cfg.Insecure}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("--ca-file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca-file %s: no PEM certificate in it", cfg.CAFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

// dial connects and, for ldap:// with StartTLS, upgrades the connection.
func dial(ctx context.Context, cfg Config, u string) (*ldap.Conn, error) {
	pu, _ := url.Parse(u)
	tc, err := tlsConfig(cfg, pu.Hostname())
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(cfg.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	// With --dns-server the DC names are resolved there too, like the SRV.
	dialer := &net.Dialer{Deadline: deadline, Resolver: resolver(cfg.SRVServers)}
	conn, err := ldap.DialURL(u, ldap.DialWithDialer(dialer), ldap.DialWithTLSConfig(tc))
	if err != nil {
		return nil, &OpError{u, "connect", err}
	}
	conn.SetTimeout(cfg.Timeout)
	if cfg.StartTLS && pu.Scheme == "ldap" {
		if err := guarded(ctx, conn, func() error { return conn.StartTLS(tc) }); err != nil {
			conn.Close()
			return nil, &OpError{u, "StartTLS", explain(err, cfg.Timeout)}
		}
	}
	return conn, nil
}

// guarded runs one LDAP operation and closes the connection if the context
// ends first: a server that accepts and never answers cannot hang dpgre.
func guarded(ctx context.Context, conn *ldap.Conn, op func() error) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			conn.Close()
		case <-done:
		}
	}()
	err := op()
	if ctx.Err() != nil && err != nil {
		return fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return err
}

// explain turns network-level LDAP errors into what the admin should know.
func explain(err error, timeout time.Duration) error {
	switch {
	case ldap.IsErrorWithCode(err, ldap.LDAPResultStrongAuthRequired):
		return fmt.Errorf("%w: %v", ErrStrongAuth, err)
	case ldap.IsErrorWithCode(err, ldap.LDAPResultInvalidCredentials):
		return fmt.Errorf("invalid credentials (wrong user or password, or the account is locked): %v", err)
	case strings.Contains(err.Error(), "negative serial number"):
		return fmt.Errorf("%v: the DC's certificate has a negative serial number (Samba's autogenerated ones may); install a proper certificate, or run with GODEBUG=x509negativeserial=1", err)
	case errors.Is(err, context.DeadlineExceeded), ldap.IsErrorWithCode(err, ldap.ErrorNetwork) && strings.Contains(err.Error(), "timed out"):
		return fmt.Errorf("no answer within %s (the server accepted the connection but did not reply): %v", timeout, err)
	}
	return err
}

func read(ctx context.Context, cfg Config, conn *ldap.Conn, u string, res *Result) error {
	pu, _ := url.Parse(u)
	secure := pu.Scheme == "ldaps" || cfg.StartTLS
	if err := guarded(ctx, conn, func() error { return bind(cfg, conn, pu.Hostname(), secure) }); err != nil {
		return &OpError{u, "bind (" + bindMethod(cfg) + ")", explain(err, cfg.Timeout)}
	}
	var root *ldap.SearchResult
	err := guarded(ctx, conn, func() error {
		var err error
		root, err = conn.Search(ldap.NewSearchRequest("", ldap.ScopeBaseObject, ldap.NeverDerefAliases, 0, 0, false,
			"(objectClass=*)", []string{"configurationNamingContext", "defaultNamingContext", "dnsHostName", "supportedControl", "highestCommittedUSN"}, nil))
		return err
	})
	res.Searches++
	if err != nil {
		return &OpError{u, "rootDSE search", explain(err, cfg.Timeout)}
	}
	if len(root.Entries) == 0 {
		return &OpError{u, "rootDSE search", errors.New("the server returned no rootDSE")}
	}
	r := root.Entries[0]
	res.RootDSE = RootDSE{ConfigNC: r.GetEqualFoldAttributeValue("configurationNamingContext"), DefaultNC: r.GetEqualFoldAttributeValue("defaultNamingContext"),
		DNSHostName: r.GetEqualFoldAttributeValue("dnsHostName"), HighestUSN: r.GetEqualFoldAttributeValue("highestCommittedUSN")}
	for _, c := range r.GetEqualFoldAttributeValues("supportedControl") {
		res.RootDSE.Paging = res.RootDSE.Paging || c == ldap.ControlTypePaging
	}
	if res.RootDSE.ConfigNC == "" {
		return &OpError{u, "rootDSE search", errors.New("no configurationNamingContext: not an Active Directory server")}
	}
	base := "CN=Microsoft Exchange,CN=Services," + res.RootDSE.ConfigNC
	exch, err := pagedSearch(ctx, cfg, conn, res, "exchange", base, ExchangeFilter, ExchangeAttributes)
	if err != nil {
		if ldap.IsErrorWithCode(err, ldap.LDAPResultNoSuchObject) {
			return &OpError{u, "Exchange search under " + base, ErrNoExchange}
		}
		return &OpError{u, "Exchange search under " + base, explain(err, cfg.Timeout)}
	}
	if len(exch) == 0 || !hasOrg(exch) {
		return &OpError{u, "Exchange search under " + base, ErrNoExchange}
	}
	domainBase := cfg.BaseDN
	if domainBase == "" {
		domainBase = res.RootDSE.DefaultNC
	}
	var computers []Entry
	if f := computerFilter(exch); f != "" && domainBase != "" {
		computers, err = pagedSearch(ctx, cfg, conn, res, "computers", domainBase, f, []string{"cn", "dNSHostName", "objectClass"})
		if err != nil {
			return &OpError{u, "computer account search under " + domainBase, explain(err, cfg.Timeout)}
		}
	}
	start := time.Now()
	res.Directory = Build(exch, computers, res.RootDSE.DefaultNC, "ldap")
	res.Timings = append(res.Timings, Timing{Search: "build (no I/O)", Entries: len(exch) + len(computers), MS: time.Since(start).Milliseconds()})
	return nil
}

func hasOrg(es []Entry) bool {
	for _, e := range es {
		if e.HasClass(ClassOrg) {
			return true
		}
	}
	return false
}

// computerFilter finds the servers' computer accounts in one search: by
// dNSHostName where networkAddress gave an FQDN, else by cn. Every value is
// escaped.
func computerFilter(exch []Entry) string {
	var b strings.Builder
	n := 0
	for _, e := range exch {
		if !e.HasClass(ClassServer) {
			continue
		}
		m := memberOf(e)
		if m.FQDN != "" {
			fmt.Fprintf(&b, "(dNSHostName=%s)", ldap.EscapeFilter(m.FQDN))
		} else {
			fmt.Fprintf(&b, "(cn=%s)", ldap.EscapeFilter(m.Name))
		}
		n++
	}
	if n == 0 {
		return ""
	}
	return "(&(objectCategory=computer)(|" + b.String() + "))"
}

func pagedSearch(ctx context.Context, cfg Config, conn *ldap.Conn, res *Result, what, base, filter string, attrs []string) ([]Entry, error) {
	var sr *ldap.SearchResult
	res.Searches++
	start := time.Now()
	defer func() {
		n := 0
		if sr != nil {
			n = len(sr.Entries)
		}
		res.Timings = append(res.Timings, Timing{Search: what, Entries: n, MS: time.Since(start).Milliseconds()})
	}()
	err := guarded(ctx, conn, func() error {
		var err error
		req := ldap.NewSearchRequest(base, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, attrs, nil)
		sr, err = conn.SearchWithPaging(req, cfg.PageSize)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(sr.Entries))
	for _, e := range sr.Entries {
		out = append(out, FromLDAP(e))
	}
	return out, nil // referrals (e.g. to the schema NC) are ignored on purpose
}

func bindMethod(cfg Config) string {
	if cfg.Bind != "" {
		return cfg.Bind
	}
	if cfg.BindUser != "" {
		return BindSimple
	}
	return BindAnonymous
}

func bind(cfg Config, conn *ldap.Conn, host string, secure bool) error {
	switch bindMethod(cfg) {
	case BindAnonymous:
		return nil
	case BindSimple:
		if !secure {
			return ErrPlainBind
		}
		if cfg.BindUser == "" {
			return errors.New("--bind-user is required for a simple bind")
		}
		return conn.Bind(cfg.BindUser, cfg.Password.Reveal())
	case BindNTLM:
		dom, user := "", cfg.BindUser
		if d, u, ok := strings.Cut(cfg.BindUser, `\`); ok {
			dom, user = d, u
		} else if u, d, ok := strings.Cut(cfg.BindUser, "@"); ok {
			dom, user = d, u
		}
		return conn.NTLMBind(dom, user, cfg.Password.Reveal())
	case BindKerberos:
		return kerberosBind(cfg, conn, host)
	case BindSSPI:
		return sspiBind(conn, host)
	}
	return fmt.Errorf("unknown bind method %q (anonymous, simple, kerberos, sspi, ntlm)", cfg.Bind)
}
