package dag

import "fmt"

// DecodeGUID formats a 16-byte objectGUID as the lower-case .NET string that
// Get-MailboxDatabase and Data Protector's object names show. AD stores the
// first three fields little-endian (Microsoft layout): a naive hex dump of
// the bytes gives a different, wrong GUID.
func DecodeGUID(b []byte) (string, error) {
	if len(b) != 16 {
		return "", fmt.Errorf("objectGUID has %d bytes, want 16", len(b))
	}
	return fmt.Sprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6],
		b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]), nil
}

// EncodeGUID is DecodeGUID's inverse, for test directories and LDAP filters.
func EncodeGUID(s string) ([]byte, error) {
	var u [16]byte
	var hex [32]byte
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			continue
		}
		if n == 32 {
			return nil, fmt.Errorf("GUID %q too long", s)
		}
		hex[n] = s[i]
		n++
	}
	if n != 32 {
		return nil, fmt.Errorf("GUID %q: want 32 hex digits", s)
	}
	for i := 0; i < 16; i++ {
		var v byte
		if _, err := fmt.Sscanf(string(hex[2*i:2*i+2]), "%02x", &v); err != nil {
			return nil, fmt.Errorf("GUID %q: %w", s, err)
		}
		u[i] = v
	}
	return []byte{u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6],
		u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]}, nil
}
