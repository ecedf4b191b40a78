package dag_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dpgre/dpgre/dag"
	"github.com/dpgre/dpgre/lab"
)

// A server that reads the request and closes the connection mid-search
// ends the discovery at once with an error naming server and operation.
func TestServerClosesMidSearch(t *testing.T) {
	closing, err := lab.StartClosingServer()
	if err != nil {
		t.Fatal(err)
	}
	defer closing.Close()
	start := time.Now()
	_, err = dag.Discover(context.Background(), dag.Config{URL: "ldap://" + closing.Addr, Timeout: 5 * time.Second})
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if err == nil || !strings.Contains(err.Error(), closing.Addr) || !strings.Contains(err.Error(), "rootDSE") {
		t.Errorf("err = %v", err)
	}
}

// A directory that only refers elsewhere is an error naming the referral,
// not an empty (and falsely clean) inventory.
func TestReferralsOnly(t *testing.T) {
	srv := startLab(t, lab.ScaleSpec(1), lab.LDAPOptions{AllowAnonymous: true, ReferralsOnly: true})
	_, err := dag.Discover(context.Background(), dag.Config{URL: srv.URL, Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "Exchange search") || !strings.Contains(strings.ToLower(err.Error()), "referral") {
		t.Errorf("err = %v", err)
	}
}

// A server slower than the timeout: the run ends within the timeout.
func TestSlowServerTimesOut(t *testing.T) {
	srv := startLab(t, lab.ScaleSpec(1), lab.LDAPOptions{AllowAnonymous: true, SearchDelay: 3 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := dag.Discover(ctx, dag.Config{URL: srv.URL, Timeout: time.Second})
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Errorf("took %s", el)
	}
	if err == nil || !strings.Contains(err.Error(), "rootDSE") {
		t.Errorf("err = %v", err)
	}
}
