//go:build windows

package dag

import (
	"os"

	"github.com/go-ldap/ldap/v3"
	"github.com/go-ldap/ldap/v3/gssapi"
)

// sspiBind binds as the current Windows logon, so a domain-joined admin
// needs no password.
func sspiBind(conn *ldap.Conn, host string) error {
	cl, err := gssapi.NewSSPIClient()
	if err != nil {
		return err
	}
	defer cl.Close()
	return conn.GSSAPIBind(cl, "ldap/"+host, "")
}

func defaultCCache() string { return os.Getenv("KRB5CCNAME") }
