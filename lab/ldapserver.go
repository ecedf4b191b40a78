package lab

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-ldap/ldap/v3"
	"github.com/hashicorp/go-hclog"
	"github.com/jimlambrt/gldap"

	"github.com/dpgre/dpgre/dag"
)

// LDAPOptions configure the in-process directory.
type LDAPOptions struct {
	LDAPS bool // listen with TLS (ldaps://); else plain, with StartTLS offered
	CA    *CA  // required for LDAPS and StartTLS
	// Users maps bind names (DN or UPN) to passwords; an empty map with
	// AllowAnonymous lets anyone search, as the demo does.
	Users          map[string]string
	AllowAnonymous bool
	RootDSE        map[string][]string
	// SearchDelay slows every search response: for timeout tests.
	SearchDelay time.Duration
	// ReferralsOnly answers every search but the rootDSE with a referral
	// to another server, as a DC of another domain would.
	ReferralsOnly bool
}

// LDAPServer is an AD-like directory on 127.0.0.1 served by gldap: real
// filter evaluation, base/one/subtree scopes, the paged-results control,
// referral-free, read-only (writes are refused and counted).
type LDAPServer struct {
	URL  string
	Addr string
	opt  LDAPOptions
	srv  *gldap.Server

	mu      sync.Mutex
	entries []indexed
	pages   map[string][]int // cookie -> remaining entry indexes

	searches atomic.Int64 // new searches (a paged search counts once)
	requests atomic.Int64 // every search request, pages included
	binds    atomic.Int64
	writes   atomic.Int64
}

type indexed struct {
	dag.Entry
	dn    *ldap.DN
	names map[string]string // lower-case -> attribute name as written
}

// StartLDAP serves entries until Close.
func StartLDAP(entries []dag.Entry, names map[string]string, opt LDAPOptions) (*LDAPServer, error) {
	s := &LDAPServer{opt: opt, pages: map[string][]int{}}
	for _, e := range entries {
		dn, err := ldap.ParseDN(e.DN)
		if err != nil {
			return nil, fmt.Errorf("entry %q: %w", e.DN, err)
		}
		s.entries = append(s.entries, indexed{Entry: e, dn: dn, names: names})
	}
	if (opt.LDAPS || opt.CA != nil) && opt.CA == nil {
		return nil, errors.New("LDAPS needs a CA")
	}
	logger := hclog.New(&hclog.LoggerOptions{Output: io.Discard, Level: hclog.Off})
	srv, err := gldap.NewServer(gldap.WithLogger(logger), gldap.WithDisablePanicRecovery())
	if err != nil {
		return nil, err
	}
	mux, err := gldap.NewMux()
	if err != nil {
		return nil, err
	}
	must := func(err error) {
		if err != nil {
			panic(err) // only on programming errors in route setup
		}
	}
	must(mux.Bind(s.bind))
	must(mux.Search(s.search))
	must(mux.Modify(s.refuseWrite))
	must(mux.Add(s.refuseWrite))
	must(mux.Delete(s.refuseWrite))
	if opt.CA != nil && !opt.LDAPS {
		must(mux.ExtendedOperation(s.startTLS, gldap.ExtendedOperationStartTLS))
	}
	must(srv.Router(mux))
	s.srv = srv
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	var runOpts []gldap.Option
	scheme := "ldap"
	if opt.LDAPS {
		runOpts = append(runOpts, gldap.WithTLSConfig(opt.CA.Server))
		scheme = "ldaps"
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Run(addr, runOpts...) }()
	for i := 0; i < 200 && !srv.Ready(); i++ {
		select {
		case err := <-errc:
			return nil, fmt.Errorf("lab LDAP server: %w", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if !srv.Ready() {
		return nil, errors.New("lab LDAP server did not start")
	}
	s.Addr, s.URL = addr, scheme+"://"+addr
	return s, nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// Close stops the server.
func (s *LDAPServer) Close() error { return s.srv.Stop() }

// Searches is the number of distinct searches (pages of one paged search
// count once); Requests counts every search request.
func (s *LDAPServer) Searches() int64 { return s.searches.Load() }
func (s *LDAPServer) Requests() int64 { return s.requests.Load() }
func (s *LDAPServer) Binds() int64    { return s.binds.Load() }
func (s *LDAPServer) Writes() int64   { return s.writes.Load() }

func (s *LDAPServer) bind(w *gldap.ResponseWriter, r *gldap.Request) {
	s.binds.Add(1)
	res := r.NewBindResponse(gldap.WithResponseCode(gldap.ResultInvalidCredentials))
	defer w.Write(res)
	m, err := r.GetSimpleBindMessage()
	if err != nil {
		res.SetResultCode(gldap.ResultAuthMethodNotSupported)
		return
	}
	if m.UserName == "" && s.opt.AllowAnonymous {
		res.SetResultCode(gldap.ResultSuccess)
		return
	}
	for user, pw := range s.opt.Users {
		if strings.EqualFold(user, m.UserName) && string(m.Password) == pw {
			res.SetResultCode(gldap.ResultSuccess)
			return
		}
	}
}

func (s *LDAPServer) startTLS(w *gldap.ResponseWriter, r *gldap.Request) {
	res := r.NewExtendedResponse(gldap.WithResponseCode(gldap.ResultSuccess))
	res.SetResponseName(gldap.ExtendedOperationStartTLS)
	if err := w.Write(res); err != nil {
		return
	}
	_ = r.StartTLS(s.opt.CA.Server)
}

func (s *LDAPServer) refuseWrite(w *gldap.ResponseWriter, r *gldap.Request) {
	s.writes.Add(1)
	w.Write(r.NewResponse(gldap.WithResponseCode(gldap.ResultInsufficientAccessRights), gldap.WithDiagnosticMessage("the lab directory is read-only")))
}

func (s *LDAPServer) search(w *gldap.ResponseWriter, r *gldap.Request) {
	s.requests.Add(1)
	done := r.NewSearchDoneResponse(gldap.WithResponseCode(gldap.ResultSuccess))
	m, err := r.GetSearchMessage()
	if err != nil {
		done.SetResultCode(gldap.ResultProtocolError)
		w.Write(done)
		return
	}
	if s.opt.SearchDelay > 0 {
		time.Sleep(s.opt.SearchDelay)
	}
	var paging *gldap.ControlPaging
	for _, c := range m.Controls {
		if p, ok := c.(*gldap.ControlPaging); ok {
			paging = p
		}
	}
	if paging == nil || len(paging.Cookie) == 0 {
		s.searches.Add(1)
	}
	if m.BaseDN == "" && m.Scope == gldap.BaseObject {
		attrs := map[string][]string{}
		for k, v := range s.opt.RootDSE {
			attrs[k] = v
		}
		attrs["supportedControl"] = append(attrs["supportedControl"], ldap.ControlTypePaging)
		w.Write(r.NewSearchResponseEntry("", gldap.WithAttributes(attrs)))
		w.Write(done)
		return
	}
	if s.opt.ReferralsOnly {
		done.SetResultCode(gldap.ResultReferral)
		done.SetDiagnosticMessage("ldap://dc9.other.example/" + m.BaseDN)
		w.Write(done)
		return
	}
	var idx []int
	if paging != nil && len(paging.Cookie) > 0 {
		s.mu.Lock()
		var ok bool
		idx, ok = s.pages[string(paging.Cookie)]
		delete(s.pages, string(paging.Cookie))
		s.mu.Unlock()
		if !ok {
			done.SetResultCode(gldap.ResultUnwillingToPerform)
			done.SetDiagnosticMessage("unknown paging cookie")
			w.Write(done)
			return
		}
	} else {
		idx, err = s.match(m)
		if err != nil {
			done.SetResultCode(resultCode(err))
			done.SetDiagnosticMessage(err.Error())
			w.Write(done)
			return
		}
	}
	if paging != nil && paging.PagingSize > 0 && uint32(len(idx)) > paging.PagingSize {
		rest := idx[paging.PagingSize:]
		idx = idx[:paging.PagingSize]
		cookie := newCookie()
		s.mu.Lock()
		s.pages[cookie] = rest
		s.mu.Unlock()
		done.SetControls(&gldap.ControlPaging{Cookie: []byte(cookie)})
	} else if paging != nil {
		done.SetControls(&gldap.ControlPaging{})
	}
	for _, i := range idx {
		e := s.entries[i]
		w.Write(r.NewSearchResponseEntry(e.DN, gldap.WithAttributes(selectAttrs(e, m.Attributes))))
	}
	w.Write(done)
}

type ldapError struct {
	code int
	msg  string
}

func (e ldapError) Error() string { return e.msg }

func resultCode(err error) int {
	var le ldapError
	if errors.As(err, &le) {
		return le.code
	}
	return gldap.ResultOther
}

func (s *LDAPServer) match(m *gldap.SearchMessage) ([]int, error) {
	base, err := ldap.ParseDN(m.BaseDN)
	if err != nil {
		return nil, ldapError{gldap.ResultInvalidDNSyntax, err.Error()}
	}
	filter, err := ldap.CompileFilter(m.Filter)
	if err != nil {
		return nil, ldapError{gldap.ResultFilterError, err.Error()}
	}
	found := false
	var out []int
	for i, e := range s.entries {
		same := e.dn.EqualFold(base)
		found = found || same
		var inScope bool
		switch m.Scope {
		case gldap.BaseObject:
			inScope = same
		case gldap.SingleLevel:
			inScope = len(e.dn.RDNs) == len(base.RDNs)+1 && base.AncestorOfFold(e.dn)
		default:
			inScope = same || base.AncestorOfFold(e.dn)
		}
		if !inScope {
			continue
		}
		ok, err := matchFilter(filter, e.Entry)
		if err != nil {
			return nil, ldapError{gldap.ResultUnwillingToPerform, err.Error()}
		}
		if ok {
			out = append(out, i)
		}
		if m.SizeLimit > 0 && int64(len(out)) >= m.SizeLimit {
			break
		}
	}
	if !found {
		return nil, ldapError{gldap.ResultNoSuchObject, "no such object: " + m.BaseDN}
	}
	return out, nil
}

func selectAttrs(e indexed, want []string) map[string][]string {
	all := len(want) == 0
	set := map[string]bool{}
	for _, a := range want {
		if a == "*" {
			all = true
		}
		set[strings.ToLower(a)] = true
	}
	out := map[string][]string{}
	for k, vs := range e.Attrs {
		if !all && !set[k] {
			continue
		}
		name := k
		if n, ok := e.names[k]; ok {
			name = n
		}
		for _, v := range vs {
			out[name] = append(out[name], string(v))
		}
	}
	return out
}

func newCookie() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
