//go:build !windows

package dag

import (
	"fmt"
	"os"
	"strings"
)

func defaultCCache() string {
	if v := os.Getenv("KRB5CCNAME"); v != "" {
		return strings.TrimPrefix(v, "FILE:")
	}
	return fmt.Sprintf("/tmp/krb5cc_%d", os.Getuid())
}
