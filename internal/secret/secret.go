// Package secret keeps passwords out of logs, reports, saved inventories
// and error messages: a Secret prints as [redacted] in every format.
package secret

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Secret holds a password. Only Reveal returns it.
type Secret struct{ v string }

// New wraps a password.
func New(v string) Secret { return Secret{v} }

// Reveal returns the password, for the one call that sends it.
func (s Secret) Reveal() string { return s.v }

// Empty tells whether no password was given.
func (s Secret) Empty() bool { return s.v == "" }

const redacted = "[redacted]"

func (s Secret) String() string               { return redacted }
func (s Secret) GoString() string             { return redacted }
func (s Secret) Format(f fmt.State, _ rune)   { io.WriteString(f, redacted) }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// MaxFileBytes bounds a password file.
const MaxFileBytes = 4096

// Sources says where a password may come from, in order of precedence.
type Sources struct {
	File   string                 // --bind-password-file
	Env    string                 // the value of DPGRE_BIND_PASSWORD
	Prompt func() (string, error) // an interactive prompt; nil when stdin is no terminal
	Open   func(string) (*os.File, error)
}

// ErrNoPassword means no source had a password.
var ErrNoPassword = errors.New("no password: use --bind-password-file FILE, DPGRE_BIND_PASSWORD, or run on a terminal to be prompted")

// Get returns the password from the first source that has one. A password
// file holds the password on its first line; a trailing CR/LF is dropped.
func Get(s Sources) (Secret, error) {
	if s.File != "" {
		open := s.Open
		if open == nil {
			open = os.Open
		}
		f, err := open(s.File)
		if err != nil {
			return Secret{}, fmt.Errorf("password file: %w", err)
		}
		defer f.Close()
		line, err := bufio.NewReader(io.LimitReader(f, MaxFileBytes)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return Secret{}, fmt.Errorf("password file %s: %w", s.File, err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return Secret{}, fmt.Errorf("password file %s is empty", s.File)
		}
		return New(line), nil
	}
	if s.Env != "" {
		return New(s.Env), nil
	}
	if s.Prompt != nil {
		p, err := s.Prompt()
		if err != nil {
			return Secret{}, fmt.Errorf("password prompt: %w", err)
		}
		if p == "" {
			return Secret{}, ErrNoPassword
		}
		return New(p), nil
	}
	return Secret{}, ErrNoPassword
}
