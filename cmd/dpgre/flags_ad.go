package main

import (
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/internal/secret"
)

func adFlags() []cli.Flag {
	return []cli.Flag{
		stringFlag("ldap-url", "directory server `URL`: ldaps://dc1.domain.tld or ldap://dc1.domain.tld with --start-tls", catAD),
		stringFlag("domain", "AD DNS `DOMAIN`: find a domain controller by SRV _ldap._tcp.dc._msdcs.DOMAIN (when no --ldap-url)", catAD),
		stringFlag("bind-user", "bind as `USER` (admin@domain.tld or a DN); the password comes from --bind-password-file, DPGRE_BIND_PASSWORD or a prompt", catAD),
		stringFlag("bind-password-file", "read the bind password from the first line of `FILE`", catAD),
		stringFlag("bind", "bind `METHOD`: simple (default with --bind-user), anonymous, kerberos, sspi (Windows: the current logon), ntlm (best effort)", catAD),
		boolFlag("kerberos", "bind with Kerberos (GSSAPI) from the credential cache, or --keytab", catAD),
		stringFlag("krb5-conf", "Kerberos configuration `FILE` (default $KRB5_CONFIG or /etc/krb5.conf)", catAD),
		stringFlag("keytab", "Kerberos keytab `FILE` for --bind-user's principal", catAD),
		boolFlag("start-tls", "upgrade ldap:// with StartTLS (discovered DCs are then asked on port 389)", catAD),
		stringFlag("ca-file", "trust this CA certificate `FILE` (PEM) in addition to the system roots", catAD),
		boolFlag("insecure-skip-verify", "do NOT verify the directory's TLS certificate (warned about on every run)", catAD),
		stringFlag("base-dn", "search computer accounts under `DN` (default: the domain's naming context)", catAD),
		stringFlag("ad-ldif", "read AD from an LDIF export `FILE` (ldifde or ldapsearch) instead of LDAP", catAD),
		sliceFlag("dns-server", "ask this DNS `SERVER` (host[:port], repeatable) as the zone's authoritative set instead of walking SOA/NS from the system resolver", catAD),
	}
}

// ldapConfig builds the directory configuration from the flags, reading
// the password only when a bind needs one. nil means no directory.
func (e *env) ldapConfig(c *cli.Context) (*dag.Config, error) {
	if c.String("ldap-url") == "" && c.String("domain") == "" {
		if c.String("bind-user") != "" {
			return nil, usagef("--bind-user needs --ldap-url or --domain")
		}
		return nil, nil
	}
	cfg := &dag.Config{
		URL: c.String("ldap-url"), Domain: c.String("domain"), BaseDN: c.String("base-dn"),
		Bind: strings.ToLower(c.String("bind")), BindUser: c.String("bind-user"),
		StartTLS: c.Bool("start-tls"), CAFile: c.String("ca-file"), Insecure: c.Bool("insecure-skip-verify"),
		Krb5Conf: c.String("krb5-conf"), Keytab: c.String("keytab"), SRVServers: c.StringSlice("dns-server"),
	}
	if c.Bool("kerberos") {
		cfg.Bind = dag.BindKerberos
	}
	needsPassword := cfg.Bind == dag.BindNTLM || (cfg.Bind == "" || cfg.Bind == dag.BindSimple) && cfg.BindUser != ""
	if needsPassword {
		pw, err := secret.Get(secret.Sources{File: c.String("bind-password-file"), Env: e.getenv("DPGRE_BIND_PASSWORD"), Prompt: e.prompt()})
		if err != nil {
			return nil, usagef("%v", err)
		}
		cfg.Password = pw
	}
	if cfg.Insecure {
		e.log.Warn("TLS certificate verification of the directory server is OFF (--insecure-skip-verify)")
	}
	return cfg, nil
}

// prompt asks for the password on the terminal, or returns nil when stdin
// is not one (cron, pipes): then only the file or variable will do.
func (e *env) prompt() func() (string, error) {
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func() (string, error) {
		e.stderr.Write([]byte("Bind password: "))
		b, err := term.ReadPassword(int(f.Fd()))
		e.stderr.Write([]byte("\n"))
		return string(b), err
	}
}
