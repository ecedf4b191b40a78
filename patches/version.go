// Package patches reads what Data Protector says about its version, patch
// bundle and hotfixes, and holds the knowledge base of releases and known
// QCCR issues those are judged against.
package patches

import (
	"fmt"
	"strconv"
	"strings"
)

// Level is a Data Protector release level: 9.07 is {9, 7}. A patch bundle
// shows in the version string (A.09.08 is bundle 9.08 on 9.00), so one type
// serves both.
type Level struct {
	Major, Minor int
}

// ParseLevel accepts "A.09.07", "09.07", "9.07", "9.7", "10.03" and "24.4".
func ParseLevel(s string) (Level, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "A."), "a.")
	maj, min, ok := strings.Cut(t, ".")
	if !ok {
		return Level{}, fmt.Errorf("version %q: want A.MM.mm or MM.mm", s)
	}
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(min)
	if err1 != nil || err2 != nil || a < 0 || b < 0 || a > 99 || b > 99 {
		return Level{}, fmt.Errorf("version %q: want A.MM.mm or MM.mm", s)
	}
	return Level{a, b}, nil
}

// Less orders levels.
func (l Level) Less(o Level) bool {
	if l.Major != o.Major {
		return l.Major < o.Major
	}
	return l.Minor < o.Minor
}

func (l Level) IsZero() bool { return l == Level{} }

// String prints the bundle form, "9.08".
func (l Level) String() string { return fmt.Sprintf("%d.%02d", l.Major, l.Minor) }

// Vendor prints the version-string form, "A.09.08".
func (l Level) Vendor() string { return fmt.Sprintf("A.%02d.%02d", l.Major, l.Minor) }
