package hostname

import "testing"

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		a, b         string
		match, exact bool
	}{
		{"DAG-Backup.Domain.TLD.", "dag-backup.domain.tld", true, true},
		{"customer-dag1", "customer-dag1.domain.tld", true, false},
		{"customer-dag1.domain.tld", "CUSTOMER-DAG1", true, false},
		{"customer-dag1.a.tld", "customer-dag1.b.tld", false, false},
		{"dag-backup.domain.tld", "customer-dag1.domain.tld", false, false},
		{"", "x", false, false},
	} {
		m, e := Match(tc.a, tc.b)
		if m != tc.match || e != tc.exact {
			t.Errorf("Match(%q,%q) = %v,%v", tc.a, tc.b, m, e)
		}
	}
	if Domain("Ex1.Domain.TLD.") != "domain.tld" || Short("Ex1.Domain.TLD") != "ex1" {
		t.Error("Domain/Short")
	}
}
