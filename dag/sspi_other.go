//go:build !windows

package dag

import (
	"errors"

	"github.com/go-ldap/ldap/v3"
)

func sspiBind(*ldap.Conn, string) error {
	return errors.New("--bind sspi (the current Windows logon) works only on Windows; use --bind kerberos here")
}
