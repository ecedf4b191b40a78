package dag

import (
	"errors"
	"os"

	"github.com/go-ldap/ldap/v3"
	"github.com/go-ldap/ldap/v3/gssapi"
)

// kerberosBind binds with GSSAPI from a keytab or a credential cache
// (KRB5CCNAME or /tmp/krb5cc_<uid>). go-ldap's GSSAPI client negotiates no
// signing or sealing, so AD and Samba require TLS underneath it.
func kerberosBind(cfg Config, conn *ldap.Conn, host string) error {
	conf := cfg.Krb5Conf
	if conf == "" {
		conf = os.Getenv("KRB5_CONFIG")
	}
	if conf == "" {
		conf = "/etc/krb5.conf"
	}
	var (
		cl  *gssapi.Client
		err error
	)
	switch {
	case cfg.Keytab != "":
		if cfg.BindUser == "" {
			return errors.New("--keytab needs --bind-user (the principal)")
		}
		cl, err = gssapi.NewClientWithKeytab(cfg.BindUser, cfg.Realm, cfg.Keytab, conf)
	default:
		cc := cfg.CCache
		if cc == "" {
			cc = defaultCCache()
		}
		cl, err = gssapi.NewClientFromCCache(cc, conf)
	}
	if err != nil {
		return err
	}
	defer cl.Close()
	return conn.GSSAPIBind(cl, "ldap/"+host, "")
}
