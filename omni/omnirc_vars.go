package omni

import (
	"regexp"
	"sort"
	"strings"
)

// RCVar documents one omnirc variable. Only names with a source are listed;
// Verified is false for names seen in practice whose meaning no vendor
// document available to us confirms.
type RCVar struct {
	Name     string `json:"name"`
	Meaning  string `json:"meaning"`
	Default  string `json:"default"`
	Verified bool   `json:"verified"`
	Source   string `json:"source"`
}

const (
	srcAdminGuide = "HP Data Protector Administrator's Guide (omnirc options) and the shipped .omnirc.TMPL"
	srcPractice   = "named in support cases and forum posts; no vendor reference found"
)

// KnownRCVars is the documented list RC-002 compares names against.
var KnownRCVars = []RCVar{
	{"OB2DBG", "debug tracing switch; 0 disables debug logging (QCCR2A68100: the VMware GRE logs unless OB2DBG=0)", "unset", true, srcAdminGuide},
	{"OB2DEVSLEEP", "sleep time between retries when a device is busy", "documented in the template", true, srcAdminGuide},
	{"OB2ENCODE", "1 encodes backup data of every backup regardless of the specification", "0", true, srcAdminGuide},
	{"OB2OEXECOFF", "1 disables object pre-/post-exec scripts on this client", "0", true, srcAdminGuide},
	{"OB2REXECOFF", "1 disables remote session pre-/post-exec scripts on this client", "0", true, srcAdminGuide},
	{"OB2INCRDIFFTIME", "time margin applied to incremental backups", "documented in the template", true, srcAdminGuide},
	{"OB2CHECKCHANGETIME", "1 also uses the inode change time for UNIX incremental backups", "0", true, srcAdminGuide},
	{"OB2RECONNECT_ACK", "seconds to wait for an acknowledgement before a connection is considered lost", "1200", true, srcAdminGuide},
	{"OB2RECONNECT_RETRY", "seconds to keep trying to reconnect", "600", true, srcAdminGuide},
	{"OB2SHMEM_IPCGLOBAL", "HP-UX: use the global shared-memory window for agent IPC", "0", true, srcAdminGuide},
	{"OB2NOTREEWALK", "1 disables the tree walk for Windows file-system incremental backups", "0", true, srcAdminGuide},
	{"OB2PORTRANGE", "port range the agents listen on (firewalls)", "unset (any port)", true, srcAdminGuide},
	{"OB2PORTRANGESPEC", "port ranges per Data Protector process (firewalls)", "unset", true, srcAdminGuide},
	{"OB2_SSH_ENABLED", "1 uses SSH for remote installation and agent start", "0", true, srcAdminGuide},
	{"OB2_DISABLE_IDB_BKP_ENCRYPTION_WARNING", "1 silences the warning about unencrypted IDB backups", "0", true, srcAdminGuide},
	{"M_ARENA_OPTS", "HP-UX libc malloc arena tuning (not a Data Protector option)", "unset", true, srcAdminGuide},
	{"OB2DBGDIR", "directory for debug logs", "unset", false, srcPractice},
	{"OB2DBGSIZE", "size limit of debug logs", "unset", false, srcPractice},
	{"OB2BLKPADDING_n", "block padding for device n", "unset", false, srcPractice},
	{"OB2DNSCACHE", "caching of DNS look-ups by the agents", "unset", false, srcPractice},
	{"OB2SHMIPC", "shared-memory IPC between agents", "unset", false, srcPractice},
	{"OB2IPCNOTIFYPORT", "port for IPC notifications", "unset", false, srcPractice},
}

var blkPadding = regexp.MustCompile(`^OB2BLKPADDING_[0-9]+$`)

// LookupRCVar finds a known variable; names are matched case-sensitively,
// as the agents read them. OB2BLKPADDING_<n> matches its template entry.
func LookupRCVar(name string) (RCVar, bool) {
	if blkPadding.MatchString(name) {
		name = "OB2BLKPADDING_n"
	}
	for _, v := range KnownRCVars {
		if v.Name == name {
			return v, true
		}
	}
	return RCVar{}, false
}

// SuggestRCVar returns the known variable nearest to name by
// optimal-string-alignment distance (a transposition such as OB2DGB→OB2DBG
// costs 1), or "" when nothing is close enough to be a plausible typo.
func SuggestRCVar(name string) string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	up := strings.ToUpper(name)
	for _, v := range KnownRCVars {
		d := osaDistance(up, v.Name)
		if d <= maxTypo(len(v.Name)) {
			cs = append(cs, cand{v.Name, d})
		}
	}
	if len(cs) == 0 {
		return ""
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	return cs[0].name
}

func maxTypo(n int) int {
	if n <= 6 {
		return 2
	}
	return 3
}

// osaDistance is the Damerau–Levenshtein distance restricted to adjacent
// transpositions of non-overlapping substrings.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
